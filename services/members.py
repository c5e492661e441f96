"""An organisation's members, managed by that organisation's own admins."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from extensions import db
from models import Organisation, User
from services import accounts, audit
from services.errors import DomainError


def members(organisation: Organisation) -> list[User]:
    """Return the organisation's members, active first, by name."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.organisation_id == organisation.id)
            .order_by(User.active.desc(), func.lower(User.name), User.id)
        )
    )


def _same_organisation(actor: User, member: User) -> None:
    if actor.organisation_id != member.organisation_id or not actor.is_org_admin:
        raise DomainError(_("Only the organisation's own admins manage its members."))


def _not_yourself(actor: User, member: User) -> None:
    if actor.id == member.id:
        raise DomainError(_("Ask another admin to do this to your own account."))


def _keep_an_admin(member: User) -> None:
    """Refuse to take away the last active admin of *member*'s organisation."""
    if not (member.is_org_admin and member.active):
        return
    others = db.session.scalar(
        select(func.count())
        .select_from(User)
        .where(
            User.organisation_id == member.organisation_id,
            User.id != member.id,
            User.is_org_admin.is_(True),
            User.active.is_(True),
        )
    )
    if not others:
        raise DomainError(
            _(
                "%(name)s is the organisation's last active admin. Make someone else an "
                "admin first.",
                name=member.name,
            )
        )


def set_admin(actor: User, member: User, admin: bool) -> None:
    """Grant or revoke *member*'s organisation admin rights; audit; commit.

    :raises DomainError: outside *actor*'s organisation, or for the last active admin.
    """
    _same_organisation(actor, member)
    if not admin:
        _keep_an_admin(member)
    member.is_org_admin = admin
    audit.record(
        "member.admin",
        actor=actor,
        organisation_id=member.organisation_id,
        detail={"user_id": member.id, "admin": admin},
    )
    db.session.commit()


def grant_admin_from_command_line(member: User) -> None:
    """Make *member* an admin of their organisation from the command line; audit; commit."""
    member.is_org_admin = True
    audit.record(
        "member.admin",
        organisation_id=member.organisation_id,
        detail={"user_id": member.id, "admin": True, "via": "command line"},
    )
    db.session.commit()


def remove(actor: User, member: User) -> None:
    """Remove *member*: no longer an admin, disabled, signed out everywhere; audit; commit.

    :raises DomainError: outside *actor*'s organisation, or for the last active admin.
    """
    _same_organisation(actor, member)
    _not_yourself(actor, member)
    _keep_an_admin(member)
    member.is_org_admin = False
    audit.record(
        "member.remove",
        actor=actor,
        organisation_id=member.organisation_id,
        detail={"user_id": member.id},
    )
    accounts.disable_member(actor, member)


def disable(actor: User, member: User) -> None:
    """Disable *member*'s account and end their sessions; audit; commit.

    :raises DomainError: outside *actor*'s organisation, or for the last active admin.
    """
    _same_organisation(actor, member)
    _not_yourself(actor, member)
    _keep_an_admin(member)
    accounts.disable_member(actor, member)


def enable(actor: User, member: User) -> None:
    """Enable a disabled or removed *member* again; audit; commit.

    :raises DomainError: outside *actor*'s organisation.
    """
    _same_organisation(actor, member)
    accounts.enable_member(actor, member)


def force_password_reset(actor: User, member: User) -> None:
    """Make *member* choose a new password at the next sign-in; audit; commit.

    :raises DomainError: outside *actor*'s organisation.
    """
    _same_organisation(actor, member)
    _not_yourself(actor, member)
    accounts.force_password_reset(actor, member)


def set_support_access(actor: User, granted: bool) -> None:
    """Let the platform operator read (or stop reading) the member list; audit; commit.

    :raises DomainError: when *actor* is not an admin of the organisation.
    """
    if not actor.is_org_admin:
        raise DomainError(_("Only the organisation's own admins manage its members."))
    organisation = db.session.get(Organisation, actor.organisation_id)
    organisation.support_access = granted
    audit.record(
        "organisation.support_access",
        actor=actor,
        organisation_id=organisation.id,
        detail={"granted": granted},
    )
    db.session.commit()
