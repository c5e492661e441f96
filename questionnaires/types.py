"""Answer types: what each question type accepts, how it compares and where it may be used.

One record per type, registered once. The definition schema and checks, the answer
validator (:func:`questionnaires.coerce_answer`), the condition operators of skip logic
and of the risk rules all read these records, so adding a question type is one
:func:`register_type` call (the built-in types are registered in ``values.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questionnaires.model import Option

#: Turns a raw value (never empty) into its canonical value for a question or column;
#: raises ``AnswerError`` when the value is not an answer of that type.
Coercer = Callable[[Any, object], Any]


class Shape(StrEnum):
    """How an answer of a type is stored."""

    SCALAR = "scalar"  # one value
    LIST = "list"  # a list of values
    TABLE = "table"  # a list of rows, each a mapping of column id to a scalar value
    FILES = "files"  # no value: the question is answered by uploading files


@dataclass(frozen=True, slots=True)
class AnswerType:
    """The facts about one question type."""

    name: str
    coerce: Coercer
    shape: Shape = Shape.SCALAR
    #: For list types: turns one element into its canonical value.
    element: Coercer | None = None
    #: For ordered types (``gt``/``gte``/``lt``/``lte``): turns a bound into a comparable value.
    bound: Callable[[object], Any] | None = None
    #: Answers are option values; with ``fixed_options`` the definition narrows them with
    #: ``choices``, otherwise it lists its own ``options``.
    options: bool = False
    fixed_options: tuple[Option, ...] | None = None
    #: Answers are ISO 3166-1 alpha-2 country codes.
    country: bool = False
    #: Free text: ``multiline`` and ``max_length`` apply.
    text: bool = False
    #: Takes ``min``, ``max`` and ``unit``; ``limits`` bound ``min`` and ``max`` themselves.
    bounds: bool = False
    limits: tuple[float, float] | None = None
    #: May be the type of a table column (scalar types only).
    column: bool = False

    @property
    def ordered(self) -> bool:
        """Return True when answers compare with ``gt``/``gte``/``lt``/``lte``."""
        return self.bound is not None


_TYPES: dict[str, AnswerType] = {}
#: Bumped on every registration, so derived tables (the definition schema) are rebuilt.
_generation = [0]


def register_type(answer_type: AnswerType) -> AnswerType:
    """Add (or replace) the question type ``answer_type.name`` and return it."""
    if answer_type.column and answer_type.shape is not Shape.SCALAR:
        raise ValueError(f"type {answer_type.name!r}: only scalar types can be table columns")
    if (answer_type.shape is Shape.LIST) != (answer_type.element is not None):
        raise ValueError(f"type {answer_type.name!r}: list types, and only they, need 'element'")
    _TYPES[answer_type.name] = answer_type
    _generation[0] += 1
    return answer_type


def unregister_type(name: str) -> None:
    """Remove a registered type (for tests that register their own)."""
    del _TYPES[name]
    _generation[0] += 1


def generation() -> int:
    """Return a number that changes whenever the set of types changes."""
    return _generation[0]


def answer_type(name: object) -> AnswerType:
    """Return the registered type called ``name``.

    :raises KeyError: if no such type is registered.
    """
    return _TYPES[str(name)]


def type_names(**facts: Any) -> tuple[str, ...]:
    """Return the names of the registered types, optionally only those with ``facts``."""
    return tuple(
        name
        for name, kind in _TYPES.items()
        if all(getattr(kind, fact) == wanted for fact, wanted in facts.items())
    )
