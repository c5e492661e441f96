"""The buyer's portfolio and the reviewer's queue: content, filters, exports, one query."""

from __future__ import annotations

import csv
import io
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import event

from extensions import db
from models import BuyerSupplier, Organisation, OrganisationKind
from services import exports, portfolio, queue
from services.portfolio import PortfolioRow
from tests.workflow.conftest import BUYER_USER, REVIEWER, buyer_org, signed_in, user

HEADERS = {
    "en": [
        "Supplier",
        "Country",
        "Status",
        "Rating (computed)",
        "Rating (reviewed)",
        "Red flags",
        "Visibility",
        "Insufficient information",
        "Deadline",
        "Overdue",
        "Corrective actions open",
        "Corrective actions overdue",
        "Corrective actions closed",
    ],
    "ja": [
        "サプライヤー",
        "国・地域",
        "ステータス",
        "リスク格付け（算出）",
        "リスク格付け（審査後）",
        "レッドフラグ",
        "可視性",
        "情報不足",
        "期限",
        "期限超過",
        "是正措置（未完了）",
        "是正措置（期限超過）",
        "是正措置（完了）",
    ],
}
TODAY = date.today()


def _deadline(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


#: The demo portfolio as the English CSV shows it (deadlines are relative to the load date).
#: The last three columns count this buyer's corrective actions: open, overdue, closed (the
#: second buyer's plan with Lualaba is not among them).
EXPECTED = [
    ["Circular Metals Recycling GmbH", "Germany", "Approved"]
    + ["Low", "Low", "0", "", "", _deadline(60), "No", "0", "0", "0"],
    ["Heilongjiang Spherical Graphite Co., Ltd.", "China", "Rejected"]
    + ["Critical", "Critical", "1", "", "", _deadline(32), "No", "2", "0", "0"],
    ["Kalahari Manganese (Pty) Ltd", "South Africa", "Draft"]
    + ["", "", "", "", "", _deadline(46), "No", "0", "0", "0"],
    ["Lualaba Cobalt Processing SARL", "Democratic Republic of the Congo", "Changes requested"]
    + ["High", "High", "0", "", "", _deadline(-10), "Yes", "2", "1", "0"],
    ["Morowali Nickel Refining PT", "Indonesia", "In review"]
    + ["Medium", "Medium", "0", "", "", _deadline(18), "No", "2", "0", "1"],
    ["Pilbara Spodumene Pty Ltd", "Australia", "Submitted"]
    + ["Low", "", "0", "", "", _deadline(4), "No", "0", "0", "0"],
]


@contextmanager
def counted_queries():
    """Count the SQL statements run inside the block."""
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_csv_export_lists_every_supplier_with_localised_headers(app, demo_submissions):
    response = signed_in(app, BUYER_USER, "en").get("/buyer/portfolio.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [r[:13] for r in rows] == [HEADERS["en"], *EXPECTED]  # then the answers' columns


def test_xlsx_export_in_japanese(app, demo_submissions):
    response = signed_in(app, BUYER_USER, "ja").get("/buyer/portfolio.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:13] == HEADERS["ja"]
    assert [r[0] for r in rows[1:]] == [r[0] for r in EXPECTED]
    lualaba = rows[4]
    deadline = lualaba[8].date()  # a date cell, not text
    assert lualaba[1:13] == [
        "コンゴ民主共和国",
        "差し戻し",
        "高",
        "高",
        0,
        "",
        "",
        lualaba[8],
        "はい",
        2,
        1,
        0,
    ]
    assert deadline.isoformat() == _deadline(-10)


@pytest.mark.parametrize(
    ("query", "suppliers"),
    [
        ("status=approved", ["Circular Metals Recycling GmbH"]),
        ("status=none", []),
        ("rating=critical", ["Heilongjiang Spherical Graphite Co., Ltd."]),
        ("overdue=1", ["Lualaba Cobalt Processing SARL"]),
        ("q=nickel", ["Morowali Nickel Refining PT"]),
        ("status=nonsense", [r[0] for r in EXPECTED]),  # unusable filters are ignored
    ],
)
def test_filters_apply_to_page_and_exports(app, demo_submissions, query, suppliers):
    client = signed_in(app, BUYER_USER, "en")
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"/buyer/portfolio.csv?{query}").data.decode("utf-8-sig"))
        )
    )
    assert [r[0] for r in rows[1:]] == suppliers
    page = client.get(f"/buyer/?{query}").get_data(as_text=True)
    for name in (r[0] for r in EXPECTED):
        assert (name in page) == (name in suppliers), name


