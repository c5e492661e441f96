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
