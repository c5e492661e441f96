"""The closed table of comparison operators a condition may use (grammar: ``conditions.py``).

Each operator says which question types it applies to (from the facts a type registers in
``types.py``), what its argument is, and how it tests an answer value.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from questionnaires.types import AnswerType, Shape


@dataclass(frozen=True)
class Operator:
    """A comparison between an answer value and a condition's argument."""

    name: str
    #: Whether the operator applies to a question (or column) of this type.
    applies: Callable[[AnswerType], bool]
    #: What the argument is: "flag" (``true``), "value", "values", "element", "elements",
    #: "bound" (checked in ``reading.py``).
    takes: str
    test: Callable[[Any, Any], bool]


def _contains_any(value: Any, arg: Any) -> bool:
    return isinstance(value, list) and any(item in value for item in arg)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _ordered(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def compare(value: Any, arg: Any) -> bool:
        both_numbers = _is_number(value) and _is_number(arg)
        both_dates = isinstance(value, str) and isinstance(arg, str)
        return (both_numbers or both_dates) and test(value, arg)

    return compare


def _scalar(kind: AnswerType) -> bool:
    return kind.shape is Shape.SCALAR


def _list(kind: AnswerType) -> bool:
    return kind.shape is Shape.LIST


def _ordered_type(kind: AnswerType) -> bool:
    return kind.ordered


def _any(kind: AnswerType) -> bool:
    return True


OPERATORS: Mapping[str, Operator] = {
    op.name: op
    for op in (
        Operator("equals", _scalar, "value", lambda v, a: v == a),
        Operator("not_equals", _scalar, "value", lambda v, a: v != a),
        Operator("in", _scalar, "values", lambda v, a: v in a),
        Operator("not_in", _scalar, "values", lambda v, a: v not in a),
        Operator("gt", _ordered_type, "bound", _ordered(operator.gt)),
        Operator("gte", _ordered_type, "bound", _ordered(operator.ge)),
        Operator("lt", _ordered_type, "bound", _ordered(operator.lt)),
        Operator("lte", _ordered_type, "bound", _ordered(operator.le)),
        Operator("contains", _list, "element", lambda v, a: isinstance(v, list) and a in v),
        Operator("contains_any", _list, "elements", _contains_any),
        Operator("answered", _any, "flag", lambda v, a: True),
        Operator("unanswered", _any, "flag", lambda v, a: True),
        Operator("unknown", _any, "flag", lambda v, a: True),
    )
}
