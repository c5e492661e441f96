"""A buyer's request to connect with a supplier organisation that already exists."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.organisation import Organisation
from models.types import UTCDateTime, enum_column, utcnow


class ConnectionStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ConnectionRequest(db.Model):
    """Only the supplier's own members answer it; only acceptance creates the relationship."""

    __tablename__ = "connection_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    #: The invitation that asked for it: the buyer knows the request only as that invitation.
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitations.id"))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: The address the buyer typed (shown to the buyer instead of the organisation's name).
    email: Mapped[str] = mapped_column(String(254))
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ConnectionStatus] = mapped_column(
        enum_column(ConnectionStatus), default=ConnectionStatus.PENDING
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    buyer: Mapped[Organisation] = relationship(foreign_keys=[buyer_id], lazy="joined")
    supplier: Mapped[Organisation] = relationship(foreign_keys=[supplier_id], lazy="raise_on_sql")
