"""Values formatted for the report's language: texts, dates, countries, numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.lists import format_list
from babel.numbers import format_decimal

from questionnaires.countries import country_name

from .data import Display


class Formatter:
    """Format values in one report language, independent of any request locale."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.locale = Locale.parse(lang)

    def text(self, value: Display | None) -> str:
        """Return a bilingual value in the report's language, falling back to English."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, Mapping):
            return (
                value.get(self.lang)
                or value.get("en")
                or next((v for v in value.values() if v), "")
            )
        return str(value)

    def country(self, code: str) -> str:
        """Return the localised name of an ISO 3166 alpha-2 country code."""
        return country_name(code, str(self.locale)) or code

    def date(self, value: date | None, empty: str = "—") -> str:
        """Return a date in the locale's long form, e.g. 2026年11月22日."""
        if value is None:
            return empty
        if isinstance(value, datetime):
            value = value.astimezone(UTC).date()
        return format_date(value, format="long", locale=self.locale)

    def datetime(self, value: datetime | None, empty: str = "—") -> str:
        """Return a UTC date and time, e.g. 2026年11月22日 10:15 UTC."""
        if value is None:
            return empty
        value = _utc(value)
        day = format_date(value.date(), format="long", locale=self.locale)
        time = format_datetime(value, "HH:mm", tzinfo=UTC, locale=self.locale)
        return f"{day} {time} UTC"

    def timestamp(self, value: datetime) -> str:
        """Return a compact UTC date and time for tables."""
        value = _utc(value)
        day = format_date(value.date(), format="medium", locale=self.locale)
        return f"{day} {format_datetime(value, 'HH:mm', tzinfo=UTC, locale=self.locale)}"

    def list(self, items: Sequence[str]) -> str:
        """Return items as a list in the locale's style ("A, B, and C", "A、B、C")."""
        return format_list(list(items), locale=self.locale)

    def number(self, value: float) -> str:
        """Return a score with at most one decimal place."""
        return format_decimal(round(value, 1), format="#,##0.#", locale=self.locale)


def _utc(value: datetime) -> datetime:
    """Return ``value`` in UTC; a naive datetime is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
