"""The per-question history: loaded in one query, shown under each answer on the review page."""

from __future__ import annotations

import html
import re
from contextlib import contextmanager

from flask_babel import format_datetime, refresh
from sqlalchemy import event, select

from extensions import db
from models import AuditEntry, Submission
from services import history
from tests.workflow.conftest import (
    REVIEWER,
    SUPPLIER,
    buyer_org,
    send_back,
    signed_in,
    submit_for,
    user,
)


@contextmanager
def _counting(app):
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _article(page: str, question_id: str) -> str:
    start = page.index(f'id="q-{question_id}"')
    return page[start : page.index("</article>", start)]


def _autosave(client, submission_id, answers):
    with client.application.app_context():
        version = db.session.get(Submission, submission_id).version
    response = client.post(
        f"/submissions/{submission_id}/answers", json={"version": version, "answers": answers}
    )
    assert response.status_code == 200, response.get_json()


def _review_url(app, submission_id: int) -> str:
    """Return the demo buyer's review page of a submission."""
    from models import Review

    with app.app_context():
        review_id = db.session.scalar(
            select(Review.id).where(
                Review.submission_id == submission_id, Review.buyer_id == buyer_org().id
            )
        )
    return f"/review/{review_id}"


def _sent_back(app, answers):
    submission_id = submit_for(app, SUPPLIER, answers)
    send_back(app, submission_id, {"org_migrant_workers": "Please check."})
    return submission_id


def test_history_is_grouped_by_question_newest_first_in_one_query(app, demo):
    submission_id = _sent_back(app, {"org_migrant_workers": "no", "org_legal_name": "First"})
    supplier = signed_in(app, SUPPLIER)
    _autosave(supplier, submission_id, {"org_migrant_workers": "yes"})
    _autosave(supplier, submission_id, {"org_legal_name": "Second", "org_migrant_workers": "no"})
    with app.app_context():
        with _counting(app) as statements:
            grouped = history.answer_history(submission_id)
        assert [s for s in statements if not s.startswith("BEGIN")] == statements[-1:]
        assert statements[-1].startswith("SELECT")
        name = user(SUPPLIER).name
    migrant = grouped["org_migrant_workers"]
    assert [(c.old, c.new) for c in migrant] == [("yes", "no"), ("no", "yes"), (None, "no")]
    assert {c.actor for c in migrant} == {name}
    assert migrant[0].at >= migrant[1].at >= migrant[2].at
    assert [(c.old, c.new) for c in grouped["org_legal_name"]] == [
        ("First", "Second"),
        (None, "First"),
    ]
    uploads = [c for changes in grouped.values() for c in changes if c.file]
    assert uploads and all(c.action == "evidence.add" for c in uploads)


def test_review_page_shows_who_changed_what_and_when_in_the_readers_language(app, demo):
    submission_id = _sent_back(app, {"org_migrant_workers": "no"})
    supplier = signed_in(app, SUPPLIER)
    _autosave(supplier, submission_id, {"org_migrant_workers": "yes"})
    page = signed_in(app, REVIEWER, lang="ja").get(_review_url(app, submission_id))
    assert page.status_code == 200
    article = html.unescape(_article(page.get_data(as_text=True), "org_migrant_workers"))
    with app.app_context():
        latest = db.session.scalar(
            select(AuditEntry)
            .where(AuditEntry.action == "answers.change")
            .order_by(AuditEntry.id.desc())
        )
        name = user(SUPPLIER).name
        with app.test_request_context(headers={"Accept-Language": "ja"}):
            refresh()
            when = format_datetime(latest.created_at, "short")
    article = article[article.index('class="answer-history"') :]
    assert name in article
    assert when in article
    assert "いいえ → はい" in re.sub(r"<[^>]+>", "", article)


def test_history_values_are_escaped(app, demo):
    submission_id = _sent_back(app, {"org_legal_name": "Plain"})
    _autosave(signed_in(app, SUPPLIER), submission_id, {"org_legal_name": "<b>bold</b> & co"})
    page = signed_in(app, REVIEWER).get(_review_url(app, submission_id)).get_data(as_text=True)
    article = _article(page, "org_legal_name")
    shown = article[article.index('class="answer-history"') :]
    assert "<b>bold</b>" not in article
    assert "Plain" in shown
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in shown


def test_answer_changes_stay_out_of_the_general_trail(app, demo):
    submission_id = _sent_back(app, {"org_migrant_workers": "no"})
    _autosave(signed_in(app, SUPPLIER), submission_id, {"org_migrant_workers": "yes"})
    with app.app_context():
        from services import audit

        actions = [entry.action for entry, _name in audit.history(submission_id)]
    assert "answers.change" not in actions
    assert "submission.transition" in actions
