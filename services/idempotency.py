"""Responses kept for POSTs made with an ``Idempotency-Key``, so a retry does the work once.

A key belongs to one token and lasts a day. The first request claims it (a row without a
response) in a transaction of its own; a retry with the same request gets the response that
was kept, one with another request is refused, one while the first is still running waits
its turn by being refused with 409.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from extensions import db
from models import IdempotentRequest
from models.types import utcnow

#: How long a key is remembered.
KEPT_FOR = timedelta(hours=24)


def fingerprint(method: str, path: str, body: bytes) -> str:
    """Return the SHA-256 that tells one request from another under the same key."""
    digest = hashlib.sha256()
    for part in (method.encode(), b"\n", path.encode("utf-8", "replace"), b"\n", body):
        digest.update(part)
    return digest.hexdigest()


def find(token_id: int, key: str) -> IdempotentRequest | None:
    """Return the request kept under *key* for this token within the last day."""
    return db.session.scalar(
        select(IdempotentRequest).where(
            IdempotentRequest.token_id == token_id,
            IdempotentRequest.key == key,
            IdempotentRequest.created_at > utcnow() - KEPT_FOR,
        )
    )


def claim(token_id: int, key: str, print_: str) -> bool:
    """Claim *key* for a request about to run; commit. Return ``False`` when another request
    claimed it first."""
    db.session.execute(
        delete(IdempotentRequest).where(
            IdempotentRequest.token_id == token_id,
            IdempotentRequest.key == key,
            IdempotentRequest.created_at <= utcnow() - KEPT_FOR,
        )
    )
    db.session.add(IdempotentRequest(token_id=token_id, key=key, fingerprint=print_, headers={}))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def keep(token_id: int, key: str, status: int, body: str, headers: dict) -> None:
    """Keep the response of a claimed key; commit."""
    db.session.rollback()
    row = find(token_id, key)
    if row is not None:
        row.status, row.body, row.headers = status, body, headers
        db.session.commit()


def release(token_id: int, key: str) -> None:
    """Forget a claimed key whose request failed on the server's side; commit."""
    db.session.rollback()
    db.session.execute(
        delete(IdempotentRequest).where(
            IdempotentRequest.token_id == token_id, IdempotentRequest.key == key
        )
    )
    db.session.commit()
