"""Single-use, expiring invitations: a buyer's to a new supplier, an admin's to a colleague."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.organisation import Organisation
from models.types import UTCDateTime, enum_column, utcnow
from models.user import Role


class InvitationKind(enum.StrEnum):
    #: A buyer invites a supplier: accepting creates a new supplier organisation.
    SUPPLIER = "supplier"
    #: An organisation's admin (or the operator, for a first admin) invites a member.
    MEMBER = "member"


class Invitation(db.Model):
    """An invitation; no user exists until someone accepts it."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: SHA-256 of the token in the link; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[InvitationKind] = mapped_column(enum_column(InvitationKind))
    #: Stored lower-case.
    email: Mapped[str] = mapped_column(String(254), index=True)
    #: The role the new account gets.
    role: Mapped[Role] = mapped_column(enum_column(Role))
    #: Whether the new account administers its organisation.
    org_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    #: The supplier organisation's name and country as the buyer typed them (supplier kind).
    organisation_name: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    #: Member kind: the organisation joined; supplier kind: the one created on acceptance.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    #: Supplier kind: the inviting buyer organisation and its deadline.
    buyer_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    deadline: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Replaced by a newer link of the same inviter, or closed by a decision.
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation | None] = relationship(
        foreign_keys=[organisation_id], lazy="raise_on_sql"
    )
    buyer: Mapped[Organisation | None] = relationship(foreign_keys=[buyer_id], lazy="joined")

    def is_open(self, now: datetime) -> bool:
        """Whether the link can still be used at *now*."""
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now

    def state(self, now: datetime) -> str:
        """Return ``accepted``, ``revoked``, ``expired`` or ``pending`` at *now*."""
        if self.accepted_at is not None:
            return "accepted"
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.expires_at <= now else "pending"
