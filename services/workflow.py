"""The workflow: one explicit table of allowed transitions.

The supplier submits a submission; each buyer it is shared with reviews it on its own (a
``Review`` per buyer). The submission's own status is where it stands for the supplier,
derived from the buyers' reviews by ``aggregate_status``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from bidi_controls import strip_bidi
from extensions import db
from labels import status_label
from models import Action, Review, Role, Submission, SubmissionShare, SubmissionStatus, User
from models.types import utcnow
from services import audit, webhook_events
from services.errors import DomainError

S = SubmissionStatus


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[SubmissionStatus]
    target: SubmissionStatus
    role: Role
    #: Whether the actor must give a reason.
    needs_reason: bool = False


A = Action

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(A.SUBMIT, frozenset({S.DRAFT}), S.SUBMITTED, Role.SUPPLIER),
        Transition(A.RESUBMIT, frozenset({S.CHANGES_REQUESTED}), S.SUBMITTED, Role.SUPPLIER),
        Transition(A.START_REVIEW, frozenset({S.SUBMITTED}), S.IN_REVIEW, Role.REVIEWER),
        Transition(
            A.REQUEST_CHANGES,
            frozenset({S.SUBMITTED, S.IN_REVIEW}),
            S.CHANGES_REQUESTED,
            Role.REVIEWER,
            needs_reason=True,
        ),
        Transition(
            A.APPROVE, frozenset({S.SUBMITTED, S.IN_REVIEW}), S.APPROVED, Role.REVIEWER, True
        ),
        Transition(
            A.REJECT, frozenset({S.SUBMITTED, S.IN_REVIEW}), S.REJECTED, Role.REVIEWER, True
        ),
    )
}

ACTION_LABELS = {
    A.SUBMIT: _l("submit"),
    A.RESUBMIT: _l("resubmit"),
    A.START_REVIEW: _l("start the review"),
    A.REQUEST_CHANGES: _l("request changes"),
    A.APPROVE: _l("approve"),
    A.REJECT: _l("reject"),
}


def _check(rule: Transition, action: str, current: SubmissionStatus, actor: User, reason):
    if current not in rule.sources:
        raise DomainError(
            _(
                "You cannot %(action)s a submission whose status is %(status)s.",
                status=status_label(current),
                action=ACTION_LABELS[action],
            )
        )
    if actor.role != rule.role:
        raise DomainError(
            _("Your role does not allow you to %(action)s.", action=ACTION_LABELS[action])
        )
    reason = (reason or "").strip() or None
    if rule.needs_reason and not reason:
        raise DomainError(_("Give a reason."))
    return reason


def _rule(action: str, subject: Role) -> Transition:
    """Return the row of *action*, which must act on a submission (supplier actions) or on a
    buyer's review (reviewer actions) as *subject* says."""
    rule = TRANSITIONS.get(action)
    if rule is None or rule.role != subject:
        raise DomainError(_("Unknown action."))
    return rule


def transition(
    submission: Submission, action: str, actor: User, reason: str | None = None
) -> SubmissionStatus:
    """Submit or resubmit *submission* and open a review for every buyer it is shared with;
    audit it in the current transaction.

    :raises DomainError: when the table does not allow it, with a message saying why.
    """
    rule = _rule(action, Role.SUPPLIER)
    current = submission.status
    reason = _check(rule, action, current, actor, reason)
    now = utcnow()
    submission.status = rule.target
    submission.submitted_at = now
    submission.submitted_by_id = actor.id
    audit.record(
        "submission.transition",
        actor=actor,
        organisation_id=submission.supplier_id,
        submission_id=submission.id,
        from_state=current.value,
        to_state=rule.target.value,
        reason=reason,
        detail={"action": action, "round": submission.round},
    )
    for buyer_id in shared_buyer_ids(submission):
        open_review(submission, buyer_id, actor)
    submission.status = aggregate_status(submission)
    webhook_events.submission_submitted(submission)
    return submission.status


def shared_buyer_ids(submission: Submission) -> list[int]:
    """Return the buyers *submission* is shared with."""
    return list(
        db.session.scalars(
            select(SubmissionShare.buyer_id)
            .where(SubmissionShare.submission_id == submission.id)
            .order_by(SubmissionShare.buyer_id)
        )
    )


