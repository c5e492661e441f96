"""The review journey in a browser, in English and in Japanese.

A buyer invites a supplier; the supplier accepts, shares and submits; the reviewer comments
and requests changes; the supplier edits and resubmits; the reviewer dismisses a finding and
approves; the buyer exports the portfolio. Answers are imported through the services to keep
the journey short; every decision is made through the pages.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

import demo
import questionnaires as qn
from demo.loader import DEMO_PASSWORD
from extensions import db
from models import RiskResult, Submission, SubmissionStatus
from services import submissions
from tests.browser.conftest import screenshot, sign_in
from tests.factories import fill_submission
from tests.workflow.conftest import review_id, review_of

pytestmark = pytest.mark.browser

BUYER = "buyer@demo.assay.example"
REVIEWER = "reviewer@demo.assay.example"
PASSWORD = "a-strong-password-1"
TEXT = {
    "en": {"approved": "Approved", "comment_label": "Reviewer", "changed": "Changed since round 1"},
    "ja": {
        "approved": "承認済み",
        "comment_label": "審査担当者",
        "changed": "第 1 ラウンドからの変更",
    },
}


def _context(browser, lang):
    context = browser.new_context(
        locale="ja-JP" if lang == "ja" else "en-GB",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(30_000)
    return context, context.new_page()


def _status(app, submission_id):
    with app.app_context():
        return db.session.get(Submission, submission_id).status


def _answer(app, submission_id, email, organisation):
    """Import realistic answers and the required documents (the part not worth clicking): the
    demo supplier's, carried over to the version the new questionnaire is on."""
    document = demo.document("suppliers/kalahari-manganese")
    source = qn.load_all()[(document["questionnaire"], document["version"])]
    with app.app_context():
        target = submissions.definition(db.session.get(Submission, submission_id))
    answers = qn.plan_move(
        source, target, qn.parse_answers_document(document, [source]).answers
    ).carried
    answers["org_legal_name"] = organisation
    fill_submission(app, submission_id, email, answers)


