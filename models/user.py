"""People who sign in, and their server-side sign-in sessions."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.organisation import Organisation
from models.types import UTCDateTime, enum_column, utcnow


class Role(enum.StrEnum):
    SUPPLIER = "supplier"
    REVIEWER = "reviewer"
    BUYER = "buyer"
    #: Runs the platform: manages organisations, nothing inside them (command line only).
    OPERATOR = "operator"


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-case; the sign-in name.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    #: Argon2id hash; ``None`` until the user has set a password (invitation pending).
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    #: Preferred UI language ("en" or "ja"); ``None`` means "use the browser's".
    locale: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Manages the members of their own organisation, whatever their role.
    is_org_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Set when an organisation admin forces a reset: the next sign-in must choose a new password.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)

    organisation: Mapped[Organisation] = relationship(back_populates="users", lazy="joined")

    #: Token of the sign-in session this object was loaded for (not a column).
    session_token = None

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active and self.organisation.suspended_at is None

    def get_id(self) -> str | None:  # Flask-Login stores the session token, not the user id
        return self.session_token

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


class AuthSession(db.Model):
    """A sign-in session; ending it here makes every copy of its cookie worthless."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: SHA-256 of the random token kept in the user's cookie.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    user_agent: Mapped[str | None] = mapped_column(String(300))
    #: Last request seen on this session, written at most once a minute (the idle timeout).
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The session ends here however active it is (the absolute lifetime).
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: "Keep me signed in": no idle timeout, the longer absolute lifetime.
    remember: Mapped[bool] = mapped_column(Boolean, default=False)

    user: Mapped[User] = relationship(lazy="joined")


class SignInThrottle(db.Model):
    """Failed sign-ins on one e-mail address, known account or not, shared by every app server."""

    __tablename__ = "sign_in_throttles"

    #: SHA-256 of the normalised e-mail address tried.
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: Failures since the last successful sign-in.
    failures: Mapped[int] = mapped_column(Integer, default=0)
    #: No attempt on this address is checked before this time.
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
