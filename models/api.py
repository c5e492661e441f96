"""Access tokens of the JSON API, and the responses kept for ``Idempotency-Key`` retries."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.organisation import Organisation
from models.types import JSONType, UTCDateTime, enum_column, utcnow
from models.user import Role, User


class TokenKind(enum.StrEnum):
    #: Acts as the person who holds it.
    PERSONAL = "personal"
    #: Belongs to an organisation and acts with the role chosen when it was issued.
    INTEGRATION = "integration"


class ApiToken(db.Model):
    """A scoped, expiring API token; only the SHA-256 of the secret is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[TokenKind] = mapped_column(enum_column(TokenKind))
    #: What the holder calls it, e.g. "ERP nightly sync".
    name: Mapped[str] = mapped_column(String(100))
    #: SHA-256 of the whole token; the token itself is shown once and never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: The first characters of the token, shown so that a holder recognises it.
    hint: Mapped[str] = mapped_column(String(20))
    #: Scopes granted, e.g. ``["suppliers:read", "submissions:read"]``.
    scopes: Mapped[list] = mapped_column(JSONType)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    #: Personal: the holder. Integration: the admin who issued it and answers for it.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    #: The role an integration token acts with (a personal token acts with its holder's).
    role: Mapped[Role | None] = mapped_column(enum_column(Role))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Last request made with it, written at most once a minute.
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    organisation: Mapped[Organisation] = relationship(lazy="joined")

    def usable(self, now: datetime) -> bool:
        """Whether the token may still be used at *now* (not revoked, not expired)."""
        return self.revoked_at is None and self.expires_at > now


class IdempotentRequest(db.Model):
    """A POST made with an ``Idempotency-Key``: a retry with the same key gets this response."""

    __tablename__ = "api_idempotent_requests"
    __table_args__ = (UniqueConstraint("token_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("api_tokens.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    #: SHA-256 over method, path and body: the same key with another request is refused.
    fingerprint: Mapped[str] = mapped_column(String(64))
    #: ``None`` while the first request is still being handled.
    status: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[str | None] = mapped_column(Text)
    headers: Mapped[dict] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
