"""Remediated findings: how a corrective action verified closed counts in a reviewed rating.

A finding whose corrective action plan a reviewer verified closed counts one severity step
lower (critical -> high -> medium -> low; low stays low) and no longer as a red flag. The
stored result itself never changes: :func:`remediated` returns a re-weighed copy that
``reviewed_rating`` rates like any other, so the score and its band stay as computed and the
reviewed rating is never above the computed one. See ``README.md`` (*Remediated findings*).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from .model import Level


def lowered(severity: str) -> str:
    """Return the severity one step below *severity* (``low`` stays ``low``)."""
    level = Level.parse(severity)
    if level is None:
        raise ValueError(f"not a severity: {severity!r}")
    return Level(max(Level.LOW, level - 1)).label


def remediated(result: Mapping[str, Any], closed: Collection[str]) -> dict[str, Any]:
    """Return a copy of stored result *result* (``RiskResult.to_dict()``) in which each
    finding named in *closed* (rule ids whose corrective action was verified closed) counts
    one severity lower and not as a red flag; every other part is as stored."""
    closed = set(closed)
    findings = [
        {**item, "severity": lowered(item["severity"]), "red_flag": False}
        if item["rule_id"] in closed
        else item
        for item in result["findings"]
    ]
    red_flags = [rule_id for rule_id in result.get("red_flags", ()) if rule_id not in closed]
    return {**result, "findings": findings, "red_flags": red_flags}
