"""With Japanese selected, no page reachable from the navigation shows English UI text."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from demo.loader import DEMO_PASSWORD
from extensions import db
from models import (
    Answer,
    AuditEntry,
    CorrectiveAction,
    CorrectiveActionComment,
    CorrectiveActionFile,
    EvidenceFile,
    FindingReview,
    Organisation,
    ReviewComment,
    RiskResult,
    Submission,
    User,
)
from tests.browser.conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

ROLES = {
    "supplier": "supplier@demo.assay.example",
    "reviewer": "reviewer@demo.assay.example",
    "buyer": "buyer@demo.assay.example",
    "buyer_admin": "admin@demo.assay.example",
    "operator": "operator@demo.assay.example",
}
#: Links that download files or change state, and the API (its OpenAPI description is
#: written in English; its page translates only the headings): not pages to read.
SKIP = re.compile(
    r"^/(reports/|submissions/evidence/|corrective-actions/files/|logout|api/)|\.(csv|xlsx|pdf)$"
)
#: Pages that show English beside Japanese on purpose (the reviewer's side-by-side view).
BILINGUAL = re.compile(r"(^|&)both=1(&|$)")
#: Names and codes that are the same in every language.
PROPER_NOUNS = {
    "Assay", "English", "The", "Copper", "Mark", "Kinshasa", "Brazzaville",
    "Employer", "Pays", "Principle", "Ctrl",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
#: API scope codes (``submissions:read``), shown as they are sent.
API_SCOPE = re.compile(r"\b[a-z]+:(?:read|write)\b")
MAX_PAGES = 60


def _data_strings(app) -> list[str]:
    """Every string users or the demo typed in: organisation and user names, answers, ...,
    and the reference data findings quote as published (ILAB goods, edition labels)."""
    found: set[str] = set()

    def add(value):
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, list):
            for item in value:
                add(item)
        elif isinstance(value, dict):
            for item in value.values():
                add(item)

    with app.app_context():
        for column in (
            Organisation.name,
            User.name,
            User.email,
            Answer.value,
            EvidenceFile.filename,
            ReviewComment.body,
            FindingReview.justification,
            Submission.decision_reason,
            AuditEntry.reason,
            CorrectiveAction.finding,
            CorrectiveAction.request,
            CorrectiveAction.root_cause,
            CorrectiveAction.corrective_action,
            CorrectiveAction.preventive_action,
            CorrectiveAction.responsible_person,
            CorrectiveAction.implementation_note,
            CorrectiveAction.decision_reason,
            CorrectiveActionComment.body,
            CorrectiveActionFile.filename,
        ):
            for value in db.session.scalars(select(column)):
                add(value)
        # Reference data is shown as its source publishes it: goods and edition labels.
        for result in db.session.scalars(select(RiskResult.result)):
            for finding in result.get("findings", []):
                for listing in finding.get("listings", []):
                    add([listing.get(key) for key in ("good", "label", "confidence")])
    return sorted((s for s in found if s), key=len, reverse=True)


def _english_words(text: str, data: list[str]) -> list[str]:
    for value in data:
        if value in text:
            text = text.replace(value, " ")
    text = API_SCOPE.sub(" ", text)
    words = []
    for word in WORD.findall(text):
        if word.isupper() or word in PROPER_NOUNS or "_" in word:
            continue  # acronyms (RMI, OECD, PDF) and codes
        words.append(word)
    return words


def _links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    paths = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc and f"{parts.scheme}://{parts.netloc}" != base:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if (
            path.startswith("/")
            and not SKIP.search(parts.path)
            and not BILINGUAL.search(parts.query)
        ):
            paths.append(path)
    return paths


@pytest.mark.parametrize("role", sorted(ROLES))
def test_no_english_ui_text_in_japanese(browser, live_server, role):
    app = live_server.app
    data = _data_strings(app)
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    base = live_server.url
    sign_in(page, base, ROLES[role], DEMO_PASSWORD)
    page.wait_for_load_state()
    if page.locator("button[lang=ja]").count():
        page.click("button[lang=ja]")
        page.wait_for_load_state()
    start = urlsplit(page.url).path
    queue, seen, problems = deque([start]), {start}, {}
    while queue and len(seen) <= MAX_PAGES:
        path = queue.popleft()
        response = page.goto(base + path)
        assert response.status < 400, (path, response.status)
        assert page.locator("html").get_attribute("lang") == "ja", path
        words = _english_words(page.inner_text("body"), data)
        if words:
            problems[path] = sorted(set(words))[:15]
        for link in _links(page, base):
            key = link.split("#")[0]
            if key and key not in seen:
                seen.add(key)
                queue.append(key)
    screenshot(page, f"ja-{role}-last")
    page.goto(base + start)
    screenshot(page, f"ja-{role}-home")
    context.close()
    assert len(seen) > 1
    assert problems == {}, "\n".join(f"{p}: {w}" for p, w in problems.items())
