"""Organisation admins disable and enable members and force password resets (services)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from demo.loader import DEMO_PASSWORD
from extensions import db
from models import AuditEntry, AuthSession, User
from services import accounts
from services.errors import DomainError
from tests.conftest import login

ADMIN = "admin@demo.assay.example"
MEMBER = "buyer@demo.assay.example"  # same organisation as the admin
STRANGER = "supplier@demo.assay.example"  # another organisation
NEW_PASSWORD = "quartz lantern orbit 58"


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def _signed_in(app, email: str, password: str = DEMO_PASSWORD):
    client = app.test_client()
    assert login(client, email, password).status_code == 302
    return client


def _open_sessions(email: str) -> int:
    user = _user(email)
    return len(
        db.session.scalars(
            select(AuthSession).where(
                AuthSession.user_id == user.id, AuthSession.ended_at.is_(None)
            )
        ).all()
    )


def _last_action() -> AuditEntry:
    return db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))


def test_disable_ends_the_members_sessions_and_enable_lets_them_back(app, demo):
    member_client = _signed_in(app, MEMBER)
    with app.test_request_context():
        admin, member = _user(ADMIN), _user(MEMBER)
        accounts.disable_member(admin, member)
        assert not _user(MEMBER).active and _open_sessions(MEMBER) == 0
        entry = _last_action()
        assert (entry.action, entry.actor_id, entry.detail) == (
            "user.disable",
            admin.id,
            {"user_id": member.id},
        )
    assert member_client.get("/buyer/").status_code == 302
    assert login(app.test_client(), MEMBER).status_code == 200  # refused
    with app.test_request_context():
        accounts.enable_member(_user(ADMIN), _user(MEMBER))
        assert _user(MEMBER).active and _last_action().action == "user.enable"
    assert login(app.test_client(), MEMBER).status_code == 302


def test_admins_act_only_inside_their_own_organisation(app, demo):
    stranger_client = _signed_in(app, STRANGER)
    with app.test_request_context():
        admin, stranger = _user(ADMIN), _user(STRANGER)
        entries = db.session.scalar(select(db.func.count()).select_from(AuditEntry))
        for action in (
            accounts.disable_member,
            accounts.enable_member,
            accounts.force_password_reset,
        ):
            with pytest.raises(DomainError, match="not a member of your organisation"):
                action(admin, stranger)
            db.session.rollback()
        stranger = _user(STRANGER)
        assert stranger.active and not stranger.must_change_password
        assert _open_sessions(STRANGER) == 1
        assert db.session.scalar(select(db.func.count()).select_from(AuditEntry)) == entries
    assert stranger_client.get("/supplier/").status_code == 200


def test_an_admin_cannot_disable_themselves(app, demo):
    with app.test_request_context():
        admin = _user(ADMIN)
        with pytest.raises(DomainError, match="your own account"):
            accounts.disable_member(admin, admin)
        db.session.rollback()
        assert _user(ADMIN).active


def test_forced_reset_makes_the_member_choose_a_new_password_at_next_sign_in(app, demo):
    member_client = _signed_in(app, MEMBER)
    with app.test_request_context():
        _user(MEMBER).locale = "en"  # the demo buyer prefers Japanese; the checks read English
        accounts.force_password_reset(_user(ADMIN), _user(MEMBER))
        assert _open_sessions(MEMBER) == 0
        assert _last_action().action == "user.password_reset_forced"
    assert member_client.get("/buyer/").status_code == 302  # signed out at once

    client = app.test_client()
    response = login(client, MEMBER)
    assert response.status_code == 302 and response.headers["Location"] == "/password"
    page = client.get("/password").get_data(as_text=True)
    assert "asks you to choose a new password" in page
    for elsewhere in ("/buyer/", "/notifications/", "/"):
        blocked = client.get(elsewhere)
        assert blocked.status_code == 302 and blocked.headers["Location"] == "/password"
    weak = client.post(
        "/password",
        data={"current": DEMO_PASSWORD, "password": "password1234", "confirm": "password1234"},
    )
    assert "common or leaked" in weak.get_data(as_text=True)
    assert client.get("/buyer/").headers["Location"] == "/password"
    done = client.post(
        "/password",
        data={"current": DEMO_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert done.status_code == 302
    assert client.get("/buyer/").status_code == 200
    with app.app_context():
        assert not _user(MEMBER).must_change_password
    fresh = app.test_client()
    assert login(fresh, MEMBER, NEW_PASSWORD).headers["Location"] != "/password"
