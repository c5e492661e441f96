"""Turn findings and inherent exposure into 0-100 scores and ratings (higher = riskier).

The method is described in ``rules/README.md``; every parameter comes from the
rule set's ``scoring`` block.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from math import prod

from .model import CategoryScore, Finding, Level, RuleSet, Scoring


def band(scoring: Scoring, score: float) -> Level:
    """Return the rating whose score band holds ``score``."""
    reached = [level for level, lowest in scoring.rating_thresholds.items() if score >= lowest]
    return max(reached, default=Level.LOW)


def combined_points(scoring: Scoring, findings: Iterable[Finding]) -> float:
    """Return ``100 * (1 - prod(1 - points/100))`` over the findings' severities.

    Each finding adds risk and none can lower it; a category never exceeds 100.
    """
    return 100.0 * (1.0 - prod(1.0 - scoring.severity_points[f.severity] / 100 for f in findings))


def floor_of(
    scoring: Scoring, findings: Iterable[Finding], red_flag_floors: dict[str, Level]
) -> Level:
    """Return the lowest rating the findings allow (severity floors and red flags)."""
    floors = [Level.LOW]
    for finding in findings:
        floors.append(scoring.severity_floor.get(finding.severity, Level.LOW))
        if finding.red_flag:
            floors.append(red_flag_floors[finding.rule_id])
    return max(floors)


def category_scores(
    ruleset: RuleSet, findings: Sequence[Finding], red_flag_floors: dict[str, Level]
) -> tuple[CategoryScore, ...]:
    """Return the score and rating of every category of the rule set, in its order."""
    scores = []
    for category in ruleset.categories:
        mine = [f for f in findings if f.category == category.id]
        score = combined_points(ruleset.scoring, mine)
        rating = max(band(ruleset.scoring, score), floor_of(ruleset.scoring, mine, red_flag_floors))
        scores.append(CategoryScore(category.id, category.name, round(score), rating))
    return tuple(scores)


def management_score(ruleset: RuleSet, categories: Sequence[CategoryScore]) -> float:
    """Return the management-system score: a blend of the worst and the weighted mean category."""
    weights = {c.id: c.weight for c in ruleset.categories}
    total = sum(weights[c.id] for c in categories)
    mean = sum(weights[c.id] * c.score for c in categories) / total if total else 0.0
    worst = max((c.score for c in categories), default=0.0)
    share = ruleset.scoring.worst_category_share
    return share * worst + (1.0 - share) * mean


def overall(
    ruleset: RuleSet,
    inherent: float,
    management: float,
    findings: Sequence[Finding],
    categories: Sequence[CategoryScore],
    red_flag_floors: dict[str, Level],
    incomplete: bool,
) -> tuple[int, Level]:
    """Return the overall score and rating.

    The score blends inherent and management-system risk; the rating is the band
    of the score raised to every floor that applies (severity floors, red flags,
    category floors, and the floor for an incomplete submission).
    """
    scoring = ruleset.scoring
    score = round(scoring.inherent_weight * inherent + (1 - scoring.inherent_weight) * management)
    rating = max(band(scoring, score), floor_of(scoring, findings, red_flag_floors))
    for category in categories:
        rating = max(rating, scoring.category_floor.get(category.rating, Level.LOW))
    if incomplete and scoring.incomplete_floor is not None:
        rating = max(rating, scoring.incomplete_floor)
    return score, rating
