"""One buyer's review of a submission: start, comment on answers, request changes, decide.

Every function takes the buyer's ``Review``: comments, decisions and what the supplier is
shown belong to that buyer alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from extensions import db
from models import (
    Action,
    Organisation,
    Review,
    ReviewComment,
    Role,
    Submission,
    SubmissionShare,
    User,
)
from policy import can_review, visible_reviews
from services import audit, notifications, stored_reports, submissions, workflow
from services.errors import DomainError
from services.workflow import clean_text

#: Longest comment or reason accepted.
#: The reviewer's decisions, and the notification each sends to the supplier's users.
DECISIONS = {
    Action.REQUEST_CHANGES: "changes_requested",
    Action.APPROVE: "approved",
    Action.REJECT: "rejected",
}


def _check(review: Review, reviewer: User) -> None:
    if not can_review(reviewer, review):
        raise DomainError(_("This questionnaire is not open for review."))


def start_review(review: Review, reviewer: User) -> None:
    """Take a submitted questionnaire into this buyer's review; audit; commit.

    :raises DomainError: when the state or the role does not allow it.
    """
    workflow.review_transition(review, Action.START_REVIEW, reviewer)
    db.session.commit()


def comment_limit() -> int:
    """Return how many comments one buyer's review may hold."""
    return int(current_app.config["REVIEW_MAX_COMMENTS"])


def add_comment(
    review: Review, reviewer: User, question_id: str | None, body: str
) -> ReviewComment:
    """Comment on one answer (or, without *question_id*, on the whole questionnaire); commit.

    The first comment takes a submitted questionnaire into review.

    :raises DomainError: for an empty comment, an unknown question, a closed review, or a
        review that holds the most comments allowed.
    """
    _check(review, reviewer)
    body = clean_text(body)
    if not body:
        raise DomainError(_("Write a comment."))
    submission = review.submission
    question_id = question_id or None
    if question_id is not None and submissions.definition(submission).find(question_id) is None:
        raise DomainError(_("There is no such question."))
    count = db.session.scalar(
        select(func.count())
        .select_from(ReviewComment)
        .where(
            ReviewComment.submission_id == submission.id,
            ReviewComment.buyer_id == review.buyer_id,
        )
    )
    if count >= comment_limit():
        raise DomainError(
            _(
                "This review holds %(n)s comments, the most allowed. Request changes with a "
                "summary instead.",
                n=comment_limit(),
            )
        )
    workflow.begin_review(review, reviewer)
    comment = ReviewComment(
        submission_id=submission.id,
        buyer_id=review.buyer_id,
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
        detail={
            "question": question_id,
            "round": submission.round,
            "comment_id": comment.id,
            "buyer_id": review.buyer_id,
        },
    )
    db.session.commit()
    return comment


def decide(review: Review, reviewer: User, action: str, reason: str) -> None:
    """Request changes, approve or reject for this buyer with a reason; notify the supplier;
    commit; then store the report of a decision (a failed render leaves it pending, never the
    decision undone).

    :raises DomainError: for an unknown action, a missing reason, or a state or role that
        does not allow it.
    """
    if action not in DECISIONS:
        raise DomainError(_("Unknown action."))
    reason = clean_text(reason)
    workflow.review_transition(review, action, reviewer, reason)
    notifications.notify(
        notifications.organisation_users(review.submission.supplier_id, Role.SUPPLIER),
        DECISIONS[action],
        submission_id=review.submission_id,
        reason=reason,
        buyer=review.buyer.name,
    )
    db.session.commit()
    if review.decided:
        stored_reports.store_or_leave_pending(review)  # rendered after the decision is stored


def comments(review: Review) -> list[ReviewComment]:
    """Return every comment of this buyer's review, oldest first."""
    return list(
        db.session.scalars(
            select(ReviewComment)
            .where(
                ReviewComment.submission_id == review.submission_id,
                ReviewComment.buyer_id == review.buyer_id,
            )
            .order_by(ReviewComment.round, ReviewComment.id)
        )
    )


def comments_by_question(items: list[ReviewComment]) -> dict[str | None, list[ReviewComment]]:
    """Group comments by question id (``None`` holds those on the whole questionnaire)."""
    grouped: dict[str | None, list[ReviewComment]] = {}
    for item in items:
        grouped.setdefault(item.question_id, []).append(item)
    return grouped


def reviews_of(submission: Submission) -> list[Review]:
    """Return the reviews of the buyers *submission* is shared with, by buyer name."""
    return list(
        db.session.scalars(
            select(Review)
            .join(Organisation, Organisation.id == Review.buyer_id)
            .where(Review.submission_id == submission.id, Review.buyer_id.in_(_shared(submission)))
            .order_by(Organisation.name, Review.id)
        )
    )


def readable_ids(submission_id: int, user: User) -> list[int]:
    """Return the ids of the reviews of a submission that *user* works on or reads."""
    return list(
        db.session.scalars(
            select(Review.id)
            .where(Review.submission_id == submission_id, visible_reviews(user))
            .order_by(Review.id)
        )
    )


def readable(submission: Submission, user: User) -> list[Review]:
    """Return the reviews of *submission* that *user* works on or reads, by buyer name."""
    return list(
        db.session.scalars(
            select(Review)
            .join(Organisation, Organisation.id == Review.buyer_id)
            .where(Review.submission_id == submission.id, visible_reviews(user))
            .order_by(Organisation.name, Review.id)
        )
    )


def _shared(submission: Submission):
    return select(SubmissionShare.buyer_id).where(SubmissionShare.submission_id == submission.id)


@dataclass
class Feedback:
    """What one buyer released to the supplier: its decision and its comments of that round."""

    review: Review
    comments: dict[str | None, list[ReviewComment]] = field(default_factory=dict)


def released(submission: Submission) -> list[Feedback]:
    """Return, per buyer, the decision and comments the supplier reads: those of the round
    the buyer sent back or decided (a review still in progress stays with its reviewers)."""
    found = [Feedback(r) for r in reviews_of(submission) if r.released]
    if not found:
        return found
    by_buyer = {f.review.buyer_id: f for f in found}
    rows = db.session.scalars(
        select(ReviewComment)
        .where(
            ReviewComment.submission_id == submission.id,
            ReviewComment.buyer_id.in_(list(by_buyer)),
        )
        .order_by(ReviewComment.id)
    )
    for row in rows:
        feedback = by_buyer[row.buyer_id]
        if row.round == feedback.review.round:
            feedback.comments.setdefault(row.question_id, []).append(row)
    return found


def released_comments(submission: Submission) -> dict[str | None, list[ReviewComment]]:
    """Return the released comments of every buyer, grouped by question id."""
    grouped: dict[str | None, list[ReviewComment]] = {}
    for feedback in released(submission):
        for question_id, items in feedback.comments.items():
            grouped.setdefault(question_id, []).extend(items)
    return grouped
