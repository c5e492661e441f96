"""Buyers invite suppliers: organisation, relationship, user and a single-use, expiring link."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from extensions import db
from models import (
    BuyerSupplier,
    Invitation,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from models.types import utcnow
from services import accounts, audit, mailer, notifications
from services.errors import DomainError

#: How long an invitation link stays valid.
VALID_DAYS = 14


@dataclass
class Outcome:
    """What an invitation did; ``link`` is set when a new invitation was made."""

    user: User
    relationship: BuyerSupplier
    link: str | None = None
    emailed: bool = False
    #: The user had set a password already: linked, no invitation needed.
    registered: bool = False


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def _supplier_named(name: str) -> Organisation | None:
    return db.session.scalar(
        select(Organisation)
        .where(
            Organisation.kind == OrganisationKind.SUPPLIER,
            func.lower(Organisation.name) == name.strip().lower(),
        )
        .order_by(Organisation.id)
        .limit(1)
    )


def _supplier_for(email: str, organisation_name: str, country: str | None, inviter: User):
    """Return (organisation, existing user or None), creating the organisation if new."""
    user = db.session.scalar(select(User).where(User.email == email))
    if user is not None:
        if user.role != Role.SUPPLIER:
            raise DomainError(_("%(email)s belongs to someone who is not a supplier.", email=email))
        return user.organisation, user
    org = _supplier_named(organisation_name)
    if org is None:
        org = Organisation(
            name=organisation_name.strip(), kind=OrganisationKind.SUPPLIER, country=country
        )
        db.session.add(org)
        db.session.flush()
        audit.record(
            "organisation.create", actor=inviter, organisation_id=org.id, detail={"name": org.name}
        )
    return org, None


def invite(
    inviter: User,
    *,
    email: str,
    organisation_name: str,
    contact_name: str | None = None,
    country: str | None = None,
    deadline: date,
    today: date | None = None,
) -> Outcome:
    """Invite a supplier's contact by e-mail with a deadline; audit; commit; send the e-mail.

    Re-inviting links what exists (same e-mail, or same organisation name) and never makes
    a second organisation, relationship or user; a new link replaces any unused earlier one.

    :raises DomainError: for a past deadline or an e-mail of someone who is not a supplier.
    """
    if inviter.role != Role.BUYER:
        raise DomainError(_("Only buyers invite suppliers."))
    if deadline < (today or date.today()):
        raise DomainError(_("The deadline is in the past."))
    email = accounts.normalise_email(email)
    org, user = _supplier_for(email, organisation_name, country, inviter)
    if user is None:
        user = User(
            email=email,
            name=(contact_name or "").strip() or email.split("@")[0],
            role=Role.SUPPLIER,
            organisation=org,
            password_hash=None,
            active=True,
        )
        db.session.add(user)
        db.session.flush()
    relationship = db.session.scalar(
        select(BuyerSupplier).where(
            BuyerSupplier.buyer_id == inviter.organisation_id, BuyerSupplier.supplier_id == org.id
        )
    )
    if relationship is None:
        relationship = BuyerSupplier(
            buyer_id=inviter.organisation_id, supplier_id=org.id, invited_by_id=inviter.id
        )
        db.session.add(relationship)
    relationship.deadline = deadline
    db.session.flush()
    outcome = Outcome(user=user, relationship=relationship, registered=bool(user.password_hash))
    token = None
    if not outcome.registered:
        now = utcnow()
        db.session.execute(
            update(Invitation)
            .where(Invitation.user_id == user.id, Invitation.accepted_at.is_(None))
            .values(expires_at=now)
        )
        token = secrets.token_urlsafe(32)
        db.session.add(
            Invitation(
                token_hash=_token_hash(token),
                email=email,
                user_id=user.id,
                relationship_id=relationship.id,
                created_by_id=inviter.id,
                expires_at=now + timedelta(days=VALID_DAYS),
            )
        )
    audit.record(
        "supplier.invite",
        actor=inviter,
        organisation_id=inviter.organisation_id,
        detail={
            "supplier_id": org.id,
            "supplier": org.name,
            "email": email,
            "deadline": deadline.isoformat(),
            "new_link": token is not None,
        },
    )
    db.session.commit()
    if token is not None:
        outcome.link = url_for("invitations.accept", token=token, _external=True)
        outcome.emailed = _send(outcome, inviter)
        if not outcome.emailed:
            current_app.logger.info("Invitation link for %s: %s", email, outcome.link)
    return outcome


def _send(outcome: Outcome, inviter: User) -> bool:
    def render():
        subject = _("%(buyer)s invites you to Assay", buyer=inviter.organisation.name)
        body = _(
            "%(buyer)s asks %(supplier)s to answer its due-diligence questionnaire by "
            "%(deadline)s.\n\nSet your password and start here (the link works once, for "
            "%(days)s days):\n%(link)s",
            buyer=inviter.organisation.name,
            supplier=outcome.user.organisation.name,
            deadline=format_date(outcome.relationship.deadline, "long"),
            days=VALID_DAYS,
            link=outcome.link,
        )
        return subject, body

    subject, body = mailer.compose(outcome.user.locale, render)
    return mailer.send([outcome.user.email], subject, body)


def find(token: str) -> Invitation:
    """Return the open invitation holding *token*.

    :raises DomainError: when the link is unknown, used or expired, saying which.
    """
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == _token_hash(token))
    )
    if invitation is None:
        raise DomainError(_("This invitation link is not valid. Ask for a new invitation."))
    if invitation.accepted_at is not None:
        raise DomainError(_("This invitation was used already. Sign in with your password."))
    if invitation.expires_at <= utcnow():
        raise DomainError(_("This invitation has expired. Ask the buyer for a new one."))
    return invitation


def accept(token: str, password: str) -> User:
    """Set the invited user's password, mark the invitation used, notify the buyer; commit.

    :raises DomainError: for an unusable link or a weak password.
    """
    invitation = find(token)
    accounts.check_password_strength(password)
    user = db.session.get(User, invitation.user_id)
    if not user.active:
        raise DomainError(_("This invitation link is not valid. Ask for a new invitation."))
    user.password_hash = accounts.hash_password(password)
    invitation.accepted_at = utcnow()
    audit.record(
        "invitation.accept",
        actor=user,
        detail={"invitation_id": invitation.id, "relationship_id": invitation.relationship_id},
    )
    if invitation.created_by_id is not None:
        notifications.notify(
            [db.session.get(User, invitation.created_by_id)],
            "invitation_accepted",
            name=user.name,
            supplier=user.organisation.name,
        )
    db.session.commit()
    return user
