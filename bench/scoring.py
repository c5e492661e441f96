"""Scoring throughput: the rules engine against a walk over the same answers."""

from __future__ import annotations

import demo
import rules
from bench.timing import Comparison, per_call


def walk(value: object) -> int:
    """Count the scalar values in *value* (the reference: touching every answer once)."""
    if isinstance(value, dict):
        return sum(walk(v) for v in value.values())
    if isinstance(value, list | tuple):
        return sum(walk(v) for v in value)
    return 1


#: Scoring must reach at least this fraction of the walk's documents per second (at most 5×
#: the walk's time).
SCORING_TARGET = 0.2


def run() -> list[Comparison]:
    """Measure answer documents per second for ``rules.evaluate`` and for :func:`walk`."""
    document = demo.document(demo.HIGH_RISK)
    ruleset = rules.ruleset_for(document["questionnaire"], document["version"])
    refdata = rules.load_reference_data()
    engine = per_call(lambda: rules.evaluate(ruleset, document, refdata, demo.SCORING_DATE), 3.0)
    plain = per_call(lambda: walk(document), 1.0)
    return [
        Comparison(
            "scoring (rules.evaluate)",
            1 / engine,
            "walking the same answers",
            1 / plain,
            "documents/s",
            rate=True,
            target=SCORING_TARGET,
        )
    ]
