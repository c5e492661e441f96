"""Downloads are never kept by browsers or proxies: ``Cache-Control: no-store`` like every page."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from extensions import db
from models import EvidenceFile
from tests.hostile.conftest import SUPPLIER, signed_in
from tests.workflow.conftest import BUYER_USER, review_id, submit_for


@pytest.fixture
def submitted(app, demo) -> int:
    """A questionnaire with evidence, submitted and shared with the demo buyer."""
    return submit_for(app, SUPPLIER)


def _evidence_id(app, submission_id: int) -> int:
    with app.app_context():
        return db.session.scalars(
            select(EvidenceFile.id).where(EvidenceFile.submission_id == submission_id)
        ).first()


def _assert_not_kept(response) -> None:
    assert response.status_code == 200, response.status_code
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]


def test_evidence_downloads_are_not_kept(app, submitted):
    evidence = _evidence_id(app, submitted)
    for who in (SUPPLIER, BUYER_USER):
        _assert_not_kept(signed_in(app, who).get(f"/submissions/evidence/{evidence}"))


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_report_downloads_are_not_kept(app, submitted, lang):
    supplier = signed_in(app, SUPPLIER)
    _assert_not_kept(supplier.get(f"/reports/{submitted}?lang={lang}"))
    buyer = signed_in(app, BUYER_USER)
    _assert_not_kept(buyer.get(f"/reports/reviews/{review_id(app, submitted)}?lang={lang}"))


@pytest.mark.parametrize("export", ["portfolio.csv", "portfolio.xlsx"])
def test_portfolio_exports_are_not_kept(app, submitted, export):
    _assert_not_kept(signed_in(app, BUYER_USER).get(f"/buyer/{export}"))


def test_static_files_may_still_be_cached(app, client):
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    response.close()
