"""The portfolio export carries what a buyer files: minerals, origins, dates, main findings."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook
from sqlalchemy import select

from extensions import db
from models import Review, SubmissionStatus
from tests.workflow.conftest import BUYER_USER, buyer_org, signed_in


def _rows(app, lang, kind):
    response = signed_in(app, BUYER_USER, lang).get(f"/buyer/portfolio.{kind}")
    if kind == "csv":
        return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.data)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_csv_adds_minerals_origins_dates_and_main_findings(app, demo_submissions):
    rows = _rows(app, "en", "csv")
    assert rows[0][13:] == [
        "Minerals",
        "Countries of origin",
        "Date submitted",
        "Date approved",
        "Main findings",
    ]
    by_name = {r[0]: r for r in rows[1:]}
    lualaba = by_name["Lualaba Cobalt Processing SARL"]
    assert lualaba[13] == "Cobalt"
    assert lualaba[14] == "Democratic Republic of the Congo"
    assert date.fromisoformat(lualaba[15])  # submitted
    assert lualaba[16] == ""  # not approved
    assert lualaba[17]  # its findings, by title
    recycler = by_name["Circular Metals Recycling GmbH"]
    with app.app_context():
        approved = db.session.scalar(
            select(Review.decided_at).where(
                Review.buyer_id == buyer_org().id, Review.status == SubmissionStatus.APPROVED
            )
        )
    assert recycler[16] == approved.date().isoformat()
    graphite = by_name["Heilongjiang Spherical Graphite Co., Ltd."]
    assert graphite[17].count(";") <= 2  # at most three findings, the red flag first
    assert by_name["Kalahari Manganese (Pty) Ltd"][15] == ""  # a shared draft: not submitted


def test_xlsx_dates_are_dates_and_japanese_lists_use_the_japanese_comma(app, demo_submissions):
    rows = _rows(app, "ja", "xlsx")
    assert rows[0][13] == "取扱鉱物"
    lualaba = next(r for r in rows if r[0] == "Lualaba Cobalt Processing SARL")
    assert isinstance(lualaba[8], datetime) and isinstance(lualaba[15], datetime)
    assert lualaba[14] == "コンゴ民主共和国"
    assert all("," not in (r[14] or "") for r in rows[1:])  # lists joined with 、


def test_favicon_is_served(client):
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype == "image/vnd.microsoft.icon"
        assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert 'rel="icon"' in client.get("/login").get_data(as_text=True)
