"""Accounts: passwords and their policy, sign-in and its throttling, organisation members."""

from __future__ import annotations

import math
import re
from datetime import timedelta

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select
from zxcvbn import zxcvbn

from extensions import db
from models import Organisation, Role, User
from models.types import utcnow
from services import audit, sessions, sign_in_throttle
from services.errors import DomainError

# The sign-in session API, also reachable here where callers look for account functions.
from services.sessions import end_session as end_session
from services.sessions import start_session as start_session
from services.sessions import user_for_token as user_for_token

_STRONG = PasswordHasher()
#: argon2's cheapest profile, for test suites only (``PASSWORD_HASH_CHEAPEST``).
_CHEAPEST = PasswordHasher.from_parameters(profiles.CHEAPEST)
#: Verified against when the e-mail is unknown, so timing does not reveal which e-mails exist.
_DUMMY_HASH = _STRONG.hash("not-a-real-password")


def _hasher() -> PasswordHasher:
    """Return the hasher for new hashes: argon2's default profile unless configured cheapest
    (verifying reads the parameters from each hash, so either verifies any hash)."""
    if has_app_context() and current_app.config.get("PASSWORD_HASH_CHEAPEST"):
        return _CHEAPEST
    return _STRONG


MIN_PASSWORD_LENGTH = 12
#: zxcvbn's top score: at least 10^10 guesses, safe even against an offline attack.
MIN_PASSWORD_SCORE = 4
#: zxcvbn's own limit; a longer password is judged by its first characters.
_PASSWORD_CHECK_LENGTH = 72
#: Words no password of this service should lean on.
_SERVICE_WORDS = ("assay",)


class SignInThrottled(DomainError):
    """Too many failed attempts on this e-mail address: none is checked until the delay ends."""

    def __init__(self, wait: timedelta):
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        super().__init__(
            ngettext(
                "Too many failed attempts for this e-mail address. Try again in %(num)s minute.",
                "Too many failed attempts for this e-mail address. Try again in %(num)s minutes.",
                minutes,
            )
        )


def hash_password(password: str) -> str:
    """Return an Argon2id hash of *password*."""
    return _hasher().hash(password)


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def normalise_email(email: str) -> str:
    """Return *email* trimmed and lower-cased, the form it is stored in."""
    return email.strip().lower()


def _sign_in_failed(email: str, user: User | None, address: str | None, reason: str) -> None:
    audit.record(
        "user.login_failed",
        organisation_id=user.organisation_id if user is not None else None,
        reason=reason,
        detail={"email": email, "address": address},
    )


