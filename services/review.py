"""Reviewing a submission: start, comment on answers, request changes, approve, reject."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from extensions import db
from models import ReviewComment, Role, Submission, SubmissionStatus, User
from permissions import can_review
from services import audit, notifications, submissions, workflow
from services.errors import DomainError

#: Longest comment or reason accepted.
MAX_TEXT = 5000
#: The reviewer's decisions, and the notification each sends to the supplier's users.
DECISIONS = {
    "request_changes": "changes_requested",
    "approve": "approved",
    "reject": "rejected",
}
#: States in which the supplier reads the comments of the current round.
_COMMENTS_RELEASED = frozenset(
    {SubmissionStatus.CHANGES_REQUESTED, SubmissionStatus.APPROVED, SubmissionStatus.REJECTED}
)


def _check(submission: Submission, reviewer: User) -> None:
    if not can_review(reviewer, submission):
        raise DomainError(_("This questionnaire is not open for review."))


def begin(submission: Submission, reviewer: User) -> None:
    """Move a submitted questionnaire into review when the reviewer first acts on it (the
    caller commits)."""
    if submission.status == SubmissionStatus.SUBMITTED:
        workflow.transition(submission, "start_review", reviewer)


def _clean(value: str | None) -> str:
    value = (value or "").strip()
    if len(value) > MAX_TEXT:
        raise DomainError(_("Write at most %(n)s characters.", n=MAX_TEXT))
    return value


def start_review(submission: Submission, reviewer: User) -> None:
    """Take a submitted questionnaire into review; audit; commit.

    :raises DomainError: when the state or the role does not allow it.
    """
    workflow.transition(submission, "start_review", reviewer)
    db.session.commit()


def add_comment(
    submission: Submission, reviewer: User, question_id: str | None, body: str
) -> ReviewComment:
    """Comment on one answer (or, without *question_id*, on the whole questionnaire); commit.

    The first comment takes a submitted questionnaire into review.

    :raises DomainError: for an empty comment, an unknown question or a closed submission.
    """
    _check(submission, reviewer)
    body = _clean(body)
    if not body:
        raise DomainError(_("Write a comment."))
    question_id = question_id or None
    if question_id is not None and submissions.definition(submission).find(question_id) is None:
        raise DomainError(_("There is no such question."))
    begin(submission, reviewer)
    comment = ReviewComment(
        submission_id=submission.id,
        round=submission.round,
        question_id=question_id,
        author_id=reviewer.id,
        body=body,
    )
    db.session.add(comment)
    db.session.flush()
    audit.record(
        "review.comment",
        actor=reviewer,
        organisation_id=submission.supplier_id,
        submission_id=submission.id,
        detail={"question": question_id, "round": submission.round, "comment_id": comment.id},
    )
    db.session.commit()
    return comment


def decide(submission: Submission, reviewer: User, action: str, reason: str) -> None:
    """Request changes, approve or reject with a reason; notify the supplier; commit.

    :raises DomainError: for an unknown action, a missing reason, or a state or role that
        does not allow it.
    """
    if action not in DECISIONS:
        raise DomainError(_("Unknown action."))
    reason = _clean(reason)
    workflow.transition(submission, action, reviewer, reason)
    notifications.notify(
        notifications.organisation_users(submission.supplier_id, Role.SUPPLIER),
        DECISIONS[action],
        submission_id=submission.id,
        reason=reason,
    )
    db.session.commit()


def comments(submission: Submission) -> list[ReviewComment]:
    """Return every comment on *submission*, oldest first."""
    return list(
        db.session.scalars(
            select(ReviewComment)
            .where(ReviewComment.submission_id == submission.id)
            .order_by(ReviewComment.round, ReviewComment.id)
        )
    )


def comments_by_question(items: list[ReviewComment]) -> dict[str | None, list[ReviewComment]]:
    """Group comments by question id (``None`` holds those on the whole questionnaire)."""
    grouped: dict[str | None, list[ReviewComment]] = {}
    for item in items:
        grouped.setdefault(item.question_id, []).append(item)
    return grouped


def released_comments(submission: Submission) -> dict[str | None, list[ReviewComment]]:
    """Return the comments the supplier reads: those of the round the reviewer sent back or
    decided (comments of a review still in progress stay with the reviewer)."""
    if submission.status not in _COMMENTS_RELEASED:
        return {}
    return comments_by_question([c for c in comments(submission) if c.round == submission.round])
