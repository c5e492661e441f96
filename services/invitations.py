"""Invitations: single-use, expiring links; no account exists until someone accepts one.

A buyer's invitation creates, on acceptance, a new supplier organisation with the invitee as
its first member and admin. When the address already belongs to a supplier, the same
invitation also asks that organisation to connect (see :mod:`services.connections`); the
buyer is told the same thing whatever the address, so it learns nothing about who is
registered. An admin's invitation adds a colleague to the admin's own organisation.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select, update

from extensions import db
from models import (
    Invitation,
    InvitationKind,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from models.types import utcnow
from services import accounts, audit, connections, links, mailer
from services.errors import DomainError

#: How long an invitation link stays valid.
VALID_DAYS = 14
#: The roles a member invitation may give, by the kind of organisation joined.
ROLES_BY_KIND = {
    OrganisationKind.SUPPLIER: (Role.SUPPLIER,),
    OrganisationKind.BUYER: (Role.BUYER, Role.REVIEWER),
    OrganisationKind.AUDITOR: (Role.REVIEWER,),
    OrganisationKind.PLATFORM: (),
}


@dataclass
class Outcome:
    """The invitation made and its link (shown to the inviter when no e-mail went out)."""

    invitation: Invitation
    link: str
    emailed: bool = False


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def _user_with_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def _new(token: str, **fields) -> Invitation:
    now = utcnow()
    invitation = Invitation(
        token_hash=_token_hash(token), expires_at=now + timedelta(days=VALID_DAYS), **fields
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation


def _revoke_own_open(email: str, **same) -> None:
    """Replace the inviter's own unused links to *email* (never anyone else's)."""
    now = utcnow()
    db.session.execute(
        update(Invitation)
        .where(
            Invitation.email == email,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
            *(getattr(Invitation, column) == value for column, value in same.items()),
        )
        .values(revoked_at=now)
    )


def invite_supplier(
    inviter: User,
    *,
    email: str,
    organisation_name: str,
    contact_name: str | None = None,
    country: str | None = None,
    deadline: date,
    today: date | None = None,
) -> Outcome:
    """Invite a supplier's contact with a deadline; audit; commit; send the e-mail.

    Organisation names are never matched: the invitation creates a new organisation when it
    is accepted. An address of an existing supplier also opens a connection request to that
    supplier's organisation, which only its members can accept.

    :raises DomainError: for a past deadline, or an inviter who is not a buyer.
    """
    if inviter.role != Role.BUYER:
        raise DomainError(_("Only buyers invite suppliers."))
    if deadline < (today or date.today()):
        raise DomainError(_("The deadline is in the past."))
    email = accounts.normalise_email(email)
    _revoke_own_open(email, kind=InvitationKind.SUPPLIER, buyer_id=inviter.organisation_id)
    token = secrets.token_urlsafe(32)
    invitation = _new(
        token,
        kind=InvitationKind.SUPPLIER,
        email=email,
        role=Role.SUPPLIER,
        org_admin=True,
        contact_name=(contact_name or "").strip() or None,
        organisation_name=organisation_name.strip(),
        country=country,
        buyer_id=inviter.organisation_id,
        deadline=deadline,
        created_by_id=inviter.id,
    )
    existing = _user_with_email(email)
    request = None
    if existing is not None and existing.active and existing.role == Role.SUPPLIER:
        request = connections.open_request(invitation, existing.organisation_id)
    audit.record(
        "supplier.invite",
        actor=inviter,
        organisation_id=inviter.organisation_id,
        detail={
            "invitation_id": invitation.id,
            "email": email,
            "organisation_name": invitation.organisation_name,
            "deadline": deadline.isoformat(),
            "connection_request_id": request.id if request else None,
        },
    )
    db.session.commit()
    return _deliver(invitation, token, lambda link: _supplier_message(invitation, inviter, link))


def invite_member(
    actor: User, organisation: Organisation, *, email: str, name: str, role: Role, admin: bool
) -> Outcome:
    """Invite a colleague into *organisation* with *role*; audit; commit; send the e-mail.

    The caller has checked that *actor* manages *organisation*'s members (or, for the
    platform operator, that it is a new organisation without members).

    :raises DomainError: when *role* does not fit the kind of organisation.
    """
    if role not in ROLES_BY_KIND[organisation.kind]:
        raise DomainError(_("This role does not fit this organisation."))
    email = accounts.normalise_email(email)
    _revoke_own_open(email, kind=InvitationKind.MEMBER, organisation_id=organisation.id)
    token = secrets.token_urlsafe(32)
    invitation = _new(
        token,
        kind=InvitationKind.MEMBER,
        email=email,
        role=role,
        org_admin=admin,
        contact_name=name.strip() or None,
        organisation_id=organisation.id,
        created_by_id=actor.id,
    )
    audit.record(
        "member.invite",
        actor=actor,
        organisation_id=organisation.id,
        detail={
            "invitation_id": invitation.id,
            "email": email,
            "role": role.value,
            "admin": admin,
        },
    )
    db.session.commit()
    return _deliver(invitation, token, lambda link: _member_message(invitation, organisation, link))


def _supplier_message(invitation: Invitation, inviter: User, link: str):
    def render():
        subject = _("%(buyer)s invites you to Assay", buyer=inviter.organisation.name)
        body = _(
            "%(buyer)s asks %(supplier)s to answer its due-diligence questionnaire by "
            "%(deadline)s.\n\nSet your password and start here (the link works once, for "
            "%(days)s days):\n%(link)s",
            buyer=inviter.organisation.name,
            supplier=invitation.organisation_name,
            deadline=format_date(invitation.deadline, "long"),
            days=VALID_DAYS,
            link=link,
        )
        return subject, body

    return render


def _member_message(invitation: Invitation, organisation: Organisation, link: str):
    def render():
        subject = _("Join %(organisation)s on Assay", organisation=organisation.name)
        body = _(
            "You are invited to join %(organisation)s on Assay.\n\nSet your password here "
            "(the link works once, for %(days)s days):\n%(link)s",
            organisation=organisation.name,
            days=VALID_DAYS,
            link=link,
        )
        return subject, body

    return render


def _deliver(invitation: Invitation, token: str, message) -> Outcome:
    link = links.external_url("invitations.accept", token=token)
    subject, body = mailer.compose(None, message(link))
    emailed = mailer.send([invitation.email], subject, body)
    if not emailed:  # a warning, so that the development server's console shows it
        current_app.logger.warning(
            "E-mail is off: invitation link for %s: %s", invitation.email, link
        )
    return Outcome(invitation=invitation, link=link, emailed=emailed)


def find(token: str) -> Invitation:
    """Return the open invitation holding *token*.

    :raises DomainError: when the link is unknown, used or expired, saying which.
    """
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == _token_hash(token))
    )
    if invitation is None or invitation.revoked_at is not None:
        raise DomainError(_("This invitation link is not valid. Ask for a new invitation."))
    if invitation.accepted_at is not None:
        raise DomainError(_("This invitation was used already. Sign in with your password."))
    if invitation.expires_at <= utcnow():
        raise DomainError(_("This invitation has expired. Ask for a new one."))
    return invitation


def _waiting(*conditions) -> list[Invitation]:
    """Return the invitations matching *conditions* still waiting for an answer, newest
    first."""
    return list(
        db.session.scalars(
            select(Invitation)
            .where(
                *conditions,
                Invitation.accepted_at.is_(None),
                Invitation.revoked_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
            .order_by(Invitation.id.desc())
        )
    )


def open_for_buyer(buyer_id: int) -> list[Invitation]:
    """Return the buyer's own invitations still waiting for an answer, newest first."""
    return _waiting(Invitation.buyer_id == buyer_id, Invitation.kind == InvitationKind.SUPPLIER)


def open_for_organisation(organisation_id: int) -> list[Invitation]:
    """Return the member invitations into an organisation still waiting, newest first."""
    return _waiting(
        Invitation.organisation_id == organisation_id, Invitation.kind == InvitationKind.MEMBER
    )
