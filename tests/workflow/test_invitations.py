"""Buyers invite suppliers: single-use, expiring links; no account exists before acceptance."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from extensions import db
from models import (
    BuyerSupplier,
    ConnectionRequest,
    Invitation,
    Notification,
    Organisation,
    User,
)
from models.types import utcnow
from tests.workflow.conftest import (
    BUYER_USER,
    GRAPHITE,
    OTHER_BUYER,
    PASSWORD,
    SUPPLIER,
    signed_in,
    user,
)

NEW_EMAIL = "kwame@ashanti-graphite.example"
DEADLINE = date.today() + timedelta(days=30)
STRONG = "Violet-Canyon-Drum-72"


@pytest.fixture
def mail_app_config(app_config):
    app_config.update(MAIL_SERVER="smtp.example", MAIL_BACKEND="locmem")
    return app_config


def invite(client, email=NEW_EMAIL, organisation="Ashanti Graphite Ltd", deadline=DEADLINE):
    """Post the buyer's invitation form and follow to the page that reports it."""
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


def link(text: str) -> str:
    """Return the path of the invitation link in *text*."""
    return re.search(r"http://localhost(/invitations/[A-Za-z0-9_\-]+)", text).group(1)


def accept(app, path: str, password: str = STRONG):
    """Set a password through the link as a visitor; return (client, response)."""
    visitor = app.test_client()
    return visitor, visitor.post(path, data={"password": password, "confirm": password})


def counts():
    """Count organisations, users and buyer–supplier relationships."""
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Organisation, User, BuyerSupplier)
    )


def test_inviting_creates_no_account_and_stores_only_the_token_hash(app, demo):
    with app.app_context():
        before = counts()
    path = link(invite(signed_in(app, BUYER_USER, "en")).get_data(as_text=True))
    token = path.rsplit("/", 1)[1]
    with app.app_context():
        assert counts() == before  # nothing exists until someone accepts
        assert user(NEW_EMAIL) is None
        invitation = db.session.scalar(select(Invitation))
        assert (invitation.email, invitation.organisation_name, invitation.country) == (
            NEW_EMAIL,
            "Ashanti Graphite Ltd",
            "GH",
        )
        assert invitation.deadline == DEADLINE
        assert token not in invitation.token_hash and len(invitation.token_hash) == 64
        assert timedelta(days=13) < invitation.expires_at - utcnow() <= timedelta(days=14)


def test_invitation_is_emailed_when_mail_is_configured(mail_app_config, app, demo):
    page = invite(signed_in(app, BUYER_USER, "en")).get_data(as_text=True)
    assert f"The invitation to {NEW_EMAIL} is on its way." in page
    assert "localhost/invitations/" not in page  # the link went by e-mail only
    (message,) = app.extensions["mailman"].outbox
    assert message.to == [NEW_EMAIL]
    assert "Sakura Battery Materials K.K." in message.subject
    assert "質問票" in message.body and "questionnaire" in message.body  # both languages
    assert link(message.body).startswith("/invitations/")


def test_accepting_creates_a_new_organisation_with_the_invitee_as_its_admin(app, demo):
    path = link(invite(signed_in(app, BUYER_USER, "en")).get_data(as_text=True))
    visitor = app.test_client()
    assert "Set a password" in visitor.get(path).get_data(as_text=True)
    visitor, response = accept(app, path)
    assert response.status_code == 302
    assert response.headers["Location"] == "/supplier/"
    assert visitor.get("/supplier/").status_code == 200
    assert visitor.get("/members/").status_code == 200  # the first member administers it
    with app.app_context():
        invited = user(NEW_EMAIL)
        org = invited.organisation
        assert (invited.role.value, invited.is_org_admin, invited.name) == (
            "supplier",
            True,
            "Kwame Mensah",
        )
        assert (org.name, org.country, org.kind.value) == ("Ashanti Graphite Ltd", "GH", "supplier")
        rel = db.session.scalar(select(BuyerSupplier).where(BuyerSupplier.supplier_id == org.id))
        assert rel.deadline == DEADLINE
        assert db.session.scalar(select(Invitation.accepted_by_id)) == invited.id
        note = db.session.scalar(
            select(Notification).where(Notification.user_id == user(BUYER_USER).id)
        )
        assert note.kind == "invitation_accepted"
        assert note.params == {"name": "Kwame Mensah", "supplier": "Ashanti Graphite Ltd"}

    again = app.test_client().get(path)
    assert again.status_code == 410
    assert "used already" in again.get_data(as_text=True)
    _client, reuse = accept(app, path, "Another-Orchid-Bell-51")
    assert reuse.status_code == 410
    assert signed_in(app, NEW_EMAIL, password=STRONG)  # the first password still works


