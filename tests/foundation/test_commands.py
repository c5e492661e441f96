"""Command-line interface: users, passwords, demo data."""

from __future__ import annotations

from sqlalchemy import select

from demo import loader as demo
from extensions import db
from models import AuthSession, User
from services import accounts
from tests.conftest import login


def test_demo_data_is_refused_outside_development(app):
    app.config["ENV"] = "production"
    result = app.test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code != 0
    assert "refused outside development" in result.output
    with app.app_context():
        assert db.session.scalar(select(User)) is None


def test_demo_data_loads_once_and_prints_logins(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo-data"])
    assert first.exit_code == 0, first.output
    assert "supplier@demo.assay.example" in first.output
    second = runner.invoke(args=["demo-data"])
    assert "already loaded" in second.output
    with app.app_context():
        emails = db.session.scalars(select(User.email)).all()
        assert len(emails) == len(set(emails)) == len(demo.USERS)


def test_create_user_and_set_password(app, demo):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "New.Person@Example.com",
            "--name",
            "New Person",
            "--role",
            "reviewer",
            "--organisation",
            "Meridian Responsible Sourcing Audit Ltd",
            "--password",
            "long-enough-password",
        ]
    )
    assert result.exit_code == 0, result.output
    client = app.test_client()
    assert login(client, "new.person@example.com", "long-enough-password").status_code == 302
    assert client.get("/reviewer/").status_code == 200

    result = runner.invoke(
        args=["users", "set-password", "new.person@example.com", "--password", "another-password-1"]
    )
    assert result.exit_code == 0, result.output
    assert client.get("/reviewer/").status_code == 302  # open sessions ended
    with app.app_context():
        assert db.session.scalar(select(AuthSession.ended_at)) is not None
    assert (
        login(app.test_client(), "new.person@example.com", "another-password-1").status_code == 302
    )


def test_create_user_refuses_duplicates_short_passwords_and_unknown_org(app, demo):
    runner = app.test_cli_runner()
    base = ["users", "create", "--name", "X", "--role", "buyer"]
    org = ["--organisation", "Sakura Battery Materials K.K."]
    dup = runner.invoke(
        args=[*base, "--email", "buyer@demo.assay.example", *org, "--password", "x" * 12]
    )
    assert dup.exit_code != 0 and "already exists" in dup.output
    short = runner.invoke(args=[*base, "--email", "a@b.example", *org, "--password", "short"])
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    unknown = runner.invoke(
        args=[*base, "--email", "c@d.example", "--organisation", "Nope", "--password", "x" * 12]
    )
    assert unknown.exit_code != 0 and "No organisation" in unknown.output


def test_password_hashes_are_argon2_and_verify(app):
    with app.app_context():
        hashed = accounts.hash_password("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert "correct horse" not in hashed
