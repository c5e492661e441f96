"""A buyer's Japanese report says what the Japanese review page says."""

from __future__ import annotations

import io
import re
from urllib.parse import unquote

from pypdf import PdfReader
from sqlalchemy import select

from extensions import db
from models import Organisation, Review, Submission
from tests.conftest import login
from tests.reports.pdf_inspect import squash

REVIEWER = "reviewer@demo.assay.example"


def _nickel_review_id() -> int:
    """The demo's review in progress with an accepted and a dismissed finding."""
    return db.session.scalar(
        select(Review.id)
        .join(Submission, Submission.id == Review.submission_id)
        .join(Organisation, Organisation.id == Submission.supplier_id)
        .where(Organisation.name == "Morowali Nickel Refining PT")
        .order_by(Review.round.desc())
        .limit(1)
    )


def test_finding_decisions_and_title_read_the_same_on_screen_and_in_the_pdf(app, demo_submissions):
    with app.app_context():
        review_id = _nickel_review_id()
    client = app.test_client()
    login(client, REVIEWER)
    client.post("/language", data={"lang": "ja", "next": "/"})

    page = client.get(f"/review/{review_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    screen = {
        kind: re.search(
            rf'class="finding-decision decision-{kind}">\s*<strong>([^<]+)</strong>', html
        ).group(1)
        for kind in ("accepted", "dismissed")
    }
    assert screen == {"accepted": "採用", "dismissed": "不採用"}

    download = client.get(f"/reports/reviews/{review_id}?lang=ja")
    assert download.status_code == 200
    pdf = squash("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(download.data)).pages))
    for term in screen.values():
        assert f"{term}（担当：" in pdf
    for history in ("指摘事項の採用", "指摘事項の不採用"):
        assert history in html and history in pdf
    assert "棄却" not in html and "棄却" not in pdf

    title = "デュー・ディリジェンス報告書"
    assert title in pdf
    disposition = unquote(download.headers["Content-Disposition"])
    assert f"{title}_" in disposition and "デューディリジェンス" not in disposition
