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
accepting a finding changes nothing. A finding whose corrective action plan this buyer
verified closed counts one severity lower and not as a red flag (``rules.remediation``).

Where the rule set measures visibility, a reviewer also weighs each "not applicable" answer's
written reason: accepted, the answer counts as known in that buyer's reviewed visibility, which
can lift the floor for insufficient information (``rules.reviewed_visibility``).
"""

from __future__ import annotations

from collections.abc import Collection

from flask_babel import gettext as _
from sqlalchemy import select

import rules
from extensions import db
from models import (
    ActionStatus,
    CorrectiveAction,
    FindingDecision,
    FindingReview,
    NotApplicableReview,
    Review,
    RiskResult,
    User,
)
from policy import can_review
from rules.remediation import remediated
from services import audit, risk, webhook_events, workflow
from services.errors import DomainError

Level = rules.Level


def reviewed_rating(
    result: RiskResult,
    dismissed: Collection[str],
    accepted: Collection[str] = (),
    closed: Collection[str] = (),
) -> str:
    """Return the overall rating of *result* once the *dismissed* findings no longer count,
    the "not applicable" answers to the questions *accepted* count as known and the *closed*
    findings (corrective action verified closed) count as remediated.

    The rules engine applies the same floors as when it computed the rating (severity,
    red-flag, category, incompleteness and visibility floors) to the findings still standing;
    the score stays as computed and the reviewed rating is never above the computed one.
    """
    ruleset = rules.load_ruleset(result.ruleset_id, result.ruleset_version)
    stored = remediated(result.result, closed) if closed else result.result
    return rules.reviewed_rating(ruleset, stored, dismissed, accepted).label


def remediated_findings(result: RiskResult, buyer_id: int) -> set[str]:
    """Return the findings of *result* whose corrective action *buyer_id* verified closed."""
    return set(
        db.session.scalars(
            select(CorrectiveAction.rule_id).where(
                CorrectiveAction.risk_result_id == result.id,
                CorrectiveAction.buyer_id == buyer_id,
                CorrectiveAction.status == ActionStatus.VERIFIED_CLOSED,
                CorrectiveAction.rule_id.is_not(None),
            )
        )
    )


def decisions(result: RiskResult | None, buyer_id: int | None) -> dict[str, FindingReview]:
    """Return *buyer_id*'s standing decision on each finding of *result*, by rule id (latest
    wins); none without a buyer."""
    if result is None or buyer_id is None:
        return {}
    rows = db.session.scalars(
        select(FindingReview)
        .where(FindingReview.risk_result_id == result.id, FindingReview.buyer_id == buyer_id)
        .order_by(FindingReview.id)
    )
    return {row.rule_id: row for row in rows}


def undecided(result: RiskResult | None, buyer_id: int) -> list[dict]:
    """Return the findings of *result* that *buyer_id* has neither accepted nor dismissed, in
    the result's order (approving leaves them "not reviewed" in the report)."""
    if result is None:
        return []
    decided = decisions(result, buyer_id)
    return [f for f in result.result.get("findings", []) if f["rule_id"] not in decided]


def current_reviewed_rating(review: Review | None, result: RiskResult | None) -> str | None:
    """Return the rating after *review*'s decisions on *result*, if it decided on findings of
    that result (a rescore starts afresh)."""
    if review is None or result is None or review.reviewed_result_id != result.id:
        return None
    return review.reviewed_rating


def not_applicable_decisions(
    result: RiskResult | None, buyer_id: int | None
) -> dict[str, NotApplicableReview]:
    """Return *buyer_id*'s standing decision on each "not applicable" answer scored in
    *result*, by question id (latest wins); none without a buyer."""
    if result is None or buyer_id is None:
        return {}
    rows = db.session.scalars(
        select(NotApplicableReview)
        .where(
            NotApplicableReview.risk_result_id == result.id,
            NotApplicableReview.buyer_id == buyer_id,
        )
        .order_by(NotApplicableReview.id)
    )
    return {row.question_id: row for row in rows}


def _accepted(result: RiskResult, buyer_id: int) -> set[str]:
    return {
        question_id
        for question_id, row in not_applicable_decisions(result, buyer_id).items()
        if row.decision == FindingDecision.ACCEPTED
    }


def _dismissed(result: RiskResult, buyer_id: int) -> set[str]:
    return {
        rule_id
        for rule_id, row in decisions(result, buyer_id).items()
        if row.decision == FindingDecision.DISMISSED
    }


def reviewed_visibility(review: Review | None, result: RiskResult | None) -> dict | None:
    """Return the visibility of *result* after *review*'s decisions on its "not applicable"
    answers (as computed when there are none); ``None`` when the result does not measure it."""
    if result is None or not result.result.get("visibility"):
        return None
    accepted = _accepted(result, review.buyer_id) if review is not None else set()
    ruleset = rules.load_ruleset(result.ruleset_id, result.ruleset_version)
    return rules.reviewed_visibility(ruleset, result.result, accepted)


