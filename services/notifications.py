"""In-app notifications: stored as a kind and parameters, worded in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from sqlalchemy import func, or_, select, update

from extensions import db
from models import (
    AuditorAppointment,
    Notification,
    Role,
    Submission,
    SubmissionShare,
    User,
)
from models.types import utcnow

#: How many notifications the notifications page lists.
PAGE_SIZE = 100


def notify(users: Iterable[User], kind: str, *, submission_id: int | None = None, **params) -> int:
    """Add a notification of *kind* for each of *users* (the caller commits); return how many."""
    count = 0
    for user in {u.id: u for u in users}.values():
        db.session.add(
            Notification(user_id=user.id, kind=kind, params=params, submission_id=submission_id)
        )
        count += 1
    return count


def submission_audience(submission: Submission, buyer_ids: Iterable[int] | None = None):
    """Return the buyers' users and the reviewers who can see *submission* (it is shared).

    :param buyer_ids: only those reached through these buyers (e.g. newly shared with).
    """
    buyers = select(SubmissionShare.buyer_id).where(SubmissionShare.submission_id == submission.id)
    if buyer_ids is not None:
        buyers = buyers.where(SubmissionShare.buyer_id.in_(list(buyer_ids)))
    auditors = select(AuditorAppointment.auditor_id).where(AuditorAppointment.buyer_id.in_(buyers))
    return list(
        db.session.scalars(
            select(User).where(
                User.active.is_(True),
                or_(
                    (User.role == Role.BUYER) & User.organisation_id.in_(buyers),
                    (User.role == Role.REVIEWER)
                    & (User.organisation_id.in_(buyers) | User.organisation_id.in_(auditors)),
                ),
            )
        )
    )


def buyer_audience(buyer_id: int) -> list[User]:
    """Return the active buyer users of *buyer_id* and the reviewers who work for it (its own
    or those of an auditor it appointed)."""
    auditors = select(AuditorAppointment.auditor_id).where(AuditorAppointment.buyer_id == buyer_id)
    return list(
        db.session.scalars(
            select(User).where(
                User.active.is_(True),
                or_(
                    (User.role == Role.BUYER) & (User.organisation_id == buyer_id),
                    (User.role == Role.REVIEWER)
                    & ((User.organisation_id == buyer_id) | User.organisation_id.in_(auditors)),
                ),
            )
        )
    )


def organisation_users(organisation_id: int, role: Role | None = None) -> list[User]:
    """Return the active users of an organisation (of *role*, when given)."""
    query = select(User).where(User.organisation_id == organisation_id, User.active.is_(True))
    if role is not None:
        query = query.where(User.role == role)
    return list(db.session.scalars(query.order_by(User.id)))


def unread_count(user: User) -> int:
    """Return how many of *user*'s notifications are unread."""
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )


