"""The whole journey with the keyboard only, in Japanese, on a 390 px wide phone screen.

A buyer invites a new supplier; the supplier sets a password, answers a section (the rest is
imported: not worth typing), uploads a document, submits (sharing with the inviting buyer);
the reviewer comments and returns it; the supplier corrects and resubmits; the reviewer
approves; the buyer reads the Japanese report and exports the portfolio. Every step is a key
press: Tab to a control (its focus visible), then Enter, Space or typing. No page is wider
than the screen.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from demo.loader import DEMO_PASSWORD
from extensions import db
from models import Answer, AuditEntry, EvidenceFile, Submission, SubmissionStatus
from tests.browser.conftest import screenshot
from tests.browser.test_journeys_review import _answer
from tests.factories import PDF_BYTES
from tests.workflow.conftest import review_id, review_of

pytestmark = pytest.mark.browser

BUYER = "buyer@demo.assay.example"
REVIEWER = "reviewer@demo.assay.example"
NEW = "yamada@hokkaido-nickel.example"
ORGANISATION = "北海道ニッケル株式会社"
PASSWORD = "Lantern-Basalt-Orchard-61"
#: Most Tab presses to reach a control (a section page has hundreds of controls).
MOST_TABS = 700


def _context(browser):
    context = browser.new_context(
        locale="ja-JP", viewport={"width": 390, "height": 844}, accept_downloads=True
    )
    context.set_default_timeout(30_000)
    return context, context.new_page()


def tab_to(page, selector: str) -> None:
    """Press Tab until *selector* has the focus, and check that the focus can be seen."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            style = page.evaluate(
                """() => { const s = getComputedStyle(document.activeElement);
                           return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"""
            )
            assert style[0] != "none" and style[1] != "0px", (selector, style)
            return
    raise AssertionError(f"Tab never reached {selector}")


def press_on(page, selector: str, key: str = "Enter", navigates: bool = True) -> None:
    tab_to(page, selector)
    if navigates:
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def choose_radio(page, name_selector: str, value: str) -> None:
    """Tab into a radio group, then move with the arrow keys to the option *value*."""
    tab_to(page, name_selector)
    for _ in range(6):
        if page.evaluate("() => document.activeElement.value") == value:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {value} in {name_selector}")


def type_date(page, selector: str, day: date) -> None:
    """Type a date into a date field: its parts come in the order of the browser's own locale
    (not the page's), so try the usual orders until the field holds the date."""
    parts = {"y": f"{day.year}", "m": f"{day.month:02d}", "d": f"{day.day:02d}"}
    for order in ("mdy", "dmy", "ymd"):
        page.eval_on_selector(selector, "e => { e.value = ''; }")  # a fresh field for each try
        tab_to(page, selector)
        for part in order:
            page.keyboard.type(parts[part])
        if page.input_value(selector) == day.isoformat():
            return
        page.keyboard.press("Shift+Tab")


def fits_the_screen(page) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], (page.url, width)


