"""How many examples property tests draw: a quarter in the everyday run, all in a deep one.

``make test-deep`` (``ASSAY_TEST_DEEP=1``) draws the full counts; the everyday ``make test``
keeps the same properties at a quarter of the examples (at least ten each).
"""

from __future__ import annotations

import os

DEEP = os.environ.get("ASSAY_TEST_DEEP") == "1"


def examples(full: int) -> int:
    """Return the number of examples to draw for a property whose deep run draws *full*."""
    return full if DEEP else max(10, full // 4)
