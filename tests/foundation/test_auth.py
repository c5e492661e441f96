"""Sign-in, sign-out, sessions and language."""

from __future__ import annotations

from sqlalchemy import select

from extensions import db
from models import AuditEntry, AuthSession
from tests.conftest import login

SUPPLIER = "supplier@demo.assay.example"


def test_sign_in_sends_each_role_home(client, demo):
    for email, role, _org in demo.logins():
        response = login(client, email)
        assert response.status_code == 302, email
        assert response.headers["Location"].endswith(f"/{role}/")
        home = client.get(response.headers["Location"])
        assert home.status_code == 200
        client.post("/logout")


def test_wrong_password_is_refused_without_saying_which_part(client, demo):
    response = login(client, SUPPLIER, "wrong-password")
    assert response.status_code == 200
    assert b"The e-mail or password is not right" in response.data
    response = login(client, "nobody@example.com", "wrong-password")
    assert b"The e-mail or password is not right" in response.data
    assert client.get("/supplier/").status_code == 302


def test_disabled_user_cannot_sign_in(app, client, demo):
    from models import User

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == SUPPLIER))
        user.active = False
        db.session.commit()
    assert login(client, SUPPLIER).status_code == 200
    assert client.get("/supplier/").status_code == 302


def test_logout_ends_session_on_server_and_replayed_cookie_fails(app, demo):
    client = app.test_client()
    login(client, SUPPLIER)
    captured = client.get_cookie("session").value
    assert client.get("/supplier/").status_code == 200
    client.post("/logout")
    replay = app.test_client()
    replay.set_cookie("session", captured, domain="localhost")
    response = replay.get("/supplier/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    with app.app_context():
        ended = db.session.scalars(select(AuthSession)).all()
        assert len(ended) == 1 and ended[0].ended_at is not None


def test_remember_cookie_replay_fails_after_logout(app, demo):
    client = app.test_client()
    client.post(
        "/login",
        data={"email": SUPPLIER, "password": demo.DEMO_PASSWORD, "remember": "y"},
    )
    remember = client.get_cookie("remember_token")
    assert remember is not None and remember.http_only
    client.post("/logout")
    replay = app.test_client()
    replay.set_cookie("remember_token", remember.value, domain="localhost")
    assert replay.get("/supplier/").status_code == 302


def test_session_identity_rotates_at_login(app, demo):
    client = app.test_client()
    client.get("/login")
    login(client, SUPPLIER)
    first = client.get_cookie("session").value
    client.post("/logout")
    login(client, SUPPLIER)
    second = client.get_cookie("session").value
    assert first != second
    with app.app_context():
        tokens = db.session.scalars(select(AuthSession.token_hash)).all()
    assert len(set(tokens)) == 2


def test_safe_next_redirect(client, demo):
    response = client.post(
        "/login",
        data={"email": SUPPLIER, "password": demo.DEMO_PASSWORD, "next": "/supplier/"},
    )
    assert response.headers["Location"] == "/supplier/"
    client.post("/logout")
    for hostile in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"):
        response = client.post(
            "/login",
            data={"email": SUPPLIER, "password": demo.DEMO_PASSWORD, "next": hostile},
        )
        assert response.headers["Location"] == "/supplier/", hostile
        client.post("/logout")


def test_login_and_logout_are_audited(app, client, demo):
    login(client, SUPPLIER)
    client.post("/logout")
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["user.login", "user.logout"]


def test_language_from_accept_language_cookie_and_preference(app, client, demo):
    page = client.get("/login", headers={"Accept-Language": "ja,en;q=0.5"})
    assert "ログイン".encode() in page.data
    page = client.get("/login", headers={"Accept-Language": "en"})
    assert b"Sign in" in page.data
    client.post("/language", data={"lang": "ja", "next": "/login"})
    page = client.get("/login", headers={"Accept-Language": "en"})
    assert "ログイン".encode() in page.data
    login(client, SUPPLIER)
    client.post("/language", data={"lang": "en", "next": "/"})
    from models import User

    with app.app_context():
        assert db.session.scalar(select(User.locale).where(User.email == SUPPLIER)) == "en"
    client.post("/logout")
    fresh = client.application.test_client()
    login(fresh, SUPPLIER)
    assert b"My questionnaires" in fresh.get("/supplier/", headers={"Accept-Language": "ja"}).data


def test_security_headers(client):
    response = client.get("/login")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
