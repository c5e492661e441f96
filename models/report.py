"""PDF reports generated at each buyer's decision and served as stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column

from extensions import db
from models.types import UTCDateTime, utcnow


class StoredReport(db.Model):
    __tablename__ = "stored_reports"
    __table_args__ = (UniqueConstraint("submission_id", "buyer_id", "round", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    #: The buyer whose decision the report records.
    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(8))
    document_id: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