def open_review(submission: Submission, buyer_id: int, actor: User) -> Review:
    """Put the current round of a submitted *submission* before *buyer_id*'s reviewers.

    A buyer's decision on an earlier round stands; a review still open, or one that asked for
    changes, moves to the new round.
    """
    review = db.session.scalar(
        select(Review).where(Review.submission_id == submission.id, Review.buyer_id == buyer_id)
    )
    if review is None:
        review = Review(submission_id=submission.id, buyer_id=buyer_id, round=submission.round)
        review.status = S.SUBMITTED
        db.session.add(review)
        db.session.flush()
    elif review.decided or (
        review.round == submission.round and review.status in (S.SUBMITTED, S.IN_REVIEW)
    ):
        return review
    else:
        previous = review.status
        review.status = S.SUBMITTED
        review.round = submission.round
        _record(review, A.RESUBMIT, actor, previous)
    return review


def _record(review: Review, action: str, actor: User, previous: SubmissionStatus, reason=None):
    """Audit a move of *review* (in the current transaction), marked with its buyer so that
    no other buyer reads it."""
    audit.record(
        "review.transition",
        actor=actor,
        organisation_id=review.submission.supplier_id,
        submission_id=review.submission_id,
        from_state=previous.value,
        to_state=review.status.value,
        reason=reason,
        detail={"action": action, "round": review.round, "buyer_id": review.buyer_id},
    )


def aggregate_status(submission: Submission) -> SubmissionStatus:
    """Return where a submitted *submission* stands for its supplier, from its buyers'
    reviews of the current round.

    Changes asked by any buyer reopen it for editing; otherwise it is under review while any
    buyer has not decided; it is decided (approved, or rejected when any buyer rejected) once
    every buyer it is shared with has decided. Unshared, it waits as submitted.
    """
    if submission.status == S.DRAFT:
        return S.DRAFT
    statuses = set(
        db.session.scalars(
            select(Review.status).where(
                Review.submission_id == submission.id,
                Review.round == submission.round,
                Review.buyer_id.in_(
                    select(SubmissionShare.buyer_id).where(
                        SubmissionShare.submission_id == submission.id
                    )
                ),
            )
        )
    )
    for status in (S.CHANGES_REQUESTED, S.IN_REVIEW, S.SUBMITTED):
        if status in statuses:
            return status
    if S.REJECTED in statuses:
        return S.REJECTED
    if S.APPROVED in statuses:
        return S.APPROVED
    return S.SUBMITTED


def review_transition(
    review: Review, action: str, actor: User, reason: str | None = None
) -> SubmissionStatus:
    """Move one buyer's *review* by *action*, audit it in the current transaction and update
    where the submission stands for the supplier. The report of a decision is rendered after
    the commit (``services.reports.store_pending``), so a decision never waits for it.

    :raises DomainError: when the table does not allow it, with a message saying why.
    """
    rule = _rule(action, Role.REVIEWER)
    current = review.status
    reason = _check(rule, action, current, actor, reason)
    submission = review.submission
    review.status = rule.target
    if rule.target in {S.APPROVED, S.REJECTED, S.CHANGES_REQUESTED}:
        review.decided_at = utcnow()
        review.decided_by_id = actor.id
        review.decision_reason = reason
    _record(review, action, actor, current, reason)
    before = submission.status
    after = aggregate_status(submission)
    if after != before:
        submission.status = after
        if after in {S.APPROVED, S.REJECTED, S.CHANGES_REQUESTED}:
            submission.decided_at = review.decided_at
    webhook_events.review_decided(review, action)
    return rule.target


#: Longest comment, justification or reason a reviewer may write.
MAX_TEXT = 5000


def clean_text(value: str | None) -> str:
    """Return a reviewer's text trimmed and without bidi controls.

    :raises DomainError: when it is longer than ``MAX_TEXT``.
    """
    value = strip_bidi(value or "").strip()
    if len(value) > MAX_TEXT:
        raise DomainError(_("Write at most %(n)s characters.", n=MAX_TEXT))
    return value


def begin_review(review: Review, reviewer: User) -> None:
    """Move a submitted questionnaire into this buyer's review when the reviewer first acts on
    it (the caller commits)."""
    if review.status == SubmissionStatus.SUBMITTED:
        review_transition(review, Action.START_REVIEW, reviewer)
