"""A buyer's own record of a supplier: its reference, names and identifiers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db
from models.types import JSONType, UTCDateTime, utcnow


class SupplierRecord(db.Model):
    """What one buyer knows of a supplier, before and after it joins.

    Made through the API (with or without an invitation) or when a supplier connects; the
    supplier's own organisation and answers stay the supplier's.
    """

    __tablename__ = "supplier_records"
    __table_args__ = (
        UniqueConstraint("buyer_id", "external_id", name="uq_supplier_records_external_id"),
        UniqueConstraint("buyer_id", "organisation_id", name="uq_supplier_records_organisation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    #: The supplier's organisation once it has joined and connected with the buyer.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    #: The buyer's latest invitation for it.
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitations.id"))
    #: The buyer's own reference (e.g. its ERP vendor number).
    external_id: Mapped[str | None] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    name_ja: Mapped[str | None] = mapped_column(String(200))
    #: ISO 3166-1 alpha-2.
    country: Mapped[str | None] = mapped_column(String(2))
    #: Scheme -> identifier, e.g. ``{"lei": "…", "duns": "…"}``.
    identifiers: Mapped[dict] = mapped_column(JSONType, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
