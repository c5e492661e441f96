"""Reviewers' decisions on rule findings, and the reviewed rating that follows from them.

The reviewed rating is kept beside the computed one, never instead of it. The rule:

* the score, and the rating band it earns, stay as computed: a dismissed finding's points are
  not taken out of the score;
* a dismissed finding no longer holds the rating up: its red-flag floor and its severity floor
  are dropped;
* so the reviewed rating is the highest of the band of the computed score, the floors of the
  findings still standing (accepted or not yet decided), and the floor for incomplete answers,
  and it is never above the computed rating.

Dismissing a red flag can therefore lower a "critical" to what the answers earn without it;
accepting a finding changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection

from flask_babel import gettext as _
from sqlalchemy import select

import rules
from extensions import db
from models import FindingDecision, FindingReview, RiskResult, Submission, User
from permissions import can_review
from rules.scoring import band
from services import audit, review, risk
from services.errors import DomainError

Level = rules.Level


def reviewed_rating(result: RiskResult, dismissed: Collection[str]) -> str:
    """Return the overall rating of *result* once the *dismissed* findings no longer count."""
    ruleset = rules.load_ruleset(result.ruleset_id, result.ruleset_version)
    scoring = ruleset.scoring
    red_flag_floors = {r.id: r.red_flag_floor for r in ruleset.rules if r.red_flag_floor}
    levels = [band(scoring, result.score)]
    for finding in result.result.get("findings", []):
        if finding["rule_id"] in dismissed:
            continue
        severity = Level.parse(finding["severity"]) or Level.LOW
        levels.append(scoring.severity_floor.get(severity, Level.LOW))
        if finding.get("red_flag"):
            levels.append(red_flag_floors.get(finding["rule_id"], Level.CRITICAL))
    if result.result.get("incomplete") and scoring.incomplete_floor is not None:
        levels.append(scoring.incomplete_floor)
    computed = Level.parse(result.rating) or Level.CRITICAL
    return min(max(levels), computed).label


def decisions(result: RiskResult | None) -> dict[str, FindingReview]:
    """Return the standing decision on each finding of *result*, by rule id (latest wins)."""
    if result is None:
        return {}
    rows = db.session.scalars(
        select(FindingReview)
        .where(FindingReview.risk_result_id == result.id)
        .order_by(FindingReview.id)
    )
    return {row.rule_id: row for row in rows}


def decide(
    submission: Submission, reviewer: User, rule_id: str, decision: str, justification: str
) -> RiskResult:
    """Accept or dismiss one finding of the current result with a written justification.

    Stores the decision, updates the reviewed rating, audits it and commits. A later decision
    on the same finding replaces the earlier one; both stay on record.

    :raises DomainError: for an unknown finding or decision, a missing justification, or a
        submission that is not open for review.
    """
    if not can_review(reviewer, submission):
        raise DomainError(_("This questionnaire is not open for review."))
    try:
        choice = FindingDecision(decision)
    except ValueError:
        raise DomainError(_("Choose to accept or to dismiss the finding.")) from None
    justification = (justification or "").strip()
    if not justification:
        raise DomainError(_("Write a justification."))
    if len(justification) > review.MAX_TEXT:
        raise DomainError(_("Write at most %(n)s characters.", n=review.MAX_TEXT))
    result = risk.current_result(submission)
    findings = {f["rule_id"] for f in (result.result.get("findings", []) if result else [])}
    if rule_id not in findings:
        raise DomainError(_("There is no such finding."))
    review.begin(submission, reviewer)
    db.session.add(
        FindingReview(
            submission_id=submission.id,
            risk_result_id=result.id,
            rule_id=rule_id,
            decision=choice,
            justification=justification,
            reviewer_id=reviewer.id,
        )
    )
    db.session.flush()
    dismissed = {
        rid for rid, row in decisions(result).items() if row.decision == FindingDecision.DISMISSED
    }
    result.reviewed_rating = reviewed_rating(result, dismissed)
    audit.record(
        f"finding.{choice.value}",
        actor=reviewer,
        organisation_id=submission.supplier_id,
        submission_id=submission.id,
        reason=justification,
        detail={
            "rule_id": rule_id,
            "risk_result_id": result.id,
            "rating": result.rating,
            "reviewed_rating": result.reviewed_rating,
        },
    )
    db.session.commit()
    return result
