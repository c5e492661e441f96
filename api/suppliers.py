"""``/api/v1/suppliers``: a buyer's suppliers, created with or without an invitation."""

from __future__ import annotations

import marshmallow as ma
from flask import url_for
from flask.views import MethodView
from flask_babel import gettext as _
from flask_smorest import Blueprint

from api import pagination
from api.auth import actor, protect, requires
from api.etags import NOT_MODIFIED_DOC, check_if_match, etagged
from api.fields import PageQuery, Schema, Text, page_of
from api.idempotency import idempotent
from api.problems import Problem
from extensions import db
from models import SupplierRecord
from policy import can_manage_suppliers
from services import suppliers
from services.errors import DomainError

blp = protect(
    Blueprint(
        "api_suppliers",
        __name__,
        url_prefix="/api/v1/suppliers",
        description="A buyer's suppliers: its own reference, names, country and identifiers.",
    )
)

COUNTRY = ma.validate.Regexp(r"^[A-Z]{2}$", error="Give an ISO 3166-1 alpha-2 code.")
IDENTIFIERS = ma.fields.Dict(
    keys=Text(validate=ma.validate.Length(min=1, max=40)),
    values=Text(validate=ma.validate.Length(min=1, max=100)),
    validate=ma.validate.Length(max=suppliers.MAX_IDENTIFIERS),
    metadata={"description": 'Scheme → identifier, e.g. {"lei": "…", "duns": "…"}'},
)


class NamesSchema(Schema):
    en = Text(required=True, validate=ma.validate.Length(min=1, max=200))
    ja = Text(allow_none=True, validate=ma.validate.Length(max=200))


class InvitationSchema(Schema):
    email = ma.fields.Email(required=True, validate=ma.validate.Length(max=254))
    contact_name = Text(allow_none=True, validate=ma.validate.Length(max=200))
    deadline = ma.fields.Date(required=True)


class InvitationStateSchema(Schema):
    email = ma.fields.String(required=True)
    deadline = ma.fields.Date(required=True, allow_none=True)
    expires_at = ma.fields.DateTime(required=True)
    accepted_at = ma.fields.DateTime(required=True, allow_none=True)
    #: Only when no e-mail went out: the link to give the supplier (shown once, like the page).
    link = ma.fields.String(
        metadata={"description": "Only in the creation response, when e-mail is not configured"}
    )


class SupplierSchema(Schema):
    id = ma.fields.Integer(required=True)
    external_id = ma.fields.String(required=True, allow_none=True)
    names = ma.fields.Nested(NamesSchema, required=True)
    country = ma.fields.String(required=True, allow_none=True)
    identifiers = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(), required=True)
    status = ma.fields.String(
        required=True, validate=ma.validate.OneOf(["not_invited", "invited", "connected"])
    )
    organisation_id = ma.fields.Integer(
        required=True,
        allow_none=True,
        metadata={
            "description": "The supplier's organisation once connected (submissions name it)"
        },
    )
    invitation = ma.fields.Nested(InvitationStateSchema, required=True, allow_none=True)
    created_at = ma.fields.DateTime(required=True)
    updated_at = ma.fields.DateTime(required=True)


class SupplierCreateSchema(Schema):
    external_id = Text(allow_none=True, validate=ma.validate.Length(min=1, max=100))
    names = ma.fields.Nested(NamesSchema, required=True)
    country = ma.fields.String(allow_none=True, validate=COUNTRY)
    identifiers = IDENTIFIERS
    invitation = ma.fields.Nested(
        InvitationSchema,
        allow_none=True,
        metadata={"description": "Invite the supplier now, as the portfolio page does"},
    )


class SupplierUpdateSchema(Schema):
    external_id = Text(allow_none=True, validate=ma.validate.Length(min=1, max=100))
    names = ma.fields.Nested(NamesSchema)
    country = ma.fields.String(allow_none=True, validate=COUNTRY)
    identifiers = IDENTIFIERS


def representation(record: SupplierRecord, link: str | None = None) -> dict:
    """Return the API's view of a supplier record."""
    invitation = suppliers.invitation_of(record)
    state = None
    if invitation is not None:
        state = {
            "email": invitation.email,
            "deadline": invitation.deadline,
            "expires_at": invitation.expires_at,
            "accepted_at": invitation.accepted_at,
        }
        if link:
            state["link"] = link
    return {
        "id": record.id,
        "external_id": record.external_id,
        "names": {"en": record.name, "ja": record.name_ja},
        "country": record.country,
        "identifiers": record.identifiers or {},
        "status": suppliers.status(record),
        "organisation_id": record.organisation_id,
        "invitation": state,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def _buyer():
    user = actor()
    if not can_manage_suppliers(user):
        raise Problem(403, _("Only buyers keep suppliers."), kind="not-allowed")
    return user


def _record_or_404(record_id: int) -> SupplierRecord:
    record = suppliers.record_for(_buyer().organisation_id, record_id)
    if record is None:
        raise Problem(404, _("There is nothing here, or it is not yours to see."))
    return record


@blp.route("")
class Suppliers(MethodView):
    @requires("suppliers:read")
    @blp.arguments(PageQuery, location="query")
    @blp.response(200, page_of(SupplierSchema, "SupplierPage"))
    def get(self, query):
        """List the buyer's suppliers, oldest first."""
        buyer = _buyer()
        after = pagination.decode(query.get("cursor"))
        rows = [
            r for r in suppliers.records(buyer.organisation_id) if after is None or r.id > after
        ]
        result = pagination.page(rows, query["limit"])
        result["items"] = [representation(r) for r in result["items"]]
        return result

    @requires("suppliers:write")
    @idempotent
    @blp.arguments(SupplierCreateSchema)
    @blp.response(201, SupplierSchema)
    def post(self, body):
        """Record a supplier; with `invitation`, invite it by e-mail with a deadline."""
        invitation = body.get("invitation") or {}
        try:
            record, outcome = suppliers.create(
                _buyer(),
                name=body["names"]["en"],
                name_ja=body["names"].get("ja"),
                country=body.get("country"),
                external_id=body.get("external_id"),
                identifiers=body.get("identifiers"),
                invite_email=invitation.get("email"),
                contact_name=invitation.get("contact_name"),
                deadline=invitation.get("deadline"),
            )
        except DomainError as error:
            raise Problem(422, error.message, kind="refused") from None
        link = outcome.link if outcome is not None and not outcome.emailed else None
        location = url_for("api_suppliers.Supplier", record_id=record.id)
        return representation(record, link), 201, {"Location": location}


@blp.route("/<int:record_id>")
class Supplier(MethodView):
    @requires("suppliers:read")
    @etagged
    @blp.response(200, SupplierSchema)
    @blp.alt_response(304, **NOT_MODIFIED_DOC)
    def get(self, record_id):
        """Read one supplier (ETag; `If-None-Match` answers 304)."""
        return representation(_record_or_404(record_id))

    @requires("suppliers:write")
    @etagged
    @blp.arguments(SupplierUpdateSchema)
    @blp.response(200, SupplierSchema)
    def patch(self, body, record_id):
        """Change the buyer's own fields; with `If-Match`, only if unchanged since read."""
        record = _record_or_404(record_id)
        check_if_match(SupplierSchema().dump(representation(record)))
        changes = {k: v for k, v in body.items() if k != "names"}
        if "names" in body:
            changes["name"] = body["names"]["en"]
            changes["name_ja"] = body["names"].get("ja")
        try:
            suppliers.update(_buyer(), record, changes)
        except DomainError as error:
            db.session.rollback()
            raise Problem(422, error.message, kind="refused") from None
        return representation(record)
