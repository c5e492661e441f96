"""The history of each answer: what changed, who changed it and when, from the audit chain.

A save writes one audit entry whose ``detail["changes"]`` lists every question it changed
(``question``, ``old``, ``new``). One entry per save keeps the append to one SELECT of the
last hash and one INSERT however many answers a save changes, and the history of a whole
submission is still one indexed query on ``submission_id`` grouped in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from extensions import db
from models import AuditEntry, User

#: Audit actions whose ``detail["changes"]`` lists answer changes.
CHANGE_ACTIONS = ("answers.change", "answers.import", "rmi.import", "submission.create")
#: Audit actions about one question's documents (``detail["question"]``, ``detail["file"]``).
EVIDENCE_ACTIONS = ("evidence.add", "evidence.remove")


@dataclass(frozen=True)
class AnswerChange:
    """One change to one question: a new value, or a document added or removed."""

    at: datetime
    #: Name of who made it (``None``: the system, e.g. an import from the command line).
    actor: str | None
    action: str
    old: object = None
    new: object = None
    #: File name, for documents.
    file: str | None = None


def changes(before: dict[str, object], after: dict[str, object]) -> list[dict]:
    """Return ``{"question", "old", "new"}`` for each question of *after* whose value differs.

    :param before: the stored values by question id (unanswered questions absent).
    :param after: the new values by question id (``None`` clears an answer).
    """
    return [
        {"question": question_id, "old": before.get(question_id), "new": value}
        for question_id, value in sorted(after.items())
        if before.get(question_id) != value
    ]


def answer_history(submission_id: int) -> dict[str, list[AnswerChange]]:
    """Return the changes of each question of a submission, newest first, in one query."""
    rows = db.session.execute(
        select(AuditEntry.created_at, AuditEntry.action, AuditEntry.detail, User.name)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(
            AuditEntry.submission_id == submission_id,
            AuditEntry.action.in_(CHANGE_ACTIONS + EVIDENCE_ACTIONS),
        )
        .order_by(AuditEntry.id.desc())
    )
    grouped: dict[str, list[AnswerChange]] = {}
    for at, action, detail, name in rows:
        detail = detail or {}
        if action in EVIDENCE_ACTIONS:
            if detail.get("question"):
                change = AnswerChange(at, name, action, file=detail.get("file"))
                grouped.setdefault(detail["question"], []).append(change)
            continue
        for item in detail.get("changes", []):
            change = AnswerChange(at, name, action, item.get("old"), item.get("new"))
            grouped.setdefault(item["question"], []).append(change)
    return grouped
