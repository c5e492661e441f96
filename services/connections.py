"""Connection requests: a buyer asks an existing supplier organisation to connect.

Only the supplier's own members answer; only acceptance creates the buyer–supplier
relationship. The buyer knows a request only as the invitation it sent to an address.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from extensions import db
from models import (
    BuyerSupplier,
    ConnectionRequest,
    ConnectionStatus,
    Invitation,
    Organisation,
    Role,
    User,
)
from models.types import utcnow
from services import audit, notifications, suppliers
from services.errors import DomainError


def _relationship(buyer_id: int, supplier_id: int) -> BuyerSupplier | None:
    return db.session.scalar(
        select(BuyerSupplier).where(
            BuyerSupplier.buyer_id == buyer_id, BuyerSupplier.supplier_id == supplier_id
        )
    )


def _pending(buyer_id: int, supplier_id: int) -> ConnectionRequest | None:
    return db.session.scalar(
        select(ConnectionRequest).where(
            ConnectionRequest.buyer_id == buyer_id,
            ConnectionRequest.supplier_id == supplier_id,
            ConnectionRequest.status == ConnectionStatus.PENDING,
        )
    )


def open_request(invitation: Invitation, supplier_id: int) -> ConnectionRequest | None:
    """Ask the supplier organisation to connect with the invitation's buyer (caller commits).

    A buyer already connected only gets its deadline moved; a pending request of the same
    buyer is updated rather than repeated. The supplier's members are notified.

    :return: the pending request, or ``None`` when the two are connected already.
    """
    existing = _relationship(invitation.buyer_id, supplier_id)
    if existing is not None:
        existing.deadline = invitation.deadline
        return None
    request = _pending(invitation.buyer_id, supplier_id)
    if request is None:
        request = ConnectionRequest(buyer_id=invitation.buyer_id, supplier_id=supplier_id)
        db.session.add(request)
        notify_supplier = True
    else:
        notify_supplier = False
    request.invitation_id = invitation.id
    request.requested_by_id = invitation.created_by_id
    request.email = invitation.email
    request.deadline = invitation.deadline
    db.session.flush()
    audit.record(
        "connection.request",
        actor=db.session.get(User, invitation.created_by_id) if invitation.created_by_id else None,
        organisation_id=supplier_id,
        detail={"connection_request_id": request.id, "buyer_id": invitation.buyer_id},
    )
    if notify_supplier:
        notifications.notify(
            notifications.organisation_users(supplier_id, Role.SUPPLIER),
            "connection_requested",
            buyer=invitation.buyer.name,
        )
    return request


def for_supplier(supplier_id: int) -> list[ConnectionRequest]:
    """Return the supplier organisation's connection requests, pending first, newest first."""
    return list(
        db.session.scalars(
            select(ConnectionRequest)
            .where(ConnectionRequest.supplier_id == supplier_id)
            .order_by(
                (ConnectionRequest.status == ConnectionStatus.PENDING).desc(),
                ConnectionRequest.id.desc(),
            )
        )
    )


def _decide(request: ConnectionRequest, actor: User, status: ConnectionStatus) -> None:
    if request.supplier_id != actor.organisation_id or actor.role != Role.SUPPLIER:
        raise DomainError(_("Only the supplier's own members answer a connection request."))
    if request.status != ConnectionStatus.PENDING:
        raise DomainError(_("This request was answered already."))
    request.status = status
    request.decided_by_id = actor.id
    request.decided_at = utcnow()


def _invitation(request: ConnectionRequest) -> Invitation | None:
    return db.session.get(Invitation, request.invitation_id) if request.invitation_id else None


def accept(request: ConnectionRequest, actor: User) -> None:
    """Accept: the buyer is connected with the deadline it asked for; notify; audit; commit.

    :raises DomainError: when *actor* is not a member of the supplier, or it was answered.
    """
    _decide(request, actor, ConnectionStatus.ACCEPTED)
    _connect(request.buyer_id, actor, request.deadline, request)
    invitation = _invitation(request)
    if invitation is not None and invitation.accepted_at is None:
        invitation.accepted_at = utcnow()
        invitation.accepted_by_id = actor.id
    db.session.commit()


def decline(request: ConnectionRequest, actor: User) -> None:
    """Decline: nothing is connected; the buyer's link closes; notify; audit; commit.

    :raises DomainError: when *actor* is not a member of the supplier, or it was answered.
    """
    _decide(request, actor, ConnectionStatus.DECLINED)
    invitation = _invitation(request)
    if invitation is not None and invitation.accepted_at is None:
        invitation.revoked_at = utcnow()
    audit.record(
        "connection.decline",
        actor=actor,
        organisation_id=actor.organisation_id,
        detail={"connection_request_id": request.id, "buyer_id": request.buyer_id},
    )
    notifications.notify(
        notifications.organisation_users(request.buyer_id, Role.BUYER),
        "connection_declined",
        email=request.email,
    )
    db.session.commit()


def connect(invitation: Invitation, user: User) -> None:
    """Connect the invitation's buyer with *user*'s supplier organisation (caller commits)."""
    request = _pending(invitation.buyer_id, user.organisation_id)
    if request is not None:
        request.status = ConnectionStatus.ACCEPTED
        request.decided_by_id = user.id
        request.decided_at = utcnow()
    _connect(invitation.buyer_id, user, invitation.deadline, request, invitation)


def _connect(
    buyer_id: int,
    actor: User,
    deadline,
    request: ConnectionRequest | None,
    invitation: Invitation | None = None,
) -> None:
    relationship = _relationship(buyer_id, actor.organisation_id)
    if relationship is None:
        relationship = BuyerSupplier(
            buyer_id=buyer_id,
            supplier_id=actor.organisation_id,
            invited_by_id=request.requested_by_id if request else None,
        )
        db.session.add(relationship)
    relationship.deadline = deadline
    if invitation is None and request is not None:
        invitation = _invitation(request)
    suppliers.relate(buyer_id, db.session.get(Organisation, actor.organisation_id), invitation)
    db.session.flush()
    audit.record(
        "connection.accept",
        actor=actor,
        organisation_id=actor.organisation_id,
        detail={
            "connection_request_id": request.id if request else None,
            "buyer_id": buyer_id,
            "relationship_id": relationship.id,
        },
    )
    notifications.notify(
        notifications.organisation_users(buyer_id, Role.BUYER),
        "connection_accepted",
        supplier=db.session.get(Organisation, actor.organisation_id).name,
    )
