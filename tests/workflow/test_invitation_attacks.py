"""Invitations never reach into an existing organisation, never override one another, never
tell the buyer who an address belongs to, and never take their links from the request."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from extensions import db
from models import BuyerSupplier, ConnectionRequest, Invitation, Role, User
from tests.factories import start_submission
from tests.workflow.conftest import (
    BUYER_USER,
    OTHER_BUYER,
    PASSWORD,
    REVIEWER,
    SUPPLIER,
    signed_in,
    user,
)
from tests.workflow.test_invitations import STRONG, accept, invite, link

VICTIM = "Lualaba Cobalt Processing SARL"  # the demo supplier's organisation
ATTACKER = "mallory@attacker.example"


def test_naming_an_existing_supplier_never_joins_it(app, demo):
    draft = start_submission(app, SUPPLIER)
    path = link(invite(signed_in(app, BUYER_USER, "en"), ATTACKER, VICTIM).get_data(as_text=True))
    client, response = accept(app, path)
    assert response.status_code == 302
    with app.app_context():
        mallory = user(ATTACKER)
        victim = user(SUPPLIER).organisation
        assert mallory.organisation_id != victim.id
        assert mallory.organisation.name == VICTIM  # a new organisation that merely shares it
        members = db.session.scalars(select(User.email).where(User.organisation_id == victim.id))
        assert ATTACKER not in set(members)
    assert client.get(f"/submissions/{draft}").status_code == 404
    assert client.get(f"/reports/{draft}").status_code == 404


def test_second_buyers_invitation_never_voids_or_redirects_the_first(app, demo, second_buyer):
    first = link(invite(signed_in(app, BUYER_USER, "en"), ATTACKER, "Real Co").get_data(True))
    other = signed_in(app, OTHER_BUYER, "en", PASSWORD)
    second = link(invite(other, ATTACKER, "Takeover Co").get_data(as_text=True))
    assert app.test_client().get(first).status_code == 200  # both links coexist
    assert app.test_client().get(second).status_code == 200

    client, response = accept(app, first)
    assert response.status_code == 302
    with app.app_context():
        owner = user(ATTACKER)
        assert owner.organisation.name == "Real Co"
        own_org = owner.organisation_id
        # The other buyer's invitation now asks the invitee's organisation to connect.
        request = db.session.scalar(select(ConnectionRequest))
        assert (request.buyer_id, request.supplier_id) == (second_buyer, own_org)

    # The second link cannot make a second account or change the first one's password.
    page = app.test_client().get(second).get_data(as_text=True)
    assert "has an account already" in page
    _visitor, refused = accept(app, second, "Takeover-Password-Zebra-9")
    assert refused.status_code == 200
    assert signed_in(app, ATTACKER, password=STRONG)
    with app.app_context():
        assert (
            db.session.scalar(select(func.count()).select_from(User).where(User.email == ATTACKER))
            == 1
        )

    # Signed in, the invitee uses the second link: that buyer is connected to their own org.
    assert "Accept the invitation" in client.get(second).get_data(as_text=True)
    assert client.post(second).status_code == 302
    with app.app_context():
        buyers = set(
            db.session.scalars(
                select(BuyerSupplier.buyer_id).where(BuyerSupplier.supplier_id == own_org)
            )
        )
        assert buyers == {user(BUYER_USER).organisation_id, second_buyer}
        assert user(ATTACKER).organisation_id == own_org


def test_a_link_cannot_be_used_by_someone_signed_in_with_another_address(app, demo):
    path = link(
        invite(signed_in(app, BUYER_USER, "en"), "ama@example.com", "Ama Ltd").get_data(
            as_text=True
        )
    )
    accept(app, path)
    again = link(invite(signed_in(app, BUYER_USER, "en"), "ama@example.com", "Ama").get_data(True))
    intruder = signed_in(app, SUPPLIER)
    assert intruder.post(again).status_code == 200  # shown the sign-in hint, nothing done
    with app.app_context():
        assert (
            db.session.scalar(
                select(Invitation.accepted_at).where(Invitation.id == _last_invitation_id())
            )
            is None
        )


def _last_invitation_id() -> int:
    return db.session.scalar(select(func.max(Invitation.id)))


def _flash(page: str) -> str:
    return " ".join(re.findall(r'<p class="flash[^"]*" role="status">(.*?)</p>', page, re.S))


ADDRESSES = {
    "unknown": "nobody@nowhere.example",
    "supplier": SUPPLIER,
    "buyer staff": "admin@demo.assay.example",
    "reviewer": REVIEWER,
}


@pytest.fixture(params=[False, True], ids=["no mail", "mail"])
def mail(request, app_config) -> bool:
    """Whether e-mail is configured (a local outbox) for the application under test."""
    if request.param:
        app_config.update(MAIL_SERVER="smtp.example", MAIL_BACKEND="locmem")
    return request.param


@pytest.fixture
def base_url_config(base_url_only_config):
    base_url_only_config.update(MAIL_SERVER="smtp.example", MAIL_BACKEND="locmem")
    return base_url_only_config


@pytest.fixture
def base_url_only_config(app_config):
    # As in production: no SERVER_NAME, so the request's Host is all Flask itself would know.
    app_config.update(BASE_URL="https://assay.example.com", SERVER_NAME=None)
    return app_config


def test_the_buyer_hears_the_same_whoever_the_address_belongs_to(mail, demo, app):
    buyer = signed_in(app, BUYER_USER, "en")
    said = {}
    for kind, email in ADDRESSES.items():
        response = buyer.post(
            "/buyer/invitations",
            data={
                "email": email,
                "organisation": "Typed Name Ltd",
                "contact_name": "Someone",
                "country": "GH",
                "deadline": "2099-01-01",
            },
        )
        assert response.status_code == 302
        assert response.headers["Location"] == "/buyer/"
        text = _flash(buyer.get("/buyer/").get_data(as_text=True))
        text = text.replace(email, "ADDRESS")
        said[kind] = re.sub(r"/invitations/[A-Za-z0-9_\-]+", "/invitations/TOKEN", text)
    assert len(set(said.values())) == 1, said
    assert ("on its way" if mail else "/invitations/TOKEN") in said["unknown"]
    if mail:
        sent = [m.to for m in app.extensions["mailman"].outbox]
        assert sent == [[email] for email in ADDRESSES.values()]
    page = buyer.get("/buyer/").get_data(as_text=True)
    for email in ADDRESSES.values():
        assert email in page  # every invitation is listed alike, as the buyer typed it
    for hint in ("not a supplier", "belongs to", "Meridian", "already", "linked"):
        assert hint not in page


def forged_host(client, host: str = "evil.example"):
    """Send *client*'s cookies to *host* too, so a request with a forged Host stays signed in."""
    for cookie in list(client._cookies.values()):
        client.set_cookie(cookie.key, cookie.value, domain=host, path=cookie.path)
    return {"Host": host, "X-Forwarded-Host": host}


