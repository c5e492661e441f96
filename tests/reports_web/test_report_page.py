"""The report's accessible web page: the same content as the PDF, for the same people."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from sqlalchemy import select

from extensions import db
from models import AuditEntry, Review, Submission, User
from services import review, sharing, submissions
from tests.conftest import login
from tests.factories import fill_submission, start_submission
from tests.reports_web.test_report_downloads import REVIEWER, SUPPLIER, _buyer, _review_id, _text


@pytest.fixture
def submitted(app, demo):
    """A submitted questionnaire shared with the demo buyer."""
    submission_id = start_submission(app, SUPPLIER)
    fill_submission(app, submission_id, SUPPLIER, {"org_legal_name": "Lualaba <Cobalt> & Co"})
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == SUPPLIER))
        submission = db.session.get(Submission, submission_id)
        sharing.share(submission, user, [_buyer().id])
        submissions.submit(submission, user)
    return submission_id


def _words(text: str) -> str:
    """Text with markup removed and whitespace (where PDF lines wrap) dropped."""
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", "", text)


def _decide(app, rid):
    with app.app_context():
        reviewer = db.session.scalar(select(User).where(User.email == REVIEWER))
        review.decide(db.session.get(Review, rid), reviewer, "approve", "Evidence is complete.")


def test_page_holds_what_the_pdf_holds_in_both_languages(app, submitted):
    rid = _review_id(app, submitted)
    _decide(app, rid)
    client = app.test_client()
    login(client, "buyer@demo.assay.example")
    for lang, title in (("en", "Due-diligence report"), ("ja", "デュー・ディリジェンス")):
        page = client.get(f"/reports/reviews/{rid}/page?lang={lang}")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert f'<html lang="{lang}">' in html
        words = _words(html)
        pdf = _text(client.get(f"/reports/reviews/{rid}?lang={lang}").data)
        assert title in pdf and title in html
        # every finding title, section title and the report id of the PDF are on the page
        with app.app_context():
            from services import reports

            data = reports.build(
                db.session.get(Review, rid).submission, db.session.get(Review, rid)
            )
        assert data.findings and data.sections
        for finding in data.findings:
            assert re.sub(r"\s+", "", finding.title[lang]) in words
        for section in data.sections:
            assert re.sub(r"\s+", "", section.title[lang]) in words
            for answer in section.answers[:5]:
                assert re.sub(r"\s+", "", answer.text[lang]) in words
        assert data.report_id in html and data.report_id in pdf
        assert "Evidence is complete." in html
        assert "Lualaba &lt;Cobalt&gt; &amp; Co" in html  # escaped, never markup


def test_download_places_link_to_the_page(app, submitted):
    rid = _review_id(app, submitted)
    client = app.test_client()
    login(client, "buyer@demo.assay.example")
    html = client.get(f"/review/{rid}").get_data(as_text=True)
    assert f'href="/reports/reviews/{rid}/page?lang=en"' in html
    assert f'href="/reports/reviews/{rid}/page?lang=ja"' in html
    login(supplier := app.test_client(), SUPPLIER)
    overview = supplier.get(f"/submissions/{submitted}").get_data(as_text=True)
    assert f'href="/reports/{submitted}/page?lang=ja"' in overview


def test_reading_the_page_is_logged_as_an_access_event(app, submitted):
    client = app.test_client()
    login(client, SUPPLIER)
    assert client.get(f"/reports/{submitted}/page?lang=ja").status_code == 200
    with app.app_context():
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "report.view")
        ).one()
        assert entry.detail["lang"] == "ja" and entry.submission_id == submitted


def test_other_organisations_get_404(app, submitted):
    rid = _review_id(app, submitted)
    attacker = app.test_client()
    login(attacker, "recycler@demo.assay.example")
    assert attacker.get(f"/reports/{submitted}/page?lang=en").status_code == 404
    assert attacker.get(f"/reports/reviews/{rid}/page?lang=en").status_code == 404
    other_buyer = app.test_client()
    login(other_buyer, "buyer2@demo.assay.example")
    assert other_buyer.get(f"/reports/reviews/{rid}/page?lang=en").status_code == 404
    buyer = app.test_client()
    login(buyer, "buyer@demo.assay.example")
    assert buyer.get(f"/reports/{submitted}/page?lang=en").status_code == 404  # working copy
    assert buyer.get(f"/reports/reviews/{rid}/page?lang=fr").status_code == 404
    supplier = app.test_client()
    login(supplier, SUPPLIER)
    assert supplier.get(f"/reports/reviews/{rid}/page?lang=en").status_code == 404  # not released
