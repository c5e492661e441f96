"""Corrective action plans: a buyer's request that a supplier remedy one finding, followed to
verified closure.

A plan belongs to the buyer that raised it and to the supplier it asks; no other buyer ever
sees it. It is raised on one submission (``submission_id``) and shown with the supplier's
latest round of that questionnaire (``current_submission_id``): a new round carries open plans
forward. Whether a plan is overdue is computed from its dates and state, never stored.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.organisation import Organisation
from models.types import JSONType, UTCDateTime, enum_column, utcnow


class ActionStatus(enum.StrEnum):
    """Where a corrective action plan stands."""

    REQUESTED = "requested"
    PLAN_SUBMITTED = "plan_submitted"
    PLAN_RETURNED = "plan_returned"
    PLAN_ACCEPTED = "plan_accepted"
    IN_PROGRESS = "in_progress"
    EVIDENCE_SUBMITTED = "evidence_submitted"
    VERIFIED_CLOSED = "verified_closed"
    REOPENED = "reopened"

    @property
    def open(self) -> bool:
        """Whether the plan still asks something of someone (everything but closed)."""
        return self != ActionStatus.VERIFIED_CLOSED

    @property
    def supplier_turn(self) -> bool:
        """Whether the supplier acts next (plans, starts, implements)."""
        return self in SUPPLIER_TURN

    @property
    def reviewer_turn(self) -> bool:
        """Whether the buyer's reviewers decide next (on a plan or on evidence)."""
        return self in REVIEWER_TURN

    @property
    def plan_phase(self) -> bool:
        """Whether the plan itself is still due (its due date is the plan's)."""
        return self in PLAN_PHASE

    @property
    def takes_evidence(self) -> bool:
        """Whether the supplier may add or remove evidence of implementation now."""
        return self in EVIDENCE_STATES


class PlanAction(enum.StrEnum):
    """What moves a corrective action plan: the supplier's steps and the reviewer's decisions."""

    SUBMIT_PLAN = "submit_plan"
    RETURN_PLAN = "return_plan"
    ACCEPT_PLAN = "accept_plan"
    START_WORK = "start_work"
    SUBMIT_EVIDENCE = "submit_evidence"
    VERIFY_CLOSE = "verify_close"
    REOPEN = "reopen"


class Verification(enum.StrEnum):
    """How the buyer verifies that the action was implemented."""

    DESK_REVIEW = "desk_review"
    FOLLOW_UP_AUDIT = "follow_up_audit"


class DueBasis(enum.StrEnum):
    """Where a plan's due dates came from."""

    #: Assay's defaults (``services.corrective_terms.DEFAULT_TERMS``).
    DEFAULT = "default"
    #: The terms the buyer set for the finding's severity.
    BUYER = "buyer"
    #: Dates the reviewer chose when requesting the plan.
    REVIEWER = "reviewer"


A = ActionStatus
#: States in which the supplier acts next.
SUPPLIER_TURN = frozenset(
    {A.REQUESTED, A.PLAN_RETURNED, A.PLAN_ACCEPTED, A.IN_PROGRESS, A.REOPENED}
)
#: States in which the buyer's reviewers decide next.
REVIEWER_TURN = frozenset({A.PLAN_SUBMITTED, A.EVIDENCE_SUBMITTED})
#: States in which the plan is due (by ``plan_due_on``); afterwards closure is (by ``due_on``).
PLAN_PHASE = frozenset({A.REQUESTED, A.PLAN_RETURNED})
#: States in which the supplier adds or removes evidence of implementation.
EVIDENCE_STATES = frozenset({A.PLAN_ACCEPTED, A.IN_PROGRESS, A.REOPENED})
OPEN_STATES = frozenset(s for s in ActionStatus if s.open)


