"""A supplier's submission of a questionnaire: its answers, rounds and who it is shared with."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.organisation import Organisation
from models.questionnaire import QuestionnaireVersion
from models.types import JSONType, UTCDateTime, enum_column, utcnow


class SubmissionStatus(enum.StrEnum):
    """Where a submission stands for its supplier, and where one buyer's review of it stands
    (a review is never a draft). The predicates below are the one place that groups them."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def editable(self) -> bool:
        """Whether the supplier may change answers and evidence in this state."""
        return self in EDITABLE_STATES

    @property
    def reviewable(self) -> bool:
        """Whether a reviewer works on it in this state (comments, findings, decisions)."""
        return self in REVIEWABLE_STATES

    @property
    def decided(self) -> bool:
        """Whether it is approved or rejected: final; a new round starts a copy."""
        return self in DECIDED_STATES

    @property
    def released(self) -> bool:
        """Whether a review in this state has told the supplier its decision and comments."""
        return self in RELEASED_STATES


class Action(enum.StrEnum):
    """What moves a submission (the supplier's actions) or a buyer's review (the reviewer's)."""

    SUBMIT = "submit"
    RESUBMIT = "resubmit"
    START_REVIEW = "start_review"
    REQUEST_CHANGES = "request_changes"
    APPROVE = "approve"
    REJECT = "reject"


S = SubmissionStatus
#: States in which the supplier may change answers and evidence.
EDITABLE_STATES = frozenset({S.DRAFT, S.CHANGES_REQUESTED})
#: States in which a reviewer works on a review.
REVIEWABLE_STATES = frozenset({S.SUBMITTED, S.IN_REVIEW})
#: Final states: nobody changes the submission any more; a new round starts a copy.
DECIDED_STATES = frozenset({S.APPROVED, S.REJECTED})
#: A buyer's review states the supplier is told of, with that round's comments.
RELEASED_STATES = DECIDED_STATES | {S.CHANGES_REQUESTED}


class Submission(db.Model):
    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    questionnaire_version_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_versions.id"), index=True
    )
    status: Mapped[SubmissionStatus] = mapped_column(
        enum_column(SubmissionStatus),
        default=SubmissionStatus.DRAFT,
        index=True,
    )
    #: Optimistic-lock counter: every change to the submission or its answers raises it.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    #: Review round, raised at each resubmission.
    round: Mapped[int] = mapped_column(Integer, default=1)
    #: The approved or rejected submission this one was copied from, if any.
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Reason given with the last transition that needs one (changes requested, approve, reject).
    decision_reason: Mapped[str | None] = mapped_column(Text)

    supplier: Mapped[Organisation] = relationship(lazy="joined")
    questionnaire_version: Mapped[QuestionnaireVersion] = relationship(lazy="raise_on_sql")

    __mapper_args__ = {"version_id_col": version}


class Answer(db.Model):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("submission_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(100))
    #: The typed value of the answers document (string, number, list, rows).
    value: Mapped[object] = mapped_column(JSONType)
    #: Submission version in which this answer was last written (conflict detection).
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class SubmissionRound(db.Model):
    """The answers as they stood when a round was submitted (for diffs and report hashes)."""

    __tablename__ = "submission_rounds"
    __table_args__ = (UniqueConstraint("submission_id", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict] = mapped_column(JSONType)
    #: SHA-256 of the canonical JSON answers document.
    answers_sha256: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class SubmissionShare(db.Model):
    """A buyer the supplier has chosen to show this submission to."""

    __tablename__ = "submission_shares"

    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True
    )
    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), primary_key=True)
    shared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    shared_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
