"""Organisations, as the platform operator manages them: create, suspend, reactivate."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from extensions import db
from models import Organisation, OrganisationKind, Role, User
from models.types import utcnow
from services import audit, invitations
from services.errors import DomainError


def create_organisation(
    *, name: str, kind: OrganisationKind, country: str | None, actor: User | None = None
) -> Organisation:
    """Create an organisation, audit it and commit."""
    org = _create(name=name, kind=kind, country=country, actor=actor)
    db.session.commit()
    return org


#: The name of the operators' own organisation, made by the first ``create-operator``.
PLATFORM_NAME = "Assay platform operations"


def platform_organisation() -> Organisation:
    """Return the platform operators' organisation, creating it (audited, committed) once."""
    org = db.session.scalar(
        select(Organisation)
        .where(Organisation.kind == OrganisationKind.PLATFORM)
        .order_by(Organisation.id)
        .limit(1)
    )
    return org or create_organisation(
        name=PLATFORM_NAME, kind=OrganisationKind.PLATFORM, country=None
    )


def _create(*, name, kind, country, actor) -> Organisation:
    org = Organisation(name=name.strip(), kind=kind, country=country)
    db.session.add(org)
    db.session.flush()
    audit.record(
        "organisation.create", actor=actor, organisation_id=org.id, detail={"name": org.name}
    )
    return org


def create_with_admin(
    actor: User,
    *,
    name: str,
    kind: OrganisationKind,
    country: str | None,
    admin_email: str,
    admin_name: str,
    admin_role: Role,
) -> invitations.Outcome:
    """Create an organisation and invite its first admin; audit; commit; send the e-mail.

    :raises DomainError: for the platform kind or a role that does not fit the kind.
    """
    if kind == OrganisationKind.PLATFORM:
        raise DomainError(_("Platform operators are created from the command line only."))
    if admin_role not in invitations.ROLES_BY_KIND[kind]:
        raise DomainError(_("This role does not fit this organisation."))
    org = _create(name=name, kind=kind, country=country, actor=actor)
    return invitations.invite_member(
        actor, org, email=admin_email, name=admin_name, role=admin_role, admin=True
    )


def member_counts() -> dict[int, int]:
    """Return the number of active members per organisation id."""
    rows = db.session.execute(
        select(User.organisation_id, func.count())
        .where(User.active.is_(True))
        .group_by(User.organisation_id)
    )
    return dict(rows.all())


def set_suspended(actor: User, organisation: Organisation, suspended: bool) -> None:
    """Suspend (nobody of it can sign in) or reactivate an organisation; audit; commit.

    :raises DomainError: for the platform's own organisation.
    """
    if organisation.kind == OrganisationKind.PLATFORM:
        raise DomainError(_("The platform's own organisation cannot be suspended."))
    organisation.suspended_at = utcnow() if suspended else None
    audit.record(
        "organisation.suspend" if suspended else "organisation.reactivate",
        actor=actor,
        organisation_id=organisation.id,
    )
    db.session.commit()
