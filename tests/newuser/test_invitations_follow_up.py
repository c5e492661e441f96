"""Invitations a buyer can follow: state, a new link, withdrawal, a page that says who asks."""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta

from sqlalchemy import select

from extensions import db
from models import AuditEntry, Invitation
from tests.workflow.conftest import BUYER_USER, SUPPLIER, signed_in
from tests.workflow.test_invitations import NEW_EMAIL, invite, link

DEADLINE = date.today() + timedelta(days=45)


def _row(page: str, email: str) -> str:
    table = page.split('class="data invitation-list"', 1)[1].split("</table>", 1)[0]
    return next(row for row in table.split("<tr>") if email in row)


def test_invitations_come_first_and_show_their_state(app, demo):
    buyer = signed_in(app, BUYER_USER, "en")
    page = invite(buyer).get_data(as_text=True)
    assert page.index('id="invitations"') < page.index('class="data portfolio"')
    assert "Waiting for an answer" in _row(page, NEW_EMAIL)
    # the link is offered in a box to copy, once
    assert re.search(r'<input type="text" id="new-invitation-link" value="http://localhost/', page)
    assert 'id="new-invitation-link"' not in buyer.get("/buyer/").get_data(as_text=True)
    # accepted
    path = link(page)
    anonymous = app.test_client()
    anonymous.post(
        path, data={"password": "Orchard-Lantern-Basalt-77", "confirm": "Orchard-Lantern-Basalt-77"}
    )
    row = _row(buyer.get("/buyer/").get_data(as_text=True), NEW_EMAIL)
    assert "Accepted" in row and "Send again" not in row


def test_sending_again_gives_a_new_link_and_the_old_one_dies(app, demo):
    buyer = signed_in(app, BUYER_USER, "en")
    first = link(invite(buyer).get_data(as_text=True))
    with app.app_context():
        invitation_id = db.session.scalar(select(Invitation.id))
    page = buyer.post(f"/buyer/invitations/{invitation_id}/resend", follow_redirects=True).get_data(
        as_text=True
    )
    second = link(page)
    assert second != first
    assert app.test_client().get(first).status_code == 410
    assert app.test_client().get(second).status_code == 200
    assert "Waiting for an answer" in _row(page, NEW_EMAIL)


def test_withdrawing_stops_the_link_and_is_audited(app, demo):
    buyer = signed_in(app, BUYER_USER, "en")
    path = link(invite(buyer).get_data(as_text=True))
    with app.app_context():
        invitation_id = db.session.scalar(select(Invitation.id))
    page = buyer.post(f"/buyer/invitations/{invitation_id}/revoke", follow_redirects=True).get_data(
        as_text=True
    )
    assert f"The invitation to {NEW_EMAIL} is withdrawn." in page
    assert "Withdrawn" in _row(page, NEW_EMAIL)
    assert app.test_client().get(path).status_code == 410
    with app.app_context():
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "supplier.invitation_revoke")
        )
        assert entry.detail == {"invitation_id": invitation_id, "email": NEW_EMAIL}


def test_another_buyer_cannot_see_resend_or_withdraw(app, demo):
    invite(signed_in(app, BUYER_USER, "en"))
    with app.app_context():
        invitation_id = db.session.scalar(select(Invitation.id))
    other = signed_in(app, "buyer2@demo.assay.example", "en")
    assert NEW_EMAIL not in other.get("/buyer/").get_data(as_text=True)
    for action in ("resend", "revoke"):
        assert other.post(f"/buyer/invitations/{invitation_id}/{action}").status_code == 404
    supplier = signed_in(app, SUPPLIER, "en")
    assert supplier.post(f"/buyer/invitations/{invitation_id}/revoke").status_code == 404
    with app.app_context():
        assert db.session.get(Invitation, invitation_id).revoked_at is None


def test_invitation_page_names_the_buyer_and_the_deadline(app, demo):
    path = link(invite(signed_in(app, BUYER_USER, "en"), deadline=DEADLINE).get_data(as_text=True))
    page = app.test_client().get(path, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Sakura Battery Materials K.K. invites Ashanti Graphite Ltd to answer" in page
    assert f"{DEADLINE.strftime('%B')} {DEADLINE.day}, {DEADLINE.year}" in page
    assert "At least 12 characters." in page  # the rules before the first try


def test_without_email_the_link_reaches_the_console(app, demo, caplog):
    with caplog.at_level(logging.WARNING):
        page = invite(signed_in(app, BUYER_USER, "en")).get_data(as_text=True)
    assert any(link(page) in record.getMessage() for record in caplog.records)
