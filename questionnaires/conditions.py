"""Conditions: the one grammar of skip logic (``show_if``) and of the risk rules.

Each node is a mapping with exactly one operator key::

    {all: [node, ...]}  {any: [node, ...]}  {not: node}
    {question: <id>, <operator>: <argument>}            # operators.OPERATORS
    {question: <table id>, rows: <row node>}            # inside: {column: <id>, <operator>: ...}
    {question: <date id>, lt: {days_before_scoring: N}}  # where relative dates are allowed

A reader may add operators of its own (the rules add ``ilab_listed`` and ``wgi_below``).
Conditions are read by :func:`read_condition` (``reading.py``), which checks every question,
column, operator and value against the questionnaire.

A condition evaluates to one of four truth values. ``TRUE`` and ``FALSE`` are decided by
the answers; ``UNKNOWN`` means the outcome hangs on an answer that is "unknown" (lack of
visibility) and the condition does not name "unknown" itself; ``NONE`` means it hangs on
a question that is hidden or not answered. ``not`` swaps TRUE and FALSE only; ``all`` is
FALSE if any part is, else UNKNOWN, else NONE, else TRUE; ``any`` is TRUE if any part is,
else UNKNOWN, else NONE, else FALSE. A question is shown, and a rule fires, only on TRUE
(a rule reports UNKNOWN as undecided). Every outcome carries the answers that decided it.
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any

from questionnaires.model import UNKNOWN
from questionnaires.operators import Operator

if TYPE_CHECKING:
    from questionnaires.model import Questionnaire


class Truth(Enum):
    """Outcome of a condition (see the module docstring)."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Trigger:
    """An answer that decided a condition (a table answer: one of its rows)."""

    question: str
    value: Any

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"question": ..., "value": ...}``."""
        return {"question": self.question, "value": self.value}


@dataclass(frozen=True, slots=True)
class Outcome:
    """A truth value with the answers that decided it."""

    truth: Truth
    triggers: tuple[Trigger, ...] = ()


@dataclass(frozen=True, slots=True)
class Scope:
    """What a condition is evaluated against."""

    answers: Mapping[str, Any]
    #: Ids of the questions shown; answers to any other question are ignored.
    visible: Container[str]
    #: The table row in scope (inside ``rows``).
    row: Mapping[str, Any] | None = None
    #: The date relative dates count back from (the rules' scoring date).
    today: date | None = None
    #: What operators added by a reader look at (the rules: their reference data).
    data: Any = None

    def answer(self, question: str) -> Any:
        """Return the answer to a shown question, or None when hidden or unanswered."""
        return self.answers.get(question) if question in self.visible else None


class Condition:
    """A node of a condition tree."""

    def evaluate(self, scope: Scope) -> Outcome:
        """Return the outcome of this condition in ``scope``."""
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """Return the condition in its plain-data form."""
        raise NotImplementedError


def _merge(outcomes: Sequence[Outcome]) -> tuple[Trigger, ...]:
    merged: dict[str, Trigger] = {}
    for outcome in outcomes:
        for trigger in outcome.triggers:
            merged.setdefault(repr((trigger.question, trigger.value)), trigger)
    return tuple(merged.values())


def _select(outcomes: Sequence[Outcome], *truths: Truth) -> list[Outcome]:
    return [o for o in outcomes if o.truth in truths]


@dataclass(frozen=True)
class AllOf(Condition):
    children: tuple[Condition, ...]

    def evaluate(self, scope: Scope) -> Outcome:
        outs = [child.evaluate(scope) for child in self.children]
        if falses := _select(outs, Truth.FALSE):
            return Outcome(Truth.FALSE, _merge(falses))
        if _select(outs, Truth.UNKNOWN):
            # An "unknown" answer leaves the condition undecided even when a part of it is
            # unanswered (often a follow-up hidden because of that very answer).
            return Outcome(Truth.UNKNOWN, _merge(_select(outs, Truth.TRUE, Truth.UNKNOWN)))
        if _select(outs, Truth.NONE):
            return Outcome(Truth.NONE)
        return Outcome(Truth.TRUE, _merge(outs))

    def to_dict(self) -> dict[str, Any]:
        return {"all": [child.to_dict() for child in self.children]}


@dataclass(frozen=True)
class AnyOf(Condition):
    children: tuple[Condition, ...]

    def evaluate(self, scope: Scope) -> Outcome:
        outs = [child.evaluate(scope) for child in self.children]
        for truth in (Truth.TRUE, Truth.UNKNOWN):
            if chosen := _select(outs, truth):
                return Outcome(truth, _merge(chosen))
        if _select(outs, Truth.NONE):
            return Outcome(Truth.NONE)
        return Outcome(Truth.FALSE, _merge(outs))

    def to_dict(self) -> dict[str, Any]:
        return {"any": [child.to_dict() for child in self.children]}


_NEGATION = {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE}


@dataclass(frozen=True)
class Not(Condition):
    child: Condition

    def evaluate(self, scope: Scope) -> Outcome:
        out = self.child.evaluate(scope)
        return Outcome(_NEGATION.get(out.truth, out.truth), out.triggers)

    def to_dict(self) -> dict[str, Any]:
        return {"not": self.child.to_dict()}


def mentions_unknown(arg: object) -> bool:
    """Return True when a condition's argument names the "unknown" answer itself."""
    return arg == UNKNOWN or (isinstance(arg, list | tuple) and UNKNOWN in arg)


