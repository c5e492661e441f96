"""Webhook events: written as deliveries in the transaction of the change they report.

Each event goes to the organisations whose people may read what it is about, computed as
the in-app notifications are (:func:`services.notifications.submission_audience`): a buyer's
review events reach that buyer (and the auditor it appointed) and the supplier, never
another buyer. Sending is :mod:`services.webhooks`.
"""

from __future__ import annotations

import uuid

from flask import current_app
from sqlalchemy import select

from extensions import db
from models import (
    Action,
    DeliveryStatus,
    EvidenceFile,
    Review,
    Submission,
    Webhook,
    WebhookDelivery,
)
from models.types import utcnow
from services import notifications

#: Deliveries written in the current transaction, sent once it commits.
QUEUED = "webhook_deliveries"

EVENTS = (
    "submission.submitted",
    "submission.changes_requested",
    "submission.approved",
    "submission.rejected",
    "finding.decided",
    "document.expiring",
)
#: The event each reviewer's decision sends.
DECISION_EVENTS = {
    Action.REQUEST_CHANGES: "submission.changes_requested",
    Action.APPROVE: "submission.approved",
    Action.REJECT: "submission.rejected",
}


def max_attempts() -> int:
    return int(current_app.config.get("WEBHOOK_MAX_ATTEMPTS", 6))


def queue(item: WebhookDelivery) -> None:
    db.session.flush()
    db.session.info.setdefault(QUEUED, []).append(item.id)


def emit(event_type: str, organisation_ids, data: dict) -> int:
    """Write *event_type* for the webhooks of *organisation_ids* that take it (the caller
    commits; it is sent after the commit). Return how many deliveries were written."""
    ids = sorted(set(organisation_ids))
    if not ids:
        return 0
    hooks = db.session.scalars(
        select(Webhook).where(
            Webhook.organisation_id.in_(ids),
            Webhook.active.is_(True),
            Webhook.deleted_at.is_(None),
        )
    )
    count = 0
    for hook in hooks:
        if event_type not in (hook.events or ()):
            continue
        event_id = str(uuid.uuid4())
        item = WebhookDelivery(
            webhook_id=hook.id,
            event_id=event_id,
            event=event_type,
            payload={
                "id": event_id,
                "type": event_type,
                "created_at": utcnow().isoformat(timespec="seconds"),
                "data": data,
            },
            status=DeliveryStatus.PENDING,
            attempts=0,
            max_attempts=max_attempts(),
            next_attempt_at=utcnow(),
            log=[],
        )
        db.session.add(item)
        queue(item)
        count += 1
    return count


def _readers(submission: Submission, buyer_ids=None) -> set[int]:
    """Return the organisations whose people read *submission* (through *buyer_ids* only,
    when given), as the notifications reach them."""
    users = notifications.submission_audience(submission, buyer_ids)
    return {u.organisation_id for u in users}


def submission_submitted(submission: Submission) -> None:
    """Send ``submission.submitted`` to the supplier and the buyers that see it."""
    emit(
        "submission.submitted",
        {submission.supplier_id, *_readers(submission)},
        {
            "submission_id": submission.id,
            "supplier_organisation_id": submission.supplier_id,
            "round": submission.round,
        },
    )


def review_decided(review: Review, action: str) -> None:
    """Send the event of a reviewer's decision to that buyer's readers and the supplier."""
    event_type = DECISION_EVENTS.get(action)
    if event_type is None:
        return
    submission = review.submission
    emit(
        event_type,
        {submission.supplier_id, *_readers(submission, [review.buyer_id])},
        {
            "submission_id": submission.id,
            "review_id": review.id,
            "buyer_organisation_id": review.buyer_id,
            "round": review.round,
            "status": review.status.value,
        },
    )


def finding_decided(review: Review, rule_id: str, decision: str) -> None:
    """Send ``finding.decided`` to the readers of that buyer's review only."""
    emit(
        "finding.decided",
        _readers(review.submission, [review.buyer_id]),
        {
            "submission_id": review.submission_id,
            "review_id": review.id,
            "rule_id": rule_id,
            "decision": decision,
        },
    )


def document_expiring(item: EvidenceFile) -> None:
    """Send ``document.expiring`` to the supplier and the buyers that see the document."""
    submission = db.session.get(Submission, item.submission_id)
    emit(
        "document.expiring",
        {submission.supplier_id, *_readers(submission)},
        {
            "submission_id": submission.id,
            "document_id": item.id,
            "question_id": item.question_id,
            "valid_until": item.valid_until.isoformat() if item.valid_until else None,
        },
    )
