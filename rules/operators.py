"""The closed table of comparison operators a rule condition may use.

Each operator names the question types it applies to, checks its argument
against the question when the rule set is loaded, and tests an answer value.
Structural operators (``rows``, ``ilab_listed``, ``wgi_below``) live in
``conditions.py`` because they look beyond a single value.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from .questions import (
    CHOICE_TYPES,
    LIST_TYPES,
    ORDERED_TYPES,
    SCALAR_TYPES,
    UNKNOWN,
    QuestionSpec,
    is_date,
    is_number,
    value_problem,
)

ArgCheck = Callable[[QuestionSpec, object], "str | None"]


@dataclass(frozen=True)
class Operator:
    """A comparison between an answer value and a rule argument."""

    name: str
    types: frozenset[str] | None  # None: any question type
    check: ArgCheck
    test: Callable[[Any, Any], bool]


def _flag(spec: QuestionSpec, arg: object) -> str | None:
    return None if arg is True else "takes `true` as its argument"


def _unknown_flag(spec: QuestionSpec, arg: object) -> str | None:
    if not spec.allows_unknown():
        return f"question {spec.id!r} cannot be answered 'unknown'"
    return _flag(spec, arg)


def _value(spec: QuestionSpec, arg: object) -> str | None:
    return value_problem(spec, arg)


def _values(spec: QuestionSpec, arg: object) -> str | None:
    if not isinstance(arg, list) or not arg:
        return "takes a non-empty list of values"
    return next((p for item in arg if (p := value_problem(spec, item))), None)


def _bound(spec: QuestionSpec, arg: object) -> str | None:
    if spec.type == "date":
        relative = (
            isinstance(arg, dict)
            and set(arg) == {"days_before_scoring"}
            and isinstance(arg["days_before_scoring"], int)
            and not isinstance(arg["days_before_scoring"], bool)
            and arg["days_before_scoring"] >= 0
        )
        if relative or is_date(arg):
            return None
        return f"takes a YYYY-MM-DD date or {{days_before_scoring: N}} for {spec.id!r}"
    return None if is_number(arg) else f"takes a number for {spec.id!r}, got {arg!r}"


def element_spec(spec: QuestionSpec) -> QuestionSpec:
    """Return the spec of one element of a list-valued question."""
    return replace(spec, type="single" if spec.type == "multiple" else "country")


def _element(spec: QuestionSpec, arg: object) -> str | None:
    return value_problem(element_spec(spec), arg)


def _elements(spec: QuestionSpec, arg: object) -> str | None:
    return _values(element_spec(spec), arg)


def _contains_any(value: Any, arg: Any) -> bool:
    return isinstance(value, list) and any(item in value for item in arg)


def _compare(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def compare(value: Any, arg: Any) -> bool:
        both_numbers = is_number(value) and is_number(arg)
        both_dates = isinstance(value, str) and isinstance(arg, str)
        return (both_numbers or both_dates) and test(value, arg)

    return compare


_SCALAR = frozenset(SCALAR_TYPES)
_ORDERED = frozenset(ORDERED_TYPES)
_LIST = frozenset(LIST_TYPES)

OPERATORS = MappingProxyType(
    {
        op.name: op
        for op in (
            Operator("equals", _SCALAR, _value, lambda v, a: v == a),
            Operator("not_equals", _SCALAR, _value, lambda v, a: v != a),
            Operator("in", _SCALAR, _values, lambda v, a: v in a),
            Operator("not_in", _SCALAR, _values, lambda v, a: v not in a),
            Operator("gt", _ORDERED, _bound, _compare(operator.gt)),
            Operator("gte", _ORDERED, _bound, _compare(operator.ge)),
            Operator("lt", _ORDERED, _bound, _compare(operator.lt)),
            Operator("lte", _ORDERED, _bound, _compare(operator.le)),
            Operator("contains", _LIST, _element, lambda v, a: isinstance(v, list) and a in v),
            Operator("contains_any", _LIST, _elements, _contains_any),
            Operator("answered", None, _flag, lambda v, a: True),
            Operator("unanswered", None, _flag, lambda v, a: True),
            Operator(
                "unknown", frozenset(CHOICE_TYPES | LIST_TYPES), _unknown_flag, lambda v, a: True
            ),
        )
    }
)

#: Operators that take a structured argument and are evaluated in ``conditions.py``.
STRUCTURAL = frozenset({"rows", "ilab_listed", "wgi_below"})

#: Every operator name a condition may use; anything else is rejected at load.
OPERATOR_NAMES = frozenset(OPERATORS) | STRUCTURAL


def mentions_unknown(arg: object) -> bool:
    """Return True when a rule argument names the "unknown" answer itself."""
    return arg == UNKNOWN or (isinstance(arg, list) and UNKNOWN in arg)


def holds_unknown(value: object) -> bool:
    """Return True when an answer value is, or includes, "unknown"."""
    return value == UNKNOWN or (isinstance(value, list) and UNKNOWN in value)