def test_weak_or_mismatched_password_is_refused(app, demo):
    path = link(invite(signed_in(app, BUYER_USER, "en")).get_data(as_text=True))
    visitor = app.test_client()
    assert visitor.post(path, data={"password": "short", "confirm": "short"}).status_code == 200
    page = visitor.post(path, data={"password": STRONG, "confirm": STRONG + "x"})
    assert "The passwords differ." in page.get_data(as_text=True)
    with app.app_context():
        assert user(NEW_EMAIL) is None


def test_expired_and_unknown_links_say_so(app, demo):
    path = link(invite(signed_in(app, BUYER_USER, "en")).get_data(as_text=True))
    with app.app_context():
        db.session.scalar(select(Invitation)).expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    expired = app.test_client().get(path)
    assert expired.status_code == 410
    assert "expired" in expired.get_data(as_text=True)
    unknown = app.test_client().get("/invitations/not-a-real-token")
    assert unknown.status_code == 410
    assert "not valid" in unknown.get_data(as_text=True)


def test_reinviting_replaces_only_the_buyers_own_unused_link(app, demo):
    buyer = signed_in(app, BUYER_USER, "en")
    first = link(invite(buyer).get_data(as_text=True))
    later = DEADLINE + timedelta(days=10)
    second = link(invite(buyer, deadline=later).get_data(as_text=True))
    assert first != second
    assert app.test_client().get(first).status_code == 410
    assert app.test_client().get(second).status_code == 200
    accept(app, second)
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count())
                .select_from(Organisation)
                .where(Organisation.name == "Ashanti Graphite Ltd")
            )
            == 1
        )
        rel = db.session.scalar(
            select(BuyerSupplier).where(
                BuyerSupplier.supplier_id == user(NEW_EMAIL).organisation_id
            )
        )
        assert rel.deadline == later


def test_inviting_an_existing_supplier_asks_its_organisation_instead(app, demo, second_buyer):
    with app.app_context():
        before = counts()
        org_id = user(GRAPHITE).organisation_id
    invite(
        signed_in(app, OTHER_BUYER, "en", PASSWORD), email=GRAPHITE.upper(), organisation="Whatever"
    )
    with app.app_context():
        assert counts() == before
        request = db.session.scalar(select(ConnectionRequest))
        assert (request.supplier_id, request.buyer_id, request.status.value, request.email) == (
            org_id,
            second_buyer,
            "pending",
            GRAPHITE,
        )


def test_inviting_a_supplier_already_connected_moves_the_deadline_only(app, demo):
    later = DEADLINE + timedelta(days=5)
    invite(signed_in(app, BUYER_USER, "en"), email=SUPPLIER, deadline=later)
    with app.app_context():
        assert db.session.scalar(select(ConnectionRequest)) is None
        rel = db.session.scalar(
            select(BuyerSupplier).where(BuyerSupplier.supplier_id == user(SUPPLIER).organisation_id)
        )
        assert rel.deadline == later


def test_the_buyer_page_lists_its_own_pending_invitations_only(app, demo, second_buyer):
    invite(signed_in(app, BUYER_USER, "en"), email="mine@example.com", organisation="Mine Ltd")
    invite(
        signed_in(app, OTHER_BUYER, "en", PASSWORD),
        email="theirs@example.com",
        organisation="Theirs",
    )
    page = signed_in(app, BUYER_USER, "en").get("/buyer/").get_data(as_text=True)
    assert "mine@example.com" in page and "Mine Ltd" in page
    assert "theirs@example.com" not in page and "Theirs" not in page


@pytest.mark.parametrize(
    ("email", "deadline", "message"),
    [
        (NEW_EMAIL, date.today() - timedelta(days=1), "The deadline is in the past."),
        ("not-an-email", DEADLINE, "Invalid email address."),
    ],
)
def test_bad_invitations_are_refused(app, demo, email, deadline, message):
    page = invite(signed_in(app, BUYER_USER, "en"), email=email, deadline=deadline)
    assert message in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Invitation)) is None


def test_only_buyers_invite(app, demo):
    for email in (SUPPLIER, "reviewer@demo.assay.example", "operator@demo.assay.example"):
        assert signed_in(app, email).post("/buyer/invitations", data={}).status_code == 404
