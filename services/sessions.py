"""Server-side sign-in sessions: opening, ending, and their idle and absolute lifetimes.

The cookie holds only a random token; the ``auth_sessions`` row decides whether it still
works, so ending a row (sign-out, expiry, password change) ends every copy of the cookie.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select, update

from extensions import db
from models import AuthSession, User
from models.types import utcnow
from services import audit
from services.errors import DomainError

#: Defaults for the settings of the same names (see config.py).
DEFAULT_IDLE_MINUTES = 30
DEFAULT_ABSOLUTE_HOURS = 12
DEFAULT_REMEMBER_ME_DAYS = 30
#: ``last_seen_at`` is written at most this often, not on every request.
TOUCH_INTERVAL = timedelta(minutes=1)


class SessionExpired(DomainError):
    """The sign-in session reached its idle timeout or its absolute lifetime and was ended."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        #: ``"idle"`` or ``"lifetime"``.
        self.reason = reason


def _setting(name: str, default: int) -> int:
    return int(current_app.config.get(name, default))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def _open_session(token: str) -> AuthSession | None:
    return db.session.scalar(
        select(AuthSession).where(
            AuthSession.token_hash == _token_hash(token), AuthSession.ended_at.is_(None)
        )
    )


def start_session(
    user: User,
    user_agent: str | None = None,
    *,
    remember: bool = False,
    address: str | None = None,
) -> str:
    """Open a server-side sign-in session for *user*, audit it, commit; return its token.

    :param remember: "keep me signed in": no idle timeout, and ``REMEMBER_ME_DAYS`` instead of
        ``SESSION_ABSOLUTE_HOURS`` as the lifetime.
    """
    token = secrets.token_urlsafe(32)
    now = utcnow()
    lifetime = (
        timedelta(days=_setting("REMEMBER_ME_DAYS", DEFAULT_REMEMBER_ME_DAYS))
        if remember
        else timedelta(hours=_setting("SESSION_ABSOLUTE_HOURS", DEFAULT_ABSOLUTE_HOURS))
    )
    db.session.add(
        AuthSession(
            token_hash=_token_hash(token),
            user_id=user.id,
            user_agent=(user_agent or "")[:300],
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime,
            remember=remember,
        )
    )
    user.last_login_at = now
    audit.record(
        "user.login",
        actor=user,
        detail={"email": user.email, "address": address, "remember": remember},
    )
    db.session.commit()
    user.session_token = token
    return token


def end_session(token: str | None) -> None:
    """End the sign-in session holding *token*; its cookies stop working everywhere."""
    if not token:
        return
    session = _open_session(token)
    if session is None:
        return
    session.ended_at = utcnow()
    audit.record("user.logout", actor=session.user)
    db.session.commit()


def end_all(user: User, *, keep_token: str | None = None) -> None:
    """End *user*'s open sessions except the one holding *keep_token* (the caller commits)."""
    query = update(AuthSession).where(
        AuthSession.user_id == user.id, AuthSession.ended_at.is_(None)
    )
    if keep_token:
        query = query.where(AuthSession.token_hash != _token_hash(keep_token))
    db.session.execute(query.values(ended_at=utcnow()))


def _expiry(session: AuthSession, now: datetime) -> SessionExpired | None:
    if now >= session.expires_at:
        return SessionExpired(
            "lifetime",
            _("Your session reached its maximum length, so you were signed out. Sign in again."),
        )
    idle = _setting("SESSION_IDLE_MINUTES", DEFAULT_IDLE_MINUTES)
    if not session.remember and now - session.last_seen_at >= timedelta(minutes=idle):
        return SessionExpired(
            "idle",
            ngettext(
                "You were signed out after %(num)s minute without activity. Sign in again.",
                "You were signed out after %(num)s minutes without activity. Sign in again.",
                idle,
            ),
        )
    return None


def _begin_with_write() -> None:
    """End the request's read transaction, so that the next statement, a write, takes the
    write lock at once instead of upgrading a read snapshot (which SQLite may refuse)."""
    db.session.commit()


def user_for_token(token: str) -> User | None:
    """Return the active user of the open sign-in session holding *token*, or ``None``.

    Records activity at most once a minute (``last_seen_at``).

    :raises SessionExpired: when the session has just passed its idle timeout or absolute
        lifetime; it is ended and audited before this is raised.
    """
    session = _open_session(token)
    if session is None or not session.user.is_active:
        return None
    user, session_id, now = session.user, session.id, utcnow()
    expired = _expiry(session, now)
    if expired is not None:
        _begin_with_write()
        ended = db.session.execute(
            update(AuthSession)
            .where(AuthSession.id == session_id, AuthSession.ended_at.is_(None))
            .values(ended_at=now)
        ).rowcount
        if ended:
            audit.record("user.session_expired", actor=user, reason=expired.reason)
        db.session.commit()
        raise expired
    pending = db.session.new or db.session.dirty or db.session.deleted
    if now - session.last_seen_at >= TOUCH_INTERVAL and not pending:
        _begin_with_write()
        db.session.execute(
            update(AuthSession).where(AuthSession.id == session_id).values(last_seen_at=now)
        )
        db.session.commit()
    user.session_token = token
    return user
