"""Reports of real submissions: download, language, storage at decision, command."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from extensions import db
from models import Organisation, Review, StoredReport, Submission, User
from services import review, sharing, submissions
from tests.conftest import login
from tests.factories import fill_submission, start_submission

SUPPLIER = "supplier@demo.assay.example"
REVIEWER = "reviewer@demo.assay.example"


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def submitted(app, demo):
    submission_id = start_submission(app, SUPPLIER)
    fill_submission(app, submission_id, SUPPLIER, {"org_legal_name": "Lualaba <Cobalt> & Co"})
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == SUPPLIER))
        submission = db.session.get(Submission, submission_id)
        sharing.share(submission, user, [_buyer().id])
        submissions.submit(submission, user)
    return submission_id


def _buyer() -> Organisation:
    return db.session.scalar(
        select(Organisation).where(Organisation.name == "Sakura Battery Materials K.K.")
    )


def _review_id(app, submission_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            select(Review.id).where(
                Review.submission_id == submission_id, Review.buyer_id == _buyer().id
            )
        )


def test_supplier_downloads_draft_watermarked_report_in_both_languages(app, submitted):
    client = app.test_client()
    login(client, SUPPLIER)
    english = client.get(f"/reports/{submitted}?lang=en")
    assert english.status_code == 200
    assert english.mimetype == "application/pdf"
    assert "attachment" in english.headers["Content-Disposition"]
    assert "due-diligence-report" in english.headers["Content-Disposition"]
    text = _text(english.data)
    assert "Lualaba <Cobalt> & Co" in text
    assert "DRAFT" in text
    japanese = client.get(f"/reports/{submitted}?lang=ja")
    assert japanese.status_code == 200
    assert "filename*=UTF-8''" in japanese.headers["Content-Disposition"]
    assert "デュー・ディリジェンス" in _text(japanese.data)
    assert client.get(f"/reports/{submitted}?lang=fr").status_code == 404


def test_other_organisation_gets_404(app, submitted):
    client = app.test_client()
    login(client, "recycler@demo.assay.example")
    assert client.get(f"/reports/{submitted}?lang=en").status_code == 404
    assert client.get(f"/reports/reviews/{_review_id(app, submitted)}?lang=en").status_code == 404


def test_buyer_with_share_downloads_its_own_report_not_the_suppliers_working_copy(app, submitted):
    client = app.test_client()
    login(client, "buyer@demo.assay.example")
    assert client.get(f"/reports/reviews/{_review_id(app, submitted)}?lang=ja").status_code == 200
    assert client.get(f"/reports/{submitted}?lang=ja").status_code == 404


def test_the_supplier_reads_a_buyers_report_only_once_released(app, submitted):
    client = app.test_client()
    login(client, SUPPLIER)
    rid = _review_id(app, submitted)
    path = f"/reports/reviews/{rid}?lang=en"
    assert client.get(path).status_code == 404
    with app.app_context():
        reviewer = db.session.scalar(select(User).where(User.email == REVIEWER))
        review.decide(db.session.get(Review, rid), reviewer, "approve", "OK")
    assert client.get(path).status_code == 200


def test_approval_stores_reports_that_downloads_serve(app, submitted):
    rid = _review_id(app, submitted)
    with app.app_context():
        reviewer = db.session.scalar(select(User).where(User.email == REVIEWER))
        item = db.session.get(Review, rid)
        review.decide(item, reviewer, "approve", "All evidence checked.")
        stored = db.session.scalars(select(StoredReport).order_by(StoredReport.lang)).all()
        assert [r.lang for r in stored] == ["en", "ja"]
        english = stored[0].data
    client = app.test_client()
    login(client, "buyer@demo.assay.example")
    served = client.get(f"/reports/reviews/{rid}?lang=en").data
    assert served == english
    text = _text(served)
    assert "DRAFT" not in text
    assert "All evidence checked." in text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(StoredReport)) == 2


def test_report_render_command(app, submitted, tmp_path):
    target = tmp_path / "report.pdf"
    result = app.test_cli_runner().invoke(
        args=["report", "render", str(submitted), "--lang", "ja", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    reader = PdfReader(str(target))
    assert len(reader.pages) > 2
    missing = app.test_cli_runner().invoke(
        args=["report", "render", "999", "--lang", "en", "-o", str(tmp_path / "x.pdf")]
    )
    assert missing.exit_code != 0 and "No submission 999" in missing.output
    buyer_id = app.test_cli_runner().invoke(
        args=["report", "render", str(submitted), "--buyer", "999", "-o", str(tmp_path / "y.pdf")]
    )
    assert buyer_id.exit_code != 0 and "has no review" in buyer_id.output
