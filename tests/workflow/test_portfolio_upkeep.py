"""The maintained portfolio rows: equal to their sources after every kind of change, and
read by every filter through an index, in a fixed number of statements, at any size."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import delete, event, select, text

from extensions import db
from models import BuyerSupplier, Organisation, PortfolioEntry, RiskResult, Submission
from services import findings, portfolio, review, risk, sharing, submissions
from services.portfolio_upkeep import COLUMNS, rebuild, source
from tests.workflow.conftest import (
    REVIEWER,
    SUPPLIER,
    buyer_org,
    review_of,
    send_back,
    submit_for,
    user,
)

TODAY = date.today()


def stored() -> set[tuple]:
    rows = db.session.execute(select(*(getattr(PortfolioEntry, c) for c in COLUMNS)))
    return {tuple(row) for row in rows}


def computed() -> set[tuple]:
    return {tuple(row) for row in db.session.execute(source())}


def assert_fresh() -> None:
    """The stored rows are exactly what the source tables give today."""
    db.session.expire_all()
    now = stored()
    assert now == computed()
    assert now  # the demo portfolio is never empty


def supplier_row(supplier_id: int, buyer_id: int) -> PortfolioEntry:
    return db.session.get(PortfolioEntry, (buyer_id, supplier_id))


def test_rows_follow_every_change_in_the_same_transaction(app, second_buyer):
    with app.app_context():
        assert_fresh()  # after the demo loader's services
    submission_id = submit_for(app, SUPPLIER)
    with app.app_context():
        assert_fresh()
        buyer_id, supplier = buyer_org().id, user(SUPPLIER)
        row = supplier_row(supplier.organisation_id, buyer_id)
        assert (row.submission_id, row.status.value) == (submission_id, "submitted")
        submission = db.session.get(Submission, submission_id)
        sharing.share(submission, supplier, [buyer_id, second_buyer])  # a second buyer sees it
        db.session.commit()
        assert_fresh()
        assert supplier_row(supplier.organisation_id, second_buyer).submission_id == submission_id
        reviewer = user(REVIEWER)
        item = review_of(submission_id)
        review.start_review(item, reviewer)
        assert_fresh()
        result = risk.current_result(submission)
        rule_ids = [f["rule_id"] for f in result.result.get("findings", [])]
        if rule_ids:  # a finding decision gives a reviewed rating
            findings.decide(item, reviewer, rule_ids[0], "dismissed", "Checked on site.")
            assert_fresh()
        risk.score(submission, submissions.answers_document(submission), TODAY)  # rescore
        db.session.commit()
        assert_fresh()
        row = supplier_row(supplier.organisation_id, buyer_id)
        assert row.reviewed_rating is None  # made on the earlier result
        assert row.result_id == risk.current_result(submission).id
    send_back(app, submission_id, {None: "Please add the site list."})
    with app.app_context():
        assert_fresh()
        assert supplier_row(user(SUPPLIER).organisation_id, buyer_org().id).status.value == (
            "changes_requested"
        )
        organisation = db.session.get(Organisation, user(SUPPLIER).organisation_id)
        organisation.name, organisation.country = "Lualaba Cobalt SA", "ZM"
        link = db.session.scalar(
            select(BuyerSupplier).where(
                BuyerSupplier.buyer_id == buyer_org().id,
                BuyerSupplier.supplier_id == organisation.id,
            )
        )
        link.deadline = TODAY - timedelta(days=3)
        db.session.commit()
        assert_fresh()
        row = supplier_row(organisation.id, buyer_org().id)
        assert (row.supplier_name, row.country, row.deadline) == (
            "Lualaba Cobalt SA",
            "ZM",
            TODAY - timedelta(days=3),
        )
        submission = db.session.get(Submission, submission_id)
        sharing.share(submission, user(SUPPLIER), [buyer_org().id])  # no longer to Kanto
        assert_fresh()
        db.session.delete(
            db.session.scalar(select(BuyerSupplier).where(BuyerSupplier.buyer_id == second_buyer))
        )
        db.session.commit()
        assert_fresh()
        assert db.session.get(PortfolioEntry, (second_buyer, organisation.id)) is None


def test_a_rolled_back_change_leaves_the_rows_as_they_were(app, demo_submissions):
    with app.app_context():
        before = stored()
        organisation = db.session.get(Organisation, user(SUPPLIER).organisation_id)
        organisation.name = "Renamed and then not"
        db.session.flush()
        assert stored() != before
        db.session.rollback()
        assert stored() == before


def test_rebuild_restores_rows_after_a_bulk_load(app, demo_submissions):
    with app.app_context():
        before = stored()
        db.session.execute(delete(PortfolioEntry))
        db.session.execute(
            RiskResult.__table__.update()
            .where(RiskResult.rating == "low")
            .values(rating="medium")  # bypasses the ORM, as a bulk load does
        )
        rebuild(db.session.connection())
        assert stored() == computed() != before
        db.session.rollback()


#: Every filter of the portfolio page, alone and combined.
FILTERS = [
    {},
    {"status": "approved"},
    {"status": portfolio.NOTHING_SHARED},
    {"rating": "high"},
    {"overdue": True},
    {"search": "cobalt"},
    {"status": "in_review", "rating": "medium", "overdue": True, "search": "a"},
]


class Statements:
    """The SQL statements run inside the block, with their parameters."""

    def __init__(self, engine) -> None:
        self.engine, self.seen = engine, []

    def _keep(self, _conn, _cursor, statement, parameters, _context, _many) -> None:
        self.seen.append((statement, parameters))

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._keep)
        return self.seen

    def __exit__(self, *_exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._keep)


def _plan(statement: str, parameters) -> str:
    """Return the query plan of *statement* as text, with sequential scans and sorts made as
    dear as the planner allows (on PostgreSQL), so any that remain are the only way."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return "\n".join(row[-1] for row in rows)
    connection.execute(text("SET LOCAL enable_seqscan = off"))
    connection.execute(text("SET LOCAL enable_sort = off"))
    rows = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
    return "\n".join(row[0] for row in rows)


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f) or "none")
def test_every_filter_reads_one_index_in_two_statements(app, demo_submissions, filters):
    """The first page costs two statements on the portfolio rows alone, each through an index
    on the buyer: never a scan of submissions, shares, reviews or results (what made a
    filtered count take minutes at 10,000 suppliers), never a scan of other buyers' rows, and
    for the page never a sort of every row."""
    with app.app_context():
        buyer_id = buyer_org().id
        with Statements(db.engine) as seen:
            shown = portfolio.page(buyer_id, TODAY, 1, 100, **filters)
        assert len(seen) == 2
        assert shown.total == len(portfolio.rows(buyer_id, TODAY, **filters))
        for statement, parameters in seen:
            assert "portfolio_entries" in statement
            for table in ("submissions", "submission_shares", "reviews", "risk_results"):
                assert f" {table}" not in statement
            plan = _plan(statement, parameters)
            if db.engine.dialect.name == "sqlite":
                assert "USING" in plan and "INDEX" in plan, plan
                assert "SCAN portfolio_entries" not in plan.replace("USING COVERING", ""), plan
                if "LIMIT" in statement:
                    # Grouping the buyer's own plans is bounded by them; sorting every row is not.
                    assert "TEMP B-TREE FOR ORDER BY" not in plan or filters.get("overdue"), plan
            else:
                assert "Seq Scan" not in plan, plan
                assert "Index" in plan, plan
                if "LIMIT" in statement and not filters.get("overdue"):
                    assert "Sort" not in plan, plan
