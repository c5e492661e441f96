"""A buyer's supplier records: its own reference, names and identifiers for each supplier.

A record is made through the API, with or without an invitation, or when a supplier connects
with the buyer (:func:`relate`); it is linked to the supplier's organisation once that joins.
The supplier's own organisation, answers and documents stay the supplier's.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

import questionnaires as qn
from bidi_controls import strip_bidi
from extensions import db
from models import Invitation, Organisation, SupplierRecord, User
from policy import can_manage_suppliers
from services import audit, invitations
from services.errors import DomainError

#: Identifier schemes and values: at most this many, each this long.
MAX_IDENTIFIERS = 20
MAX_IDENTIFIER_LENGTH = 100


def records(buyer_id: int, after_id: int | None = None, limit: int = 100) -> list[SupplierRecord]:
    """Return up to *limit* of buyer *buyer_id*'s supplier records by id, after *after_id*."""
    query = select(SupplierRecord).where(SupplierRecord.buyer_id == buyer_id)
    if after_id is not None:
        query = query.where(SupplierRecord.id > after_id)
    return list(db.session.scalars(query.order_by(SupplierRecord.id).limit(limit)))


def record_for(buyer_id: int, record_id: int) -> SupplierRecord | None:
    """Return one of buyer *buyer_id*'s records, or ``None`` (another buyer's is none)."""
    record = db.session.get(SupplierRecord, record_id)
    return record if record is not None and record.buyer_id == buyer_id else None


def invitation_of(record: SupplierRecord) -> Invitation | None:
    """Return the buyer's latest invitation for *record*, if any."""
    return db.session.get(Invitation, record.invitation_id) if record.invitation_id else None


def status(record: SupplierRecord) -> str:
    """Return ``connected``, ``invited`` or ``not_invited``."""
    if record.organisation_id is not None:
        return "connected"
    return "invited" if record.invitation_id is not None else "not_invited"


def _text(value: str | None, most: int, *, required: bool = False) -> str | None:
    value = strip_bidi(value or "").strip()
    if required and not value:
        raise DomainError(_("Give the supplier's name."))
    if len(value) > most:
        raise DomainError(_("Write at most %(n)s characters.", n=most))
    return value or None


def _identifiers(value: dict | None) -> dict[str, str]:
    value = value or {}
    if len(value) > MAX_IDENTIFIERS:
        raise DomainError(_("Give at most %(n)s identifiers.", n=MAX_IDENTIFIERS))
    cleaned = {}
    for scheme, identifier in value.items():
        scheme = _text(str(scheme), 40)
        identifier = _text(str(identifier), MAX_IDENTIFIER_LENGTH)
        if not scheme or not identifier:
            raise DomainError(_("Each identifier needs a scheme and a value."))
        cleaned[scheme.lower()] = identifier
    return cleaned


def _country(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    code = value.upper()
    if not qn.is_country(code):
        raise DomainError(_("Choose a country by its ISO 3166 code."))
    return code


def _unique_reference(buyer_id: int, external_id: str | None, record_id: int | None = None):
    if external_id is None:
        return
    found = db.session.scalar(
        select(SupplierRecord.id).where(
            SupplierRecord.buyer_id == buyer_id, SupplierRecord.external_id == external_id
        )
    )
    if found is not None and found != record_id:
        raise DomainError(_("Another of your suppliers has this reference already."))


def create(
    actor: User,
    *,
    name: str,
    name_ja: str | None = None,
    country: str | None = None,
    external_id: str | None = None,
    identifiers: dict | None = None,
    invite_email: str | None = None,
    contact_name: str | None = None,
    deadline: date | None = None,
) -> tuple[SupplierRecord, invitations.Outcome | None]:
    """Record a supplier for *actor*'s buyer organisation; with *invite_email*, invite it as
    the portfolio page does (:func:`services.invitations.invite_supplier`); audit; commit.

    :raises DomainError: for a missing name, an unknown country, a reference the buyer gave
        another supplier, an invitation without a deadline, or an actor who is not a buyer.
    """
    if not can_manage_suppliers(actor):
        raise DomainError(_("Only buyers invite suppliers."))
    name = _text(name, 200, required=True)
    fields = {
        "name": name,
        "name_ja": _text(name_ja, 200),
        "country": _country(country),
        "external_id": _text(external_id, 100),
        "identifiers": _identifiers(identifiers),
    }
    _unique_reference(actor.organisation_id, fields["external_id"])
    outcome = None
    if invite_email:
        if deadline is None:
            raise DomainError(_("Give a deadline with the invitation."))
        outcome = invitations.invite_supplier(
            actor,
            email=invite_email,
            organisation_name=name,
            contact_name=contact_name,
            country=fields["country"],
            deadline=deadline,
        )
    record = SupplierRecord(
        buyer_id=actor.organisation_id,
        invitation_id=outcome.invitation.id if outcome else None,
        created_by_id=actor.id,
        **fields,
    )
    db.session.add(record)
    db.session.flush()
    audit.record(
        "supplier_record.create",
        actor=actor,
        detail={"record_id": record.id, **fields, "invited": outcome is not None},
    )
    db.session.commit()
    return record, outcome


#: What :func:`update` may change.
EDITABLE = ("name", "name_ja", "country", "external_id", "identifiers")


def update(actor: User, record: SupplierRecord, changes: dict) -> SupplierRecord:
    """Change the buyer's own fields of *record*; audit; commit.

    :raises DomainError: for invalid values or a reference the buyer gave another supplier.
    """
    if not can_manage_suppliers(actor) or record.buyer_id != actor.organisation_id:
        raise DomainError(_("Only buyers invite suppliers."))
    cleaned = {}
    for field, value in changes.items():
        if field == "name":
            cleaned[field] = _text(value, 200, required=True)
        elif field == "name_ja":
            cleaned[field] = _text(value, 200)
        elif field == "external_id":
            cleaned[field] = _text(value, 100)
            _unique_reference(record.buyer_id, cleaned[field], record.id)
        elif field == "country":
            cleaned[field] = _country(value)
        elif field == "identifiers":
            cleaned[field] = _identifiers(value)
    changed = {k: v for k, v in cleaned.items() if getattr(record, k) != v}
    if not changed:
        return record
    before = {k: getattr(record, k) for k in changed}
    for field, value in changed.items():
        setattr(record, field, value)
    audit.record(
        "supplier_record.update",
        actor=actor,
        detail={"record_id": record.id, "before": before, "after": changed},
    )
    db.session.commit()
    return record


def relate(buyer_id: int, supplier: Organisation, invitation: Invitation | None) -> None:
    """Link the buyer's record of the supplier that just connected (made from *invitation*),
    or start one named as the supplier names itself (the caller commits)."""
    existing = db.session.scalar(
        select(SupplierRecord).where(
            SupplierRecord.buyer_id == buyer_id, SupplierRecord.organisation_id == supplier.id
        )
    )
    if existing is not None:
        return
    record = None
    if invitation is not None:
        record = db.session.scalar(
            select(SupplierRecord).where(
                SupplierRecord.buyer_id == buyer_id,
                SupplierRecord.invitation_id == invitation.id,
                SupplierRecord.organisation_id.is_(None),
            )
        )
    if record is None:
        record = SupplierRecord(
            buyer_id=buyer_id, name=supplier.name, country=supplier.country, identifiers={}
        )
        db.session.add(record)
    record.organisation_id = supplier.id
    db.session.flush()
