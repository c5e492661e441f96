"""Reports kept at each buyer's decision, and served as stored.

A decision is committed first and its report rendered after, in a transaction of its own: a
render that fails leaves the report pending, retried at the next download or by
``flask report retry-pending``, and never undoes the decision.
"""

from __future__ import annotations

import hashlib

from flask import current_app
from sqlalchemy import and_, select

from extensions import db
from models import Review, StoredReport, Submission
from models.submission import DECIDED_STATES
from services import reports
from services.reports import LANGUAGES


class ReportPending(Exception):
    """A buyer's decided report is not rendered yet (its render failed and will be retried)."""


def _stored(review: Review, lang: str | None = None):
    query = select(StoredReport).where(
        StoredReport.submission_id == review.submission_id,
        StoredReport.buyer_id == review.buyer_id,
        StoredReport.round == review.round,
    )
    return query.where(StoredReport.lang == lang) if lang else query


def store(review: Review) -> list[StoredReport]:
    """Render and keep the reports of a buyer's decided round in every language (the caller
    commits)."""
    data = reports.build(review.submission, review)
    stored = []
    for lang in LANGUAGES:
        pdf = reports.render_data(data, lang)
        row = StoredReport(
            submission_id=review.submission_id,
            buyer_id=review.buyer_id,
            round=review.round,
            lang=lang,
            document_id=data.report_id,
            sha256=hashlib.sha256(pdf).hexdigest(),
            data=pdf,
        )
        db.session.add(row)
        stored.append(row)
    db.session.flush()
    return stored


def store_or_leave_pending(review: Review) -> bool:
    """Render and store a decided review's reports in a transaction of their own; on any
    failure log it, roll back and leave the report pending. Return whether it is stored."""
    if db.session.scalar(_stored(review).limit(1)) is not None:
        return True
    try:
        store(review)
        db.session.commit()
    except Exception:  # noqa: BLE001  (the decision is committed; the render is retried later)
        db.session.rollback()
        current_app.logger.exception(
            "Report of submission %s for buyer %s is pending", review.submission_id, review.buyer_id
        )
        return False
    return True


def pending(review: Review) -> bool:
    """Whether *review* is decided and its report is not stored yet."""
    return review.decided and db.session.scalar(_stored(review).limit(1)) is None


def pending_reviews() -> list[Review]:
    """Return the decided reviews whose reports are not stored yet."""
    stored = select(StoredReport.id).where(
        and_(
            StoredReport.submission_id == Review.submission_id,
            StoredReport.buyer_id == Review.buyer_id,
            StoredReport.round == Review.round,
        )
    )
    return list(
        db.session.scalars(
            select(Review)
            .where(Review.status.in_(DECIDED_STATES), ~stored.exists())
            .order_by(Review.id)
        )
    )


def pdf_for(submission: Submission, lang: str, review: Review | None = None) -> bytes:
    """Return the stored report of a buyer's decided round (rendering it now if it is still
    pending), or a fresh rendering otherwise.

    :raises ReportPending: when a decided report cannot be rendered now.
    """
    if review is not None and review.decided:
        row = db.session.scalar(_stored(review, lang))
        if row is None and store_or_leave_pending(review):
            row = db.session.scalar(_stored(review, lang))
        if row is None:
            raise ReportPending
        return row.data
    return reports.render(submission, lang, review)
