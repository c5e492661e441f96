"""Session lifetimes: idle timeout and absolute lifetime, enforced on the server-side row."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from demo.loader import DEMO_PASSWORD
from extensions import db
from models import Answer, AuditEntry, AuthSession, Submission
from models.types import utcnow
from tests.factories import start_submission

SUPPLIER = "supplier@demo.assay.example"
IDLE_MESSAGE = "You were signed out after 30 minutes without activity"
LIFETIME_MESSAGE = "Your session reached its maximum length"


def _session_row(app) -> AuthSession:
    with app.app_context():
        row = db.session.scalar(select(AuthSession).order_by(AuthSession.id.desc()).limit(1))
        db.session.expunge(row)
        return row


def _set_session(app, **fields) -> None:
    """Change the newest sign-in session row, as time passing would."""
    with app.app_context():
        row = db.session.scalar(select(AuthSession).order_by(AuthSession.id.desc()).limit(1))
        for name, value in fields.items():
            setattr(row, name, value)
        db.session.commit()


def _signed_in(app, **form):
    client = app.test_client()
    response = client.post("/login", data={"email": SUPPLIER, "password": DEMO_PASSWORD, **form})
    assert response.status_code == 302
    assert client.get("/supplier/").status_code == 200
    return client


def _audit_actions(app) -> list[str]:
    with app.app_context():
        return db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()


def test_a_two_year_old_session_no_longer_serves_pages(app, demo):
    client = _signed_in(app)
    long_ago = utcnow() - timedelta(days=730)
    _set_session(
        app, created_at=long_ago, last_seen_at=long_ago, expires_at=long_ago + timedelta(hours=12)
    )
    response = client.get("/supplier/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert LIFETIME_MESSAGE in page
    row = _session_row(app)
    assert row.ended_at is not None
    assert _audit_actions(app)[-1] == "user.session_expired"
    # The message is shown once; the ended session stays ended.
    again = client.get("/supplier/")
    assert again.status_code == 302
    assert LIFETIME_MESSAGE not in client.get(again.headers["Location"]).get_data(as_text=True)


def test_idle_session_is_signed_out_with_a_message(app, demo):
    client = _signed_in(app)
    _set_session(app, last_seen_at=utcnow() - timedelta(minutes=31))
    response = client.get("/supplier/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fsupplier%2F"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert IDLE_MESSAGE in page
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
        assert (entry.action, entry.reason) == ("user.session_expired", "idle")


def test_activity_keeps_the_session_and_is_written_at_most_once_a_minute(app, demo):
    client = _signed_in(app)
    quiet_since = utcnow() - timedelta(minutes=29)
    _set_session(app, last_seen_at=quiet_since)
    assert client.get("/supplier/").status_code == 200
    touched = _session_row(app).last_seen_at
    assert touched > quiet_since + timedelta(minutes=28)
    assert client.get("/supplier/").status_code == 200
    assert _session_row(app).last_seen_at == touched  # no write within the minute


def test_absolute_lifetime_ends_even_an_active_session(app, demo):
    client = _signed_in(app)
    row = _session_row(app)
    assert row.expires_at - row.created_at == timedelta(hours=12)
    assert not row.remember
    _set_session(app, expires_at=utcnow() - timedelta(seconds=1), last_seen_at=utcnow())
    response = client.get("/supplier/")
    assert response.status_code == 302
    assert LIFETIME_MESSAGE in client.get(response.headers["Location"]).get_data(as_text=True)


@pytest.fixture
def short_config(app_config):
    app_config.update(SESSION_ABSOLUTE_HOURS=2, SESSION_IDLE_MINUTES=5, REMEMBER_ME_DAYS=7)
    return app_config


def test_lifetimes_follow_the_configuration(short_config, app, demo):
    client = _signed_in(app)
    row = _session_row(app)
    assert row.expires_at - row.created_at == timedelta(hours=2)
    _set_session(app, last_seen_at=utcnow() - timedelta(minutes=6))
    response = client.get("/supplier/")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "signed out after 5 minutes without activity" in page
    remembered = _signed_in(app, remember="y")
    row = _session_row(app)
    assert row.remember and row.expires_at - row.created_at == timedelta(days=7)
    cookie = remembered.get_cookie("remember_token")
    assert cookie.expires - row.created_at <= timedelta(days=7, minutes=1)


def test_remember_me_lasts_30_days_at_most_without_idle_timeout(app, demo):
    client = _signed_in(app, remember="y")
    row = _session_row(app)
    assert row.remember and row.expires_at - row.created_at == timedelta(days=30)
    cookie = client.get_cookie("remember_token")
    assert cookie.expires - row.created_at <= timedelta(days=30, minutes=1)
    # A day without activity: "keep me signed in" still works, from the cookie alone too.
    _set_session(app, last_seen_at=utcnow() - timedelta(days=1))
    replay = app.test_client()
    replay.set_cookie("remember_token", cookie.value, domain="localhost")
    assert replay.get("/supplier/").status_code == 200
    # Past 30 days the server refuses the cookie, whatever the browser keeps.
    _set_session(app, expires_at=utcnow() - timedelta(seconds=1))
    stale = app.test_client()
    stale.set_cookie("remember_token", cookie.value, domain="localhost")
    response = stale.get("/supplier/")
    assert response.status_code == 302
    assert LIFETIME_MESSAGE in stale.get(response.headers["Location"]).get_data(as_text=True)


@pytest.fixture
def csrf_config(app_config):
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" (?:type="hidden" )?value="([^"]+)"', page)
    return html.unescape(found.group(1))


def test_form_posted_on_an_expired_session_keeps_its_answers(csrf_config, app, demo):
    draft = start_submission(app, SUPPLIER)
    client = app.test_client()
    login_page = client.get("/login").get_data(as_text=True)
    client.post(
        "/login",
        data={
            "email": SUPPLIER,
            "password": DEMO_PASSWORD,
            "csrf_token": _hidden(login_page, "csrf_token"),
        },
    )
    section = client.get(f"/submissions/{draft}/sections/org").get_data(as_text=True)
    with app.app_context():
        version = db.session.get(Submission, draft).version
    _set_session(app, last_seen_at=utcnow() - timedelta(minutes=45))
    # The form's CSRF token is still valid: only the server-side session has expired.
    response = client.post(
        f"/submissions/{draft}/sections/org",
        data={
            "csrf_token": _hidden(section, "csrf_token"),
            "version": version,
            "questions": ["org_legal_name"],
            "q-org_legal_name": "Typed during a long phone call",
        },
    )
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert IDLE_MESSAGE in page and "Sign in again to get them back" in page
    with app.app_context():
        assert db.session.scalars(select(Answer).where(Answer.submission_id == draft)).all() == []
    after = client.post(
        "/login",
        data={
            "email": SUPPLIER,
            "password": DEMO_PASSWORD,
            "csrf_token": _hidden(page, "csrf_token"),
            "next": _hidden(page, "next"),
            "pending": _hidden(page, "pending"),
        },
    )
    assert after.status_code == 200
    assert 'value="Typed during a long phone call"' in after.get_data(as_text=True)


def test_background_save_on_an_expired_session_says_signed_out(app, demo):
    draft = start_submission(app, SUPPLIER)
    client = _signed_in(app)
    _set_session(app, last_seen_at=utcnow() - timedelta(minutes=45))
    response = client.post(
        f"/submissions/{draft}/answers",
        json={"version": 1, "answers": {"org_legal_name": "x"}},
    )
    # The page script shows "signed out" for this answer and keeps the typed text.
    assert response.status_code == 400
