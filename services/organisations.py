"""Organisations and the relationships between them."""

from __future__ import annotations

from extensions import db
from models import Organisation, OrganisationKind, User
from services import audit


def create_organisation(
    *, name: str, kind: OrganisationKind, country: str | None, actor: User | None = None
) -> Organisation:
    """Create an organisation, audit it and commit."""
    org = Organisation(name=name.strip(), kind=kind, country=country)
    db.session.add(org)
    db.session.flush()
    audit.record(
        "organisation.create", actor=actor, organisation_id=org.id, detail={"name": org.name}
    )
    db.session.commit()
    return org
