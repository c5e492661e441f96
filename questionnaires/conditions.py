"""Skip logic: ``show_if`` condition trees and the questions they make visible.

A condition is ``{all: [...]}``, ``{any: [...]}``, ``{not: c}`` or a leaf
``{question, op, value}``. Evaluation uses three values: a leaf whose question is
hidden, or unanswered (for any operator but ``answered``), is *unknown*, and a
question is shown only when its condition is definitely true. So a question whose
controlling question is hidden is hidden too, while ``any`` still shows it when
another branch is true.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questionnaires.model import Questionnaire

#: Operators that take a list of values.
LIST_OPERATORS = frozenset({"in", "not_in", "contains_any"})
#: Operators that compare numbers or ISO dates.
ORDER_OPERATORS = frozenset({"gt", "gte", "lt", "lte"})
#: Every operator a leaf may use.
OPERATORS = frozenset(
    {"equals", "not_equals", "contains", "answered"} | LIST_OPERATORS | ORDER_OPERATORS
)


@dataclass(frozen=True, slots=True)
class Leaf:
    """Compare the answer to one question with a value."""

    question: str
    op: str
    value: Any = None

    def leaves(self) -> Iterator[Leaf]:
        """Yield every leaf of the condition."""
        yield self

    def to_dict(self) -> dict[str, Any]:
        """Return the condition as plain data."""
        data: dict[str, Any] = {"question": self.question, "op": self.op}
        if self.op != "answered":
            data["value"] = list(self.value) if isinstance(self.value, tuple) else self.value
        return data


@dataclass(frozen=True, slots=True)
class AllOf:
    """True when every item is true."""

    items: tuple[Condition, ...]

    def leaves(self) -> Iterator[Leaf]:
        """Yield every leaf of the condition."""
        for item in self.items:
            yield from item.leaves()

    def to_dict(self) -> dict[str, Any]:
        """Return the condition as plain data."""
        return {"all": [item.to_dict() for item in self.items]}


@dataclass(frozen=True, slots=True)
class AnyOf:
    """True when at least one item is true."""

    items: tuple[Condition, ...]

    def leaves(self) -> Iterator[Leaf]:
        """Yield every leaf of the condition."""
        for item in self.items:
            yield from item.leaves()

    def to_dict(self) -> dict[str, Any]:
        """Return the condition as plain data."""
        return {"any": [item.to_dict() for item in self.items]}


@dataclass(frozen=True, slots=True)
class Not:
    """True when the item is false."""

    item: Condition

    def leaves(self) -> Iterator[Leaf]:
        """Yield every leaf of the condition."""
        yield from self.item.leaves()

    def to_dict(self) -> dict[str, Any]:
        """Return the condition as plain data."""
        return {"not": self.item.to_dict()}


Condition = Leaf | AllOf | AnyOf | Not


def parse_condition(raw: object) -> Condition:
    """Build a condition from its plain-data form.

    :raises ValueError: naming the first structural problem found.
    """
    if not isinstance(raw, Mapping):
        raise ValueError("a condition must be a mapping")
    for key, kind in (("all", AllOf), ("any", AnyOf)):
        if key in raw:
            if len(raw) != 1:
                raise ValueError(f"'{key}' must be the only key of its condition")
            items = raw[key]
            if not isinstance(items, list) or not items:
                raise ValueError(f"'{key}' needs a non-empty list of conditions")
            return kind(tuple(parse_condition(item) for item in items))
    if "not" in raw:
        if len(raw) != 1:
            raise ValueError("'not' must be the only key of its condition")
        return Not(parse_condition(raw["not"]))
    unexpected = sorted(str(key) for key in raw if key not in {"question", "op", "value"})
    if unexpected:
        raise ValueError(f"unexpected condition keys {unexpected}")
    question, op = raw.get("question"), raw.get("op")
    if not isinstance(question, str) or not question:
        raise ValueError("a condition needs a 'question' id")
    if op not in OPERATORS:
        raise ValueError(f"unknown operator {op!r}")
    if op == "answered":
        if "value" in raw:
            raise ValueError("operator 'answered' takes no value")
        return Leaf(question, op)
    if "value" not in raw:
        raise ValueError(f"operator '{op}' needs a value")
    value = raw["value"]
    if op in LIST_OPERATORS:
        if not isinstance(value, list) or not value:
            raise ValueError(f"operator '{op}' needs a non-empty list value")
        value = tuple(value)
    elif isinstance(value, list | dict):
        raise ValueError(f"operator '{op}' needs a single value")
    return Leaf(question, op, value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _compare(op: str, answer: object, value: object) -> bool:
    comparable = (_is_number(answer) and _is_number(value)) or (
        isinstance(answer, str) and isinstance(value, str)
    )
    if not comparable:
        return False
    if op == "gt":
        return answer > value  # type: ignore[operator]
    if op == "gte":
        return answer >= value  # type: ignore[operator]
    if op == "lt":
        return answer < value  # type: ignore[operator]
    return answer <= value  # type: ignore[operator]


def _evaluate_leaf(leaf: Leaf, answers: Mapping[str, Any], hidden: Set[str]) -> bool | None:
    if leaf.question in hidden:
        return None
    answer = answers.get(leaf.question)
    if leaf.op == "answered":
        return answer is not None
    if answer is None:
        return None
    if leaf.op in ORDER_OPERATORS:
        return _compare(leaf.op, answer, leaf.value)
    if leaf.op in {"contains", "contains_any"}:
        if not isinstance(answer, list):
            return False
        wanted = leaf.value if leaf.op == "contains_any" else (leaf.value,)
        return any(item in answer for item in wanted)
    if isinstance(answer, list | dict):
        return False
    if leaf.op == "equals":
        return answer == leaf.value
    if leaf.op == "not_equals":
        return answer != leaf.value
    if leaf.op == "in":
        return answer in leaf.value
    return answer not in leaf.value


def evaluate(
    condition: Condition, answers: Mapping[str, Any], hidden: Set[str] = frozenset()
) -> bool | None:
    """Evaluate ``condition``: ``True``, ``False`` or ``None`` when it cannot be decided.

    :param hidden: ids of questions currently hidden; their answers are ignored.
    """
    if isinstance(condition, Leaf):
        return _evaluate_leaf(condition, answers, hidden)
    if isinstance(condition, Not):
        result = evaluate(condition.item, answers, hidden)
        return None if result is None else not result
    results = [evaluate(item, answers, hidden) for item in condition.items]
    if isinstance(condition, AllOf):
        if False in results:
            return False
        return None if None in results else True
    if True in results:
        return True
    return None if None in results else False


def visible_question_ids(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> set[str]:
    """Return the ids of the questions shown for ``answers``, evaluating ``show_if`` in order."""
    visible: set[str] = set()
    hidden: set[str] = set()
    for question in questionnaire.questions:
        shown = question.show_if is None or evaluate(question.show_if, answers, hidden) is True
        (visible if shown else hidden).add(question.id)
    return visible
