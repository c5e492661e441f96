"""Buyers invite suppliers: single-use, expiring links; re-inviting links, never duplicates."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from extensions import db
from models import BuyerSupplier, Invitation, Notification, Organisation, User
from models.types import utcnow
from tests.workflow.conftest import BUYER_USER, SUPPLIER, signed_in, user

NEW_EMAIL = "kwame@ashanti-graphite.example"
DEADLINE = date.today() + timedelta(days=30)


@pytest.fixture
def mail_app_config(app_config):
    app_config.update(MAIL_SERVER="smtp.example", MAIL_BACKEND="locmem")
    return app_config


def _invite(client, email=NEW_EMAIL, organisation="Ashanti Graphite Ltd", deadline=DEADLINE):
    return client.post(
        "/buyer/invitations",
        data={
            "email": email,
            "organisation": organisation,
            "contact_name": "Kwame Mensah",
            "country": "GH",
            "deadline": deadline.isoformat(),
        },
        follow_redirects=True,
    )


def _link(text: str) -> str:
    return re.search(r"http://localhost(/invitations/[A-Za-z0-9_\-]+)", text).group(1)


def _counts():
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Organisation, User, BuyerSupplier)
    )


def test_invitation_without_mail_shows_the_link_and_stores_only_its_hash(app, demo):
    page = _invite(signed_in(app, BUYER_USER, "en")).get_data(as_text=True)
    link = _link(page)
    token = link.rsplit("/", 1)[1]
    with app.app_context():
        invited = user(NEW_EMAIL)
        assert invited.password_hash is None
        assert (invited.role.value, invited.organisation.name, invited.organisation.country) == (
            "supplier",
            "Ashanti Graphite Ltd",
            "GH",
        )
        rel = db.session.scalar(
            select(BuyerSupplier).where(BuyerSupplier.supplier_id == invited.organisation_id)
        )
        assert rel.deadline == DEADLINE
        invitation = db.session.scalar(select(Invitation))
        assert token not in invitation.token_hash and len(invitation.token_hash) == 64
        assert timedelta(days=13) < invitation.expires_at - utcnow() <= timedelta(days=14)


def test_invitation_is_emailed_when_mail_is_configured(mail_app_config, app, demo):
    page = _invite(signed_in(app, BUYER_USER, "en")).get_data(as_text=True)
    assert f"Invitation sent to {NEW_EMAIL}." in page
    assert "/invitations/" not in page
    (message,) = app.extensions["mailman"].outbox
    assert message.to == [NEW_EMAIL]
    assert "Sakura Battery Materials K.K." in message.subject
    assert "質問票" in message.body and "questionnaire" in message.body  # both languages
    assert _link(message.body).startswith("/invitations/")


def test_accepting_sets_the_password_signs_in_and_notifies_the_buyer(app, demo):
    link = _link(_invite(signed_in(app, BUYER_USER, "en")).get_data(as_text=True))
    visitor = app.test_client()
    assert "Set a password" in visitor.get(link).get_data(as_text=True)
    response = visitor.post(
        link, data={"password": "a-new-password-1", "confirm": "a-new-password-1"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/supplier/"
    assert visitor.get("/supplier/").status_code == 200
    with app.app_context():
        assert db.session.scalar(select(Invitation.accepted_at)) is not None
        note = db.session.scalar(
            select(Notification).where(Notification.user_id == user(BUYER_USER).id)
        )
        assert note.kind == "invitation_accepted"
        assert note.params == {"name": "Kwame Mensah", "supplier": "Ashanti Graphite Ltd"}

    again = app.test_client().get(link)
    assert again.status_code == 410
    assert "used already" in again.get_data(as_text=True)
    reuse = app.test_client().post(
        link, data={"password": "another-password-2", "confirm": "another-password-2"}
    )
    assert reuse.status_code == 410
    assert signed_in(app, NEW_EMAIL, password="a-new-password-1")  # the first one still works


def test_weak_or_mismatched_password_is_refused(app, demo):
    link = _link(_invite(signed_in(app, BUYER_USER, "en")).get_data(as_text=True))
    visitor = app.test_client()
    page = visitor.post(link, data={"password": "short", "confirm": "short"})
    assert page.status_code == 200
    page = visitor.post(link, data={"password": "long-enough-1", "confirm": "long-enough-2"})
    assert "The passwords differ." in page.get_data(as_text=True)
    with app.app_context():
        assert user(NEW_EMAIL).password_hash is None


def test_expired_and_unknown_links_say_so(app, demo):
    link = _link(_invite(signed_in(app, BUYER_USER, "en")).get_data(as_text=True))
    with app.app_context():
        db.session.scalar(select(Invitation)).expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    expired = app.test_client().get(link)
    assert expired.status_code == 410
    assert "expired" in expired.get_data(as_text=True)
    unknown = app.test_client().get("/invitations/not-a-real-token")
    assert unknown.status_code == 410
    assert "not valid" in unknown.get_data(as_text=True)


def test_reinviting_the_same_email_links_and_replaces_the_link(app, demo):
    buyer = signed_in(app, BUYER_USER, "en")
    first = _link(_invite(buyer).get_data(as_text=True))
    with app.app_context():
        before = _counts()
    later = DEADLINE + timedelta(days=10)
    second = _link(
        _invite(buyer, organisation="Ashanti Graphite", deadline=later).get_data(as_text=True)
    )
    assert first != second
    with app.app_context():
        assert _counts() == before
        rel = db.session.scalar(
            select(BuyerSupplier).where(
                BuyerSupplier.supplier_id == user(NEW_EMAIL).organisation_id
            )
        )
        assert rel.deadline == later
    assert app.test_client().get(first).status_code == 410
    assert app.test_client().get(second).status_code == 200


def test_reinviting_the_same_organisation_adds_a_contact_only(app, demo):
    buyer = signed_in(app, BUYER_USER, "en")
    _invite(buyer)
    with app.app_context():
        orgs, users, rels = _counts()
    _invite(buyer, email="ama@ashanti-graphite.example", organisation=" ashanti graphite ltd ")
    with app.app_context():
        assert _counts() == (orgs, users + 1, rels)
        assert (
            user("ama@ashanti-graphite.example").organisation_id == user(NEW_EMAIL).organisation_id
        )


def test_inviting_a_registered_supplier_links_without_a_new_link(app, demo):
    with app.app_context():
        before = _counts()
    page = _invite(
        signed_in(app, BUYER_USER, "en"), email=SUPPLIER.upper(), organisation="Whatever"
    )
    assert "can sign in already" in page.get_data(as_text=True)
    with app.app_context():
        assert _counts() == before
        assert db.session.scalar(select(Invitation)) is None


@pytest.mark.parametrize(
    ("email", "deadline", "message"),
    [
        (BUYER_USER, DEADLINE, "is not a supplier"),
        (NEW_EMAIL, date.today() - timedelta(days=1), "The deadline is in the past."),
        ("not-an-email", DEADLINE, "Invalid email address."),
    ],
)
def test_bad_invitations_are_refused(app, demo, email, deadline, message):
    with app.app_context():
        before = _counts()
    page = _invite(signed_in(app, BUYER_USER, "en"), email=email, deadline=deadline)
    assert message in page.get_data(as_text=True)
    with app.app_context():
        assert _counts() == before
        assert db.session.scalar(select(Invitation)) is None


def test_only_buyers_invite(app, demo):
    for email in (SUPPLIER, "reviewer@demo.assay.example", "admin@demo.assay.example"):
        assert signed_in(app, email).post("/buyer/invitations", data={}).status_code == 404
