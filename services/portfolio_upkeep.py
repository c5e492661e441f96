"""Keep each buyer's portfolio rows (``PortfolioEntry``) equal to the data they summarise.

Every flush that adds, removes or changes what a portfolio shows — a buyer–supplier link or
its deadline, a supplier's name or country, a submission or its status, a share, a review's
status or reviewed rating, a current risk result — rewrites the rows of the suppliers
concerned, in the same transaction, from the one query below (``source``). A bulk load that
bypasses the ORM calls ``rebuild`` afterwards.
"""

from __future__ import annotations

from itertools import chain

from sqlalchemy import and_, delete, event, func, insert, inspect, select
from sqlalchemy.orm import Session

from models import (
    BuyerSupplier,
    Organisation,
    PortfolioEntry,
    Review,
    RiskResult,
    Submission,
    SubmissionShare,
    SubmissionStatus,
)
from services.portfolio import (
    buyer_status,
    effective_rating,
    effective_visibility,
    reviewed_rating,
)

#: The columns of ``PortfolioEntry`` that ``source`` selects, in its order.
COLUMNS = (
    "buyer_id",
    "supplier_id",
    "supplier_name",
    "country",
    "deadline",
    "submission_id",
    "review_id",
    "result_id",
    "status",
    "approved",
    "rating",
    "reviewed_rating",
    "effective_rating",
    "red_flags",
    "visibility",
    "insufficient",
)

#: Per model, the attributes whose change alters a portfolio (none: any insert or delete).
_WATCHED = {
    BuyerSupplier: ("buyer_id", "supplier_id", "deadline"),
    Organisation: ("name", "country"),
    Submission: ("status", "supplier_id"),
    SubmissionShare: (),
    Review: ("status", "reviewed_rating", "reviewed_visibility", "reviewed_result_id"),
    RiskResult: ("current", "rating", "red_flag_count", "visibility", "insufficient"),
}


def source(supplier_ids=None):
    """Return the SELECT of portfolio rows computed from the source tables: every buyer's, or
    only those of the suppliers *supplier_ids*."""
    latest = select(
        SubmissionShare.buyer_id,
        Submission.supplier_id,
        func.max(Submission.id).label("submission_id"),
    ).join(SubmissionShare, SubmissionShare.submission_id == Submission.id)
    if supplier_ids is not None:
        latest = latest.where(Submission.supplier_id.in_(supplier_ids))
    latest = latest.group_by(SubmissionShare.buyer_id, Submission.supplier_id).subquery()
    query = (
        select(
            BuyerSupplier.buyer_id,
            BuyerSupplier.supplier_id,
            Organisation.name,
            Organisation.country,
            BuyerSupplier.deadline,
            Submission.id,
            Review.id,
            RiskResult.id,
            buyer_status(),
            func.coalesce(Review.status == SubmissionStatus.APPROVED, False),
            RiskResult.rating,
            reviewed_rating(),
            effective_rating(),
            RiskResult.red_flag_count,
            effective_visibility(),
            RiskResult.insufficient,
        )
        .select_from(BuyerSupplier)
        .join(Organisation, Organisation.id == BuyerSupplier.supplier_id)
        .outerjoin(
            latest,
            and_(
                latest.c.buyer_id == BuyerSupplier.buyer_id,
                latest.c.supplier_id == BuyerSupplier.supplier_id,
            ),
        )
        .outerjoin(Submission, Submission.id == latest.c.submission_id)
        .outerjoin(
            Review,
            and_(Review.submission_id == Submission.id, Review.buyer_id == BuyerSupplier.buyer_id),
        )
        .outerjoin(
            RiskResult,
            and_(RiskResult.submission_id == Submission.id, RiskResult.current.is_(True)),
        )
    )
    if supplier_ids is not None:
        query = query.where(BuyerSupplier.supplier_id.in_(supplier_ids))
    return query


def refresh(connection, supplier_ids) -> None:
    """Rewrite the portfolio rows of the suppliers *supplier_ids* on *connection*.

    The suppliers' buyer–supplier links are locked first (on PostgreSQL), so two transactions
    that change one supplier rewrite its rows one after the other, each from what the other
    committed.
    """
    ids = sorted(set(supplier_ids))
    if not ids:
        return
    connection.execute(
        select(BuyerSupplier.id)
        .where(BuyerSupplier.supplier_id.in_(ids))
        .order_by(BuyerSupplier.id)
        .with_for_update()
    ).all()
    connection.execute(delete(PortfolioEntry).where(PortfolioEntry.supplier_id.in_(ids)))
    connection.execute(insert(PortfolioEntry).from_select(COLUMNS, source(ids)))


def rebuild(connection) -> None:
    """Rewrite every portfolio row (after a bulk load that bypassed the ORM)."""
    connection.execute(delete(PortfolioEntry))
    connection.execute(insert(PortfolioEntry).from_select(COLUMNS, source()))


def _changed(state, names) -> bool:
    return any(state.attrs[name].history.has_changes() for name in names)


@event.listens_for(Session, "after_flush")
def _after_flush(session, _context) -> None:
    """Rewrite the portfolio rows that the flush just made stale."""
    suppliers, submissions = set(), set()
    for obj in chain(session.new, session.dirty, session.deleted):
        watched = _WATCHED.get(type(obj))
        if watched is None:
            continue
        state = inspect(obj)
        if obj in session.dirty and not _changed(state, watched):
            continue
        values = state.dict
        if isinstance(obj, Organisation):
            suppliers.add(values.get("id"))
        elif isinstance(obj, BuyerSupplier | Submission):
            suppliers.add(values.get("supplier_id"))
            for name in ("supplier_id",):
                suppliers.update(v for v in state.attrs[name].history.deleted or ())
        else:
            submissions.add(values.get("submission_id"))
    connection = session.connection()
    submissions.discard(None)
    if submissions:
        suppliers.update(
            connection.scalars(
                select(Submission.supplier_id).where(Submission.id.in_(submissions))
            ).all()
        )
    suppliers.discard(None)
    refresh(connection, suppliers)