def holds_unknown(value: object) -> bool:
    """Return True when an answer value is, or includes, "unknown"."""
    return value == UNKNOWN or (isinstance(value, list) and UNKNOWN in value)


def resolve(arg: Any, scope: Scope) -> Any:
    """Return an argument with a date relative to ``scope.today`` made absolute."""
    if isinstance(arg, dict) and "days_before_scoring" in arg and scope.today is not None:
        return (scope.today - timedelta(days=arg["days_before_scoring"])).isoformat()
    return arg


def compare(op: Operator, value: Any, arg: Any) -> Truth:
    """Return the truth of ``op`` on an answered ``value`` (see the module docstring)."""
    if op.name == "unknown":
        return Truth.TRUE if holds_unknown(value) else Truth.FALSE
    if value == UNKNOWN and not mentions_unknown(arg):
        return Truth.UNKNOWN
    if op.test(value, arg):
        return Truth.TRUE
    if holds_unknown(value) and not mentions_unknown(arg):
        return Truth.UNKNOWN
    return Truth.FALSE


def _leaf(op: Operator, value: Any, arg: Any, scope: Scope, shown: bool) -> Truth:
    if op.name == "answered":
        return Truth.TRUE if value is not None else Truth.FALSE
    if op.name == "unanswered":
        return Truth.TRUE if shown and value is None else Truth.FALSE
    if value is None:
        return Truth.NONE
    return compare(op, value, resolve(arg, scope))


def _plain(arg: Any) -> Any:
    return list(arg) if isinstance(arg, tuple) else arg


@dataclass(frozen=True)
class QuestionLeaf(Condition):
    """A comparison on the answer to one question."""

    question: str
    operator: Operator
    arg: Any

    def evaluate(self, scope: Scope) -> Outcome:
        value = scope.answer(self.question)
        truth = _leaf(self.operator, value, self.arg, scope, self.question in scope.visible)
        if truth is Truth.NONE:
            return Outcome(truth)
        return Outcome(truth, (Trigger(self.question, value),))

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, self.operator.name: _plain(self.arg)}


@dataclass(frozen=True)
class ColumnLeaf(Condition):
    """A comparison on one cell of the table row in scope (triggers come from ``Rows``)."""

    column: str
    operator: Operator
    arg: Any

    def evaluate(self, scope: Scope) -> Outcome:
        value = (scope.row or {}).get(self.column)
        return Outcome(_leaf(self.operator, value, self.arg, scope, shown=True))

    def to_dict(self) -> dict[str, Any]:
        return {"column": self.column, self.operator.name: _plain(self.arg)}


@dataclass(frozen=True)
class Rows(Condition):
    """True when any row of a table answer matches the nested row condition."""

    question: str
    condition: Condition

    def evaluate(self, scope: Scope) -> Outcome:
        table = scope.answer(self.question)
        if not isinstance(table, list) or not table:
            return Outcome(Truth.NONE)
        rows = [row for row in table if isinstance(row, dict)]
        truths = [self.condition.evaluate(replace(scope, row=row)).truth for row in rows]
        for wanted in (Truth.TRUE, Truth.UNKNOWN):
            matched = [row for row, truth in zip(rows, truths, strict=True) if truth is wanted]
            if matched:
                return Outcome(wanted, tuple(Trigger(self.question, row) for row in matched))
        return Outcome(Truth.FALSE, (Trigger(self.question, table),))

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "rows": self.condition.to_dict()}


def holds(condition: Condition, scope: Scope) -> bool:
    """Return True when ``condition`` is definitely true in ``scope``."""
    return condition.evaluate(scope).truth is Truth.TRUE


def visible_question_ids(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> set[str]:
    """Return the ids of the questions shown for ``answers``, evaluating ``show_if`` in order.

    A condition refers only to earlier questions, so a question whose controlling
    question is hidden reads that answer as missing.
    """
    visible: set[str] = set()
    scope = Scope(answers, visible)
    for question in questionnaire.questions:
        if question.show_if is None or holds(question.show_if, scope):
            visible.add(question.id)
    return visible
