"""Where corrective action plans show: what a supplier must do, what awaits a reviewer, the
counts of a buyer's portfolio; a new round carrying open plans forward, and findings that
recur.

Overdue is computed here, in SQL and in Python alike (``CorrectiveAction.overdue``), from a
plan's state and dates; it is never stored.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, or_, select

from extensions import db
from models import ActionStatus, AuditEntry, CorrectiveAction, Review, Role, Submission, User
from models.corrective_action import OPEN_STATES, PLAN_PHASE, REVIEWER_TURN
from policy import visible_corrective_actions
from services import audit, risk

CA = CorrectiveAction
#: Filters of the plans' list; ``awaiting`` are those waiting for a reviewer's decision.
FILTERS = ("open", "awaiting", "overdue", "closed", "all")


def next_due():
    """Return the SQL expression of the date a plan is next due by: the plan's while it is
    being planned, closure's afterwards, none once closed (``CorrectiveAction.next_due``)."""
    return case(
        (CA.status == ActionStatus.VERIFIED_CLOSED, None),
        (CA.status.in_(PLAN_PHASE), CA.plan_due_on),
        else_=CA.due_on,
    )


def overdue(today: date):
    """Return the SQL condition of a plan late on *today* (``CorrectiveAction.overdue``)."""
    return next_due() < today


def _filtered(query, status: str, today: date):
    if status == "open":
        return query.where(CA.status.in_(OPEN_STATES))
    if status == "awaiting":
        return query.where(CA.status.in_(REVIEWER_TURN))
    if status == "overdue":
        return query.where(overdue(today))
    if status == "closed":
        return query.where(CA.status == ActionStatus.VERIFIED_CLOSED)
    return query


def visible(
    user: User,
    today: date,
    *,
    status: str = "open",
    supplier_id: int | None = None,
    submission_id: int | None = None,
    buyer_id: int | None = None,
) -> list[CorrectiveAction]:
    """Return the plans *user* may see, filtered, the most pressing first: overdue, then by
    the date next due, closed ones last."""
    query = _filtered(select(CA).where(visible_corrective_actions(user)), status, today)
    if supplier_id is not None:
        query = query.where(CA.supplier_id == supplier_id)
    if submission_id is not None:
        query = query.where(CA.current_submission_id == submission_id)
    if buyer_id is not None:
        query = query.where(CA.buyer_id == buyer_id)
    due = next_due()
    late = case((overdue(today), 0), else_=1)
    return list(db.session.scalars(query.order_by(late, due.is_(None), due, CA.id)))


def for_reviewer(user: User, today: date) -> list[CorrectiveAction]:
    """Return the plans waiting for *user*'s buyers' decision, and those overdue."""
    query = select(CA).where(
        visible_corrective_actions(user), or_(CA.status.in_(REVIEWER_TURN), overdue(today))
    )
    late = case((overdue(today), 0), else_=1)
    return list(db.session.scalars(query.order_by(late, next_due(), CA.id)))


def portfolio_counts(buyer_id: int, today: date):
    """Return a subquery of *buyer_id*'s open, overdue and closed plans per supplier
    (columns ``supplier_id``, ``open``, ``overdue``, ``closed``)."""

    def count(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    return (
        select(
            CA.supplier_id.label("supplier_id"),
            count(CA.status.in_(OPEN_STATES)).label("open"),
            count(overdue(today)).label("overdue"),
            count(CA.status == ActionStatus.VERIFIED_CLOSED).label("closed"),
        )
        .where(CA.buyer_id == buyer_id)
        .group_by(CA.supplier_id)
        .subquery()
    )


def carry_forward(previous: Submission, copy: Submission, user: User) -> list[CorrectiveAction]:
    """Show the open plans of *previous* with its new round *copy*; audit each (the caller
    commits)."""
    moved = list(
        db.session.scalars(
            select(CA)
            .where(CA.current_submission_id == previous.id, CA.status.in_(OPEN_STATES))
            .order_by(CA.id)
        )
    )
    for action in moved:
        action.current_submission_id = copy.id
        audit.record(
            "corrective_action.carried_forward",
            actor=user,
            organisation_id=action.supplier_id,
            submission_id=copy.id,
            detail={
                "corrective_action_id": action.id,
                "buyer_id": action.buyer_id,
                "copied_from": previous.id,
            },
        )
    return moved


def earlier_rounds(review: Review) -> dict[str, list[CorrectiveAction]]:
    """Return, by rule id, this buyer's plans raised on earlier questionnaires of the supplier
    for findings that fire again in *review*'s current result: findings that recur."""
    result = risk.current_result(review.submission)
    fired = {f["rule_id"] for f in (result.result.get("findings", []) if result else [])}
    if not fired:
        return {}
    rows = db.session.scalars(
        select(CA)
        .where(
            CA.buyer_id == review.buyer_id,
            CA.supplier_id == review.submission.supplier_id,
            CA.submission_id != review.submission_id,
            CA.rule_id.in_(fired),
        )
        .order_by(CA.id)
    )
    found: dict[str, list[CorrectiveAction]] = {}
    for action in rows:
        found.setdefault(action.rule_id, []).append(action)
    return found


def recurs(action: CorrectiveAction) -> bool:
    """Whether the finding of *action* fires again in a later round it was carried to."""
    if action.rule_id is None or action.current_submission_id == action.submission_id:
        return False
    submission = db.session.get(Submission, action.current_submission_id)
    result = risk.current_result(submission)
    if result is None:
        return False
    return any(f["rule_id"] == action.rule_id for f in result.result.get("findings", []))


def of_review(review: Review, today: date) -> list[CorrectiveAction]:
    """Return every plan this buyer raised on, or carried to, *review*'s submission."""
    query = select(CA).where(
        CA.buyer_id == review.buyer_id,
        or_(
            CA.current_submission_id == review.submission_id,
            CA.submission_id == review.submission_id,
        ),
    )
    late = case((overdue(today), 0), else_=1)
    return list(db.session.scalars(query.order_by(late, next_due(), CA.id)))


def history(action: CorrectiveAction, reader: User) -> list[tuple[AuditEntry, str]]:
    """Return the audit entries of *action*, oldest first, with each actor's name; the
    supplier is not shown how its buyer re-rated the review."""
    kinds = [AuditEntry.action.startswith("corrective_action.", autoescape=True)]
    if reader.role != Role.SUPPLIER:
        kinds.append(AuditEntry.action == "review.rerated")
    rows = db.session.execute(
        select(AuditEntry, User.name)
        .outerjoin(User, User.id == AuditEntry.actor_id)
        .where(AuditEntry.organisation_id == action.supplier_id, or_(*kinds))
        .order_by(AuditEntry.id)
    )
    return [
        (entry, name)
        for entry, name in rows
        if (entry.detail or {}).get("corrective_action_id") == action.id
    ]
