"""The corrective action loop in a browser: the reviewer accepts a finding and asks for a plan;
the supplier plans in Japanese; the reviewer returns it; the supplier plans again; the work
starts, evidence is uploaded and sent; the reviewer verifies and closes; the report shows it.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from demo.loader import BUYER, DEMO_PASSWORD
from extensions import db
from models import (
    ActionStatus,
    CorrectiveAction,
    Organisation,
    Review,
    Submission,
    SubmissionStatus,
)
from tests.browser.conftest import screenshot, sign_in
from tests.factories import PDF_BYTES

pytestmark = pytest.mark.browser

REVIEWER = "reviewer@demo.assay.example"
NICKEL = "nickel@demo.assay.example"
RULE = "lr_weak_voice_country"


def _context(browser, locale):
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    return context, context.new_page()


def _status(app, action_id: int) -> ActionStatus:
    with app.app_context():
        return db.session.get(CorrectiveAction, action_id).status


def _submit(page, selector: str) -> None:
    page.click(selector)
    page.wait_for_load_state()


def test_request_plan_in_japanese_return_resubmit_evidence_close_report(browser, live_server):
    app, base = live_server.app, live_server.url
    with app.app_context():
        review = db.session.scalar(
            select(Review)
            .join(Submission, Submission.id == Review.submission_id)
            .where(
                Submission.status == SubmissionStatus.IN_REVIEW,
                Review.buyer.has(Organisation.name == BUYER[0]),
            )
        )
        rid = review.id

    # The reviewer accepts a finding and asks for a corrective action plan on it.
    reviewer_ctx, reviewer = _context(browser, "en-GB")
    sign_in(reviewer, base, REVIEWER, DEMO_PASSWORD)
    reviewer.wait_for_url(f"{base}/reviewer/")
    reviewer.goto(f"{base}/review/{rid}")
    card = f"#f-{RULE}"
    reviewer.click(f"{card} details.decide-finding summary")
    reviewer.check(f"{card} input[value=accepted]")
    reviewer.fill(f"{card} textarea[name=justification]", "Interviews confirm it.")
    _submit(reviewer, f"{card} button[type=submit]")
    _submit(reviewer, f"{card} .finding-action-plan a")
    assert "Assay's own choice" in reviewer.inner_text(".cap-request-form")
    reviewer.fill(
        "textarea[name=request]", "Set up a worker committee with freely elected members."
    )
    _submit(reviewer, ".cap-request-form button[type=submit]")
    action_id = int(re.search(r"/corrective-actions/(\d+)$", reviewer.url).group(1))
    assert _status(app, action_id) == ActionStatus.REQUESTED

    # The supplier finds it on its home page and writes the plan in Japanese.
    supplier_ctx, supplier = _context(browser, "ja-JP")
    sign_in(supplier, base, NICKEL, DEMO_PASSWORD)
    supplier.wait_for_url(f"{base}/supplier/")
    supplier.click("button[lang=ja]")
    supplier.wait_for_load_state()
    assert "是正措置：対応が必要なもの" in supplier.inner_text("#corrective-actions")
    _submit(supplier, f"#corrective-actions a[href='/corrective-actions/{action_id}']")
    plan = {
        "root_cause": "工業団地の規則で労働組合の活動が制限されていた。",
        "corrective_action": "労働者委員会を設け、委員を選挙で選ぶ。",
        "preventive_action": "新しい規則は適用前にコンプライアンス部門が確認する。",
        "responsible_person": "Siti Rahma",
        "start_on": date.today().isoformat(),
    }
    for name, value in plan.items():
        supplier.fill(f"#plan [name={name}]", value)
    _submit(supplier, "#plan button[type=submit]")
    assert _status(app, action_id) == ActionStatus.PLAN_SUBMITTED
    screenshot(supplier, "corrective-action-plan-ja")

    # The reviewer returns it with a reason.
    reviewer.reload()
    reviewer.check("#decision input[value=return_plan]")
    reviewer.fill("#decision textarea[name=reason]", "Say when the first election takes place.")
    _submit(reviewer, "#decision button[type=submit]")
    assert _status(app, action_id) == ActionStatus.PLAN_RETURNED

    # The supplier reads why, plans again; the reviewer accepts.
    supplier.reload()
    assert "Say when the first election takes place." in supplier.inner_text(".decision-reason")
    supplier.fill("#plan [name=corrective_action]", "労働者委員会を設け、来月第一回の選挙を行う。")
    _submit(supplier, "#plan button[type=submit]")
    reviewer.reload()
    reviewer.check("#decision input[value=accept_plan]")
    reviewer.fill("#decision textarea[name=reason]", "Agreed.")
    _submit(reviewer, "#decision button[type=submit]")
    assert _status(app, action_id) == ActionStatus.PLAN_ACCEPTED

    # The supplier starts, uploads the minutes of the election and sends them.
    supplier.reload()
    _submit(supplier, "#plan form[action$='/start'] button")
    supplier.set_input_files(
        "#evidence input[type=file]",
        {"name": "選挙議事録.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES},
    )
    _submit(supplier, "#evidence form.upload button")
    assert "選挙議事録.pdf" in supplier.inner_text("#evidence")
    supplier.fill("#evidence [name=note]", "委員 7 名を選出した。")
    _submit(supplier, "#evidence form[action$='/submit-evidence'] button")
    assert _status(app, action_id) == ActionStatus.EVIDENCE_SUBMITTED

    # The reviewer verifies and closes; the report shows the plan, closed, in Japanese.
    reviewer.reload()
    reviewer.check("#decision input[value=verify_close]")
    reviewer.fill("#decision textarea[name=reason]", "Minutes and members' list checked.")
    _submit(reviewer, "#decision button[type=submit]")
    assert _status(app, action_id) == ActionStatus.VERIFIED_CLOSED
    screenshot(reviewer, "corrective-action-closed")
    response = reviewer_ctx.request.get(f"{base}/reports/reviews/{rid}?lang=ja")
    assert response.ok
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.body())).pages)
    text = re.sub(r"\s+", "", text)
    assert f"是正措置#{action_id}" in text
    assert "検証済み・完了" in text and "労働者委員会を設け、来月第一回の選挙を行う。" in text
    for context in (reviewer_ctx, supplier_ctx):
        context.close()
