"""A buyer's portfolio: every supplier with its latest shared submission, in one query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select

from extensions import db
from models import (
    BuyerSupplier,
    Organisation,
    RiskResult,
    Submission,
    SubmissionShare,
    SubmissionStatus,
)

#: Status filter value for suppliers that have shared nothing yet.
NOTHING_SHARED = "none"


@dataclass(frozen=True)
class PortfolioRow:
    supplier_id: int
    supplier: str
    country: str | None
    deadline: date | None
    submission_id: int | None
    status: SubmissionStatus | None
    rating: str | None
    reviewed_rating: str | None
    red_flags: int | None
    overdue: bool


def effective_rating():
    """Return the SQL expression of the rating that counts: reviewed where there is one."""
    return func.coalesce(RiskResult.reviewed_rating, RiskResult.rating)


def rows(
    buyer_id: int,
    today: date,
    *,
    status: str | None = None,
    rating: str | None = None,
    overdue: bool = False,
    search: str | None = None,
) -> list[PortfolioRow]:
    """Return the portfolio of buyer organisation *buyer_id*, filtered, by supplier name.

    A supplier is overdue when its deadline has passed and the latest submission it shared
    with the buyer is not approved.
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
        or_(Submission.status.is_(None), Submission.status != SubmissionStatus.APPROVED),
    )
    query = (
        select(
            Organisation.id,
            Organisation.name,
            Organisation.country,
            BuyerSupplier.deadline,
            Submission.id,
            Submission.status,
            RiskResult.rating,
            RiskResult.reviewed_rating,
            RiskResult.red_flag_count,
            is_overdue,
        )
        .select_from(BuyerSupplier)
        .join(Organisation, Organisation.id == BuyerSupplier.supplier_id)
        .outerjoin(latest, latest.c.supplier_id == BuyerSupplier.supplier_id)
        .outerjoin(Submission, Submission.id == latest.c.submission_id)
        .outerjoin(
            RiskResult,
            and_(RiskResult.submission_id == Submission.id, RiskResult.current.is_(True)),
        )
        .where(BuyerSupplier.buyer_id == buyer_id)
        .order_by(Organisation.name, Organisation.id)
    )
    if status == NOTHING_SHARED:
        query = query.where(Submission.id.is_(None))
    elif status:
        query = query.where(Submission.status == SubmissionStatus(status))
    if rating:
        query = query.where(effective_rating() == rating)
    if overdue:
        query = query.where(is_overdue)
    if search:
        query = query.where(
            func.lower(Organisation.name).contains(search.strip().lower(), autoescape=True)
        )
    return [PortfolioRow(*row[:9], overdue=bool(row[9])) for row in db.session.execute(query)]
