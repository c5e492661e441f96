"""A buyer's portfolio: every supplier with its latest shared submission, this buyer's own
review of it and this buyer's corrective action plans with it, in one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, or_, select

from extensions import db
from models import (
    BuyerSupplier,
    Organisation,
    Review,
    RiskResult,
    Submission,
    SubmissionShare,
    SubmissionStatus,
)
from services import corrective_lists

#: Status filter value for suppliers that have shared nothing yet.
NOTHING_SHARED = "none"
#: Corrective action filter values: suppliers with open, overdue or closed plans.
ACTION_FILTERS = ("open", "overdue", "closed")


@dataclass(frozen=True)
class PortfolioRow:
    supplier_id: int
    supplier: str
    review_id: int | None
    country: str | None
    deadline: date | None
    submission_id: int | None
    status: SubmissionStatus | None
    rating: str | None
    reviewed_rating: str | None
    red_flags: int | None
    overdue: bool
    #: Visibility of the current result (this buyer's reviewed one where it has one), when
    #: the rule set measures it; and whether the computed one is insufficient.
    visibility: int | None = None
    insufficient: bool = False
    #: This buyer's corrective action plans with the supplier: open, overdue, closed.
    actions_open: int = 0
    actions_overdue: int = 0
    actions_closed: int = 0


def reviewed_rating():
    """Return the SQL expression of the joined ``Review``'s reviewed rating of the joined
    current ``RiskResult`` (none when its decisions were on an earlier result)."""
    return case((Review.reviewed_result_id == RiskResult.id, Review.reviewed_rating), else_=None)


def effective_visibility():
    """Return the SQL expression of this buyer's reviewed visibility of the joined current
    ``RiskResult`` where it has one, else the computed one."""
    return func.coalesce(
        case((Review.reviewed_result_id == RiskResult.id, Review.reviewed_visibility), else_=None),
        RiskResult.visibility,
    )


def effective_rating():
    """Return the SQL expression of the rating that counts: this buyer's reviewed rating where
    there is one, else the computed one."""
    return func.coalesce(reviewed_rating(), RiskResult.rating)


def buyer_status():
    """Return the SQL expression of the status the buyer sees: its own review's, or the
    submission's while nothing was submitted to it (a shared draft)."""
    return func.coalesce(Review.status, Submission.status)


def rows(
    buyer_id: int,
    today: date,
    *,
    status: str | None = None,
    rating: str | None = None,
    overdue: bool = False,
    search: str | None = None,
    actions: str | None = None,
) -> list[PortfolioRow]:
    """Return the portfolio of buyer organisation *buyer_id*, filtered, by supplier name.

    A supplier is overdue when its deadline has passed and this buyer has not approved the
    latest submission shared with it.

    :param actions: only suppliers with ``open``, ``overdue`` or ``closed`` corrective action
        plans of this buyer.
    """
    latest = (
        select(Submission.supplier_id, func.max(Submission.id).label("submission_id"))
        .join(
            SubmissionShare,
            and_(
                SubmissionShare.submission_id == Submission.id,
                SubmissionShare.buyer_id == buyer_id,
            ),
        )
        .group_by(Submission.supplier_id)
        .subquery()
    )
    is_overdue = and_(
        BuyerSupplier.deadline < today,
        or_(Review.status.is_(None), Review.status != SubmissionStatus.APPROVED),
    )
    plans = corrective_lists.portfolio_counts(buyer_id, today)
    counts = [func.coalesce(plans.c[name], 0) for name in ("open", "overdue", "closed")]
    query = (
        select(
            Organisation.id,
            Organisation.name,
            Review.id,
            Organisation.country,
            BuyerSupplier.deadline,
            Submission.id,
            buyer_status(),
            RiskResult.rating,
            reviewed_rating(),
            RiskResult.red_flag_count,
            is_overdue,
            effective_visibility(),
            RiskResult.insufficient,
            *counts,
        )
        .select_from(BuyerSupplier)
        .join(Organisation, Organisation.id == BuyerSupplier.supplier_id)
        .outerjoin(latest, latest.c.supplier_id == BuyerSupplier.supplier_id)
        .outerjoin(Submission, Submission.id == latest.c.submission_id)
        .outerjoin(Review, and_(Review.submission_id == Submission.id, Review.buyer_id == buyer_id))
        .outerjoin(
            RiskResult,
            and_(RiskResult.submission_id == Submission.id, RiskResult.current.is_(True)),
        )
        .outerjoin(plans, plans.c.supplier_id == BuyerSupplier.supplier_id)
        .where(BuyerSupplier.buyer_id == buyer_id)
        .order_by(Organisation.name, Organisation.id)
    )
    if status == NOTHING_SHARED:
        query = query.where(Submission.id.is_(None))
    elif status:
        query = query.where(buyer_status() == SubmissionStatus(status))
    if rating:
        query = query.where(effective_rating() == rating)
    if overdue:
        query = query.where(is_overdue)
    if search:
        query = query.where(
            func.lower(Organisation.name).contains(search.strip().lower(), autoescape=True)
        )
    if actions in ACTION_FILTERS:
        query = query.where(counts[ACTION_FILTERS.index(actions)] > 0)
    return [
        PortfolioRow(
            *row[:10],
            overdue=bool(row[10]),
            visibility=row[11],
            insufficient=bool(row[12]),
            actions_open=int(row[13]),
            actions_overdue=int(row[14]),
            actions_closed=int(row[15]),
        )
        for row in db.session.execute(query)
    ]
