"""Webhooks: an organisation's endpoints, the events they receive, and their delivery log.

An event is written as a delivery row per webhook in the same transaction as the change it
reports (so it is never sent for a change that was rolled back, nor lost for one that was
committed), and sent once that transaction commits: after the response in a thread of the app
server, or at once under test (``WEBHOOK_DELIVERY = "inline"``). A failed attempt is retried
with a growing wait (30 s, 2 min, 8 min, 32 min, about 2 h) by ``flask webhooks deliver``,
which an operator runs every minute; after the last one the delivery is failed, and a retry
through the API queues it again. Events reach the organisations that may read what they are
about, computed as the in-app notifications are.
"""

from __future__ import annotations

import json
import secrets
import threading
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session

from extensions import db
from models import DeliveryStatus, Webhook, WebhookDelivery
from models.types import utcnow
from policy import can_manage_webhooks
from services import audit
from services import webhook_delivery as delivery
from services.errors import DomainError
from services.webhook_events import EVENTS, QUEUED, max_attempts, queue

#: Webhooks one organisation may register.
MAX_WEBHOOKS = 20
#: First wait after a failed attempt; each next one is four times longer.
FIRST_RETRY = timedelta(seconds=30)
#: How long a sender holds a delivery it is sending before another may take it.
LEASE = timedelta(minutes=2)
_READY = "webhook_deliveries_ready"


# -- registering ----------------------------------------------------------------------------


def _allow_private() -> bool:
    return bool(current_app.config.get("WEBHOOK_ALLOW_PRIVATE_ADDRESSES"))


def _check_events(events) -> list[str]:
    chosen = list(dict.fromkeys(events or ()))
    if not chosen or any(e not in EVENTS for e in chosen):
        raise DomainError(_("Choose one or more of the events offered."))
    return chosen


def create(actor, *, url: str, events, description: str | None = None):
    """Register a webhook for *actor*'s organisation; audit; commit.

    :return: the webhook and its signing secret (shown once).
    :raises DomainError: for an actor who is not an admin, unknown events, too many webhooks,
        or a URL that is not allowed (:func:`services.webhook_delivery.check_url`).
    """
    if not can_manage_webhooks(actor):
        raise DomainError(_("Only your organisation's admins manage webhooks."))
    chosen = _check_events(events)
    if len(active(actor.organisation_id)) >= MAX_WEBHOOKS:
        raise DomainError(_("An organisation may have at most %(n)s webhooks.", n=MAX_WEBHOOKS))
    delivery.check_url(url, _allow_private())
    description = (description or "").strip()[:200] or None
    secret = "whsec_" + secrets.token_urlsafe(32)
    hook = Webhook(
        organisation_id=actor.organisation_id,
        url=url.strip(),
        description=description,
        events=chosen,
        secret=secret,
        created_by_id=actor.id,
    )
    db.session.add(hook)
    db.session.flush()
    audit.record(
        "webhook.create",
        actor=actor,
        detail={"webhook_id": hook.id, "url": hook.url, "events": chosen},
    )
    db.session.commit()
    return hook, secret


def active(organisation_id: int) -> list[Webhook]:
    """Return the organisation's webhooks, oldest first."""
    return list(
        db.session.scalars(
            select(Webhook)
            .where(Webhook.organisation_id == organisation_id, Webhook.deleted_at.is_(None))
            .order_by(Webhook.id)
        )
    )


def webhook_for(organisation_id: int, webhook_id: int) -> Webhook | None:
    """Return one of the organisation's webhooks, or ``None``."""
    hook = db.session.get(Webhook, webhook_id)
    if hook is None or hook.organisation_id != organisation_id or hook.deleted_at is not None:
        return None
    return hook


def delete(actor, hook: Webhook) -> None:
    """Remove a webhook (nothing more is sent to it); audit; commit."""
    if not can_manage_webhooks(actor) or hook.organisation_id != actor.organisation_id:
        raise DomainError(_("Only your organisation's admins manage webhooks."))
    hook.deleted_at = utcnow()
    hook.active = False
    audit.record("webhook.delete", actor=actor, detail={"webhook_id": hook.id, "url": hook.url})
    db.session.commit()


def deliveries(hook: Webhook, after_id: int | None, limit: int) -> list[WebhookDelivery]:
    """Return a page of *hook*'s delivery log, newest first, after delivery *after_id*."""
    query = select(WebhookDelivery).where(WebhookDelivery.webhook_id == hook.id)
    if after_id is not None:
        query = query.where(WebhookDelivery.id < after_id)
    return list(db.session.scalars(query.order_by(WebhookDelivery.id.desc()).limit(limit)))


def delivery_for(hook: Webhook, delivery_id: int) -> WebhookDelivery | None:
    """Return one delivery of *hook*, or ``None``."""
    found = db.session.get(WebhookDelivery, delivery_id)
    return found if found is not None and found.webhook_id == hook.id else None


