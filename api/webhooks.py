"""``/api/v1/webhooks``: the organisation's webhooks, their delivery log, retries."""

from __future__ import annotations

import marshmallow as ma
from flask import url_for
from flask_babel import gettext as _
from flask_smorest import Blueprint

from api import pagination
from api.auth import actor, protect, requires
from api.etags import NOT_MODIFIED_DOC, etagged
from api.fields import PageQuery, Schema, Text, page_of
from api.idempotency import idempotent
from api.problems import Problem
from extensions import db
from policy import can_manage_webhooks
from services import webhooks
from services.errors import DomainError
from services.webhook_events import EVENTS

blp = protect(
    Blueprint(
        "api_webhooks",
        __name__,
        url_prefix="/api/v1/webhooks",
        description="Signed event deliveries to the organisation's endpoints (admins only).",
    )
)


class WebhookCreateSchema(Schema):
    url = Text(required=True, validate=ma.validate.Length(min=1, max=2000))
    events = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(EVENTS)),
        required=True,
        validate=ma.validate.Length(min=1, max=len(EVENTS)),
    )
    description = Text(allow_none=True, validate=ma.validate.Length(max=200))


class WebhookSchema(Schema):
    id = ma.fields.Integer(required=True)
    url = ma.fields.String(required=True)
    events = ma.fields.List(ma.fields.String(), required=True)
    description = ma.fields.String(required=True, allow_none=True)
    active = ma.fields.Boolean(required=True)
    created_at = ma.fields.DateTime(required=True)


class CreatedWebhookSchema(WebhookSchema):
    secret = ma.fields.String(
        required=True,
        metadata={"description": "Key of the HMAC-SHA256 signatures; shown only this once"},
    )


class AttemptSchema(Schema):
    at = ma.fields.String(required=True)
    status = ma.fields.Integer(required=True, allow_none=True)
    error = ma.fields.String(required=True, allow_none=True)
    response = ma.fields.String(required=True)
    milliseconds = ma.fields.Integer(required=True)


class DeliverySchema(Schema):
    id = ma.fields.Integer(required=True)
    event_id = ma.fields.String(required=True)
    event = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    attempts = ma.fields.Integer(required=True)
    next_attempt_at = ma.fields.DateTime(required=True, allow_none=True)
    delivered_at = ma.fields.DateTime(required=True, allow_none=True)
    response_status = ma.fields.Integer(required=True, allow_none=True)
    error = ma.fields.String(required=True, allow_none=True)
    created_at = ma.fields.DateTime(required=True)
    payload = ma.fields.Dict(required=True)
    log = ma.fields.List(ma.fields.Nested(AttemptSchema), required=True)


def _admin():
    user = actor()
    if not can_manage_webhooks(user):
        raise Problem(
            403, _("Only your organisation's admins manage webhooks."), kind="not-allowed"
        )
    return user


def _webhook_or_404(webhook_id: int):
    hook = webhooks.webhook_for(_admin().organisation_id, webhook_id)
    if hook is None:
        raise Problem(404, _("There is nothing here, or it is not yours to see."))
    return hook


def _representation(hook) -> dict:
    return {
        "id": hook.id,
        "url": hook.url,
        "events": list(hook.events),
        "description": hook.description,
        "active": hook.active,
        "created_at": hook.created_at,
    }


def _delivery(item) -> dict:
    return {
        "id": item.id,
        "event_id": item.event_id,
        "event": item.event,
        "status": item.status.value,
        "attempts": item.attempts,
        "next_attempt_at": item.next_attempt_at,
        "delivered_at": item.delivered_at,
        "response_status": item.response_status,
        "error": item.error,
        "created_at": item.created_at,
        "payload": item.payload,
        "log": item.log or [],
    }


def _refused(error: DomainError):
    db.session.rollback()
    return Problem(422, error.message, kind="refused")


@blp.route("", methods=["GET"])
@requires("webhooks:read")
@blp.response(200, WebhookSchema(many=True))
def list_webhooks():
    """List the organisation's webhooks."""
    return [_representation(h) for h in webhooks.active(_admin().organisation_id)]


@blp.route("", methods=["POST"])
@requires("webhooks:write")
@idempotent
@blp.arguments(WebhookCreateSchema)
@blp.response(201, CreatedWebhookSchema)
def create_webhook(body):
    """Register a webhook for some events; the answer holds its signing secret, once.

    The URL must reach a public address (loopback and private ones are refused unless the
    operator allows them)."""
    try:
        hook, secret = webhooks.create(
            _admin(), url=body["url"], events=body["events"], description=body.get("description")
        )
    except DomainError as error:
        raise _refused(error) from None
    location = url_for("api_webhooks.get_webhook", webhook_id=hook.id)
    return {**_representation(hook), "secret": secret}, 201, {"Location": location}


@blp.route("/<int:webhook_id>", methods=["GET"])
@requires("webhooks:read")
@etagged
@blp.response(200, WebhookSchema)
@blp.alt_response(304, **NOT_MODIFIED_DOC)
def get_webhook(webhook_id):
    """Read a webhook (ETag)."""
    return _representation(_webhook_or_404(webhook_id))


@blp.route("/<int:webhook_id>", methods=["DELETE"])
@requires("webhooks:write")
@blp.response(204)
def delete_webhook(webhook_id):
    """Remove a webhook: nothing more is sent to it."""
    try:
        webhooks.delete(_admin(), _webhook_or_404(webhook_id))
    except DomainError as error:
        raise _refused(error) from None
    return None


@blp.route("/<int:webhook_id>/deliveries", methods=["GET"])
@requires("webhooks:read")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(DeliverySchema, "DeliveryPage"))
def list_deliveries(query, webhook_id):
    """Read the delivery log, newest first: each event, its attempts and their answers."""
    hook = _webhook_or_404(webhook_id)
    after = pagination.decode(query.get("cursor"))
    rows = webhooks.deliveries(hook, after, query["limit"] + 1)
    result = pagination.page(rows, query["limit"])
    result["items"] = [_delivery(item) for item in result["items"]]
    return result


@blp.route("/<int:webhook_id>/deliveries/<int:delivery_id>/retry", methods=["POST"])
@requires("webhooks:write")
@idempotent
@blp.response(200, DeliverySchema)
def retry_delivery(webhook_id, delivery_id):
    """Queue a failed delivery again (sent at once, then retried as a new one)."""
    hook = _webhook_or_404(webhook_id)
    item = webhooks.delivery_for(hook, delivery_id)
    if item is None:
        raise Problem(404, _("There is nothing here, or it is not yours to see."))
    try:
        webhooks.retry(_admin(), item)
    except DomainError as error:
        raise _refused(error) from None
    return _delivery(item)