def authenticate(email: str, password: str, *, address: str | None = None) -> User | None:
    """Return the active user with this e-mail and password, or ``None``.

    Every failure is audited and counted against the e-mail address, known or not; the
    caller opens the session (:func:`start_session`), which commits the success.

    :raises SignInThrottled: while the e-mail address is in its delay (the password is not
        even checked, so the right one is refused too).
    """
    email = normalise_email(email)
    key = sign_in_throttle.account_key(email)
    now = utcnow()
    user = db.session.scalar(select(User).where(User.email == email))
    until = sign_in_throttle.blocked_until(key, now)
    if until is not None:
        _sign_in_failed(email, user, address, "throttled")
        db.session.commit()
        raise SignInThrottled(until - now)
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    matched = _verify(stored, password)
    if user is None or not user.password_hash or not matched or not user.is_active:
        reason = "unknown_account" if user is None else "inactive" if matched else "password"
        sign_in_throttle.record_failure(key, now)
        _sign_in_failed(email, user, address, reason)
        db.session.commit()
        return None
    sign_in_throttle.clear(key)
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = _hasher().hash(password)
    return user


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def check_password_strength(
    password: str, *, email: str | None = None, name: str | None = None
) -> None:
    """Refuse a password that is short, common, leaked-style or built on the user's name.

    Guessability is judged by zxcvbn, which knows the most common leaked passwords, words,
    names, keyboard patterns, dates and substitutions like ``p4ssw0rd``.

    :raises DomainError: with a translated message saying what to change.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            _("Use at least %(n)s characters for the password.", n=MIN_PASSWORD_LENGTH)
        )
    personal = [w for w in re.split(r"[@.\s]+", f"{email or ''} {name or ''}") if len(w) > 2]
    squashed = _squash(password)
    whole = [_squash(email.split("@")[0]) if email else "", _squash(name or "")]
    if any(len(w) >= 4 and w in squashed for w in whole):
        raise DomainError(_("Do not build the password on your name or e-mail address."))
    inputs = [*filter(None, (email, name)), *personal, *_SERVICE_WORDS]
    result = zxcvbn(password[:_PASSWORD_CHECK_LENGTH], user_inputs=inputs)
    if result["score"] >= MIN_PASSWORD_SCORE:
        return
    sources = {match.get("dictionary_name") for match in result["sequence"]}
    if "user_inputs" in sources:
        raise DomainError(_("Do not build the password on your name or e-mail address."))
    if "passwords" in sources:
        raise DomainError(
            _("This password is on lists of common or leaked passwords. Choose another one.")
        )
    raise DomainError(
        _("This password is too easy to guess. A few unrelated words make a strong one.")
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
        check_password_strength(password, email=email, name=name)
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
    """Set *user*'s password, end all their sessions, audit it and commit.

    :raises DomainError: when the password is too weak.
    """
    check_password_strength(password, email=user.email, name=user.name)
    user.password_hash = hash_password(password)
    user.must_change_password = False
    sessions.end_all(user)
    audit.record("user.password", actor=actor or user, detail={"user_id": user.id})
    db.session.commit()


def change_password(user: User, current: str, new: str, *, address: str | None = None) -> None:
    """Change the signed-in *user*'s own password after checking the current one.

    Ends the user's other sessions (the one in use stays open), lifts a forced reset, audits
    and commits. A wrong current password counts as a failed sign-in on the account.

    :raises SignInThrottled: while the account is in its delay.
    :raises DomainError: for a wrong current password, or a new one the policy refuses.
    """
    key = sign_in_throttle.account_key(user.email)
    now = utcnow()
    until = sign_in_throttle.blocked_until(key, now)
    if until is not None:
        raise SignInThrottled(until - now)
    if not user.password_hash or not _verify(user.password_hash, current):
        sign_in_throttle.record_failure(key, now)
        audit.record("user.password_change_failed", actor=user, detail={"address": address})
        db.session.commit()
        raise DomainError(_("The current password is not right."))
    if new == current:
        raise DomainError(_("Choose a new password that differs from the current one."))
    check_password_strength(new, email=user.email, name=user.name)
    user.password_hash = hash_password(new)
    user.must_change_password = False
    sessions.end_all(user, keep_token=user.session_token)
    audit.record("user.password_change", actor=user, detail={"address": address})
    db.session.commit()


def _same_organisation(actor: User, member: User) -> None:
    if member.organisation_id != actor.organisation_id:
        raise DomainError(_("This person is not a member of your organisation."))


def disable_member(actor: User, member: User) -> None:
    """Disable *member* of the actor's own organisation and end their sessions; audit, commit.

    The caller has checked that *actor* administers the organisation.

    :raises DomainError: for someone of another organisation, or for the actor themselves.
    """
    _same_organisation(actor, member)
    if member.id == actor.id:
        raise DomainError(_("You cannot disable your own account."))
    member.active = False
    sessions.end_all(member)
    audit.record("user.disable", actor=actor, detail={"user_id": member.id})
    db.session.commit()


def enable_member(actor: User, member: User) -> None:
    """Enable a disabled *member* of the actor's own organisation again; audit, commit.

    :raises DomainError: for someone of another organisation.
    """
    _same_organisation(actor, member)
    member.active = True
    audit.record("user.enable", actor=actor, detail={"user_id": member.id})
    db.session.commit()


def force_password_reset(actor: User, member: User) -> None:
    """End *member*'s sessions and make them choose a new password at their next sign-in.

    The caller has checked that *actor* administers the organisation; audits and commits.

    :raises DomainError: for someone of another organisation.
    """
    _same_organisation(actor, member)
    member.must_change_password = True
    sessions.end_all(member)
    audit.record("user.password_reset_forced", actor=actor, detail={"user_id": member.id})
    db.session.commit()


def set_locale(user: User, locale: str) -> None:
    """Remember *user*'s preferred language and commit."""
    user.locale = locale
    db.session.commit()
