"""The reviewer's queue: the buyers' reviews it works on, with rating, red flags and due date,
in one query. An auditor serving several buyers sees one row per buyer: each decides alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, select

from extensions import db
from models import (
    BuyerSupplier,
    Organisation,
    Review,
    RiskResult,
    Submission,
    SubmissionStatus,
    User,
)
from models.submission import REVIEWABLE_STATES
from policy import buyer_ids_served_by, visible_reviews
from services.portfolio import effective_rating, reviewed_rating

#: Status filter values beyond the single statuses.
OPEN, ALL = "open", "all"
SORTS = ("submitted", "due", "rating")
_RATING_ORDER = {"critical": 4, "high": 3, "medium": 2, "low": 1}


@dataclass
class QueueRow:
    review: Review
    submission: Submission
    rating: str | None
    reviewed_rating: str | None
    red_flags: int | None
    #: The deadline the review's buyer set for the supplier.
    due: date | None
    overdue: bool

    @property
    def buyers(self) -> list[str]:
        """Return the buyer this row is reviewed for (a list, as the page shows it)."""
        return [self.review.buyer.name]


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
    """Return the buyer reviews *user* works on, filtered and sorted as asked."""
    due = BuyerSupplier.deadline
    rating_rank = case(_RATING_ORDER, value=effective_rating(), else_=0)
    query = (
        select(
            Review,
            RiskResult.rating,
            reviewed_rating(),
            RiskResult.red_flag_count,
            due.label("due"),
        )
        .join(Submission, Submission.id == Review.submission_id)
        .outerjoin(
            BuyerSupplier,
            and_(
                BuyerSupplier.supplier_id == Submission.supplier_id,
                BuyerSupplier.buyer_id == Review.buyer_id,
            ),
        )
        .outerjoin(
            RiskResult,
            and_(RiskResult.submission_id == Submission.id, RiskResult.current.is_(True)),
        )
        .where(visible_reviews(user))
    )
    if status == OPEN:
        query = query.where(Review.status.in_(REVIEWABLE_STATES))
    elif status != ALL:
        query = query.where(Review.status == SubmissionStatus(status))
    if rating:
        query = query.where(effective_rating() == rating)
    if buyer_id is not None:
        query = query.where(Review.buyer_id == buyer_id)
    if due_before is not None:
        query = query.where(due <= due_before)
    if overdue:
        query = query.where(due < today)
    order = {
        "due": (due.is_(None), due, Review.id),
        "rating": (rating_rank.desc(), due.is_(None), due, Review.id),
    }.get(sort, (Submission.submitted_at.is_(None), Submission.submitted_at, Review.id))
    return [
        QueueRow(r, r.submission, rating_, reviewed, flags, d, d is not None and d < today)
        for r, rating_, reviewed, flags, d in db.session.execute(query.order_by(*order))
    ]