def retry(actor, item: WebhookDelivery) -> WebhookDelivery:
    """Queue a failed delivery again with as many attempts as a new one; audit; commit.

    :raises DomainError: when it was delivered already or is still being tried.
    """
    if not can_manage_webhooks(actor) or item.webhook.organisation_id != actor.organisation_id:
        raise DomainError(_("Only your organisation's admins manage webhooks."))
    if item.status != DeliveryStatus.FAILED:
        raise DomainError(_("Only a failed delivery can be tried again."))
    item.status = DeliveryStatus.PENDING
    item.max_attempts = item.attempts + max_attempts()
    item.next_attempt_at = utcnow()
    audit.record(
        "webhook.retry",
        actor=actor,
        detail={"webhook_id": item.webhook_id, "delivery_id": item.id, "event": item.event},
    )
    queue(item)
    db.session.commit()
    return item


# -- sending ----------------------------------------------------------------------------------


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    queued = session.info.pop(QUEUED, None)
    if queued:
        session.info.setdefault(_READY, []).extend(queued)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(QUEUED, None)


def dispatch_committed(inline: bool = False) -> None:
    """Send the deliveries committed in this context: in a thread, or at once when *inline*
    or configured so (``WEBHOOK_DELIVERY = "inline"``)."""
    ready = db.session.info.pop(_READY, None)
    if not ready:
        return
    if inline or current_app.config.get("WEBHOOK_DELIVERY") == "inline":
        for delivery_id in ready:
            deliver(delivery_id)
        return
    app = current_app._get_current_object()

    def run():
        with app.app_context():
            for delivery_id in ready:
                deliver(delivery_id)

    threading.Thread(target=run, name="webhooks", daemon=True).start()


def _claim(delivery_id: int, now: datetime) -> bool:
    """Take a due delivery for this sender for :data:`LEASE`; commit."""
    taken = db.session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.id == delivery_id,
            WebhookDelivery.status == DeliveryStatus.PENDING,
            or_(
                WebhookDelivery.next_attempt_at.is_(None),
                WebhookDelivery.next_attempt_at <= now,
            ),
        )
        .values(next_attempt_at=now + LEASE)
    ).rowcount
    db.session.commit()
    return taken == 1


def _body(item: WebhookDelivery) -> bytes:
    return json.dumps(
        item.payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def deliver(delivery_id: int, now: datetime | None = None) -> WebhookDelivery | None:
    """Attempt one due delivery once and log the attempt; commit. Return it, or ``None`` when
    it was not due or another sender holds it."""
    now = now or utcnow()
    if not _claim(delivery_id, now):
        return None
    item = db.session.get(WebhookDelivery, delivery_id)
    hook = item.webhook
    config = current_app.config
    if hook.deleted_at is not None or not hook.active:
        attempt = delivery.Attempt(None, "webhook removed", "", 0)
    else:
        try:
            target = delivery.check_url(hook.url, _allow_private())
        except delivery.UnsafeAddress as refused:
            attempt = delivery.Attempt(None, refused.message, "", 0)
        else:
            body = _body(item)
            timestamp = int(now.timestamp())
            headers = {
                "Content-Type": "application/json",
                "User-Agent": delivery.USER_AGENT,
                "Assay-Event": item.event,
                "Assay-Delivery": item.event_id,
                "Assay-Signature": delivery.signature(hook.secret, timestamp, body),
            }
            timeout = float(config.get("WEBHOOK_TIMEOUT_SECONDS", 5))
            attempt = delivery.post(target, body, headers, timeout)
    _log(item, attempt, now, removed=hook.deleted_at is not None)
    db.session.commit()
    return item


def _log(item: WebhookDelivery, attempt, now: datetime, *, removed: bool) -> None:
    item.attempts += 1
    item.last_attempt_at = now
    item.response_status = attempt.status
    item.error = attempt.error
    item.log = [
        *(item.log or []),
        {
            "at": now.isoformat(timespec="seconds"),
            "status": attempt.status,
            "error": attempt.error,
            "response": attempt.excerpt,
            "milliseconds": attempt.milliseconds,
        },
    ]
    if attempt.ok:
        item.status = DeliveryStatus.DELIVERED
        item.delivered_at = now
        item.next_attempt_at = None
    elif removed or item.attempts >= item.max_attempts:
        item.status = DeliveryStatus.FAILED
        item.next_attempt_at = None
    else:
        item.next_attempt_at = now + FIRST_RETRY * 4 ** (item.attempts - 1)


def deliver_due(now: datetime | None = None) -> int:
    """Attempt every delivery that is due now (``flask webhooks deliver``); return how many
    were attempted."""
    now = now or utcnow()
    due = list(
        db.session.scalars(
            select(WebhookDelivery.id)
            .where(
                WebhookDelivery.status == DeliveryStatus.PENDING,
                WebhookDelivery.next_attempt_at <= now,
            )
            .order_by(WebhookDelivery.id)
        )
    )
    db.session.commit()
    return sum(1 for delivery_id in due if deliver(delivery_id, now) is not None)


def init_app(app) -> None:
    """Send what each request committed once its response is made."""

    @app.after_request
    def _send_committed(response):
        dispatch_committed()
        return response
