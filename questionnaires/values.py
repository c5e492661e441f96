"""Turn raw input (HTML form strings or JSON values) into canonical answer values.

The one answer validator: :func:`coerce_answer` reads input (``reading.value_problem``
uses it to check that a value written in a definition or rule set is already canonical).
The built-in question types are registered here.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from bidi_controls import strip_bidi
from questionnaires.countries import country_codes
from questionnaires.errors import (
    CELL_TOO_LONG,
    EVIDENCE_ONLY,
    INVALID_CHOICE,
    INVALID_COUNTRY,
    INVALID_DATE,
    INVALID_ROW,
    INVALID_TABLE,
    INVALID_TEXT,
    NOT_A_NUMBER,
    OUT_OF_RANGE,
    TOO_FEW_ROWS,
    TOO_LONG,
    TOO_MANY_ROWS,
    AnswerError,
)
from questionnaires.model import (
    MAX_TABLE_ROWS,
    UNKNOWN,
    YES_NO_OPTIONS,
    Column,
    Option,
    Question,
    QuestionType,
)
from questionnaires.types import AnswerType, Coercer, Shape, answer_type, register_type

#: Bound on numbers when the question sets none, so values stay storable.
MAX_MAGNITUDE = 10**15

_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|[+-]?\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SEPARATORS = re.compile(r"[\s,;]+")


def is_empty(raw: object, depth: int = 0) -> bool:
    """Return True when *raw* holds no answer (blank text, empty lists; bidi controls ignored)."""
    if raw is None:
        return True
    if isinstance(raw, str):
        return not strip_bidi(raw).strip()
    if isinstance(raw, list | tuple):
        # Answers nest two levels at most; deeper input is not empty, and its type refuses it.
        return depth < 2 and all(is_empty(item, depth + 1) for item in raw)
    return False


def _choice(raw: object, options: tuple[Option, ...]) -> str:
    if isinstance(raw, str):
        value = raw.strip()
        if any(option.value == value for option in options):
            return value
    raise AnswerError(INVALID_CHOICE)


def _choices(raw: object, options: tuple[Option, ...]) -> list[str]:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple):
        raise AnswerError(INVALID_CHOICE)
    chosen = {_choice(item, options) for item in items if not is_empty(item)}
    return [option.value for option in options if option.value in chosen]


def _parse_number(raw: object) -> int | float:
    if isinstance(raw, bool):
        raise AnswerError(NOT_A_NUMBER)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        number: int | float = raw
    elif isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).replace("\u2212", "-").strip()
        text = text.removesuffix("%").strip()
        if not _NUMBER.fullmatch(text):
            raise AnswerError(NOT_A_NUMBER)
        text = text.replace(",", "")
        try:
            number = float(text) if "." in text else int(text)
        except ValueError:  # more digits than int() accepts
            raise AnswerError(NOT_A_NUMBER) from None
    else:
        raise AnswerError(NOT_A_NUMBER)
    if isinstance(number, float):
        if not math.isfinite(number):
            raise AnswerError(NOT_A_NUMBER)
        if number.is_integer() and abs(number) <= MAX_MAGNITUDE:
            number = int(number)
    return number


def _number(raw: object, minimum: int | float | None, maximum: int | float | None) -> int | float:
    number = _parse_number(raw)
    low = -MAX_MAGNITUDE if minimum is None else minimum
    high = MAX_MAGNITUDE if maximum is None else maximum
    if not low <= number <= high:
        raise AnswerError(OUT_OF_RANGE, {"min": low, "max": high})
    return number


def _date(raw: object) -> str:
    if isinstance(raw, datetime.date) and not isinstance(raw, datetime.datetime):
        return raw.isoformat()
    if isinstance(raw, str) and _DATE.fullmatch(raw.strip()):
        try:
            return datetime.date.fromisoformat(raw.strip()).isoformat()
        except ValueError:
            pass
    raise AnswerError(INVALID_DATE)


def _country(raw: object) -> str:
    if isinstance(raw, str):
        code = raw.strip().upper()
        if code in country_codes():
            return code
    raise AnswerError(INVALID_COUNTRY)


def _countries(raw: object) -> list[str]:
    items = _SEPARATORS.split(raw) if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple):
        raise AnswerError(INVALID_COUNTRY)
    return sorted({_country(item) for item in items if not is_empty(item)})


def _text(raw: object, limit: int) -> str:
    if not isinstance(raw, str):
        raise AnswerError(INVALID_TEXT)
    text = strip_bidi(raw).replace("\r\n", "\n").replace("\r", "\n").strip()
    if any(unicodedata.category(char) in {"Cc", "Cs"} and char not in "\t\n" for char in text):
        raise AnswerError(INVALID_TEXT)
    if len(text) > limit:
        raise AnswerError(TOO_LONG, {"max": limit})
    return text


def _scalar(column: Column, raw: object) -> Any:
    return answer_type(column.type).coerce(column, raw)


def _table(question: Question, raw: object) -> list[dict[str, Any]] | None:
    if not isinstance(raw, list | tuple):
        raise AnswerError(INVALID_TABLE)
    if len(raw) > MAX_TABLE_ROWS:
        raise AnswerError(TOO_MANY_ROWS, {"max": MAX_TABLE_ROWS})
    columns = {column.id: column for column in question.columns}
    rows: list[dict[str, Any]] = []
    for number, raw_row in enumerate(raw, start=1):
        if not isinstance(raw_row, Mapping):
            raise AnswerError(INVALID_ROW, {"row": number, "column": "-"})
        unknown = [key for key in raw_row if key not in columns]
        if unknown:
            raise AnswerError(INVALID_ROW, {"row": number, "column": str(unknown[0])})
        row: dict[str, Any] = {}
        for column in question.columns:
            cell = raw_row.get(column.id)
            if is_empty(cell):
                continue
            try:
                row[column.id] = _scalar(column, cell)
            except AnswerError as error:
                where = {"row": number, "column": column.id}
                if error.code == TOO_LONG:
                    raise AnswerError(CELL_TOO_LONG, {**where, **error.params}) from None
                raise AnswerError(INVALID_ROW, where) from None
        if not row:
            continue  # blank rows come from empty form lines
        missing = next((c.id for c in question.columns if c.required and c.id not in row), None)
        if missing is not None:
            raise AnswerError(INVALID_ROW, {"row": number, "column": missing})
        rows.append(row)
    if not rows:
        return None
    if question.min_rows and len(rows) < question.min_rows:
        raise AnswerError(TOO_FEW_ROWS, {"min": question.min_rows})
    return rows


def coerce_answer(question: Question | Column, raw: object) -> Any:
    """Return the canonical answer value for ``raw``, or ``None`` when it is empty.

    Choices become option values (``multiple`` as a list in option order), numbers
    ``int`` or ``float``, dates ``YYYY-MM-DD``, countries upper-case ISO codes (a
    sorted list for ``countries``), text a stripped string, tables a list of row
    dicts without empty cells.

    :raises AnswerError: if ``raw`` is not a valid answer to ``question``.
    """
    if is_empty(raw):
        return None
    return answer_type(question.type).coerce(question, raw)


def _or_unknown(coerce: Coercer) -> Coercer:
    """Return ``coerce`` that also reads "unknown" for a question with ``unknown: true``."""

    def read(item: Question | Column, raw: object) -> Any:
        unknown = getattr(item, "unknown", False) and isinstance(raw, str)
        if unknown and raw.strip().casefold() == UNKNOWN:  # type: ignore[union-attr]
            return UNKNOWN
        return coerce(item, raw)

    return read


def _number_bound(raw: object) -> int | float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise AnswerError(NOT_A_NUMBER)
    return _parse_number(raw)


def _percentage(question: Question | Column, raw: object) -> int | float:
    low = 0 if question.min is None else max(0, question.min)
    high = 100 if question.max is None else min(100, question.max)
    return _number(raw, low, high)


def _evidence_only(question: Question, raw: object) -> Any:
    raise AnswerError(EVIDENCE_ONLY)


def _choice_of(item: Question | Column, raw: object) -> str:
    return _choice(raw, item.options)


def _country_of(item: Question | Column, raw: object) -> str:
    return _country(raw)


for _kind in (
    AnswerType(
        QuestionType.YES_NO,
        _choice_of,
        options=True,
        fixed_options=YES_NO_OPTIONS,
        column=True,
    ),
    AnswerType(QuestionType.SINGLE, _choice_of, options=True, column=True),
    AnswerType(
        QuestionType.MULTIPLE,
        lambda q, raw: _choices(raw, q.options) or None,
        shape=Shape.LIST,
        element=_choice_of,
        options=True,
    ),
    AnswerType(
        QuestionType.NUMBER,
        _or_unknown(lambda q, raw: _number(raw, q.min, q.max)),
        bound=_number_bound,
        bounds=True,
        column=True,
    ),
    AnswerType(
        QuestionType.PERCENTAGE,
        _or_unknown(_percentage),
        bound=_number_bound,
        bounds=True,
        limits=(0, 100),
        column=True,
    ),
    AnswerType(QuestionType.DATE, lambda q, raw: _date(raw), bound=_date),
    AnswerType(QuestionType.COUNTRY, _country_of, country=True, column=True),
    AnswerType(
        QuestionType.COUNTRIES,
        lambda q, raw: _countries(raw) or None,
        shape=Shape.LIST,
        element=_country_of,
        country=True,
    ),
    AnswerType(QuestionType.TEXT, lambda q, raw: _text(raw, q.text_limit), text=True, column=True),
    AnswerType(QuestionType.TABLE, lambda q, raw: _table(q, raw), shape=Shape.TABLE),
    AnswerType(QuestionType.EVIDENCE, _evidence_only, shape=Shape.FILES),
):
    register_type(_kind)
