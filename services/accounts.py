"""Accounts: password hashing, sign-in sessions and user management."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import gettext as _
from sqlalchemy import func, select

from extensions import db
from models import AuthSession, Organisation, Role, User
from models.types import utcnow
from services import audit
from services.errors import DomainError

_hasher = PasswordHasher()
#: Verified against when the e-mail is unknown, so timing does not reveal which e-mails exist.
_DUMMY_HASH = _hasher.hash("not-a-real-password")
MIN_PASSWORD_LENGTH = 10


def hash_password(password: str) -> str:
    """Return an Argon2id hash of *password*."""
    return _hasher.hash(password)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def normalise_email(email: str) -> str:
    """Return *email* trimmed and lower-cased, the form it is stored in."""
    return email.strip().lower()


def authenticate(email: str, password: str) -> User | None:
    """Return the active user with this e-mail and password, or ``None``."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.password_hash or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def start_session(user: User, user_agent: str | None = None) -> str:
    """Open a server-side sign-in session for *user*, audit it, commit; return its token."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        AuthSession(
            token_hash=_token_hash(token), user_id=user.id, user_agent=(user_agent or "")[:300]
        )
    )
    user.last_login_at = utcnow()
    audit.record("user.login", actor=user)
    db.session.commit()
    user.session_token = token
    return token


def end_session(token: str | None) -> None:
    """End the sign-in session holding *token*; its cookies stop working everywhere."""
    if not token:
        return
    session = db.session.scalar(
        select(AuthSession).where(
            AuthSession.token_hash == _token_hash(token), AuthSession.ended_at.is_(None)
        )
    )
    if session is None:
        return
    session.ended_at = utcnow()
    audit.record("user.logout", actor=session.user)
    db.session.commit()


def user_for_token(token: str) -> User | None:
    """Return the active user of the open sign-in session holding *token*, or ``None``."""
    session = db.session.scalar(
        select(AuthSession).where(
            AuthSession.token_hash == _token_hash(token), AuthSession.ended_at.is_(None)
        )
    )
    if session is None or not session.user.active:
        return None
    session.user.session_token = token
    return session.user


def check_password_strength(password: str) -> None:
    """Refuse a password that is too short.

    :raises DomainError: with a translated message.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            _("Use at least %(n)s characters for the password.", n=MIN_PASSWORD_LENGTH)
        )


def create_user(
    *,
    email: str,
    name: str,
    role: Role,
    organisation: Organisation,
    password: str | None,
    locale: str | None = None,
    actor: User | None = None,
) -> User:
    """Create a user in *organisation*, audit it and commit.

    :raises DomainError: when the e-mail is taken or the password is too weak.
    """
    email = normalise_email(email)
    taken = db.session.scalar(select(func.count()).select_from(User).where(User.email == email))
    if taken:
        raise DomainError(_("A user with the e-mail %(email)s already exists.", email=email))
    if password is not None:
        check_password_strength(password)
    user = User(
        email=email,
        name=name.strip(),
        role=role,
        organisation=organisation,
        password_hash=hash_password(password) if password is not None else None,
        locale=locale,
        active=True,
    )
    db.session.add(user)
    db.session.flush()
    audit.record(
        "user.create", actor=actor, organisation_id=organisation.id, detail={"user_id": user.id}
    )
    db.session.commit()
    return user


def set_password(user: User, password: str, *, actor: User | None = None) -> None:
    """Set *user*'s password, end their other sessions, audit it and commit.

    :raises DomainError: when the password is too weak.
    """
    check_password_strength(password)
    user.password_hash = hash_password(password)
    now = utcnow()
    for session in db.session.scalars(
        select(AuthSession).where(AuthSession.user_id == user.id, AuthSession.ended_at.is_(None))
    ):
        session.ended_at = now
    audit.record("user.password", actor=actor or user, detail={"user_id": user.id})
    db.session.commit()


def set_locale(user: User, locale: str) -> None:
    """Remember *user*'s preferred language and commit."""
    user.locale = locale
    db.session.commit()
