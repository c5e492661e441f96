"""Each buyer's own review of a shared submission: state, comments and finding decisions.

A supplier answers once and shares with many buyers; every buyer (through its own reviewers
or an auditor it appointed) reviews independently. Nothing here is visible to another buyer.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.organisation import Organisation
from models.submission import Submission, SubmissionStatus
from models.types import UTCDateTime, enum_column, utcnow


class FindingDecision(enum.StrEnum):
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


class Review(db.Model):
    """One buyer's review of one submission: where it stands and what the buyer decided."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("submission_id", "buyer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    #: The buyer organisation this review is for (its reviewers or its appointed auditor).
    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    #: submitted, in_review, changes_requested, approved or rejected.
    status: Mapped[SubmissionStatus] = mapped_column(
        enum_column(SubmissionStatus), default=SubmissionStatus.SUBMITTED, index=True
    )
    #: The submission round this review is about (a decision holds for the round decided).
    round: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Reason given with the last decision (changes requested, approve, reject).
    decision_reason: Mapped[str | None] = mapped_column(Text)
    #: Rating after this buyer's decisions on findings, and the risk result it applies to.
    reviewed_rating: Mapped[str | None] = mapped_column(String(10))
    reviewed_result_id: Mapped[int | None] = mapped_column(
        ForeignKey("risk_results.id", ondelete="SET NULL")
    )
    #: Visibility after this buyer's decisions on "not applicable" answers of that result.
    reviewed_visibility: Mapped[int | None] = mapped_column(Integer)

    submission: Mapped[Submission] = relationship(lazy="joined")
    buyer: Mapped[Organisation] = relationship(lazy="joined")

    @property
    def decided(self) -> bool:
        """Whether this buyer has approved or rejected the round it is about."""
        return self.status.decided

    @property
    def released(self) -> bool:
        """Whether the supplier reads this review's decision and comments of its round."""
        return self.status.released


class ReviewComment(db.Model):
    __tablename__ = "review_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    #: The buyer whose review the comment belongs to.
    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    #: Review round the comment belongs to.
    round: Mapped[int] = mapped_column(Integer)
    #: The question commented on; ``None`` for a comment on the whole submission.
    question_id: Mapped[str | None] = mapped_column(String(100))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    buyer: Mapped[Organisation] = relationship(lazy="joined")


class FindingReview(db.Model):
    """A reviewer's acceptance or dismissal of one finding of a stored risk result."""

    __tablename__ = "finding_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    #: The buyer whose review the decision belongs to.
    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    risk_result_id: Mapped[int] = mapped_column(ForeignKey("risk_results.id", ondelete="CASCADE"))
    rule_id: Mapped[str] = mapped_column(String(100))
    decision: Mapped[FindingDecision] = mapped_column(enum_column(FindingDecision))
    justification: Mapped[str] = mapped_column(Text)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NotApplicableReview(db.Model):
    """A reviewer's acceptance (or not) of the reason a supplier gave for answering "not
    applicable", for one buyer and one stored risk result: accepted, the answer counts as
    known in that buyer's reviewed visibility."""

    __tablename__ = "not_applicable_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    #: The buyer whose review the decision belongs to.
    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    risk_result_id: Mapped[int] = mapped_column(ForeignKey("risk_results.id", ondelete="CASCADE"))
    #: The question answered "not applicable".
    question_id: Mapped[str] = mapped_column(String(100))
    #: Accepted, or not (``dismissed``: the answer keeps counting against visibility).
    decision: Mapped[FindingDecision] = mapped_column(enum_column(FindingDecision))
    #: The reviewer's note on the supplier's reason.
    justification: Mapped[str] = mapped_column(Text)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
