"""The buyer portfolio at scale: 10,000 suppliers and 100,000 submissions, bulk inserted."""

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
    from services import accounts, questionnaires

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
        db.session.commit()
        return buyer.id


def _replay(app, statements) -> None:
    """Run *statements* straight on the database driver and fetch every row."""
    from extensions import db

    with app.app_context():
        connection = db.engine.raw_connection()
        try:
            cursor = connection.cursor()
            for statement, parameters in statements:
                cursor.execute(statement, parameters)
                cursor.fetchall()
        finally:
            connection.close()


def benchmark_buyer_portfolio(suppliers: int = SUPPLIERS) -> list[Comparison]:
    """Measure ``GET /buyer/`` over the generated portfolio against its SQL run bare."""
    from extensions import db

    app = application("portfolio")
    started = time.perf_counter()
    generate(app, suppliers)
    generated = time.perf_counter() - started
    client = signed_in(app, BUYER_EMAIL, PASSWORD)
    with app.app_context(), counted_statements(db.engine) as statements:
        reply = client.get("/buyer/")
    if reply.status_code != 200:
        raise RuntimeError(f"/buyer/ answered {reply.status_code}")
    page = per_call(lambda: client.get("/buyer/"), 6.0, rounds=2)
    bare = per_call(lambda: _replay(app, statements), 3.0, rounds=2)
    name = (
        f"buyer portfolio page ({suppliers:,} suppliers, {suppliers * SUBMISSIONS_PER_SUPPLIER:,}"
        f" submissions generated in {generated:.0f} s; {len(statements)} SQL queries)"
    )
    return [Comparison(name, page * 1000, "the same SQL run bare", bare * 1000, "ms")]
