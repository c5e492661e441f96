"""Answers as people read them, in a given language."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

from questionnaires.countries import country_name
from questionnaires.model import UNKNOWN, YES_NO_OPTIONS, Question, QuestionType


def join_list(items, locale: str) -> str:
    """Return *items* as one list in *locale*'s way: "A, B" in English, "A、B" in Japanese."""
    separator = "、" if str(locale).startswith("ja") else ", "
    return separator.join(str(item) for item in items)


def _option_label(options, value, locale: str) -> str:
    for option in options:
        if option.value == value:
            return option.label.get(locale)
    return str(value)


def _country(code, locale: str) -> str:
    return country_name(code, locale) or str(code)


def _scalar(kind, options, value, locale: str, unit=None) -> str:
    if value is None or value == "":
        return ""
    if kind in (QuestionType.YES_NO, QuestionType.SINGLE):
        return _option_label(options, value, locale)
    if kind == QuestionType.COUNTRY:
        return _country(value, locale)
    if kind in (QuestionType.NUMBER, QuestionType.PERCENTAGE):
        if value == UNKNOWN:
            return _option_label(YES_NO_OPTIONS, value, locale)
        text = format_decimal(value, locale=locale)
        if kind == QuestionType.PERCENTAGE:
            return f"{text} %"
        return f"{text} {unit.get(locale)}" if unit is not None else text
    if kind == QuestionType.DATE:
        try:
            return format_date(date.fromisoformat(str(value)), "long", locale=locale)
        except ValueError:
            return str(value)
    return str(value)


def answer_text(question: Question, value, locale: str) -> str:
    """Return *value* of *question* as text in *locale* (tables as one row per line)."""
    if value is None:
        return ""
    kind = question.type
    if kind == QuestionType.MULTIPLE:
        values = value if isinstance(value, list) else [value]
        return join_list((_option_label(question.options, v, locale) for v in values), locale)
    if kind == QuestionType.COUNTRIES:
        values = value if isinstance(value, list) else [value]
        return join_list((_country(v, locale) for v in values), locale)
    if kind == QuestionType.TABLE:
        rows = [value] if isinstance(value, dict) else value
        if not isinstance(rows, list):
            return str(value)
        lines = []
        for row in rows:
            if not isinstance(row, dict):
                lines.append(str(row))
                continue
            cells = [
                _scalar(c.type, c.options, row.get(c.id), locale)
                for c in question.columns
                if row.get(c.id) not in (None, "")
            ]
            lines.append(" · ".join(cells))
        return "\n".join(lines)
    return _scalar(kind, question.options, value, locale, question.unit)
