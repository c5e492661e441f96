"""Canonical values from what people type into the templates.

Case and spacing never matter ("smelter  NOT listed" is "Smelter not listed"); the AMRT's
``1`` formatted as 0% is "100%"; dates become ISO; country names become ISO codes through the
resolver the caller passes (the project's Babel-based one).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta

#: Resolves a country name or code to ISO 3166-1 alpha-2, or None.
CountryResolver = Callable[[str], str | None]

_EXCEL_EPOCH = date(1899, 12, 30)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_DMY = re.compile(r"^(\d{1,2})[-/ .]([A-Za-z]{3,9})\.?[-/ .,]*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")


def text(value: object) -> str:
    """Return a cell's value as stripped text with single spaces ("" for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    cleaned = unicodedata.normalize("NFKC", str(value)).replace("\u00a0", " ")
    return " ".join(cleaned.split())


def fold(value: str) -> str:
    """Return *value* folded for comparing option texts: case and every space removed."""
    return "".join(text(value).casefold().split())


def option(value: object, options: tuple[str, ...]) -> str | None:
    """Return the canonical option that *value* spells, or None when it is none of them.

    The AMRT stores "100%" as the number 1 formatted as a percentage.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and value == 1 and "100%" in options:
        return "100%"
    wanted = fold(text(value))
    return next((o for o in options if fold(o) == wanted), None)


def iso_date(value: object) -> str | None:
    """Return an ISO date for a date cell, an Excel serial number or a typed date, else None.

    Typed dates are read as DD-MMM-YYYY (the template's format) or YYYY-MM-DD.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2_958_466:  # Excel's last day is 9999-12-31
            return (_EXCEL_EPOCH + timedelta(days=int(value))).isoformat()
        return None
    typed = text(value)
    try:
        if match := _ISO.match(typed):
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day).isoformat()
        if match := _DMY.match(typed):
            day, month_name, year = match.groups()
            month = _MONTHS.get(month_name[:3].casefold())
            return date(int(year), month, int(day)).isoformat() if month else None
    except ValueError:
        return None
    return None


def is_formula_like(value: object) -> bool:
    """Whether a text would start with "=" or "#" in a cell (RMI forbids both; "=" would
    also make a formula of it)."""
    return isinstance(value, str) and value.lstrip()[:1] in ("=", "#")


def is_email(value: str) -> bool:
    """Whether *value* is "n/a" or has an "@" between two non-empty parts (RMI's check)."""
    folded = value.strip().casefold()
    if folded in ("n/a", "na"):
        return True
    local, at, domain = folded.partition("@")
    return bool(at and local and domain)


def mineral_order(selected: list[str]) -> list[str]:
    """Return the selected minerals in the order of the per-mineral rows: alphabetical, as
    the template's array formula (``AA12:AA21``) sorts them."""
    return sorted(selected, key=lambda name: name.casefold())
