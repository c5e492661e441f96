"""Sign-in throttling per account and per address, and the audit of every attempt."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from demo.loader import DEMO_PASSWORD
from extensions import db
from models import AuditEntry
from models.types import utcnow
from services.audit import verify_chain

SUPPLIER = "supplier@demo.assay.example"
BUYER = "buyer@demo.assay.example"
UNKNOWN = "nobody@nowhere.example"
WRONG = "not-the-password"
SHARED_ADDRESS = "203.0.113.7"
THROTTLED = "Too many failed attempts for this e-mail address"
NOT_RIGHT = "The e-mail or password is not right"


def _attempt(client, email: str, password: str, address: str = SHARED_ADDRESS):
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.fixture
def throttled_config(app_config):
    """The address limit as configured by default; three failures start an account's delay."""
    app_config.update(RATELIMIT_ENABLED=True, LOGIN_ACCOUNT_FAILURES=3)
    return app_config


def test_guessing_one_account_does_not_lock_out_others_behind_the_same_address(
    throttled_config, app, demo
):
    client = app.test_client()
    statuses = [_attempt(client, BUYER, WRONG).status_code for _ in range(12)]
    assert statuses == [200] * 3 + [429] * 9
    colleague = app.test_client()
    assert _attempt(colleague, SUPPLIER, DEMO_PASSWORD).status_code == 302
    assert colleague.get("/supplier/").status_code == 200


def test_guessed_account_is_refused_with_the_right_password_until_its_delay_ends(
    throttled_config, app, demo
):
    from models import SignInThrottle

    client = app.test_client()
    for _ in range(3):
        assert NOT_RIGHT in _attempt(client, BUYER, WRONG).get_data(as_text=True)
    refused = _attempt(client, BUYER, DEMO_PASSWORD, address="198.51.100.9")
    assert refused.status_code == 429
    assert THROTTLED in refused.get_data(as_text=True)
    assert client.get("/buyer/").status_code == 302
    with app.app_context():
        row = db.session.scalar(select(SignInThrottle))
        assert row.failures == 3  # a refused attempt is not checked, so it does not count
        row.blocked_until = utcnow() - timedelta(seconds=1)  # the delay has run out
        db.session.commit()
    assert _attempt(client, BUYER, DEMO_PASSWORD).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(SignInThrottle)) is None  # reset by the success


def test_refusal_does_not_reveal_whether_the_account_exists(throttled_config, app, demo):
    def run(email):
        client = app.test_client()
        responses = [_attempt(client, email, WRONG) for _ in range(4)]
        return [(r.status_code, _flash(r.get_data(as_text=True))) for r in responses]

    assert run(BUYER) == run(UNKNOWN)


def _flash(page: str) -> str:
    return page.split('class="flash', 1)[1].split("</p>", 1)[0]


def test_delay_doubles_with_each_failure_up_to_the_ceiling(app):
    app.config.update(
        LOGIN_ACCOUNT_FAILURES=2,
        LOGIN_ACCOUNT_DELAY_SECONDS=60,
        LOGIN_ACCOUNT_MAX_DELAY_SECONDS=600,
    )
    from services import sign_in_throttle

    key = sign_in_throttle.account_key(UNKNOWN)
    now = utcnow()
    waits = []
    with app.app_context():
        for _ in range(7):
            row = sign_in_throttle.record_failure(key, now)
            db.session.commit()
            waits.append(row.blocked_until - now if row.blocked_until else None)
        assert sign_in_throttle.blocked_until(key, now) == now + timedelta(seconds=600)
        assert sign_in_throttle.blocked_until(key, now + timedelta(seconds=601)) is None
        sign_in_throttle.clear(key)
        db.session.commit()
        assert sign_in_throttle.blocked_until(key, now) is None
    minutes = [w.total_seconds() / 60 if w else None for w in waits]
    assert minutes == [None, 1, 2, 4, 8, 10, 10]


def test_every_attempt_sign_out_and_refusal_is_audited_in_the_chain(throttled_config, app, demo):
    from models import SignInThrottle
    from services import sign_in_throttle

    client = app.test_client()
    _attempt(client, BUYER, WRONG)
    _attempt(client, "Nobody@Nowhere.example", WRONG)
    assert _attempt(client, BUYER, DEMO_PASSWORD).status_code == 302
    client.post("/logout")
    with app.app_context():
        db.session.add(
            SignInThrottle(
                key=sign_in_throttle.account_key(BUYER),
                failures=3,
                blocked_until=utcnow() + timedelta(minutes=5),
            )
        )
        db.session.commit()
    _attempt(client, BUYER, DEMO_PASSWORD)
    with app.app_context():
        entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()[-5:]
        seen = [
            (e.action, e.reason, e.detail.get("email"), e.detail.get("address")) for e in entries
        ]
        assert seen == [
            ("user.login_failed", "password", BUYER, SHARED_ADDRESS),
            ("user.login_failed", "unknown_account", UNKNOWN, SHARED_ADDRESS),
            ("user.login", None, BUYER, SHARED_ADDRESS),
            ("user.logout", None, None, None),
            ("user.login_failed", "throttled", BUYER, SHARED_ADDRESS),
        ]
        assert entries[0].organisation_id is not None and entries[1].organisation_id is None
        assert entries[2].actor_id is not None
        assert verify_chain().ok
