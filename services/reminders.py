"""Reminders of near or passed deadlines, of corrective action plans due or overdue, and of
expiring documents, once per window.

A reminder's key names what it is about and its window, e.g.
``deadline:<relationship>:<deadline>:near``; the reminder log holds the keys already sent, so
running the command again sends nothing new until something enters a new window (a deadline
passes, is moved, or a document is replaced).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, exists, select
from sqlalchemy.orm import aliased

from extensions import db
from models import (
    BuyerSupplier,
    CorrectiveAction,
    EvidenceFile,
    Notification,
    Organisation,
    ReminderLog,
    Review,
    Role,
    Submission,
    SubmissionShare,
    SubmissionStatus,
    User,
)
from models.corrective_action import SUPPLIER_TURN
from services import corrective_lists, links, mailer, notifications, webhook_events

DEADLINE_DAYS = 7
EVIDENCE_DAYS = 30


@dataclass
class Reminder:
    key: str
    kind: str
    supplier_id: int
    params: dict
    submission_id: int | None = None
    #: The expiring document of an evidence reminder.
    document: EvidenceFile | None = None
    #: E-mail addresses it went to (filled in by :func:`send`).
    emailed: list[str] = field(default_factory=list)
    notified: list[str] = field(default_factory=list)


def _deadline_reminders(today: date) -> list[Reminder]:
    buyer = aliased(Organisation)
    approved = exists().where(
        Submission.supplier_id == BuyerSupplier.supplier_id,
        Review.submission_id == Submission.id,
        Review.buyer_id == BuyerSupplier.buyer_id,
        Review.status == SubmissionStatus.APPROVED,
        SubmissionShare.submission_id == Submission.id,
        SubmissionShare.buyer_id == BuyerSupplier.buyer_id,
    )
    rows = db.session.execute(
        select(BuyerSupplier, buyer.name)
        .join(buyer, buyer.id == BuyerSupplier.buyer_id)
        .where(
            BuyerSupplier.deadline.is_not(None),
            BuyerSupplier.deadline <= today + timedelta(days=DEADLINE_DAYS),
            ~approved,
        )
        .order_by(BuyerSupplier.deadline, BuyerSupplier.id)
    )
    found = []
    for rel, buyer_name in rows:
        window = "passed" if rel.deadline < today else "near"
        found.append(
            Reminder(
                key=f"deadline:{rel.id}:{rel.deadline.isoformat()}:{window}",
                kind=f"deadline_{window}",
                supplier_id=rel.supplier_id,
                params={"buyer": buyer_name, "deadline": rel.deadline.isoformat()},
            )
        )
    return found


def _corrective_action_reminders(today: date) -> list[Reminder]:
    """Plans whose next step is the supplier's and due within ``DEADLINE_DAYS`` or past."""
    due = corrective_lists.next_due()
    rows = db.session.execute(
        select(CorrectiveAction, due)
        .where(
            CorrectiveAction.status.in_(SUPPLIER_TURN),
            due <= today + timedelta(days=DEADLINE_DAYS),
        )
        .order_by(due, CorrectiveAction.id)
    )
    found = []
    for action, day in rows:
        window = "overdue" if day < today else "due"
        found.append(
            Reminder(
                key=f"cap:{action.id}:{action.status.value}:{day.isoformat()}:{window}",
                kind=f"cap_{window}",
                supplier_id=action.supplier_id,
                submission_id=action.current_submission_id,
                params={
                    "buyer": action.buyer.name,
                    "due": day.isoformat(),
                    "title": (action.finding or {}).get("title") or {"en": action.request[:200]},
                    "cap_id": action.id,
                },
            )
        )
    return found


def _evidence_reminders(today: date) -> list[Reminder]:
    newer = aliased(Submission)
    superseded = exists().where(newer.previous_id == Submission.id)
    rows = db.session.execute(
        select(EvidenceFile, Submission.supplier_id)
        .join(Submission, Submission.id == EvidenceFile.submission_id)
        .where(
            and_(
                EvidenceFile.valid_until >= today,
                EvidenceFile.valid_until <= today + timedelta(days=EVIDENCE_DAYS),
            ),
            ~superseded,
        )
        .order_by(EvidenceFile.valid_until, EvidenceFile.id)
    )
    return [
        Reminder(
            key=f"evidence:{item.id}:{item.valid_until.isoformat()}",
            kind="evidence_expiring",
            supplier_id=supplier_id,
            submission_id=item.submission_id,
            document=item,
            params={"file": item.filename, "valid_until": item.valid_until.isoformat()},
        )
        for item, supplier_id in rows
    ]


def due(today: date) -> list[Reminder]:
    """Return the reminders in a window today that have not been sent yet."""
    found = (
        _deadline_reminders(today)
        + _corrective_action_reminders(today)
        + _evidence_reminders(today)
    )
    if not found:
        return []
    sent = set(
        db.session.scalars(
            select(ReminderLog.key).where(ReminderLog.key.in_([r.key for r in found]))
        )
    )
    return [r for r in found if r.key not in sent]


def send(today: date | None = None) -> list[Reminder]:
    """Notify the suppliers' users of every due reminder, in the app and by e-mail; log each.

    Each reminder is logged and committed before its e-mail goes out, so a failure never
    sends it twice.
    """
    today = today or date.today()
    done = []
    for reminder in due(today):
        users = notifications.organisation_users(reminder.supplier_id, Role.SUPPLIER)
        notifications.notify(
            users, reminder.kind, submission_id=reminder.submission_id, **reminder.params
        )
        db.session.add(ReminderLog(key=reminder.key))
        if reminder.document is not None:
            webhook_events.document_expiring(reminder.document)
        db.session.commit()
        reminder.notified = [u.email for u in users]
        for user in users:
            if _email(user, reminder):
                reminder.emailed.append(user.email)
        done.append(reminder)
    return done


def _email(user: User, reminder: Reminder) -> bool:
    note = Notification(kind=reminder.kind, params=reminder.params)

    link = links.external_url("supplier.home")

    def render():
        if reminder.kind.startswith("cap_"):
            what = _(
                "Sign in to Assay to see what your corrective action needs: %(link)s", link=link
            )
        else:
            what = _("Sign in to Assay to answer or update your questionnaire: %(link)s", link=link)
        return _("Reminder from Assay"), notifications.text(note) + "\n\n" + what

    subject, body = mailer.compose(user.locale, render)
    return mailer.send([user.email], subject, body)
