"""Saving answers: form posts, background saves, validation, conflicts, no loss."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from extensions import db
from models import Answer, Submission
from services import submissions
from tests.conftest import login

SUPPLIER = "supplier@demo.assay.example"
OTHER_SUPPLIER = "recycler@demo.assay.example"


def _stored(app, submission_id):
    with app.app_context():
        rows = db.session.scalars(select(Answer).where(Answer.submission_id == submission_id))
        return {row.question_id: row.value for row in rows}


def _version(app, submission_id):
    with app.app_context():
        return db.session.get(Submission, submission_id).version


def test_start_lists_sections_and_pins_version(app, supplier, draft):
    page = supplier.get(f"/submissions/{draft}").get_data(as_text=True)
    with app.app_context():
        submission = db.session.get(Submission, draft)
        definition = submissions.definition(submission)
    for section in definition.sections:
        assert f"/submissions/{draft}/sections/{section.id}" in page
    assert definition.version in page
    home = supplier.get("/supplier/").get_data(as_text=True)
    assert f"/submissions/{draft}" in home


def test_form_post_saves_and_moves_to_next_section(app, supplier, draft):
    response = supplier.post(
        f"/submissions/{draft}/sections/org",
        data={
            "version": _version(app, draft),
            "questions": ["org_legal_name", "org_countries", "org_minerals"],
            "q-org_legal_name": "  Lualaba Cobalt Processing SARL ",
            "q-org_countries": ["CD", "ZM"],
            "q-org_minerals": ["cobalt"],
            "go": "next",
        },
    )
    assert response.status_code == 302
    assert "/sections/" in response.headers["Location"]
    assert not response.headers["Location"].endswith("/sections/org")
    stored = _stored(app, draft)
    assert stored["org_legal_name"] == "Lualaba Cobalt Processing SARL"
    assert stored["org_countries"] == ["CD", "ZM"]
    assert stored["org_minerals"] == ["cobalt"]


def test_invalid_answer_is_refused_inline_and_previous_value_kept(app, supplier, draft):
    supplier.post(
        f"/submissions/{draft}/sections/org",
        data={
            "version": _version(app, draft),
            "questions": ["org_headcount"],
            "q-org_headcount": "120",
        },
    )
    response = supplier.post(
        f"/submissions/{draft}/sections/org",
        data={
            "version": _version(app, draft),
            "questions": ["org_headcount", "org_legal_name"],
            "q-org_headcount": "lots",
            "q-org_legal_name": "Kept Name",
        },
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="lots"' in page  # the typed text stays on the page
    assert "Enter a number" in page
    stored = _stored(app, draft)
    assert stored["org_headcount"] == 120
    assert stored["org_legal_name"] == "Kept Name"


def test_validation_messages_in_japanese(app, supplier, draft):
    supplier.post("/language", data={"lang": "ja", "next": "/"})
    response = supplier.post(
        f"/submissions/{draft}/sections/org",
        data={
            "version": _version(app, draft),
            "questions": ["org_headcount"],
            "q-org_headcount": "x",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "数値" in page


def test_autosave_saves_and_reports_visibility(app, supplier, draft):
    version = _version(app, draft)
    response = supplier.post(
        f"/submissions/{draft}/answers",
        json={"version": version, "answers": {"org_migrant_workers": "no"}},
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["saved"] == ["org_migrant_workers"]
    assert body["version"] == version + 1
    migrant_only = {"fl_migrant_recruitment_fees", "cw_migrant_recruiters"}
    assert "fl_recruitment_fees" in body["visible"]
    assert not migrant_only & set(body["visible"])
    response = supplier.post(
        f"/submissions/{draft}/answers",
        json={"version": body["version"], "answers": {"org_migrant_workers": "yes"}},
    )
    assert migrant_only <= set(response.get_json()["visible"])


def test_autosave_rejects_malformed_bodies(supplier, draft):
    for body in (None, [], {"answers": {}}, {"version": "1", "answers": {}}, {"version": 1}):
        response = supplier.post(f"/submissions/{draft}/answers", json=body)
        assert response.status_code == 400
        assert "error" in response.get_json()
    response = supplier.post(
        f"/submissions/{draft}/answers", json={"version": 1, "answers": {"no_such_question": "x"}}
    )
    assert response.get_json()["errors"] == {"no_such_question": "There is no such question."}


def test_two_tabs_same_question_conflict_never_overwrites(app, demo, draft):
    tab_a, tab_b = app.test_client(), app.test_client()
    login(tab_a, SUPPLIER)
    login(tab_b, SUPPLIER)
    base = _version(app, draft)
    first = tab_a.post(
        f"/submissions/{draft}/answers",
        json={"version": base, "answers": {"org_legal_name": "Name from tab A"}},
    )
    assert first.status_code == 200
    second = tab_b.post(
        f"/submissions/{draft}/answers",
        json={"version": base, "answers": {"org_legal_name": "Name from tab B"}},
    )
    assert second.status_code == 409
    assert second.get_json()["conflicts"] == {"org_legal_name": "Name from tab A"}
    assert _stored(app, draft)["org_legal_name"] == "Name from tab A"
    # A different question from the stale tab is not a conflict and is saved.
    third = tab_b.post(
        f"/submissions/{draft}/answers",
        json={"version": base, "answers": {"org_identifier": "LEI-1234"}},
    )
    assert third.status_code == 200
    assert _stored(app, draft)["org_identifier"] == "LEI-1234"


def test_two_tabs_conflict_on_form_post_keeps_posted_text(app, demo, draft):
    tab_a, tab_b = app.test_client(), app.test_client()
    login(tab_a, SUPPLIER)
    login(tab_b, SUPPLIER)
    base = _version(app, draft)
    form = {"version": base, "questions": ["org_legal_name"]}
    tab_a.post(f"/submissions/{draft}/sections/org", data={**form, "q-org_legal_name": "A"})
    response = tab_b.post(
        f"/submissions/{draft}/sections/org", data={**form, "q-org_legal_name": "B text"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="B text"' in page
    assert "Someone else saved a different answer" in page
    assert _stored(app, draft)["org_legal_name"] == "A"


def test_server_error_during_save_leaves_previous_answers_intact(app, demo, draft, monkeypatch):
    from models import User

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == SUPPLIER))
        submission = db.session.get(Submission, draft)
        submissions.save_answers(submission, user, {"org_legal_name": "Before"}, submission.version)

        def explode():
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(submissions, "utcnow", explode)
        with pytest.raises(RuntimeError):
            submissions.save_answers(
                submission,
                user,
                {"org_legal_name": "After", "org_identifier": "X"},
                submission.version,
            )
        db.session.rollback()
    assert _stored(app, draft) == {"org_legal_name": "Before"}


def test_hidden_questions_are_not_required(app, supplier, draft):
    with app.app_context():
        submission = db.session.get(Submission, draft)
        before = {m.question_id for m in submissions.missing_items(submission)}
    supplier.post(
        f"/submissions/{draft}/answers",
        json={"version": _version(app, draft), "answers": {"org_migrant_workers": "no"}},
    )
    with app.app_context():
        submission = db.session.get(Submission, draft)
        after = {m.question_id for m in submissions.missing_items(submission)}
    assert "org_migrant_workers" in before and "org_migrant_workers" not in after
    with app.app_context():
        definition = submissions.definition(db.session.get(Submission, draft))
    migrant_required = {
        q.id for q in definition.questions if q.required and "migrant" in q.id and q.show_if
    }
    assert migrant_required, "the questionnaire asks migrant-only questions"
    assert not migrant_required & after


def test_other_organisations_get_404_everywhere(app, demo, draft):
    other = app.test_client()
    login(other, OTHER_SUPPLIER)
    for method, path in (
        ("GET", f"/submissions/{draft}"),
        ("GET", f"/submissions/{draft}/sections/org"),
        ("POST", f"/submissions/{draft}/sections/org"),
        ("POST", f"/submissions/{draft}/answers"),
        ("POST", f"/submissions/{draft}/evidence"),
        ("POST", f"/submissions/{draft}/submit"),
    ):
        response = other.open(path, method=method, json={"version": 1, "answers": {}})
        assert response.status_code == 404, (method, path)
    for email in ("buyer@demo.assay.example", "reviewer@demo.assay.example"):
        client = app.test_client()
        login(client, email)
        assert client.get(f"/submissions/{draft}").status_code == 404


@pytest.fixture
def csrf_config(app_config):
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


def _csrf_token(page: str) -> str:
    import re

    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_expired_csrf_token_keeps_posted_answers(csrf_config, app, demo, draft):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post(
        "/login", data={"email": SUPPLIER, "password": demo.DEMO_PASSWORD, "csrf_token": token}
    )
    response = client.post(
        f"/submissions/{draft}/sections/org",
        data={
            "csrf_token": "expired-token",
            "version": _version(app, draft),
            "questions": ["org_legal_name"],
            "q-org_legal_name": "Typed before the token expired",
        },
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'value="Typed before the token expired"' in page
    assert "not saved yet" in page
    assert _stored(app, draft) == {}
    # The re-rendered page carries a fresh token: saving now works.
    saved = client.post(
        f"/submissions/{draft}/sections/org",
        data={
            "csrf_token": _csrf_token(page),
            "version": _version(app, draft),
            "questions": ["org_legal_name"],
            "q-org_legal_name": "Typed before the token expired",
        },
    )
    assert saved.status_code == 302
    assert _stored(app, draft)["org_legal_name"] == "Typed before the token expired"


def test_ended_session_keeps_answers_through_sign_in(csrf_config, app, demo, draft):
    client = app.test_client()  # signed out: no session at all
    response = client.post(
        f"/submissions/{draft}/sections/org",
        data={
            "csrf_token": "from-the-old-session",
            "version": _version(app, draft),
            "questions": ["org_legal_name", "org_countries"],
            "q-org_legal_name": "名前を入力した",
            "q-org_countries": ["CD", "JP"],
        },
    )
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "Sign in again" in page
    login_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    pending = re.search(r'name="pending" type="hidden" value="([^"]+)"', page).group(1)
    assert _stored(app, draft) == {}
    import html

    after = client.post(
        "/login",
        data={
            "email": SUPPLIER,
            "password": demo.DEMO_PASSWORD,
            "csrf_token": login_token,
            "next": f"/submissions/{draft}/sections/org",
            "pending": html.unescape(pending),
        },
    )
    assert after.status_code == 200
    page = after.get_data(as_text=True)
    assert 'value="名前を入力した"' in page
    for country in ("CD", "JP"):  # the country list's boxes stay ticked
        assert f'name="q-org_countries" value="{country}" checked' in page
    assert "Press Save" in page


def test_overview_title_is_plain_text_and_sharing_form_is_in_the_page(app, supplier, draft):
    page = supplier.get(f"/submissions/{draft}").get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title and title.strip().endswith("· Assay")
    body = page.split("<body>", 1)[1]
    assert 'id="sharing"' in body and 'id="history"' in body