def _rerate(review: Review, result: RiskResult) -> str:
    """Store *review*'s reviewed rating of *result* from its standing decisions and its
    verified corrective actions; return it."""
    accepted = _accepted(result, review.buyer_id)
    review.reviewed_rating = reviewed_rating(
        result,
        _dismissed(result, review.buyer_id),
        accepted,
        remediated_findings(result, review.buyer_id),
    )
    review.reviewed_result_id = result.id
    seen = result.result.get("visibility")
    if seen:
        ruleset = rules.load_ruleset(result.ruleset_id, result.ruleset_version)
        review.reviewed_visibility = rules.reviewed_visibility(ruleset, result.result, accepted)[
            "score"
        ]
    return review.reviewed_rating


def decide(
    review: Review, reviewer: User, rule_id: str, decision: str, justification: str
) -> RiskResult:
    """Accept or dismiss one finding of the current result with a written justification, for
    the buyer of *review* only.

    Stores the decision, updates this buyer's reviewed rating, audits it and commits. A later
    decision on the same finding replaces the earlier one; both stay on record.

    :raises DomainError: for an unknown finding or decision, a missing justification, or a
        submission that is not open for review.
    """
    submission = review.submission
    if not can_review(reviewer, review):
        raise DomainError(_("This questionnaire is not open for review."))
    try:
        choice = FindingDecision(decision)
    except ValueError:
        raise DomainError(_("Choose to accept or to dismiss the finding.")) from None
    justification = workflow.clean_text(justification)
    if not justification:
        raise DomainError(_("Write a justification."))
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
    workflow.begin_review(review, reviewer)
    db.session.add(
        FindingReview(
            submission_id=submission.id,
            buyer_id=review.buyer_id,
            risk_result_id=result.id,
            rule_id=rule_id,
            decision=choice,
            justification=justification,
            reviewer_id=reviewer.id,
        )
    )
    db.session.flush()
    _rerate(review, result)
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
            "reviewed_rating": review.reviewed_rating,
            "buyer_id": review.buyer_id,
        },
    )
    webhook_events.finding_decided(review, rule_id, choice.value)
    db.session.commit()
    return result


def decide_not_applicable(
    review: Review, reviewer: User, question_id: str, decision: str, justification: str
) -> RiskResult:
    """Accept the reason given for a "not applicable" answer of the current result, or not,
    with a written note, for the buyer of *review* only.

    Stores the decision, updates this buyer's reviewed rating (an accepted answer counts as
    known in the reviewed visibility), audits it and commits. A later decision on the same
    answer replaces the earlier one; both stay on record.

    :raises DomainError: for an answer not scored as "not applicable", an unknown decision, a
        missing note, or a submission that is not open for review.
    """
    submission = review.submission
    if not can_review(reviewer, review):
        raise DomainError(_("This questionnaire is not open for review."))
    try:
        choice = FindingDecision(decision)
    except ValueError:
        raise DomainError(_("Choose to accept the reason or not.")) from None
    justification = workflow.clean_text(justification)
    if not justification:
        raise DomainError(_("Write a justification."))
    result = risk.current_result(submission)
    seen = (result.result.get("visibility") or {}) if result else {}
    if question_id not in seen.get("not_applicable", ()):
        raise DomainError(_('This answer is not scored as "not applicable".'))
    workflow.begin_review(review, reviewer)
    db.session.add(
        NotApplicableReview(
            submission_id=submission.id,
            buyer_id=review.buyer_id,
            risk_result_id=result.id,
            question_id=question_id,
            decision=choice,
            justification=justification,
            reviewer_id=reviewer.id,
        )
    )
    db.session.flush()
    _rerate(review, result)
    audit.record(
        f"not_applicable.{choice.value}",
        actor=reviewer,
        organisation_id=submission.supplier_id,
        submission_id=submission.id,
        reason=justification,
        detail={
            "question": question_id,
            "risk_result_id": result.id,
            "rating": result.rating,
            "reviewed_rating": review.reviewed_rating,
            "visibility": reviewed_visibility(review, result)["score"],
            "buyer_id": review.buyer_id,
        },
    )
    db.session.commit()
    return result


def rerate_remediated(action: CorrectiveAction, actor: User) -> None:
    """Re-rate the buyer's review after *action* (a plan on a finding) was verified closed or
    reopened, and audit a change (the caller commits). Only the result the plan was raised on
    counts: a rescore or a new round starts afresh."""
    review = db.session.scalar(
        select(Review).where(
            Review.submission_id == action.submission_id, Review.buyer_id == action.buyer_id
        )
    )
    result = db.session.get(RiskResult, action.risk_result_id) if action.risk_result_id else None
    if review is None or action.rule_id is None or result is None or not result.current:
        return
    before = review.reviewed_rating
    after = _rerate(review, result)
    if after != before:
        audit.record(
            "review.rerated",
            actor=actor,
            organisation_id=action.supplier_id,
            submission_id=action.submission_id,
            detail={
                "buyer_id": action.buyer_id,
                "corrective_action_id": action.id,
                "rule_id": action.rule_id,
                "risk_result_id": result.id,
                "rating": result.rating,
                "reviewed_rating": after,
                "previous": before,
            },
        )