def test_supplier_without_shared_submission_shows_nothing_shared(app, demo_submissions):
    with app.app_context():
        org = Organisation(name="Nuevo Litio SA", kind=OrganisationKind.SUPPLIER, country="AR")
        db.session.add(org)
        db.session.flush()
        db.session.add(BuyerSupplier(buyer_id=buyer_org().id, supplier_id=org.id))
        db.session.commit()
        rows = portfolio.rows(buyer_org().id, TODAY, status=portfolio.NOTHING_SHARED)
        assert [(r.supplier, r.status, r.rating, r.overdue) for r in rows] == [
            ("Nuevo Litio SA", None, None, False)
        ]


def test_portfolio_and_queue_take_a_fixed_number_of_queries(app, demo_submissions):
    with app.app_context():
        buyer_id = buyer_org().id
        reviewer = user(REVIEWER)
        with counted_queries() as statements:
            rows = portfolio.rows(buyer_id, TODAY)
        assert len(rows) == 6 and len(statements) == 1
        with counted_queries() as statements:
            found = queue.rows(reviewer, TODAY, status=queue.ALL)
            names = [row.submission.supplier.name for row in found]
            [row.buyers for row in found]
        # one row per buyer review: the shared draft has nothing to review yet
        assert len(names) == 5 and len(statements) == 1


def test_exported_cells_never_start_a_formula(app):
    row = PortfolioRow(
        1, '=HYPERLINK("http://x")', None, None, None, None, None, None, None, None, False
    )
    with app.test_request_context():
        assert exports.table([row])[1][0] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize(
    ("query", "suppliers"),
    [
        ("", ["Pilbara Spodumene Pty Ltd", "Morowali Nickel Refining PT"]),
        ("status=all&sort=rating", [
            "Heilongjiang Spherical Graphite Co., Ltd.",
            "Lualaba Cobalt Processing SARL",
            "Morowali Nickel Refining PT",
            "Pilbara Spodumene Pty Ltd",
            "Circular Metals Recycling GmbH",
        ]),
        ("status=all&sort=due", [
            "Lualaba Cobalt Processing SARL",
            "Pilbara Spodumene Pty Ltd",
            "Morowali Nickel Refining PT",
            "Heilongjiang Spherical Graphite Co., Ltd.",
            "Circular Metals Recycling GmbH",
        ]),
        ("status=all&overdue=1", ["Lualaba Cobalt Processing SARL"]),
        ("status=all&rating=low", ["Circular Metals Recycling GmbH", "Pilbara Spodumene Pty Ltd"]),
        (f"status=all&due_before={_deadline(20)}", [
            "Lualaba Cobalt Processing SARL",
            "Morowali Nickel Refining PT",
            "Pilbara Spodumene Pty Ltd",
        ]),
        ("status=changes_requested", ["Lualaba Cobalt Processing SARL"]),
    ],
)  # fmt: skip
def test_queue_filters_and_sorts(app, demo_submissions, query, suppliers):
    page = signed_in(app, REVIEWER).get(f"/reviewer/?{query}").get_data(as_text=True)
    body = page[page.index("<tbody>") :] if "<tbody>" in page else ""
    positions = [body.find(f">{name}</a>") for name in suppliers]
    assert all(p >= 0 for p in positions), (query, positions)
    if "sort=" in query:
        assert positions == sorted(positions)
    assert body.count("review/") == len(suppliers)


def test_queue_buyer_filter(app, demo_submissions):
    with app.app_context():
        buyer_id = buyer_org().id
        reviewer = user(REVIEWER)
        assert len(queue.rows(reviewer, TODAY, status=queue.ALL, buyer_id=buyer_id)) == 5
        assert queue.rows(reviewer, TODAY, status=queue.ALL, buyer_id=buyer_id + 999) == []
    page = signed_in(app, REVIEWER).get(f"/reviewer/?status=all&buyer={buyer_id}")
    assert page.get_data(as_text=True).count('<a href="/review/') == 5


def test_queue_shows_red_flags_due_dates_and_buyers(app, demo_submissions):
    page = signed_in(app, REVIEWER).get("/reviewer/?status=all").get_data(as_text=True)
    row = page[page.index("Heilongjiang") :].split("</tr>")[0]
    assert '<span class="flag-count">1</span>' in row
    assert "Sakura Battery Materials K.K." in row
    lualaba = page[page.index("Lualaba") :].split("</tr>")[0]
    assert "Overdue" in lualaba
