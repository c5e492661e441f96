"""Append entries to the hash-chained audit log, and verify the chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from flask import g, has_app_context
from sqlalchemy import select, text

from extensions import db
from models import AuditEntry, User
from models.types import utcnow

GENESIS_HASH = "0" * 64
#: Reads logged as access events (services/access_log); they change nothing.
ACCESS_ACTIONS = (
    "evidence.download",
    "report.download",
    "report.view",
    "portfolio.export",
    "rmi.export",
)
#: A save of answers; shown under each answer (services/history), not in the trail.
ANSWER_CHANGE = "answers.change"
#: Entries left out of a submission's trail on its pages and in its report.
NOT_IN_TRAIL = (*ACCESS_ACTIONS, ANSWER_CHANGE)
#: Arbitrary constant naming the advisory lock that serialises appends on PostgreSQL.
_PG_LOCK_KEY = 7_317_771


def entry_hash(
    *,
    created_at: datetime,
    actor_id,
    organisation_id,
    submission_id,
    action,
    from_state,
    to_state,
    reason,
    detail,
    prev_hash: str,
) -> str:
    """Return the SHA-256 over an entry's content and the previous entry's hash."""
    payload = {
        "created_at": created_at.isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "organisation_id": organisation_id,
        "submission_id": submission_id,
        "action": action,
        "from_state": from_state,
        "to_state": to_state,
        "reason": reason,
        "detail": detail,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record(
    action: str,
    *,
    actor=None,
    organisation_id: int | None = None,
    submission_id: int | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str | None = None,
    detail: dict | None = None,
) -> AuditEntry:
    """Add an audit entry to the current transaction (the caller commits).

    Appends are serialised (SQLite's write lock; an advisory lock on PostgreSQL) so the chain
    never forks. Inside an API request the entry also names the token used (``token_id``).
    """
    if has_app_context() and g.get("audit_context"):
        detail = {**(detail or {}), **g.audit_context}
    session = db.session
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    prev = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    created_at = utcnow()
    fields = {
        "created_at": created_at,
        "actor_id": actor.id if actor is not None else None,
        "organisation_id": organisation_id
        if organisation_id is not None
        else (actor.organisation_id if actor is not None else None),
        "submission_id": submission_id,
        "action": action,
        "from_state": from_state,
        "to_state": to_state,
        "reason": reason,
        "detail": detail or {},
        "prev_hash": prev or GENESIS_HASH,
    }
    entry = AuditEntry(**fields, hash=entry_hash(**fields))
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain(batch_size: int = 1000) -> ChainReport:
    """Walk the whole chain in id order and report the first broken link."""
    expected_prev = GENESIS_HASH
    checked = 0
    last_id = 0
    while True:
        rows = db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.id > last_id)
            .order_by(AuditEntry.id)
            .limit(batch_size)
        ).all()
        if not rows:
            return ChainReport(checked, None, None)
        for row in rows:
            if row.prev_hash != expected_prev:
                return ChainReport(checked, row.id, "previous-hash link does not match")
            recomputed = entry_hash(
                created_at=row.created_at,
                actor_id=row.actor_id,
                organisation_id=row.organisation_id,
                submission_id=row.submission_id,
                action=row.action,
                from_state=row.from_state,
                to_state=row.to_state,
                reason=row.reason,
                detail=row.detail,
                prev_hash=row.prev_hash,
            )
            if recomputed != row.hash:
                return ChainReport(checked, row.id, "content does not match its hash")
            expected_prev = row.hash
            checked += 1
            last_id = row.id
        db.session.expunge_all()


#: Entries only the supplier reads: which other customers it shares with is its own business.
_SUPPLIER_ONLY = frozenset({"submission.share"})


def history(
    submission_id: int, buyer_ids: set[int] | None = None
) -> list[tuple[AuditEntry, str | None]]:
    """Return the audit entries of one submission that a reader may see, oldest first, with
    each actor's name.

    :param buyer_ids: the buyers whose reviews the reader works on; ``None`` for the
        supplier, who sees its own entries and each buyer's review state changes. A buyer's
        review entries (``detail.buyer_id``) are never shown to another buyer.
    """
    rows = db.session.execute(
        select(AuditEntry, User.name)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(
            AuditEntry.submission_id == submission_id,
            AuditEntry.action.not_in(NOT_IN_TRAIL),  # shown per answer, or reads
        )
        .order_by(AuditEntry.id)
    )
    return [(entry, name) for entry, name in rows if _readable(entry, buyer_ids)]


def _readable(entry: AuditEntry, buyer_ids: set[int] | None) -> bool:
    buyer_id = (entry.detail or {}).get("buyer_id")
    if buyer_ids is None:
        if buyer_id is None:
            return True
        # The supplier follows each buyer's review state and the corrective actions asked of
        # it; comments and finding decisions reach it only through what the buyer released
        # (services.review.released).
        return entry.action == "review.transition" or entry.action.startswith("corrective_action.")
    if entry.action in _SUPPLIER_ONLY:
        return False
    return buyer_id is None or buyer_id in buyer_ids
