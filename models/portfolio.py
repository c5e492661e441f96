"""Each buyer's portfolio row per supplier, kept up to date with the data it summarises."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db
from models.submission import SubmissionStatus
from models.types import enum_column


class PortfolioEntry(db.Model):
    """What the buyer's portfolio shows of one supplier: the latest submission shared with the
    buyer, the status and ratings the buyer sees, and the supplier's name, country and deadline.

    Derived data: ``services.portfolio`` rewrites a supplier's rows from the buyer–supplier
    link, the submissions, shares, reviews and current risk results in the same transaction as
    any change to them, so that every filter and the sort by name are read from one indexed
    table, whatever the size of the portfolio. The pointers are plain integers: the rows they
    name are the source, never the other way round.
    """

    __tablename__ = "portfolio_entries"
    __table_args__ = (
        Index("ix_portfolio_entries_name", "buyer_id", "supplier_name", "supplier_id"),
        Index("ix_portfolio_entries_status", "buyer_id", "status", "supplier_name", "supplier_id"),
        Index(
            "ix_portfolio_entries_rating",
            "buyer_id",
            "effective_rating",
            "supplier_name",
            "supplier_id",
        ),
        Index("ix_portfolio_entries_deadline", "buyer_id", "approved", "deadline"),
    )

    buyer_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), primary_key=True)
    supplier_name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    deadline: Mapped[date | None] = mapped_column(Date)
    #: The latest submission the supplier shared with this buyer, if any.
    submission_id: Mapped[int | None] = mapped_column(Integer)
    #: This buyer's review of it, if it was submitted to the buyer.
    review_id: Mapped[int | None] = mapped_column(Integer)
    #: Its current risk result, if it was scored.
    result_id: Mapped[int | None] = mapped_column(Integer)
    #: The review's status, else the submission's (a shared draft); none when nothing shared.
    status: Mapped[SubmissionStatus | None] = mapped_column(enum_column(SubmissionStatus))
    #: Whether this buyer approved that submission (a passed deadline is then not overdue).
    approved: Mapped[bool] = mapped_column(Boolean, default=False)
    rating: Mapped[str | None] = mapped_column(String(10))
    #: This buyer's reviewed rating of the current result (none when made on an earlier one).
    reviewed_rating: Mapped[str | None] = mapped_column(String(10))
    #: The rating that counts: the reviewed one where there is one, else the computed one.
    effective_rating: Mapped[str | None] = mapped_column(String(10))
    red_flags: Mapped[int | None] = mapped_column(Integer)
    #: Visibility of the current result (this buyer's reviewed one where it has one), when the
    #: rule set measures it; and whether the computed one is insufficient.
    visibility: Mapped[int | None] = mapped_column(Integer)
    insufficient: Mapped[bool | None] = mapped_column(Boolean)
