"""The password policy, wherever a password is set, and the self-service password change."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from demo.loader import DEMO_PASSWORD
from extensions import db
from models import AuditEntry, AuthSession, User
from services import accounts
from services.errors import DomainError
from tests.conftest import login

SUPPLIER = "supplier@demo.assay.example"
STRONG = "quartz lantern orbit 58"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("sh0rt-but-ok", "at least 12 characters"),  # 12 needed, 11 given below
        ("password1234", "common or leaked"),
        ("qwertyuiop123", "common or leaked"),
        ("iloveyou2024", "common or leaked"),
        ("Summer2024!!", "common or leaked"),
        ("aaaaaaaaaaaaaaaa", "too easy to guess"),
        ("abcdefghijklmnop", "too easy to guess"),
        ("1qaz2wsx3edc4rfv", "common or leaked"),
        ("amani.kabila.1990", "name or e-mail"),
        ("lualabacobalt", "name or e-mail"),
    ],
)
def test_policy_refuses_short_common_leaked_style_and_personal_passwords(app, password, message):
    if message.startswith("at least"):
        password = password[:11]
    with app.test_request_context(), pytest.raises(DomainError, match=message):
        accounts.check_password_strength(
            password, email="amani.kabila@lualabacobalt.example", name="Amani Kabila"
        )


@pytest.mark.parametrize(
    "password", [STRONG, "Kabila-ne-sait-pas-nager", "深い森の小道をゆっくり歩いていく"]
)
def test_policy_accepts_long_unguessable_passwords(app, password):
    with app.test_request_context():
        accounts.check_password_strength(
            password, email="amani.kabila@lualabacobalt.example", name="Amani Kabila"
        )


def test_command_line_refuses_a_common_password_of_twelve_characters(app, demo):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "set-password", SUPPLIER, "--password", "password1234"])
    assert result.exit_code != 0
    assert "common or leaked" in result.output
    assert login(app.test_client(), SUPPLIER).status_code == 302  # unchanged


def _changes(client, current: str, new: str, confirm: str | None = None):
    return client.post(
        "/password",
        data={"current": current, "password": new, "confirm": confirm or new},
    )


def test_every_signed_in_user_changes_their_password_from_the_header(app, demo):
    client = app.test_client()
    login(client, SUPPLIER)
    other_device = app.test_client()
    login(other_device, SUPPLIER)
    home = client.get("/supplier/").get_data(as_text=True)
    assert 'href="/password"' in home
    assert client.get("/password").status_code == 200

    wrong = _changes(client, "not-my-password", STRONG)
    assert "The current password is not right." in wrong.get_data(as_text=True)
    weak = _changes(client, DEMO_PASSWORD, "password1234")
    assert "common or leaked" in weak.get_data(as_text=True)
    differ = _changes(client, DEMO_PASSWORD, STRONG, confirm=STRONG + "x")
    assert "The passwords differ." in differ.get_data(as_text=True)
    assert login(app.test_client(), SUPPLIER).status_code == 302  # nothing changed yet

    done = _changes(client, DEMO_PASSWORD, STRONG)
    assert done.status_code == 302
    assert client.get("/supplier/").status_code == 200  # this session stays open
    assert other_device.get("/supplier/").status_code == 302  # every other one ended
    assert login(app.test_client(), SUPPLIER).status_code == 200  # the old password fails
    assert login(app.test_client(), SUPPLIER, STRONG).status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == SUPPLIER))
        actions = db.session.scalars(
            select(AuditEntry.action).where(AuditEntry.actor_id == user.id)
        ).all()
        assert actions.count("user.password_change") == 1
        assert actions.count("user.password_change_failed") == 1
        open_sessions = db.session.scalars(
            select(AuthSession).where(
                AuthSession.user_id == user.id, AuthSession.ended_at.is_(None)
            )
        ).all()
        assert len(open_sessions) == 2  # the one that changed it, and the new sign-in


def test_guessing_the_current_password_counts_against_the_account(app, demo):
    app.config["LOGIN_ACCOUNT_FAILURES"] = 2
    client = app.test_client()
    login(client, SUPPLIER)
    for _ in range(2):
        _changes(client, "not-my-password", STRONG)
    refused = _changes(client, DEMO_PASSWORD, STRONG)
    assert "Too many failed attempts" in refused.get_data(as_text=True)
    assert login(app.test_client(), SUPPLIER).status_code == 429


def test_production_hashes_use_argon2s_default_profile(app):
    """The suite hashes with the cheapest profile; nothing else does."""
    from argon2 import extract_parameters, profiles

    from services import accounts

    app.config["PASSWORD_HASH_CHEAPEST"] = False
    with app.app_context():
        strong = extract_parameters(accounts.hash_password("a-long-enough-password"))
    assert strong.memory_cost == profiles.RFC_9106_LOW_MEMORY.memory_cost
    app.config["PASSWORD_HASH_CHEAPEST"] = True
    with app.app_context():
        cheap = accounts.hash_password("a-long-enough-password")
        assert extract_parameters(cheap).memory_cost == profiles.CHEAPEST.memory_cost
        app.config["PASSWORD_HASH_CHEAPEST"] = False
        assert accounts._verify(cheap, "a-long-enough-password")
