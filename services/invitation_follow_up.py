"""A buyer's invitations after they are sent: their state, a new link, withdrawal."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from extensions import db
from models import Invitation, InvitationKind, User
from models.types import utcnow
from services import audit, invitations
from services.errors import DomainError
from services.invitations import Outcome


def buyer_invitation(buyer_id: int, invitation_id: int) -> Invitation | None:
    """Return the buyer's own supplier invitation *invitation_id*, or ``None``."""
    invitation = db.session.get(Invitation, invitation_id)
    if (
        invitation is None
        or invitation.kind != InvitationKind.SUPPLIER
        or invitation.buyer_id != buyer_id
    ):
        return None
    return invitation


def recent_for_buyer(buyer_id: int, limit: int = 50) -> list[Invitation]:
    """Return the buyer's latest supplier invitation to each address, in every state, newest
    first (an older link to the same address was replaced by the newer one)."""
    latest: dict[str, Invitation] = {}
    for invitation in db.session.scalars(
        select(Invitation)
        .where(Invitation.buyer_id == buyer_id, Invitation.kind == InvitationKind.SUPPLIER)
        .order_by(Invitation.id.desc())
    ):
        latest.setdefault(invitation.email, invitation)
        if len(latest) >= limit:
            break
    return list(latest.values())


def resend(actor: User, invitation: Invitation, today: date | None = None) -> Outcome:
    """Send a supplier invitation again with a new link (the old one stops working); audit;
    commit. An accepted invitation cannot be sent again.

    :raises DomainError: for an accepted invitation or a deadline now past.
    """
    if invitation.accepted_at is not None:
        raise DomainError(_("This invitation was accepted already."))
    return invitations.invite_supplier(
        actor,
        email=invitation.email,
        organisation_name=invitation.organisation_name or "",
        contact_name=invitation.contact_name,
        country=invitation.country,
        deadline=invitation.deadline or (today or date.today()),
        today=today,
    )


def revoke(actor: User, invitation: Invitation) -> None:
    """Stop a supplier invitation's link from working; audit; commit.

    :raises DomainError: for an invitation that was accepted or is closed already.
    """
    if invitation.accepted_at is not None:
        raise DomainError(_("This invitation was accepted already."))
    if invitation.revoked_at is not None:
        raise DomainError(_("This invitation was withdrawn already."))
    invitation.revoked_at = utcnow()
    audit.record(
        "supplier.invitation_revoke",
        actor=actor,
        organisation_id=actor.organisation_id,
        detail={"invitation_id": invitation.id, "email": invitation.email},
    )
    db.session.commit()
