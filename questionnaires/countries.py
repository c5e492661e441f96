"""ISO 3166-1 alpha-2 country codes, from Babel's territory data."""

from __future__ import annotations

import functools

from babel import Locale

#: Two-letter CLDR territories that are not assigned ISO 3166-1 countries:
#: unknown region, groupings, pseudo-locales, user-assigned and reserved codes.
NOT_COUNTRIES = frozenset(
    {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB", "XK", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
)


@functools.cache
def country_codes() -> frozenset[str]:
    """Return the valid ISO 3166-1 alpha-2 codes."""
    territories = Locale("en").territories
    return frozenset(
        code
        for code in territories
        if len(code) == 2 and code.isascii() and code.isalpha() and code not in NOT_COUNTRIES
    )


def is_country(code: object) -> bool:
    """Return whether ``code`` is a valid upper-case ISO 3166-1 alpha-2 code."""
    return isinstance(code, str) and code in country_codes()


#: Names used in official texts where CLDR's short name adds a disambiguating city
#: (CLDR's own "alt-variant" names, which Babel does not carry).
NAME_OVERRIDES = {
    "en": {"CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo"},
    "ja": {"CD": "コンゴ民主共和国", "CG": "コンゴ共和国"},
}


@functools.cache
def _territories(language: str) -> dict[str, str]:
    """Return CLDR's territory names in *language* with our overrides (parsed once)."""
    return {**Locale.parse(language).territories, **NAME_OVERRIDES.get(language, {})}


def _language(locale: object) -> str:
    return str(locale).split("_")[0].split("-")[0]


def country_name(code: object, locale: str) -> str:
    """Return the name of an ISO 3166-1 alpha-2 country in ``locale`` ("en", "ja", "ja_JP")."""
    if not isinstance(code, str) or not code:
        return ""
    return _territories(_language(locale)).get(code.upper()) or code


@functools.cache
def _sorted_names(language: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        sorted(((c, country_name(c, language)) for c in country_codes()), key=lambda p: p[1])
    )


def country_names(locale: str) -> list[tuple[str, str]]:
    """Return (code, localised name) of every country, sorted by name."""
    return list(_sorted_names(_language(locale)))
