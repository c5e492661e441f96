"""The calibration table of the newest rule set: realistic answers documents (under
``documents/calibration/``) with the rating an auditor would expect and why.

The table is data (``calibration.yaml``): the expected ratings were set from ILO and OECD
principles, not read off the engine. ``tests/rules/test_calibration.py`` checks that each
document gets its expected rating and that ``rules/README.md`` shows the table as it is.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

CALIBRATION_FILE = Path(__file__).resolve().parent / "calibration.yaml"


@dataclass(frozen=True)
class Case:
    """One calibration case: an answers document and the rating an auditor would expect."""

    #: The document's name (``demo.document(name)``).
    name: str
    minerals: tuple[str, ...]
    stages: tuple[str, ...]
    countries: tuple[str, ...]
    #: The riskiest country involved: low, medium or high.
    country_risk: str
    expected: str
    why: str


@functools.cache
def cases() -> tuple[Case, ...]:
    """Return the calibration cases in table order."""
    with CALIBRATION_FILE.open(encoding="utf-8") as stream:
        data = yaml.safe_load(stream)
    return tuple(
        Case(
            name=item["name"],
            minerals=tuple(item["minerals"]),
            stages=tuple(item["stages"]),
            countries=tuple(item["countries"]),
            country_risk=item["country_risk"],
            expected=item["expected"],
            why=item["why"],
        )
        for item in data["cases"]
    )
