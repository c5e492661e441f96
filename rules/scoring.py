"""Turn findings and inherent exposure into 0-100 scores and ratings (higher = riskier).

The method is described in ``rules/README.md``; every parameter comes from the
rule set's ``scoring`` block.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from math import prod
from typing import Any

from .model import Finding, Level, RuleSet, Scoring


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
    scoring: Scoring, findings: Iterable[Finding], red_flag_floors: Mapping[str, Level]
) -> Level:
    """Return the lowest rating the findings allow (severity floors and red flags)."""
    floors = [Level.LOW]
    for finding in findings:
        floors.append(scoring.severity_floor.get(finding.severity, Level.LOW))
        if finding.red_flag:
            floors.append(red_flag_floors[finding.rule_id])
    return max(floors)


def counted(scoring: Scoring, findings: Iterable[Finding]) -> list[Finding]:
    """Return the findings that count towards points and floors: all of them, or only the
    decided ones when undecided findings count against visibility (``undecided: visibility``)."""
    return [f for f in findings if scoring.undecided_counts or not f.undecided]


def escalation_floor(scoring: Scoring, findings: Iterable[Finding]) -> Level:
    """Return the lowest rating that findings across several categories allow."""
    floor = Level.LOW
    for rule in scoring.escalation:
        categories = {f.category for f in findings if f.severity >= rule.severity}
        if len(categories) >= rule.categories:
            floor = max(floor, rule.floor)
    return floor


def category_points(ruleset: RuleSet, findings: Sequence[Finding]) -> dict[str, int]:
    """Return the points (0-100) of each category, combining its findings."""
    return {
        category.id: round(
            combined_points(ruleset.scoring, [f for f in findings if f.category == category.id])
        )
        for category in ruleset.categories
    }


def rate(
    ruleset: RuleSet,
    score: int,
    category_points: Mapping[str, int],
    findings: Sequence[Finding],
    incomplete: bool,
    insufficient: bool = False,
) -> tuple[Level, dict[str, Level]]:
    """Return the overall rating and the rating of each category.

    A category's rating is the band of its points raised to the floors of its
    findings; the overall rating is the band of the score raised to every floor
    that applies: severity floors, red flags, category floors, escalation across
    categories, the floor for an incomplete submission and the floor for
    insufficient information.
    """
    scoring = ruleset.scoring
    findings = counted(scoring, findings)
    red_flag_floors = {r.id: r.red_flag_floor for r in ruleset.rules if r.red_flag_floor}
    ratings = {
        category.id: max(
            band(scoring, category_points.get(category.id, 0)),
            floor_of(scoring, [f for f in findings if f.category == category.id], red_flag_floors),
        )
        for category in ruleset.categories
    }
    rating = max(band(scoring, score), floor_of(scoring, findings, red_flag_floors))
    for category_rating in ratings.values():
        rating = max(rating, scoring.category_floor.get(category_rating, Level.LOW))
    rating = max(rating, escalation_floor(scoring, findings))
    if incomplete and scoring.incomplete_floor is not None:
        rating = max(rating, scoring.incomplete_floor)
    if insufficient and scoring.visibility_floor is not None:
        rating = max(rating, scoring.visibility_floor)
    return rating, ratings


def score(
    ruleset: RuleSet, inherent: float, findings: Sequence[Finding]
) -> tuple[int, dict[str, int], float]:
    """Return the overall score, the points of each category and the management score.

    A category's points combine its findings (:func:`combined_points`); the
    management score blends the worst category with the weighted mean; the overall
    score blends inherent and management-system risk.
    """
    scoring = ruleset.scoring
    points = category_points(ruleset, counted(scoring, findings))
    total = sum(category.weight for category in ruleset.categories)
    mean = sum(c.weight * points[c.id] for c in ruleset.categories) / total
    worst = max(points.values(), default=0)
    share = scoring.worst_category_share
    management = share * worst + (1.0 - share) * mean
    overall = scoring.inherent_weight * inherent + (1 - scoring.inherent_weight) * management
    return round(overall), points, management


def reviewed_visibility(
    ruleset: RuleSet, result: Mapping[str, Any], accepted: Collection[str]
) -> dict[str, Any] | None:
    """Return the visibility of a stored result once a reviewer accepted the "not applicable"
    answers to the questions *accepted* (their justification holds, so they count as decided).

    ``None`` when the result does not measure visibility. The result's own visibility is never
    changed; the returned one lists the accepted questions under ``accepted``.
    """
    seen = result.get("visibility")
    if not seen:
        return None
    taken = [q for q in seen["not_applicable"] if q in accepted]
    asked = int(seen.get("asked") or 0)
    if not taken or not asked:
        return {**seen, "accepted": []}
    undecided = len(seen["unanswered"]) + len(seen["unknown"]) + len(seen["not_applicable"])
    score = round(100 * (asked - undecided + len(taken)) / asked)
    threshold = ruleset.scoring.visibility_threshold
    insufficient = threshold is not None and score < threshold
    return {**seen, "score": score, "insufficient": insufficient, "accepted": taken}


def reviewed_rating(
    ruleset: RuleSet,
    result: Mapping[str, Any],
    dismissed: Collection[str],
    accepted: Collection[str] = (),
) -> Level:
    """Return the rating of a stored result (``RiskResult.to_dict()``) without some findings,
    and with some "not applicable" answers accepted.

    The overall score stays as computed; dismissed findings no longer hold the
    rating up: their severity and red-flag floors are dropped and they no longer
    count towards their category's rating. Accepted "not applicable" answers count as
    known (:func:`reviewed_visibility`), which can lift the floor for insufficient
    information. The reviewed rating is never above the computed one.
    """
    seen = reviewed_visibility(ruleset, result, accepted) or {}
    undecided = set(seen.get("undecided", ()))
    standing = [
        replace(Finding.from_dict(item), undecided=item["rule_id"] in undecided)
        for item in result["findings"]
        if item["rule_id"] not in dismissed
    ]
    points = category_points(ruleset, counted(ruleset.scoring, standing))
    insufficient = bool(seen.get("insufficient"))
    rating, _ = rate(
        ruleset, result["score"], points, standing, bool(result["incomplete"]), insufficient
    )
    return min(rating, Level.parse(result["rating"]) or Level.CRITICAL)