def sign_in(page, base, email, password):
    page.goto(f"{base}/login")
    page.keyboard.type(email)  # the e-mail field has the focus
    type_into(page, "input[name=password]", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_keyboard_only_journey_in_japanese_on_a_phone(browser, live_server):
    app, base = live_server.app, live_server.url

    # The buyer invites a new supplier.
    buyer_ctx, buyer = _context(browser)
    sign_in(buyer, base, BUYER, DEMO_PASSWORD)
    assert buyer.locator("html").get_attribute("lang") == "ja"
    fits_the_screen(buyer)
    press_on(buyer, "#invite summary", navigates=False)
    type_into(buyer, "#invite input[name=email]", NEW)
    type_into(buyer, "#invite input[name=organisation]", ORGANISATION)
    deadline = date.today() + timedelta(days=30)
    type_date(buyer, "#invite input[name=deadline]", deadline)
    assert buyer.input_value("#invite input[name=deadline]") == deadline.isoformat()
    press_on(buyer, "#invite input[type=submit]")
    link = buyer.input_value("#new-invitation-link").removeprefix("http://localhost")
    assert "回答待ち" in buyer.inner_text("#invitations")

    # The supplier opens the link, reads who asks by when, sets a password.
    supplier_ctx, supplier = _context(browser)
    supplier.goto(base + link)
    assert "Sakura Battery Materials K.K." in supplier.inner_text("main")
    assert str(deadline.year) in supplier.inner_text(".invitation-deadline")
    supplier.keyboard.type(PASSWORD)  # the password field has the focus
    type_into(supplier, "input[name=confirm]", PASSWORD)
    with supplier.expect_navigation():
        supplier.keyboard.press("Enter")
    assert supplier.url.endswith("/supplier/")
    fits_the_screen(supplier)
    press_on(supplier, "form[action='/submissions'] button")
    submission_id = int(re.search(r"/submissions/(\d+)$", supplier.url).group(1))
    _answer(app, submission_id, NEW, ORGANISATION)
    with app.app_context():  # left for the keyboard: a number and a document
        for row in (
            *db.session.scalars(
                select(Answer).where(
                    Answer.submission_id == submission_id, Answer.question_id == "org_headcount"
                )
            ),
            *db.session.scalars(
                select(EvidenceFile).where(
                    EvidenceFile.submission_id == submission_id,
                    EvidenceFile.question_id == "lr_foa_policy",
                )
            ),
        ):
            db.session.delete(row)
        db.session.commit()

    # A section: skip link, then a number typed; the autosave status is announced.
    supplier.goto(f"{base}/submissions/{submission_id}/sections/org")
    supplier.keyboard.press("Tab")
    assert supplier.evaluate("document.activeElement.className") == "skip-link"
    with supplier.expect_navigation(url=re.compile(r"#content$")):
        supplier.keyboard.press("Enter")
    assert supplier.get_attribute(".save-state", "aria-live") == "polite"
    type_into(supplier, "#f-org_headcount", "1480")
    supplier.wait_for_function(
        "() => document.querySelector('.save-state').textContent.includes('保存しました')"
    )
    fits_the_screen(supplier)
    screenshot(supplier, "keyboard-section-ja-390")

    # The policy document, uploaded with the keyboard.
    supplier.goto(f"{base}/submissions/{submission_id}/sections/lr")
    assert "書類が必要です" in supplier.inner_text("#evneed-lr_foa_policy")
    tab_to(supplier, "#file-lr_foa_policy")
    with supplier.expect_file_chooser() as chooser:
        supplier.keyboard.press("Space")
    chooser.value.set_files(
        {"name": "団結権方針.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    press_on(supplier, "button[form='ev-lr_foa_policy']")
    assert "提出済みです" in supplier.inner_text("#evneed-lr_foa_policy")
    fits_the_screen(supplier)

    # Submit: the inviting buyer is ticked; Enter on the button submits.
    supplier.goto(f"{base}/submissions/{submission_id}")
    assert supplier.is_checked(".share-at-submit input[name=buyers]")
    press_on(supplier, ".completeness button[type=submit]")
    with app.app_context():
        assert db.session.get(Submission, submission_id).status == SubmissionStatus.SUBMITTED

    # The reviewer comments (no reload) and sends it back.
    reviewer_ctx, reviewer = _context(browser)
    sign_in(reviewer, base, REVIEWER, DEMO_PASSWORD)
    rid = review_id(app, submission_id)
    reviewer.goto(f"{base}/review/{rid}")
    fits_the_screen(reviewer)
    press_on(reviewer, "#q-org_headcount details.comment-box summary", navigates=False)
    type_into(reviewer, "#q-org_headcount textarea[name=body]", "契約社員も含めてください。")
    press_on(reviewer, "#q-org_headcount .comment-form button[type=submit]", navigates=False)
    reviewer.wait_for_selector("#q-org_headcount .comment-list .review-comment")
    assert reviewer.inner_text("#live-status") == "コメントを保存しました。"
    choose_radio(reviewer, "#decision input[name=action]", "request_changes")
    type_into(reviewer, "#decision textarea[name=reason]", "人数を確認してください。")
    press_on(reviewer, "#decision button[type=submit]")
    with app.app_context():
        assert review_of(submission_id).status == SubmissionStatus.CHANGES_REQUESTED

    # The supplier corrects the answer and resubmits.
    supplier.goto(f"{base}/submissions/{submission_id}/sections/org")
    tab_to(supplier, "#f-org_headcount")
    supplier.keyboard.press("Control+A")
    supplier.keyboard.type("1620")
    supplier.wait_for_function(
        "() => document.querySelector('.save-state').textContent.includes('保存しました')"
    )
    supplier.goto(f"{base}/submissions/{submission_id}")
    press_on(supplier, ".completeness button[type=submit]")
    with app.app_context():
        assert db.session.get(Submission, submission_id).round == 2

    # The reviewer approves, confirming the findings left undecided.
    reviewer.goto(f"{base}/review/{rid}")
    screenshot(reviewer, "keyboard-review-ja-390")
    choose_radio(reviewer, "#decision input[name=action]", "approve")
    type_into(reviewer, "#decision textarea[name=reason]", "確認しました。")
    if reviewer.locator("#decision input[name=undecided_ok]").count():
        press_on(reviewer, "#decision input[name=undecided_ok]", key="Space", navigates=False)
    press_on(reviewer, "#decision button[type=submit]")
    with app.app_context():
        assert review_of(submission_id).status == SubmissionStatus.APPROVED

    # The buyer reads the Japanese report page and downloads the PDF and the portfolio.
    buyer.goto(f"{base}/buyer/")
    fits_the_screen(buyer)
    press_on(buyer, f"a[href='/reports/reviews/{rid}/page?lang=ja']")
    assert buyer.locator("html").get_attribute("lang") == "ja"
    assert ORGANISATION in buyer.inner_text("h1")
    fits_the_screen(buyer)
    tab_to(buyer, f".report-actions a[href='/reports/reviews/{rid}?lang=ja']")
    with buyer.expect_download() as pdf:
        buyer.keyboard.press("Enter")
    assert pdf.value.path().read_bytes().startswith(b"%PDF")
    buyer.goto(f"{base}/buyer/")
    tab_to(buyer, "a[href^='/buyer/portfolio.xlsx']")
    with buyer.expect_download() as sheet:
        buyer.keyboard.press("Enter")
    assert sheet.value.path().read_bytes()[:2] == b"PK"
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEntry.action)))
        assert {"report.view", "report.download", "portfolio.export"} <= actions
    for context in (buyer_ctx, supplier_ctx, reviewer_ctx):
        context.close()
