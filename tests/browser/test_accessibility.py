"""WCAG 2.2 AA: axe-core on every page each role reaches, in English and in Japanese.

One server and one browser serve the whole module; each page (and each error state: a
section with validation errors, a conflict, an expired form, a failed sign-in, a refused
decision) is visited once per language. A failure names the page, the rule and the element.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import select, update
from werkzeug.serving import make_server

from app import create_app
from demo.loader import DEMO_PASSWORD
from extensions import db
from models import Organisation, Review, Submission
from services import invitations, password_reset, submissions
from tests.browser.accessibility import axe_source, colour_only, unmarked_japanese, violations

pytestmark = pytest.mark.browser

SUPPLIER = "supplier@demo.assay.example"
BUYER = "buyer@demo.assay.example"
ADMIN = "admin@demo.assay.example"
REVIEWER = "reviewer@demo.assay.example"
OPERATOR = "operator@demo.assay.example"
#: Seconds each language's run took, reported at the end of the module.
TIMINGS: dict[str, float] = {}


@dataclass(frozen=True)
class Ids:
    """Objects of the demo data the pages are about."""

    supplier_org: int
    returned: int  # the cobalt processor's questionnaire, returned with comments
    returned_review: int  # Sakura's review of it (changes requested, comments)
    open_review: int  # a review in progress, with findings to decide
    sections: tuple[str, ...]
    number_question: str  # a number question of the first section, for a validation error
    invitation_token: str
    reset_path: str


@pytest.fixture(scope="module")
def site(tmp_path_factory, sqlite_demo_template):
    """The demo application served once for the module, and the ids its pages need."""
    path = tmp_path_factory.mktemp("a11y") / "a11y.sqlite3"
    shutil.copyfile(sqlite_demo_template, path)
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context(), app.test_request_context():
        from models import User

        supplier = db.session.scalar(select(User).where(User.email == SUPPLIER))
        buyer = db.session.scalar(select(User).where(User.email == BUYER))
        returned = db.session.scalar(
            select(Submission).where(Submission.supplier_id == supplier.organisation_id)
        )
        reviews = {
            r.status.value: r.id
            for r in db.session.scalars(
                select(Review).where(Review.buyer_id == buyer.organisation_id)
            )
        }
        definition = submissions.definition(returned)
        first = definition.sections[0]
        number = next(q.id for q in first.questions if q.type.value == "number")
        db.session.execute(
            update(Organisation)
            .where(Organisation.id == supplier.organisation_id)
            .values(support_access=True)
        )
        db.session.commit()
        from datetime import date, timedelta

        outcome = invitations.invite_supplier(
            buyer,
            email="new.supplier@example.com",
            organisation_name="Nouvelle Mine SARL",
            deadline=date.today() + timedelta(days=30),
        )
        token = outcome.link.rsplit("/", 1)[-1]
        admin = db.session.scalar(select(User).where(User.email == ADMIN))
        reset_link, _mailed = password_reset.issue_for_member(admin, buyer)
        ids = Ids(
            supplier_org=supplier.organisation_id,
            returned=returned.id,
            returned_review=reviews["changes_requested"],
            open_review=reviews["in_review"],
            sections=tuple(s.id for s in definition.sections),
            number_question=number,
            invitation_token=token,
            reset_path=reset_link.removeprefix("http://localhost"),
        )
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", ids
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


# -- error states: each leaves the page showing the error -------------------------------


def _submit_section(page, change: Callable) -> None:
    page.wait_for_selector("form#answers")
    change(page)
    with page.expect_navigation():
        page.click("form#answers button[name=go][value=stay]")


def section_with_errors(ids: Ids) -> Callable:
    def act(page):
        _submit_section(page, lambda p: p.fill(f"#f-{ids.number_question}", "twelve"))
        assert page.locator(".question.has-error").count() >= 1

    return act


def section_conflict(ids: Ids) -> Callable:
    def change(page):
        page.eval_on_selector("form#answers input[name=version]", "e => e.value = '0'")
        page.fill(f"#f-{ids.number_question}", "41")

    def act(page):
        _submit_section(page, change)
        assert page.locator(".flash-error").count() == 1

    return act


def section_expired(ids: Ids) -> Callable:
    def change(page):
        page.eval_on_selector("form#answers input[name=csrf_token]", "e => e.value = 'stale'")
        page.fill(f"#f-{ids.number_question}", "42")

    def act(page):
        _submit_section(page, change)
        assert page.locator(".flash-error").count() == 1

    return act


def failed_sign_in(page):
    page.fill("input[name=email]", "nobody@example.com")
    page.fill("input[name=password]", "not the password")
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.locator(".flash-error").count() == 1


def refused_decision(page):
    page.eval_on_selector("#decision form", "f => f.noValidate = true")  # the server's check
    page.check("input[name=action][value=reject]")
    with page.expect_navigation():
        page.click("#decision button[type=submit]")
    assert page.locator(".flash-error, .error").count() >= 1


def refused_password(page):
    page.fill("input[name=current]", "wrong")
    page.fill("input[name=password]", "short")
    page.fill("input[name=confirm]", "different")
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.locator(".error, .flash-error").count() >= 1


# -- what each role reaches ---------------------------------------------------------------


def pages_for(role: str, ids: Ids, lang: str) -> list[tuple[str, str, Callable | None]]:
    """(name, path, action that brings the page into the state to check) for *role*."""
    sections = [
        (f"section {s}", f"/submissions/{ids.returned}/sections/{s}", None) for s in ids.sections
    ]
    first = f"/submissions/{ids.returned}/sections/{ids.sections[0]}"
    if role == "anonymous":
        return [
            ("sign-in", "/login", None),
            ("sign-in refused", "/login", failed_sign_in),
            ("invitation", f"/invitations/{ids.invitation_token}", None),
            ("invitation no longer valid", "/invitations/not-a-token", None),
            ("forgotten password", "/password/forgot", None),
            ("new password", ids.reset_path, None),
            ("reset link not valid", "/password/reset/not-a-token", None),
            ("page not found", "/no-such-page", None),
        ]
    if role == "supplier":
        return [
            ("supplier home", "/supplier/", None),
            ("questionnaire overview", f"/submissions/{ids.returned}", None),
            *sections,
            ("section with validation errors", first, section_with_errors(ids)),
            ("section in conflict", first, section_conflict(ids)),
            ("section form expired", first, section_expired(ids)),
            ("version move", f"/submissions/{ids.returned}/version", None),
            ("working report page", f"/reports/{ids.returned}/page?lang={lang}", None),
            ("connection requests", "/connections/", None),
            ("members", "/members/", None),
            ("notifications", "/notifications/", None),
            ("password", "/password", None),
            ("password refused", "/password", refused_password),
        ]
    if role == "buyer":
        return [
            ("portfolio", "/buyer/", None),
            ("portfolio filtered", "/buyer/?status=changes_requested&rating=&q=Lualaba", None),
            ("portfolio, no match", "/buyer/?q=no-such-supplier", None),
            ("review with comments", f"/review/{ids.returned_review}", None),
            ("review, both languages", f"/review/{ids.returned_review}?both=1", None),
            ("questionnaire overview", f"/submissions/{ids.returned}", None),
            ("section, read-only", first, None),
            ("report page", f"/reports/reviews/{ids.returned_review}/page?lang=en", None),
            ("report page, Japanese", f"/reports/reviews/{ids.returned_review}/page?lang=ja", None),
            ("notifications", "/notifications/", None),
        ]
    if role == "admin":
        return [("members", "/members/", None), ("password", "/password", None)]
    if role == "reviewer":
        return [
            ("review queue", "/reviewer/", None),
            ("review to decide", f"/review/{ids.open_review}", None),
            ("review decision refused", f"/review/{ids.open_review}", refused_decision),
            ("review with comments", f"/review/{ids.returned_review}", None),
            ("notifications", "/notifications/", None),
        ]
    if role == "operator":
        return [
            ("organisations", "/operator/", None),
            ("organisation members", f"/operator/organisations/{ids.supplier_org}/members", None),
        ]
    raise AssertionError(role)


EMAILS = {
    "anonymous": None,
    "supplier": SUPPLIER,
    "buyer": BUYER,
    "admin": ADMIN,
    "reviewer": REVIEWER,
    "operator": OPERATOR,
}


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("role", list(EMAILS))
def test_every_page_passes_axe(browser, site, role, lang):
    source = axe_source()
    base, ids = site
    started = time.monotonic()
    context = browser.new_context(
        locale="ja-JP" if lang == "ja" else "en-GB",
        viewport={"width": 1280, "height": 900},
        bypass_csp=True,  # axe is added as a script tag; the app's own CSP forbids inline
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        if EMAILS[role]:
            page.goto(f"{base}/login")
            page.fill("input[name=email]", EMAILS[role])
            page.fill("input[name=password]", DEMO_PASSWORD)
            with page.expect_navigation():
                page.click("input[type=submit]")
        else:
            page.goto(f"{base}/login")
        with page.expect_navigation():  # the buyer prefers Japanese: choose the language
            page.click(f"form.lang-switch button[value={lang}]")
        problems = []
        for name, path, action in pages_for(role, ids, lang):
            page.goto(base + path)
            if action:
                action(page)
            shown = page.evaluate("document.documentElement.lang")
            # a report page is in the report's language, whatever the user interface's
            assert shown == (path.split("lang=")[1][:2] if "lang=" in path else lang), name
            found = violations(page, source)
            found += [f"colour alone: {html}" for html in colour_only(page)]
            if shown == "en":
                found += [f'Japanese without lang="ja": {text}' for text in unmarked_japanese(page)]
            problems += [f"{role}/{lang} {name} ({path}): {line}" for line in found]
        assert not problems, "axe found:\n" + "\n".join(problems)
    finally:
        context.close()
        TIMINGS[f"{role}/{lang}"] = time.monotonic() - started
