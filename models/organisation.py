"""Organisations and the buyer–supplier relationships between them."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.types import UTCDateTime, enum_column, utcnow


class OrganisationKind(enum.StrEnum):
    SUPPLIER = "supplier"
    BUYER = "buyer"
    AUDITOR = "auditor"
    #: The platform operator's own organisation.
    PLATFORM = "platform"


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Legal or trading name, as the organisation writes it.
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind))
    #: ISO 3166-1 alpha-2 code of the registered seat.
    country: Mapped[str | None] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Set by the organisation's admins: the platform operator may read the member list.
    support_access: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Set by the platform operator: no member can sign in while suspended.
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    users = relationship("User", back_populates="organisation", lazy="raise_on_sql")

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.kind} {self.name!r}>"


class BuyerSupplier(db.Model):
    """A buyer's relationship with one of its suppliers, with the buyer's deadline."""

    __tablename__ = "buyer_suppliers"
    __table_args__ = (UniqueConstraint("buyer_id", "supplier_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    #: Date by which the buyer expects an approved submission.
    deadline: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    buyer: Mapped[Organisation] = relationship(foreign_keys=[buyer_id], lazy="raise_on_sql")
    supplier: Mapped[Organisation] = relationship(foreign_keys=[supplier_id], lazy="raise_on_sql")


class AuditorAppointment(db.Model):
    """A buyer's appointment of an auditor organisation to review its suppliers' submissions."""

    __tablename__ = "auditor_appointments"

    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), primary_key=True)
    auditor_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
