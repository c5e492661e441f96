"""Connection requests: only the supplier's own members answer; only acceptance connects."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from extensions import db
from models import AuditEntry, BuyerSupplier, ConnectionRequest, Invitation, Notification
from tests.workflow.conftest import (
    BUYER_USER,
    GRAPHITE,
    OTHER_BUYER,
    OTHER_SUPPLIER,
    PASSWORD,
    SUPPLIER,
    signed_in,
    user,
)
from tests.workflow.test_invitations import DEADLINE, invite, link


@pytest.fixture
def request_id(app, demo, second_buyer) -> int:
    """A pending request of the second buyer to the demo graphite supplier."""
    page = invite(signed_in(app, OTHER_BUYER, "en", PASSWORD), email=GRAPHITE, organisation="G")
    assert link(page.get_data(as_text=True))
    with app.app_context():
        return db.session.scalar(select(ConnectionRequest.id))


def _connected(app, buyer_id: int) -> bool:
    with app.app_context():
        return (
            db.session.scalar(
                select(BuyerSupplier).where(
                    BuyerSupplier.buyer_id == buyer_id,
                    BuyerSupplier.supplier_id == user(GRAPHITE).organisation_id,
                )
            )
            is not None
        )


def _notes(app, email: str) -> list[tuple[str, dict]]:
    with app.app_context():
        return [
            (n.kind, n.params)
            for n in db.session.scalars(
                select(Notification).where(Notification.user_id == user(email).id)
            )
        ]


def _actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_the_supplier_is_told_and_nothing_is_connected_before_it_answers(
    app, request_id, second_buyer
):
    assert not _connected(app, second_buyer)
    assert ("connection_requested", {"buyer": "Kanto Cathode Co., Ltd."}) in _notes(app, GRAPHITE)
    supplier = signed_in(app, GRAPHITE, "en")
    page = supplier.get("/connections/").get_data(as_text=True)
    assert "Kanto Cathode Co., Ltd." in page and "Accept" in page
    assert "connection.request" in _actions(app)
    with app.app_context():
        note = db.session.scalar(
            select(Notification.id).where(
                Notification.user_id == user(GRAPHITE).id,
                Notification.kind == "connection_requested",
            )
        )
    assert supplier.post(f"/notifications/{note}/open").headers["Location"] == "/connections/"


def test_accepting_connects_with_the_deadline_and_tells_the_buyer(app, request_id, second_buyer):
    supplier = signed_in(app, GRAPHITE, "en")
    response = supplier.post(f"/connections/{request_id}/accept")
    assert response.status_code == 302
    assert _connected(app, second_buyer)
    with app.app_context():
        rel = db.session.scalar(
            select(BuyerSupplier)
            .where(BuyerSupplier.buyer_id == second_buyer)
            .where(BuyerSupplier.supplier_id == user(GRAPHITE).organisation_id)
        )
        assert rel.deadline == DEADLINE
        request = db.session.get(ConnectionRequest, request_id)
        assert (request.status.value, request.decided_by_id) == ("accepted", user(GRAPHITE).id)
    supplier_name = "Heilongjiang Spherical Graphite Co., Ltd."
    assert ("connection_accepted", {"supplier": supplier_name}) in _notes(app, OTHER_BUYER)
    assert "connection.accept" in _actions(app)
    buyer_page = signed_in(app, OTHER_BUYER, "en", PASSWORD).get("/buyer/").get_data(True)
    assert "Invitations waiting for an answer" not in buyer_page
    assert supplier_name in buyer_page  # now in the portfolio
    again = supplier.post(f"/connections/{request_id}/accept", follow_redirects=True)
    assert "answered already" in again.get_data(as_text=True)


def test_declining_connects_nothing_and_closes_the_link(app, request_id, second_buyer):
    with app.app_context():
        invitation_id = db.session.get(ConnectionRequest, request_id).invitation_id
    supplier = signed_in(app, GRAPHITE, "en")
    assert supplier.post(f"/connections/{request_id}/decline").status_code == 302
    assert not _connected(app, second_buyer)
    assert ("connection_declined", {"email": GRAPHITE}) in _notes(app, OTHER_BUYER)
    assert "connection.decline" in _actions(app)
    with app.app_context():
        assert db.session.get(Invitation, invitation_id).revoked_at is not None


@pytest.mark.parametrize(
    "email", [OTHER_SUPPLIER, SUPPLIER, BUYER_USER, "operator@demo.assay.example"]
)
def test_nobody_outside_the_supplier_answers_its_requests(app, request_id, second_buyer, email):
    client = signed_in(app, email)
    for action in ("accept", "decline"):
        assert client.post(f"/connections/{request_id}/{action}").status_code == 404
    assert not _connected(app, second_buyer)
    assert "Kanto" not in client.get("/connections/").get_data(as_text=True)


def test_the_buyer_cannot_answer_its_own_request(app, request_id, second_buyer):
    buyer = signed_in(app, OTHER_BUYER, "en", PASSWORD)
    assert buyer.post(f"/connections/{request_id}/accept").status_code == 404
    assert not _connected(app, second_buyer)
