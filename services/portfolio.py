"""A buyer's portfolio: every supplier with its latest shared submission and this buyer's own
review of it, read from the rows that ``services.portfolio_upkeep`` keeps up to date, with this
buyer's corrective action plans with each supplier counted beside them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, false, func, select

from extensions import db
from models import PortfolioEntry, Review, RiskResult, Submission, SubmissionStatus
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


def _plans(buyer_id: int, today: date):
    """Return the subquery of the buyer's plan counts per supplier and its three counts."""
    plans = corrective_lists.portfolio_counts(buyer_id, today)
    return plans, [func.coalesce(plans.c[name], 0) for name in ACTION_FILTERS]


def _selected(buyer_id: int, today: date, status, rating, overdue, search, actions, counts):
    """Return the WHERE clauses of the buyer's rows that pass the filters."""
    clauses = [PortfolioEntry.buyer_id == buyer_id]
    if status == NOTHING_SHARED:
        clauses.append(PortfolioEntry.status.is_(None))
    elif status:
        clauses.append(PortfolioEntry.status == SubmissionStatus(status))
    if rating:
        clauses.append(PortfolioEntry.effective_rating == rating)
    if overdue:
        clauses.append(_is_overdue(today))
    if search:
        clauses.append(
            func.lower(PortfolioEntry.supplier_name).contains(
                search.strip().lower(), autoescape=True
            )
        )
    if actions in ACTION_FILTERS:
        clauses.append(counts[ACTION_FILTERS.index(actions)] > 0)
    return clauses


def _is_overdue(today: date):
    return and_(PortfolioEntry.deadline < today, PortfolioEntry.approved == false())


def _from(buyer_id: int, today: date, filters: dict, *columns):
    plans, counts = _plans(buyer_id, today)
    return (
        select(*(columns or counts))
        .select_from(PortfolioEntry)
        .outerjoin(plans, plans.c.supplier_id == PortfolioEntry.supplier_id)
        .where(*_selected(buyer_id, today, **filters, counts=counts))
    ), counts


def _query(buyer_id: int, today: date, filters: dict):
    query, counts = _from(buyer_id, today, filters)
    return query.with_only_columns(
        PortfolioEntry.supplier_id,
        PortfolioEntry.supplier_name,
        PortfolioEntry.review_id,
        PortfolioEntry.country,
        PortfolioEntry.deadline,
        PortfolioEntry.submission_id,
        PortfolioEntry.status,
        PortfolioEntry.rating,
        PortfolioEntry.reviewed_rating,
        PortfolioEntry.red_flags,
        _is_overdue(today),
        PortfolioEntry.visibility,
        PortfolioEntry.insufficient,
        *counts,
        maintain_column_froms=True,
    ).order_by(PortfolioEntry.supplier_name, PortfolioEntry.supplier_id)


def _rows(result) -> list[PortfolioRow]:
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
        for row in result
    ]


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
    filters = {
        "status": status,
        "rating": rating,
        "overdue": overdue,
        "search": search,
        "actions": actions,
    }
    return _rows(db.session.execute(_query(buyer_id, today, filters)))


@dataclass(frozen=True)
class Page:
    rows: list[PortfolioRow]
    #: Suppliers that pass the filters, on every page.
    total: int
    #: The page shown, from 1, moved into range.
    number: int
    pages: int


def page(buyer_id: int, today: date, number: int, size: int, **filters) -> Page:
    """Return page *number* (from 1; clamped to the pages there are) of *size* rows of the
    portfolio that ``rows`` returns with the same *filters*, in two statements whose cost does
    not grow with the portfolio beyond counting the rows that pass the filters."""
    filters = {
        "status": None,
        "rating": None,
        "overdue": False,
        "search": None,
        "actions": None,
        **filters,
    }
    total = db.session.scalar(_from(buyer_id, today, filters, func.count())[0])
    pages = max(1, -(-total // size))
    number = min(max(number, 1), pages)
    query = _query(buyer_id, today, filters).limit(size).offset((number - 1) * size)
    return Page(_rows(db.session.execute(query)), total, number, pages)
