"""Bidirectional control characters: the one place that takes them out of people's text.

Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what a reader
sees, so that ``invoice\u202efdp.exe`` shows as ``invoiceexe.pdf``. Names, answers, comments
and file names pass through :func:`strip_bidi` before they are stored.
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")

#: The characters removed: LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_REMOVE = dict.fromkeys(map(ord, BIDI_CONTROLS))


def strip_bidi(value: T) -> T:
    """Return *value* without bidirectional controls when it is text, unchanged otherwise.

    Usable as a WTForms filter, which also passes ``None`` for an absent field.
    """
    return value.translate(_REMOVE) if isinstance(value, str) else value
