"""Stored risk results: a snapshot that later rule changes never alter."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db
from models.types import JSONType, UTCDateTime, utcnow


class RiskResult(db.Model):
    __tablename__ = "risk_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int] = mapped_column(Integer, default=1)
    ruleset_id: Mapped[str] = mapped_column(String(100))
    ruleset_version: Mapped[str] = mapped_column(String(20))
    data_editions: Mapped[dict] = mapped_column(JSONType)
    scoring_date: Mapped[date] = mapped_column(Date)
    #: Computed overall rating: low, medium, high or critical.
    rating: Mapped[str] = mapped_column(String(10))
    score: Mapped[int] = mapped_column(Integer)
    red_flag_count: Mapped[int] = mapped_column(Integer, default=0)
    #: Visibility score (0-100: how much of what the rules look at is known), when the rule
    #: set measures it; and whether it fell below the rule set's threshold.
    visibility: Mapped[int | None] = mapped_column(Integer)
    insufficient: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The full result document of the rules engine.
    result: Mapped[dict] = mapped_column(JSONType)
    #: The result shown for the submission; re-scoring adds a new current one.
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
