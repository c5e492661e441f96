"""Accepting an invitation: a new account (and, for a supplier, a new organisation), or,
for someone with an account already, the connection the link asks for."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from extensions import db
from models import (
    BuyerSupplier,
    Invitation,
    InvitationKind,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from models.types import utcnow
from services import accounts, audit, connections, notifications, suppliers
from services.errors import DomainError
from services.invitations import find


def _user_with_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def _never_used(user: User) -> bool:
    """Whether *user* is an account made in advance by an invitation before migration 0003:
    never given a password, disabled by that migration. It holds nothing to protect."""
    return user.password_hash is None and not user.active


def has_account(invitation: Invitation) -> bool:
    """Whether the invited address belongs to an account already (then sign in to use it)."""
    user = _user_with_email(invitation.email)
    return user is not None and not _never_used(user)


def accept(token: str, password: str) -> User:
    """Create the invited person's account (and, for a supplier, its organisation); commit.

    :raises DomainError: for an unusable link, an address with an account, a weak password.
    """
    invitation = find(token)
    if has_account(invitation):
        raise DomainError(_("An account with this address exists. Sign in to use the link."))
    accounts.check_password_strength(password, email=invitation.email, name=invitation.contact_name)
    if invitation.kind == InvitationKind.SUPPLIER:
        organisation = Organisation(
            name=invitation.organisation_name,
            kind=OrganisationKind.SUPPLIER,
            country=invitation.country,
        )
        db.session.add(organisation)
        db.session.flush()
        invitation.organisation_id = organisation.id
    else:
        organisation = db.session.get(Organisation, invitation.organisation_id)
        if organisation.suspended_at is not None:
            raise DomainError(_("This invitation link is not valid. Ask for a new invitation."))
    user = _user_with_email(invitation.email) or User(email=invitation.email)
    claimed = user.id is not None  # a never-used account: it moves to this organisation
    user.name = invitation.contact_name or invitation.email.split("@")[0]
    user.role = invitation.role
    user.is_org_admin = invitation.org_admin
    user.organisation = organisation
    user.password_hash = accounts.hash_password(password)
    user.active = True
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError as error:  # the same address accepted another link just now
        db.session.rollback()
        raise DomainError(
            _("An account with this address exists. Sign in to use the link.")
        ) from error
    if invitation.kind == InvitationKind.SUPPLIER:
        audit.record(
            "organisation.create",
            actor=user,
            organisation_id=organisation.id,
            detail={"name": organisation.name, "invitation_id": invitation.id},
        )
        _relate(invitation, organisation, user)
    _close(invitation, user)
    audit.record(
        "user.create",
        actor=user,
        organisation_id=organisation.id,
        detail={
            "user_id": user.id,
            "invitation_id": invitation.id,
            "admin": user.is_org_admin,
            "claimed": claimed,
        },
    )
    if user.role == Role.SUPPLIER:
        # Other buyers' links to the same address now ask this organisation to connect.
        for other in _open_supplier_invitations(user.email, exclude=invitation.id):
            connections.open_request(other, organisation.id)
    db.session.commit()
    return user


def use_signed_in(token: str, user: User) -> None:
    """Use a link as the signed-in *user* whose address it was sent to; commit.

    A buyer's link connects that buyer to the user's own supplier organisation.

    :raises DomainError: when the link is not for this user or cannot apply to their account.
    """
    invitation = find(token)
    if invitation.email != user.email:
        raise DomainError(_("This invitation is for another address."))
    if invitation.kind == InvitationKind.SUPPLIER and user.role == Role.SUPPLIER:
        connections.connect(invitation, user)
        _close(invitation, user, notify=False)  # the buyer hears of the connection instead
    elif invitation.kind == InvitationKind.MEMBER and (
        user.organisation_id == invitation.organisation_id
    ):
        _close(invitation, user)
    else:
        raise DomainError(_("This invitation cannot be used with your account."))
    db.session.commit()


def _open_supplier_invitations(email: str, *, exclude: int) -> list[Invitation]:
    return list(
        db.session.scalars(
            select(Invitation).where(
                Invitation.email == email,
                Invitation.kind == InvitationKind.SUPPLIER,
                Invitation.id != exclude,
                Invitation.accepted_at.is_(None),
                Invitation.revoked_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
        )
    )


def _relate(invitation: Invitation, organisation: Organisation, user: User) -> None:
    db.session.add(
        BuyerSupplier(
            buyer_id=invitation.buyer_id,
            supplier_id=organisation.id,
            deadline=invitation.deadline,
            invited_by_id=invitation.created_by_id,
        )
    )
    suppliers.relate(invitation.buyer_id, organisation, invitation)
    audit.record(
        "relationship.create",
        actor=user,
        organisation_id=invitation.buyer_id,
        detail={"supplier_id": organisation.id, "invitation_id": invitation.id},
    )


def _close(invitation: Invitation, user: User, *, notify: bool = True) -> None:
    invitation.accepted_at = utcnow()
    invitation.accepted_by_id = user.id
    audit.record(
        "invitation.accept",
        actor=user,
        organisation_id=user.organisation_id,
        detail={"invitation_id": invitation.id},
    )
    if notify and invitation.created_by_id is not None:
        notifications.notify(
            [db.session.get(User, invitation.created_by_id)],
            "invitation_accepted",
            name=user.name,
            supplier=user.organisation.name,
        )
