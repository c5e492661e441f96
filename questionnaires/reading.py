"""Read condition trees from definition or rule-set data, collecting every problem with its path.

The grammar is described in ``conditions.py``. Every question, column, operator and value
is checked against the questionnaire here, for skip logic and rules alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from questionnaires.conditions import (
    AllOf,
    AnyOf,
    ColumnLeaf,
    Condition,
    Not,
    QuestionLeaf,
    Rows,
)
from questionnaires.errors import INVALID_CHOICE, INVALID_COUNTRY, AnswerError
from questionnaires.model import Column, Question
from questionnaires.operators import OPERATORS, Operator
from questionnaires.types import Shape, answer_type
from questionnaires.values import is_empty

_BRANCHES = ("all", "any", "not")
_SUBJECTS = ("question", "column")

#: A question or a table column.
Item = Question | Column
#: Reads an operator added by a reader: ``(subject, argument, path, context)``, where the
#: subject is the question or column the leaf names (None when it names none).
Extension = Callable[[Item | None, Any, str, "Context"], Condition | None]


@dataclass
class Context:
    """What a condition may refer to while it is being read, and the problems found."""

    questions: Mapping[str, Question]
    problems: list[str] = field(default_factory=list)
    #: The table whose rows are in scope (inside ``rows``).
    table: Question | None = None
    #: Whether ``{days_before_scoring: N}`` bounds are allowed (the rules' scoring date).
    relative_dates: bool = False
    #: Operators added by the reader, by name.
    extensions: Mapping[str, Extension] = field(default_factory=dict)
    #: The message for a question id that ``questions`` does not hold.
    missing: Callable[[object], str] = lambda name: f"unknown question id {name!r}"

    def problem(self, path: str, message: str) -> None:
        """Record a problem at ``path``."""
        self.problems.append(f"{path}: {message}")


def read_condition(node: object, path: str, context: Context) -> Condition | None:
    """Return the condition tree of ``node``, or None after recording its problems."""
    if not isinstance(node, dict):
        context.problem(path, f"a condition must be a mapping, got {node!r}")
        return None
    branch = [key for key in node if key in _BRANCHES]
    if branch:
        if len(node) != 1:
            context.problem(path, f"{branch[0]!r} must be the only key of its mapping")
            return None
        return _read_branch(branch[0], node[branch[0]], f"{path}.{branch[0]}", context)
    return _read_leaf(node, path, context)


def _read_branch(kind: str, body: object, path: str, context: Context) -> Condition | None:
    if kind == "not":
        child = read_condition(body, path, context)
        return Not(child) if child is not None else None
    if not isinstance(body, list) or not body:
        context.problem(path, f"{kind!r} takes a non-empty list of conditions")
        return None
    children = [read_condition(item, f"{path}[{i}]", context) for i, item in enumerate(body)]
    if any(child is None for child in children):
        return None
    return (AllOf if kind == "all" else AnyOf)(tuple(children))  # type: ignore[arg-type]


def _read_leaf(node: dict, path: str, context: Context) -> Condition | None:
    subjects = [key for key in _SUBJECTS if key in node]
    operators = [key for key in node if key not in _SUBJECTS]
    known = {*OPERATORS, "rows", *context.extensions}
    unknown = [key for key in operators if key not in known]
    if unknown:
        context.problem(path, f"unknown operator(s) {', '.join(map(repr, unknown))}")
        return None
    if len(operators) != 1 or len(subjects) > 1:
        context.problem(path, "a leaf needs exactly one operator and at most one subject")
        return None
    name = operators[0]
    arg = node[name]
    at = f"{path}.{name}"
    subject = _subject(subjects[0], node[subjects[0]], path, context) if subjects else None
    if subjects and subject is None:
        return None
    if name in context.extensions:
        return context.extensions[name](subject, arg, at, context)
    if subject is None:
        context.problem(path, f"operator {name!r} needs a 'question' or 'column'")
        return None
    if name == "rows":
        return _read_rows(subject, arg, at, context)
    op = OPERATORS[name]
    if not op.applies(answer_type(subject.type)):
        context.problem(at, f"does not apply to {subject.type} question {subject.id!r}")
        return None
    problem = _argument_problem(op, subject, arg, context)
    if problem:
        context.problem(at, problem)
        return None
    arg = tuple(arg) if isinstance(arg, list) else arg
    if subjects[0] == "question":
        return QuestionLeaf(subject.id, op, arg)
    return ColumnLeaf(subject.id, op, arg)


def _subject(kind: str, name: object, path: str, context: Context) -> Item | None:
    if kind == "question":
        question = context.questions.get(name) if isinstance(name, str) else None
        if question is None:
            context.problem(path, context.missing(name))
        return question
    if context.table is None:
        context.problem(path, "'column' is only allowed inside 'rows'")
        return None
    column = next((c for c in context.table.columns if c.id == name), None)
    if column is None:
        context.problem(path, f"table {context.table.id!r} has no column {name!r}")
    return column


def _read_rows(subject: Item, arg: object, path: str, context: Context) -> Condition | None:
    if not isinstance(subject, Question) or answer_type(subject.type).shape is not Shape.TABLE:
        context.problem(path, f"'rows' needs a table question, {subject.id!r} is {subject.type}")
        return None
    if context.table is not None:
        context.problem(path, "'rows' cannot be nested")
        return None
    inner = replace(context, table=subject)
    condition = read_condition(arg, path, inner)
    return Rows(subject.id, condition) if condition is not None else None


def _bound_problem(subject: Item, arg: object, context: Context) -> str | None:
    if context.relative_dates and isinstance(arg, dict):
        days = arg.get("days_before_scoring")
        valid = set(arg) == {"days_before_scoring"} and isinstance(days, int)
        if valid and not isinstance(days, bool) and days >= 0 and subject.type == "date":
            return None
    bound = answer_type(subject.type).bound
    try:
        if bound is not None and not isinstance(arg, bool) and bound(arg) == arg:
            return None
    except ValueError:
        pass
    if subject.type == "date":
        relative = " or {days_before_scoring: N}" if context.relative_dates else ""
        return f"takes a YYYY-MM-DD date{relative} for {subject.id!r}, got {arg!r}"
    return f"takes a number for {subject.id!r}, got {arg!r}"


def _argument_problem(op: Operator, subject: Item, arg: object, context: Context) -> str | None:
    if op.takes == "flag":
        if op.name == "unknown" and not subject.accepts_unknown:
            return f"question {subject.id!r} cannot be answered 'unknown'"
        return None if arg is True else "takes `true` as its argument"
    if op.takes == "bound":
        return _bound_problem(subject, arg, context)
    check = element_problem if op.takes.startswith("element") else value_problem
    if op.takes in {"values", "elements"}:
        if not isinstance(arg, list) or not arg:
            return "takes a non-empty list of values"
        return next((p for item in arg if (p := check(subject, item))), None)
    if isinstance(arg, list | dict):
        return "takes a single value"
    return check(subject, arg)


def _what(item: Question | Column) -> str:
    return f"{item.type} question {item.id!r}"


def _problem(item: Question | Column, value: object, error: AnswerError) -> str:
    if error.code == INVALID_CHOICE:
        listed = ", ".join(option.value for option in item.options)
        return f"{value!r} is not an option of {_what(item)} ({listed})"
    if error.code == INVALID_COUNTRY:
        return f"{value!r} is not an ISO 3166-1 alpha-2 country code (question {item.id!r})"
    return f"{value!r} is not a valid answer to {_what(item)}: {error.message}"


def _strict(item: Question | Column, value: object, coerce: Callable[[], Any]) -> str | None:
    if isinstance(value, bool):
        return (
            f"{value!r} is not a valid answer to {_what(item)}"
            " (write yes/no in quotes: YAML reads a bare yes/no as true/false)"
        )
    try:
        canonical = None if is_empty(value) else coerce()
    except AnswerError as error:
        return _problem(item, value, error)
    if canonical is None or canonical != value or type(canonical) is not type(value):
        return f"{value!r} is not the canonical form of an answer to {_what(item)}"
    return None


def value_problem(item: Question | Column, value: object) -> str | None:
    """Return why ``value`` is not a canonical answer to ``item``, or None when it is.

    Conditions use it to check their values when a definition or rule set is loaded.
    """
    kind = answer_type(item.type)
    return _strict(item, value, lambda: kind.coerce(item, value))


def element_problem(item: Question | Column, value: object) -> str | None:
    """Return why ``value`` is not one canonical element of a list-valued ``item``, or None."""
    element = answer_type(item.type).element
    if element is None:
        return f"{_what(item)} does not hold a list"
    return _strict(item, value, lambda: element(item, value))
