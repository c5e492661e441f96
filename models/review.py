"""Reviewers' comments on answers and their decisions on rule findings."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db
from models.types import UTCDateTime, enum_column, utcnow


class FindingDecision(enum.StrEnum):
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


class ReviewComment(db.Model):
    __tablename__ = "review_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    #: Review round the comment belongs to.
    round: Mapped[int] = mapped_column(Integer)
    #: The question commented on; ``None`` for a comment on the whole submission.
    question_id: Mapped[str | None] = mapped_column(String(100))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FindingReview(db.Model):
    """A reviewer's acceptance or dismissal of one finding of a stored risk result."""

    __tablename__ = "finding_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    risk_result_id: Mapped[int] = mapped_column(ForeignKey("risk_results.id", ondelete="CASCADE"))
    rule_id: Mapped[str] = mapped_column(String(100))
    decision: Mapped[FindingDecision] = mapped_column(enum_column(FindingDecision))
    justification: Mapped[str] = mapped_column(Text)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