def test_invitation_links_come_from_base_url_not_the_host_header(base_url_config, demo, app):
    buyer = signed_in(app, BUYER_USER, "en")
    response = buyer.post(
        "/buyer/invitations",
        data={"email": "new@example.com", "organisation": "New", "deadline": "2099-01-01"},
        headers=forged_host(buyer),
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/buyer/"
    (message,) = app.extensions["mailman"].outbox
    assert "evil.example" not in message.body
    assert re.search(r"https://assay\.example\.com/invitations/[A-Za-z0-9_\-]+", message.body)


def test_the_link_shown_without_mail_comes_from_base_url(base_url_only_config, demo, app):
    buyer = signed_in(app, BUYER_USER, "en")
    headers = forged_host(buyer)
    response = buyer.post(
        "/buyer/invitations",
        data={"email": "new@example.com", "organisation": "New", "deadline": "2099-01-01"},
        headers=headers,
    )
    assert response.status_code == 302
    page = buyer.get("/buyer/", headers=headers).get_data(as_text=True)
    assert "https://assay.example.com/invitations/" in page
    assert "evil.example" not in page


def test_an_account_made_in_advance_by_an_old_invitation_moves_out_when_accepted(app, demo):
    with app.app_context():
        victim = user(SUPPLIER).organisation
        db.session.add(  # as migration 0003 leaves it: no password, disabled
            User(email=ATTACKER, name="Placeholder", role=Role.SUPPLIER, organisation=victim)
        )
        db.session.commit()
        db.session.scalar(select(User).where(User.email == ATTACKER)).active = False
        db.session.commit()
        victim_id = victim.id
    path = link(invite(signed_in(app, BUYER_USER, "en"), ATTACKER, "Fresh Co").get_data(True))
    _client, response = accept(app, path)
    assert response.status_code == 302
    with app.app_context():
        moved = user(ATTACKER)
        assert moved.active and moved.organisation.name == "Fresh Co"
        assert moved.organisation_id != victim_id
