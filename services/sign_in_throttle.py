"""Per-account sign-in throttling: a growing delay after repeated failures on one e-mail.

The state lives in the database so that every app server sees the same count. E-mails that
belong to no account are throttled exactly like real ones, so a refusal reveals nothing.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from extensions import db
from models import SignInThrottle

#: Defaults for the settings of the same names (see config.py).
DEFAULT_FAILURES = 5
DEFAULT_DELAY_SECONDS = 60
DEFAULT_MAX_DELAY_SECONDS = 3600


def account_key(normalised_email: str) -> str:
    """Return the key under which failures on *normalised_email* are counted."""
    return hashlib.sha256(normalised_email.encode("utf-8")).hexdigest()


def blocked_until(key: str, now: datetime) -> datetime | None:
    """Return when attempts on *key* may resume, or ``None`` when they may go ahead now."""
    until = db.session.scalar(select(SignInThrottle.blocked_until).where(SignInThrottle.key == key))
    return until if until is not None and until > now else None


def delay_after(failures: int) -> timedelta | None:
    """Return the wait imposed after *failures* consecutive failures (``None``: no wait yet)."""
    config = current_app.config
    allowed = int(config.get("LOGIN_ACCOUNT_FAILURES", DEFAULT_FAILURES))
    if failures < allowed:
        return None
    base = int(config.get("LOGIN_ACCOUNT_DELAY_SECONDS", DEFAULT_DELAY_SECONDS))
    ceiling = int(config.get("LOGIN_ACCOUNT_MAX_DELAY_SECONDS", DEFAULT_MAX_DELAY_SECONDS))
    return timedelta(seconds=min(base * 2 ** min(failures - allowed, 32), ceiling))


def record_failure(key: str, now: datetime) -> SignInThrottle:
    """Count a failed attempt on *key* and start or lengthen its delay (the caller commits).

    The row is created without a race and locked, so concurrent failures all count.
    """
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(
        insert(SignInThrottle)
        .values(key=key, failures=0, updated_at=now)
        .on_conflict_do_nothing(index_elements=["key"])
    )
    row = db.session.scalars(
        select(SignInThrottle)
        .where(SignInThrottle.key == key)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    row.failures += 1
    row.updated_at = now
    delay = delay_after(row.failures)
    row.blocked_until = now + delay if delay is not None else None
    return row


def clear(key: str) -> None:
    """Forget the failures on *key* after a successful sign-in (the caller commits)."""
    db.session.execute(delete(SignInThrottle).where(SignInThrottle.key == key))