def _finding(app, submission_id) -> str:
    with app.app_context():
        result = db.session.scalar(
            select(RiskResult).where(
                RiskResult.submission_id == submission_id, RiskResult.current.is_(True)
            )
        )
        return result.result["findings"][0]["rule_id"]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_invite_submit_review_resubmit_approve_export(browser, live_server, lang):
    app, base, text = live_server.app, live_server.url, TEXT[lang]
    organisation = f"Namaqua Manganese {lang.upper()} (Pty) Ltd"
    email = f"contact-{lang}@namaqua.example"

    # The buyer invites the supplier; without mail configured the link is shown.
    buyer_ctx, buyer = _context(browser, lang)
    sign_in(buyer, base, BUYER, DEMO_PASSWORD)
    buyer.wait_for_url(f"{base}/buyer/")
    buyer.click(f"button[lang={lang}]")  # the demo buyer's saved preference is Japanese
    buyer.click("#invite summary")
    buyer.fill("#invite input[name=email]", email)
    buyer.fill("#invite input[name=organisation]", organisation)
    buyer.fill("#invite input[name=contact_name]", "Lerato Dlamini")
    buyer.select_option("#invite select[name=country]", "ZA")
    buyer.fill("#invite input[name=deadline]", (date.today() + timedelta(days=21)).isoformat())
    buyer.click("#invite input[type=submit]")
    buyer.wait_for_load_state()
    link = re.search(r"/invitations/[A-Za-z0-9_\-]+", buyer.inner_text(".flash")).group(0)
    # Until the invitee accepts, the buyer sees its own pending invitation, nothing more.
    assert organisation in buyer.inner_text("#invitations")
    screenshot(buyer, f"review-invite-{lang}")

    # The supplier accepts, starts, shares with the buyer and submits.
    supplier_ctx, supplier = _context(browser, lang)
    supplier.goto(base + link)
    supplier.fill("input[name=password]", PASSWORD)
    supplier.fill("input[name=confirm]", PASSWORD)
    supplier.click("input[type=submit]")
    supplier.wait_for_url(f"{base}/supplier/")
    assert supplier.locator("html").get_attribute("lang") == lang
    supplier.click("form[action='/submissions'] button")
    supplier.wait_for_url(re.compile(r".*/submissions/\d+$"))
    submission_id = int(supplier.url.rsplit("/", 1)[1])
    _answer(app, submission_id, email, organisation)
    supplier.reload()
    supplier.check("#sharing input[type=checkbox]")
    supplier.click("#sharing button")
    supplier.wait_for_load_state()
    supplier.click(".completeness button[type=submit]")
    supplier.wait_for_load_state()
    assert _status(app, submission_id) == SubmissionStatus.SUBMITTED
    screenshot(supplier, f"review-submitted-{lang}")

    # The reviewer comments on one answer and sends the questionnaire back.
    reviewer_ctx, reviewer = _context(browser, lang)
    sign_in(reviewer, base, REVIEWER, DEMO_PASSWORD)
    reviewer.wait_for_url(f"{base}/reviewer/")
    reviewer.click(f"text={organisation}")
    rid = review_id(app, submission_id)
    reviewer.wait_for_url(f"{base}/review/{rid}")
    reviewer.click("#q-org_headcount details.comment-box summary")
    reviewer.fill("#q-org_headcount textarea[name=body]", "Count the contractors as well.")
    reviewer.click("#q-org_headcount button[type=submit]")
    # saved without leaving the page: the comment appears under the answer
    reviewer.wait_for_selector("#q-org_headcount .comment-list .review-comment")
    assert _status(app, submission_id) == SubmissionStatus.IN_REVIEW
    reviewer.check("#decision input[value=request_changes]")
    reviewer.fill("#decision textarea[name=reason]", "Please see my comment on the headcount.")
    reviewer.click("#decision button[type=submit]")
    reviewer.wait_for_load_state()
    assert _status(app, submission_id) == SubmissionStatus.CHANGES_REQUESTED

    # The supplier reads the comment beside the question, corrects and resubmits.
    supplier.goto(f"{base}/submissions/{submission_id}")
    supplier.click(".decision-reason a[href$='#q-org_headcount']")
    comment = supplier.locator("#q-org_headcount .review-comment")
    assert "Count the contractors as well." in comment.inner_text()
    assert text["comment_label"] in comment.inner_text()
    screenshot(supplier, f"review-comment-{lang}")
    supplier.fill("input[name='q-org_headcount']", "1480")
    supplier.click("button[name=go][value=stay]")
    supplier.wait_for_load_state()
    supplier.goto(f"{base}/submissions/{submission_id}")
    supplier.click(".completeness button[type=submit]")
    supplier.wait_for_load_state()
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        assert (submission.status, submission.round) == (SubmissionStatus.SUBMITTED, 2)

    # The reviewer sees what changed, dismisses a finding with a justification, approves.
    rule_id = _finding(app, submission_id)
    reviewer.goto(f"{base}/review/{rid}")
    assert text["changed"] in reviewer.inner_text("#changes")
    assert reviewer.locator("#q-org_headcount .previous-answer").is_visible()
    reviewer.click(f"#f-{rule_id} details.decide-finding summary")
    reviewer.check(f"#f-{rule_id} input[value=dismissed]")
    reviewer.fill(f"#f-{rule_id} textarea[name=justification]", "Covered by the 2026 policy.")
    reviewer.click(f"#f-{rule_id} button[type=submit]")
    reviewer.wait_for_load_state()
    assert "Covered by the 2026 policy." in reviewer.inner_text(f"#f-{rule_id}")
    screenshot(reviewer, f"review-page-{lang}")
    reviewer.check("#decision input[value=approve]")
    reviewer.fill("#decision textarea[name=reason]", "Complete and documented.")
    # the other findings are listed as not decided: approve with them not reviewed
    assert reviewer.locator("#decision .undecided-findings li").count() >= 1
    reviewer.check("#decision input[name=undecided_ok]")
    reviewer.click("#decision button[type=submit]")
    reviewer.wait_for_load_state()
    assert _status(app, submission_id) == SubmissionStatus.APPROVED
    with app.app_context():
        assert review_of(submission_id).reviewed_rating is not None

    # The buyer's portfolio shows the decision; both exports carry it.
    buyer.goto(f"{base}/buyer/")
    row = buyer.locator("table.portfolio tr", has_text=organisation)
    assert text["approved"] in row.inner_text()
    screenshot(buyer, f"review-portfolio-{lang}")
    with buyer.expect_download() as download:
        buyer.click("a[href^='/buyer/portfolio.csv']")
    rows = list(csv.reader(io.StringIO(download.value.path().read_bytes().decode("utf-8-sig"))))
    assert [r[2] for r in rows if r[0] == organisation] == [text["approved"]]
    with buyer.expect_download() as download:
        buyer.click("a[href^='/buyer/portfolio.xlsx']")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert [r[2] for r in sheet.iter_rows(values_only=True) if r[0] == organisation] == [
        text["approved"]
    ]
    for context in (buyer_ctx, supplier_ctx, reviewer_ctx):
        context.close()