class CorrectiveAction(db.Model):
    """One buyer's corrective action request to a supplier, its plan and its closure."""

    __tablename__ = "corrective_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    #: The buyer that raised it; only this buyer's people and reviewers see it.
    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    #: The submission it was raised on.
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    #: The latest round of that questionnaire it is shown with (moved on by a new round).
    current_submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    #: The stored risk result whose finding it remedies (``None`` when raised from a comment).
    risk_result_id: Mapped[int | None] = mapped_column(
        ForeignKey("risk_results.id", ondelete="SET NULL")
    )
    rule_id: Mapped[str | None] = mapped_column(String(100), index=True)
    #: The reviewer's comment it was opened from, and the question commented on.
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_comments.id", ondelete="SET NULL")
    )
    question_id: Mapped[str | None] = mapped_column(String(100))
    #: The finding as it stood when requested: title, action (bilingual), severity, category,
    #: references, triggering answers, red flag; a later rescore never changes it.
    finding: Mapped[dict] = mapped_column(JSONType, default=dict)
    severity: Mapped[str] = mapped_column(String(10))
    #: What the reviewer asks the supplier to do.
    request: Mapped[str] = mapped_column(Text)
    status: Mapped[ActionStatus] = mapped_column(
        enum_column(ActionStatus), default=ActionStatus.REQUESTED, index=True
    )
    #: The day it was asked for, from which the due dates count.
    requested_on: Mapped[date] = mapped_column(Date)
    #: The plan is due by this date; the action must be verified closed by ``due_on``.
    plan_due_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    due_basis: Mapped[DueBasis] = mapped_column(enum_column(DueBasis))
    verification: Mapped[Verification] = mapped_column(enum_column(Verification))
    #: The supplier's plan.
    root_cause: Mapped[str | None] = mapped_column(Text)
    corrective_action: Mapped[str | None] = mapped_column(Text)
    preventive_action: Mapped[str | None] = mapped_column(Text)
    responsible_person: Mapped[str | None] = mapped_column(String(200))
    start_on: Mapped[date | None] = mapped_column(Date)
    #: The supplier's account of what was implemented, sent with the evidence.
    implementation_note: Mapped[str | None] = mapped_column(Text)
    #: The reviewer's last decision (accept, return, verify, reopen) and its reason.
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_on: Mapped[date | None] = mapped_column(Date)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    #: Optimistic-lock counter: two decisions at the same moment cannot both apply.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    supplier: Mapped[Organisation] = relationship(foreign_keys=[supplier_id], lazy="joined")
    buyer: Mapped[Organisation] = relationship(foreign_keys=[buyer_id], lazy="joined")

    __mapper_args__ = {"version_id_col": version}

    def next_due(self) -> date | None:
        """Return the date the plan is next due by: the plan's while it is being planned,
        closure's afterwards; none once closed."""
        if not self.status.open:
            return None
        return self.plan_due_on if self.status.plan_phase else self.due_on

    def overdue(self, today: date) -> bool:
        """Whether the plan, or its closure, is late on *today*."""
        due = self.next_due()
        return due is not None and due < today

    def title(self, lang: str) -> str:
        """Return what the plan is about in *lang*: the finding's title, else the request."""
        title = (self.finding or {}).get("title") or {}
        return title.get(lang[:2]) or title.get("en") or self.request


class CorrectiveActionComment(db.Model):
    """One message of a plan's thread, by the supplier or the buyer's side."""

    __tablename__ = "corrective_action_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("corrective_actions.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CorrectiveActionFile(db.Model):
    """Evidence of implementation, its content kept in the evidence store (one blob per
    SHA-256, shared with questionnaire evidence)."""

    __tablename__ = "corrective_action_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("corrective_actions.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_blobs.sha256"))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DueTerms(db.Model):
    """A buyer's due dates for corrective action plans of one severity, in days from the
    request."""

    __tablename__ = "corrective_action_terms"
    __table_args__ = (UniqueConstraint("buyer_id", "severity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    severity: Mapped[str] = mapped_column(String(10))
    plan_days: Mapped[int] = mapped_column(Integer)
    close_days: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