def recent(user: User) -> list[Notification]:
    """Return *user*'s newest notifications, newest first."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user.id)
            .order_by(Notification.id.desc())
            .limit(PAGE_SIZE)
        )
    )


def mark_read(user: User, notification: Notification | None = None) -> None:
    """Mark one notification of *user*, or all of them, as read; commit."""
    query = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if notification is not None:
        query = query.where(Notification.id == notification.id)
    db.session.execute(query.values(read_at=utcnow()))
    db.session.commit()


def _date(value: str | None) -> str:
    return format_date(date.fromisoformat(value), "long") if value else ""


def _title(params: dict) -> str:
    title = params.get("title") or {}
    return title.get(str(get_locale())[:2]) or title.get("en") or ""


def _corrective_action_text(kind: str, p: dict) -> str | None:
    """Return what a notification about a corrective action plan says, or ``None``."""
    buyer, supplier, title = p.get("buyer", ""), p.get("supplier", ""), _title(p)
    reason = p.get("reason", "")
    texts = {
        "cap_requested": lambda: _(
            "%(buyer)s asks for a corrective action plan: %(title)s", buyer=buyer, title=title
        ),
        "cap_plan_submitted": lambda: _(
            "%(supplier)s submitted a corrective action plan: %(title)s",
            supplier=supplier,
            title=title,
        ),
        "cap_plan_returned": lambda: _(
            "%(buyer)s returned your corrective action plan: %(reason)s", buyer=buyer, reason=reason
        ),
        "cap_plan_accepted": lambda: _(
            "%(buyer)s accepted your corrective action plan: %(title)s", buyer=buyer, title=title
        ),
        "cap_evidence_submitted": lambda: _(
            "%(supplier)s sent evidence that a corrective action is implemented: %(title)s",
            supplier=supplier,
            title=title,
        ),
        "cap_verified_closed": lambda: _(
            "%(buyer)s verified and closed a corrective action: %(title)s",
            buyer=buyer,
            title=title,
        ),
        "cap_reopened": lambda: _(
            "%(buyer)s reopened a corrective action: %(reason)s", buyer=buyer, reason=reason
        ),
        "cap_comment": lambda: _(
            "%(name)s commented on a corrective action: %(title)s",
            name=p.get("name", ""),
            title=title,
        ),
        "cap_due": lambda: _(
            "A corrective action for %(buyer)s is due on %(date)s: %(title)s",
            buyer=buyer,
            date=_date(p.get("due")),
            title=title,
        ),
        "cap_overdue": lambda: _(
            "A corrective action for %(buyer)s was due on %(date)s: %(title)s",
            buyer=buyer,
            date=_date(p.get("due")),
            title=title,
        ),
    }
    return texts[kind]() if kind in texts else None


def text(notification: Notification) -> str:
    """Return what *notification* says, in the active language."""
    p = notification.params or {}
    kind = notification.kind
    if kind.startswith("cap_"):
        return _corrective_action_text(kind, p) or kind
    if kind == "submitted":
        return _("%(supplier)s submitted a questionnaire.", supplier=p.get("supplier", ""))
    if kind == "resubmitted":
        return _(
            "%(supplier)s resubmitted a questionnaire (round %(round)s).",
            supplier=p.get("supplier", ""),
            round=p.get("round", ""),
        )
    if kind == "shared":
        return _("%(supplier)s shared a questionnaire with you.", supplier=p.get("supplier", ""))
    if kind in ("changes_requested", "approved", "rejected") and p.get("buyer"):
        texts = {
            "changes_requested": _(
                "%(buyer)s requested changes to your questionnaire: %(reason)s",
                buyer=p["buyer"],
                reason=p.get("reason", ""),
            ),
            "approved": _(
                "%(buyer)s approved your questionnaire: %(reason)s",
                buyer=p["buyer"],
                reason=p.get("reason", ""),
            ),
            "rejected": _(
                "%(buyer)s rejected your questionnaire: %(reason)s",
                buyer=p["buyer"],
                reason=p.get("reason", ""),
            ),
        }
        return texts[kind]
    if kind == "changes_requested":
        return _("Changes were requested to your questionnaire: %(reason)s", reason=p.get("reason"))
    if kind == "approved":
        return _("Your questionnaire was approved: %(reason)s", reason=p.get("reason", ""))
    if kind == "rejected":
        return _("Your questionnaire was rejected: %(reason)s", reason=p.get("reason", ""))
    if kind == "invitation_accepted":
        return _(
            "%(name)s of %(supplier)s accepted your invitation.",
            name=p.get("name", ""),
            supplier=p.get("supplier", ""),
        )
    if kind == "connection_requested":
        return _("%(buyer)s asks to connect with your organisation.", buyer=p.get("buyer", ""))
    if kind == "connection_accepted":
        return _("%(supplier)s accepted your request to connect.", supplier=p.get("supplier", ""))
    if kind == "connection_declined":
        return _("Your invitation to %(email)s was declined.", email=p.get("email", ""))
    if kind == "deadline_near":
        return _(
            "%(buyer)s expects your questionnaire by %(date)s.",
            buyer=p.get("buyer", ""),
            date=_date(p.get("deadline")),
        )
    if kind == "deadline_passed":
        return _(
            "The deadline %(buyer)s set for your questionnaire passed on %(date)s.",
            buyer=p.get("buyer", ""),
            date=_date(p.get("deadline")),
        )
    if kind == "evidence_expiring":
        return _(
            "The document %(file)s expires on %(date)s.",
            file=p.get("file", ""),
            date=_date(p.get("valid_until")),
        )
    return kind
