"""The buyer portfolio at scale: 1,000, 10,000 and 100,000 suppliers with their submissions,
bulk inserted, each page with and without filters."""

from __future__ import annotations

import time
from datetime import date, timedelta

from sqlalchemy import insert

from bench.setup import application, signed_in
from bench.timing import Comparison, counted_statements, per_call

SUPPLIERS = 10_000
SUBMISSIONS_PER_SUPPLIER = 10
BUYER_EMAIL = "buyer@bench.assay.example"
PASSWORD = "bench-password-2026"  # noqa: S105  (throw-away benchmark database)
COUNTRIES = ("CD", "CN", "ID", "AU", "ZA", "CL", "AR", "PH", "ZM", "DE")
RATINGS = ("low", "medium", "high", "critical")


def _bulk(table, rows, chunk: int = 10_000) -> None:
    from extensions import db

    for start in range(0, len(rows), chunk):
        db.session.execute(insert(table), rows[start : start + chunk])


def generate(app, suppliers: int = SUPPLIERS, per_supplier: int = SUBMISSIONS_PER_SUPPLIER):
    """Fill *app*'s database with one buyer, its suppliers, their submissions, shares, results."""
    from extensions import db
    from models import (
        BuyerSupplier,
        Organisation,
        OrganisationKind,
        RiskResult,
        Role,
        Submission,
        SubmissionShare,
        SubmissionStatus,
        User,
    )
    from services import accounts, portfolio_upkeep, questionnaires

    statuses = list(SubmissionStatus)
    today = date.today()
    with app.app_context():
        version = questionnaires.publish(questionnaires.latest())
        buyer = Organisation(name="Sakura Battery Materials K.K.", kind=OrganisationKind.BUYER)
        db.session.add(buyer)
        db.session.flush()
        db.session.add(
            User(
                email=BUYER_EMAIL,
                name="Buyer",
                role=Role.BUYER,
                organisation_id=buyer.id,
                password_hash=accounts.hash_password(PASSWORD),
            )
        )
        first = buyer.id + 1
        ids = range(first, first + suppliers)
        _bulk(
            Organisation.__table__,
            [
                {
                    "id": i,
                    "name": f"Supplier {i:05d} Mining",
                    "kind": OrganisationKind.SUPPLIER,
                    "country": COUNTRIES[i % len(COUNTRIES)],
                }
                for i in ids
            ],
        )
        _bulk(
            BuyerSupplier.__table__,
            [
                {"buyer_id": buyer.id, "supplier_id": i, "deadline": today + timedelta(i % 90 - 30)}
                for i in ids
            ],
        )
        submissions, shares, results = [], [], []
        for n in range(suppliers * per_supplier):
            supplier, status = first + n // per_supplier, statuses[n % len(statuses)]
            submissions.append(
                {
                    "id": n + 1,
                    "supplier_id": supplier,
                    "questionnaire_version_id": version.id,
                    "status": status,
                    "version": 1,
                    "round": 1,
                }
            )
            shares.append({"submission_id": n + 1, "buyer_id": buyer.id})
            if status is not SubmissionStatus.DRAFT:
                results.append(
                    {
                        "submission_id": n + 1,
                        "ruleset_id": "critical-minerals-risk",
                        "ruleset_version": "1.0",
                        "data_editions": {},
                        "scoring_date": today,
                        "rating": RATINGS[n % len(RATINGS)],
                        "score": n % 100,
                        "red_flag_count": n % 4,
                        "result": {},
                        "current": True,
                    }
                )
        _bulk(Submission.__table__, submissions)
        _bulk(SubmissionShare.__table__, shares)
        _bulk(RiskResult.__table__, results)
        portfolio_upkeep.rebuild(db.session.connection())  # the bulk load bypassed the ORM
        db.session.commit()
        return buyer.id


#: Portfolio sizes measured: the first page must not grow with them.
SIZES = (1_000, 10_000, 100_000)
#: The first page of the portfolio, unfiltered and with each filter (each status and rating
#: asked for is one that a third or more of the generated suppliers have: a full page).
QUERIES = ("", "?status=submitted", "?rating=critical", "?overdue=1", "?q=00042", "?status=none")
#: The first page must take less than this, at every size and with every filter.
TARGET_MS = 50.0


def _measure(suppliers: int, per_supplier: int) -> dict[str, tuple[float, int]]:
    """Return, per query, the first page's milliseconds and SQL statements."""
    from extensions import db

    app = application(f"portfolio-{suppliers}")
    generate(app, suppliers, per_supplier)
    client = signed_in(app, BUYER_EMAIL, PASSWORD)
    figures = {}
    for query in QUERIES:
        with app.app_context(), counted_statements(db.engine) as statements:
            reply = client.get(f"/buyer/{query}")
        if reply.status_code != 200:
            raise RuntimeError(f"/buyer/{query} answered {reply.status_code}")
        seconds = per_call(lambda q=query: client.get(f"/buyer/{q}"), 1.5, rounds=3)
        figures[query] = (seconds * 1000, len(statements))
    return figures


def benchmark_buyer_portfolio(sizes=SIZES) -> list[Comparison]:
    """Measure the first page of ``GET /buyer/`` at each size, with each filter, against
    the target; then its growth from the smallest portfolio to the largest."""
    comparisons, by_size = [], {}
    for suppliers in sizes:
        started = time.perf_counter()
        per_supplier = SUBMISSIONS_PER_SUPPLIER if suppliers <= 10_000 else 2
        by_size[suppliers] = _measure(suppliers, per_supplier)
        took = time.perf_counter() - started
        for query, (ms, statements) in by_size[suppliers].items():
            name = (
                f"buyer portfolio first page {query or '(no filter)'} at {suppliers:,} suppliers"
                f" × {per_supplier} submissions ({statements} SQL statements; built and"
                f" measured in {took:.0f} s)"
            )
            comparisons.append(Comparison(name, ms, "the target", TARGET_MS, "ms", target=1.0))
    small, large = by_size[sizes[0]], by_size[sizes[-1]]
    for query in QUERIES:
        comparisons.append(
            Comparison(
                f"buyer portfolio first page {query or '(no filter)'}: growth from"
                f" {sizes[0]:,} to {sizes[-1]:,} suppliers (flat is 1×)",
                large[query][0],
                f"at {sizes[0]:,}",
                small[query][0],
                "ms",
            )
        )
    return comparisons
