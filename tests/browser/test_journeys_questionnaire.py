"""A supplier fills a questionnaire across sessions, uploads evidence and submits."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from demo.loader import DEMO_PASSWORD
from extensions import db
from models import Submission, SubmissionStatus
from services import submissions
from tests.browser.conftest import screenshot, sign_in
from tests.factories import EXE_BYTES, PDF_BYTES, fill_submission, start_submission

pytestmark = pytest.mark.browser
SUPPLIER = "supplier@demo.assay.example"
TEXT = {
    "en": {
        "saved": "All changes saved",
        "refused": "This file type is not accepted",
        "uploaded": "uploaded",
        "submitted": "Submitted. Your answers are now read-only.",
        "missing": "document missing",
        "sign_out": "Sign out",
    },
    "ja": {
        "saved": "すべての変更を保存しました",
        "refused": "このファイル形式は受け付けられません",
        "uploaded": "アップロードしました",
        "submitted": "提出しました。回答は閲覧のみとなります。",
        "missing": "書類がありません",
        "sign_out": "ログアウト",
    },
}


def _prepare(app) -> int:
    """A draft with everything answered except a few items the supplier does in the browser."""
    submission_id = start_submission(app, SUPPLIER)
    fill_submission(app, submission_id, SUPPLIER)
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        from models import Answer, EvidenceFile

        for row in db.session.scalars(
            select(Answer).where(
                Answer.submission_id == submission_id,
                Answer.question_id.in_(["org_legal_name", "org_migrant_workers"]),
            )
        ):
            db.session.delete(row)
        for item in db.session.scalars(
            select(EvidenceFile).where(EvidenceFile.question_id == "lr_foa_policy")
        ):
            db.session.delete(item)
        db.session.commit()
        assert {m.question_id for m in submissions.missing_items(submission)} >= {
            "org_legal_name",
            "lr_foa_policy",
        }
    return submission_id


def _wait_saved(page, text):
    page.wait_for_function(
        "t => document.querySelector('.save-state').textContent.includes(t)", arg=text
    )


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_supplier_fills_across_sessions_uploads_and_submits(browser, live_server, lang):
    text = TEXT[lang]
    app = live_server.app
    submission_id = _prepare(app)
    context = browser.new_context(locale="ja-JP" if lang == "ja" else "en-GB")
    context.set_default_timeout(30_000)
    page = context.new_page()
    base = live_server.url
    sign_in(page, base, SUPPLIER, DEMO_PASSWORD)
    page.wait_for_url(f"{base}/supplier/")
    page.click(f"a[href='/submissions/{submission_id}']")
    screenshot(page, f"questionnaire-overview-{lang}")

    # The completeness list links to the organisation question that is missing.
    page.click("a[href$='#q-org_legal_name']")
    page.fill("input[name='q-org_legal_name']", "Lualaba Cobalt Processing SARL")
    _wait_saved(page, text["saved"])

    # A conditional question appears as soon as the answer that controls it changes.
    share = page.locator("#q-org_migrant_share")
    assert share.is_hidden()
    page.check("input[name='q-org_migrant_workers'][value='yes']")
    share.wait_for(state="visible")
    page.fill("input[name='q-org_migrant_share']", "12")
    _wait_saved(page, text["saved"])
    page.check("input[name='q-org_migrant_workers'][value='no']")
    share.wait_for(state="hidden")
    page.check("input[name='q-org_migrant_workers'][value='yes']")
    share.wait_for(state="visible")
    _wait_saved(page, text["saved"])
    screenshot(page, f"questionnaire-section-{lang}")

    # Sign out mid-way, sign back in, continue where we left off.
    page.click(f"text={text['sign_out']}")
    sign_in(page, base, SUPPLIER, DEMO_PASSWORD)
    page.goto(f"{base}/submissions/{submission_id}/sections/org")
    assert page.input_value("input[name='q-org_legal_name']") == "Lualaba Cobalt Processing SARL"
    assert page.input_value("input[name='q-org_migrant_share']") == "12"

    # Evidence: an executable renamed .pdf is refused, a real PDF accepted.
    page.goto(f"{base}/submissions/{submission_id}")
    assert text["missing"] in page.content()
    page.click("a[href$='#q-lr_foa_policy']")
    upload = "input[type=file][form='ev-lr_foa_policy']"
    page.set_input_files(
        upload, {"name": "policy.pdf", "mimeType": "application/pdf", "buffer": EXE_BYTES}
    )
    page.click("button[form='ev-lr_foa_policy']")
    page.wait_for_load_state()
    assert text["refused"] in page.content()
    page.set_input_files(
        upload, {"name": "結社の自由方針.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.click("button[form='ev-lr_foa_policy']")
    page.wait_for_load_state()
    assert text["uploaded"] in page.content()
    assert page.locator("#q-lr_foa_policy .files a").inner_text() == "結社の自由方針.pdf"

    # Nothing missing now: submit.
    page.goto(f"{base}/submissions/{submission_id}")
    page.click(".completeness button[type=submit]")
    page.wait_for_load_state()
    assert text["submitted"] in page.content()
    screenshot(page, f"questionnaire-submitted-{lang}")
    with app.app_context():
        assert db.session.get(Submission, submission_id).status == SubmissionStatus.SUBMITTED
    context.close()


def test_page_without_javascript_saves_by_form_post(browser, live_server):
    app = live_server.app
    submission_id = start_submission(app, SUPPLIER)
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    sign_in(page, live_server.url, SUPPLIER, DEMO_PASSWORD)
    page.goto(f"{live_server.url}/submissions/{submission_id}/sections/org")
    page.fill("input[name='q-org_legal_name']", "Typed without scripts")
    page.check("input[name='q-org_migrant_workers'][value='yes']")
    page.click("button[name=go][value=stay]")
    page.wait_for_load_state()
    assert "Saved." in page.content()
    assert page.locator("#q-org_migrant_share").is_visible()  # shown after the save
    with app.app_context():
        answers = submissions.answers_of(db.session.get(Submission, submission_id))
    assert answers["org_legal_name"] == "Typed without scripts"
    assert answers["org_migrant_workers"] == "yes"
    context.close()
