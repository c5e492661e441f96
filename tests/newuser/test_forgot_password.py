"""A forgotten password: a single-use link by e-mail, or from an organisation admin."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from extensions import db
from models import AuditEntry, User
from tests.conftest import login
from tests.workflow.conftest import signed_in

SUPPLIER = "supplier@demo.assay.example"
NEW = "Granite-Harbour-Violet-93"


@pytest.fixture
def mail_app_config(app_config):
    app_config.update(MAIL_SERVER="smtp.example", MAIL_BACKEND="locmem")
    return app_config


def _path(text: str) -> str:
    return re.search(r"http://localhost(/password/reset/[A-Za-z0-9_.\-]+)", text).group(1)


def test_sign_in_page_offers_it(client, demo):
    assert 'href="/password/forgot"' in client.get("/login").get_data(as_text=True)


def test_a_mailed_link_sets_a_new_password_once(mail_app_config, app, demo):
    signed = signed_in(app, SUPPLIER)  # a session that the reset must end
    client = app.test_client()
    response = client.post("/password/forgot", data={"email": SUPPLIER.upper()})
    assert response.status_code == 302
    (message,) = app.extensions["mailman"].outbox
    assert message.to == [SUPPLIER]
    path = _path(message.body)
    page = client.get(path).get_data(as_text=True)
    assert SUPPLIER in page and "At least 12 characters." in page
    weak = client.post(path, data={"password": "short", "confirm": "short"})
    assert weak.status_code == 200  # refused, the link still works
    done = client.post(path, data={"password": NEW, "confirm": NEW})
    assert done.status_code == 302 and done.headers["Location"].endswith("/login")
    assert login(app.test_client(), SUPPLIER, NEW).status_code == 302
    assert signed.get("/supplier/").status_code == 302  # signed out everywhere
    again = client.get(path)
    assert again.status_code == 410
    assert "used already" in again.get_data(as_text=True)
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEntry.action)))
        assert {"user.password_reset_requested", "user.password"} <= actions


def test_an_unknown_address_gets_the_same_answer_and_no_mail(mail_app_config, app, demo):
    client = app.test_client()
    known = client.post("/password/forgot", data={"email": SUPPLIER}, follow_redirects=True)
    unknown = client.post(
        "/password/forgot", data={"email": "nobody@example.com"}, follow_redirects=True
    )
    text = known.get_data(as_text=True).replace(SUPPLIER, "X")
    assert text == unknown.get_data(as_text=True).replace("nobody@example.com", "X")
    assert len(app.extensions["mailman"].outbox) == 1


def test_a_tampered_link_is_refused(mail_app_config, app, demo):
    client = app.test_client()
    client.post("/password/forgot", data={"email": SUPPLIER})
    path = _path(app.extensions["mailman"].outbox[0].body)
    assert client.get(path[:-3] + "abc").status_code == 410
    assert client.get("/password/reset/nonsense").status_code == 410


def test_without_email_the_page_says_to_ask_an_admin_who_issues_a_link(app, demo):
    page = app.test_client().get("/password/forgot").get_data(as_text=True)
    assert "Ask an admin of your organisation" in page and 'name="email"' not in page
    admin = signed_in(app, "admin@demo.assay.example", "en")
    with app.app_context():
        member = db.session.scalar(select(User).where(User.email == "buyer@demo.assay.example"))
        member_id = member.id
    members = admin.get("/members/").get_data(as_text=True)
    assert f'action="/members/{member_id}/reset-link"' in members
    shown = admin.post(f"/members/{member_id}/reset-link", follow_redirects=True)
    path = _path(shown.get_data(as_text=True))
    visitor = app.test_client()
    assert visitor.post(path, data={"password": NEW, "confirm": NEW}).status_code == 302
    assert login(app.test_client(), "buyer@demo.assay.example", NEW).status_code == 302


def test_an_admin_of_another_organisation_cannot_issue_one(app, demo):
    with app.app_context():
        victim = db.session.scalar(select(User).where(User.email == SUPPLIER)).id
    admin = signed_in(app, "admin@demo.assay.example", "en")
    assert admin.post(f"/members/{victim}/reset-link").status_code == 404
    with app.app_context():
        assert (
            db.session.scalar(
                select(AuditEntry).where(AuditEntry.action == "user.password_reset_link")
            )
            is None
        )
