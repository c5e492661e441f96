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
from services import audit, review, risk
from services.errors import DomainError

Level = rules.Level


def reviewed_rating(result: RiskResult, dismissed: Collection[str]) -> str:
    """Return the overall rating of *result* once the *dismissed* findings no longer count.

    The rules engine applies the same floors as when it computed the rating (severity,
    red-flag, category and incompleteness floors) to the findings still standing; the score
    stays as computed and the reviewed rating is never above the computed one.
    """
    ruleset = rules.load_ruleset(result.ruleset_id, result.ruleset_version)
    return rules.reviewed_rating(ruleset, result.result, dismissed).label


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
    finding = next(
        (
            f
            for f in (result.result.get("findings", []) if result else [])
            if f["rule_id"] == rule_id
        ),
        None,
    )
    if finding is None:
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
            "title": finding["title"],
            "risk_result_id": result.id,
            "rating": result.rating,
            "reviewed_rating": result.reviewed_rating,
        },
    )
    db.session.commit()
    return result
