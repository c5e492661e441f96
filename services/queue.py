"""The reviewer's queue: visible submissions with rating, red flags and due date, one query."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, exists, func, select

from extensions import db
from models import (
    BuyerSupplier,
    Organisation,
    RiskResult,
    Submission,
    SubmissionShare,
    SubmissionStatus,
    User,
)
from permissions import REVIEWABLE_STATES, buyer_ids_served_by, visible_submissions
from services.portfolio import effective_rating

#: Status filter values beyond the single statuses.
OPEN, ALL = "open", "all"
SORTS = ("submitted", "due", "rating")
_RATING_ORDER = {"critical": 4, "high": 3, "medium": 2, "low": 1}


@dataclass
class QueueRow:
    submission: Submission
    rating: str | None
    reviewed_rating: str | None
    red_flags: int | None
    #: The earliest deadline among the buyers the reviewer serves that see the submission.
    due: date | None
    overdue: bool
    buyers: list[str] = field(default_factory=list)


def buyers(user: User) -> list[Organisation]:
    """Return the buyer organisations whose suppliers *user* reviews."""
    return list(
        db.session.scalars(
            select(Organisation)
            .where(Organisation.id.in_(buyer_ids_served_by(user)))
            .order_by(Organisation.name)
        )
    )


def rows(
    user: User,
    today: date,
    *,
    status: str = OPEN,
    rating: str | None = None,
    buyer_id: int | None = None,
    due_before: date | None = None,
    overdue: bool = False,
    sort: str = "submitted",
) -> list[QueueRow]:
    """Return the submissions *user* reviews, filtered and sorted as asked."""
    served = buyer_ids_served_by(user)
    due = (
        select(func.min(BuyerSupplier.deadline))
        .where(
            BuyerSupplier.supplier_id == Submission.supplier_id,
            BuyerSupplier.buyer_id.in_(served),
            exists().where(
                SubmissionShare.submission_id == Submission.id,
                SubmissionShare.buyer_id == BuyerSupplier.buyer_id,
            ),
        )
        .scalar_subquery()
    )
    rating_rank = case(_RATING_ORDER, value=effective_rating(), else_=0)
    query = (
        select(
            Submission,
            RiskResult.rating,
            RiskResult.reviewed_rating,
            RiskResult.red_flag_count,
            due.label("due"),
        )
        .outerjoin(
            RiskResult,
            and_(RiskResult.submission_id == Submission.id, RiskResult.current.is_(True)),
        )
        .where(visible_submissions(user))
    )
    if status == OPEN:
        query = query.where(Submission.status.in_(REVIEWABLE_STATES))
    elif status != ALL:
        query = query.where(Submission.status == SubmissionStatus(status))
    if rating:
        query = query.where(effective_rating() == rating)
    if buyer_id is not None:
        query = query.where(
            exists().where(
                SubmissionShare.submission_id == Submission.id,
                SubmissionShare.buyer_id == buyer_id,
                SubmissionShare.buyer_id.in_(served),
            )
        )
    if due_before is not None:
        query = query.where(due <= due_before)
    if overdue:
        query = query.where(due < today)
    order = {
        "due": (due.is_(None), due, Submission.id),
        "rating": (rating_rank.desc(), due.is_(None), due, Submission.id),
    }.get(sort, (Submission.submitted_at.is_(None), Submission.submitted_at, Submission.id))
    found = [
        QueueRow(s, r, rr, flags, d, d is not None and d < today)
        for s, r, rr, flags, d in db.session.execute(query.order_by(*order))
    ]
    _add_buyer_names(found, served)
    return found


def _add_buyer_names(found: list[QueueRow], served) -> None:
    """Fill in which served buyers see each row, with one query for the whole page."""
    by_id = {row.submission.id: row for row in found}
    if not by_id:
        return
    pairs = db.session.execute(
        select(SubmissionShare.submission_id, Organisation.name)
        .join(Organisation, Organisation.id == SubmissionShare.buyer_id)
        .where(SubmissionShare.submission_id.in_(list(by_id)), SubmissionShare.buyer_id.in_(served))
        .order_by(Organisation.name)
    )
    for submission_id, name in pairs:
        by_id[submission_id].buyers.append(name)
