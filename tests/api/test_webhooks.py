"""Webhooks: the address check, the signature, delivery after commit, retries and the log."""

from __future__ import annotations

import json
import socket
from datetime import timedelta

import pytest
from sqlalchemy import select

from extensions import db
from models import DeliveryStatus, User, WebhookDelivery
from models.types import utcnow
from services import webhook_delivery, webhook_events, webhooks
from services.errors import DomainError
from tests.api.conftest import SAKURA_ADMIN, bearer, issue
from tests.api.receiver import Receiver

REFUSED = [
    "http://127.0.0.1/hook",
    "http://localhost:8080/hook",
    "http://10.1.2.3/hook",
    "http://172.16.0.1/hook",
    "http://192.168.1.10/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/hook",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[fd00::1]/hook",
    "http://0.0.0.0/hook",
    "http://224.0.0.1/hook",
    "ftp://93.184.215.14/hook",
    "http://user:secret@93.184.215.14/hook",
    "file:///etc/passwd",
    "http:///no-host",
]


def _fake_dns(mapping):
    def resolve(host, port, *args, **kwargs):
        if host not in mapping:
            raise socket.gaierror("unknown host")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (mapping[host], port))]

    return resolve


@pytest.mark.parametrize("url", REFUSED)
def test_only_public_http_addresses_are_allowed(app, url):
    with app.app_context(), pytest.raises(webhook_delivery.UnsafeAddress):
        webhook_delivery.check_url(url, allow_private=False)


def test_a_name_resolving_to_a_private_address_is_refused(app, monkeypatch):
    monkeypatch.setattr(
        webhook_delivery,
        "resolve",
        _fake_dns({"intranet.example": "10.0.0.7", "hooks.example": "93.184.215.14"}),
    )
    with app.app_context():
        with pytest.raises(webhook_delivery.UnsafeAddress):
            webhook_delivery.check_url("https://intranet.example/hook", allow_private=False)
        target = webhook_delivery.check_url("https://hooks.example:8443/in?x=1", False)
        # The request goes to the address checked, never to a second DNS answer.
        assert (target.address, target.port, target.path) == ("93.184.215.14", 8443, "/in?x=1")
        with pytest.raises(webhook_delivery.UnsafeAddress):
            webhook_delivery.check_url("https://nowhere.example/hook", allow_private=False)


def test_the_operator_may_allow_loopback(app):
    with app.app_context():
        target = webhook_delivery.check_url("http://127.0.0.1:9/x", allow_private=True)
        assert target.address == "127.0.0.1"


def test_signatures_are_timestamped_and_keyed():
    body = b'{"id":"1"}'
    header = webhook_delivery.signature("whsec_a", 1_700_000_000, body)
    assert header.startswith("t=1700000000,v1=")
    assert webhook_delivery.verify("whsec_a", header, body, now=1_700_000_100)
    assert not webhook_delivery.verify("whsec_b", header, body, now=1_700_000_100)
    assert not webhook_delivery.verify("whsec_a", header, body + b" ", now=1_700_000_100)
    # Replayed after the tolerance: refused.
    assert not webhook_delivery.verify("whsec_a", header, body, now=1_700_000_000 + 301)
    assert not webhook_delivery.verify("whsec_a", "garbage", body, now=1_700_000_000)


@pytest.fixture
def app_config(app_config):
    app_config["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = True
    app_config["WEBHOOK_MAX_ATTEMPTS"] = 3
    return app_config


@pytest.fixture
def receiver():
    found = Receiver()
    yield found
    found.stop()


def _hook(app, url: str, events=("submission.approved",)):
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.email == SAKURA_ADMIN))
        hook, secret = webhooks.create(admin, url=url, events=list(events))
        return hook.id, secret


def test_an_event_of_a_rolled_back_change_is_never_sent(app, demo, receiver):
    hook_id, _secret = _hook(app, receiver.url)
    with app.app_context():
        webhook_events.emit("submission.approved", {1}, {"submission_id": 1})
        db.session.rollback()
        webhooks.dispatch_committed(inline=True)
        assert db.session.scalar(select(WebhookDelivery.id)) is None
        webhook_events.emit("submission.approved", {1}, {"submission_id": 1})
        db.session.commit()
        assert receiver.received == []  # nothing goes out before the commit's dispatch
        webhooks.dispatch_committed(inline=True)
    assert receiver.events() == ["submission.approved"]


def test_failures_are_retried_with_a_growing_wait_then_failed_and_retried_on_request(
    app, demo, receiver
):
    receiver.status = 500
    hook_id, _secret = _hook(app, receiver.url)
    with app.app_context():
        webhook_events.emit("submission.approved", {1}, {"submission_id": 1})
        db.session.commit()
        webhooks.dispatch_committed(inline=True)
        item = db.session.scalar(select(WebhookDelivery))
        first = item.last_attempt_at
        assert (item.status, item.attempts, item.response_status) == ("pending", 1, 500)
        assert item.next_attempt_at - first == timedelta(seconds=30)
        assert webhooks.deliver_due() == 0  # not due yet
        assert webhooks.deliver_due(first + timedelta(seconds=31)) == 1
        item = db.session.get(WebhookDelivery, item.id)
        assert item.next_attempt_at - item.last_attempt_at == timedelta(minutes=2)
        assert webhooks.deliver_due(item.next_attempt_at) == 1
        item = db.session.get(WebhookDelivery, item.id)
        assert item.status == DeliveryStatus.FAILED and item.attempts == 3
        assert [entry["status"] for entry in item.log] == [500, 500, 500]
        delivery_id = item.id
    receiver.status = 200
    client = app.test_client()
    headers = bearer(issue(app, SAKURA_ADMIN))
    retried = client.post(
        f"/api/v1/webhooks/{hook_id}/deliveries/{delivery_id}/retry", headers=headers
    )
    assert retried.status_code == 200
    again = client.post(
        f"/api/v1/webhooks/{hook_id}/deliveries/{delivery_id}/retry", headers=headers
    )
    assert again.status_code == 422  # delivered now: nothing to retry
    log = client.get(f"/api/v1/webhooks/{hook_id}/deliveries", headers=headers).get_json()
    assert log["items"][0]["status"] == "delivered"
    assert [entry["status"] for entry in log["items"][0]["log"]] == [500, 500, 500, 200]
    assert len(receiver.received) == 4
    ids = {json.loads(body)["id"] for _headers, body in receiver.received}
    assert len(ids) == 1  # every attempt carries the same event id


def test_a_removed_webhook_receives_nothing_more(app, demo, receiver):
    hook_id, _secret = _hook(app, receiver.url)
    client = app.test_client()
    headers = bearer(issue(app, SAKURA_ADMIN))
    assert client.delete(f"/api/v1/webhooks/{hook_id}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/webhooks/{hook_id}", headers=headers).status_code == 404
    with app.app_context():
        assert webhook_events.emit("submission.approved", {1}, {"submission_id": 1}) == 0


def test_only_admins_manage_webhooks(app, demo):
    with app.app_context():
        buyer = db.session.scalar(select(User).where(User.email == "buyer@demo.assay.example"))
        with pytest.raises(DomainError):
            webhooks.create(buyer, url="http://127.0.0.1/x", events=["submission.approved"])


def test_a_finding_decision_reaches_that_buyer_only(app, demo_submissions, receiver):
    from models import Review
    from services import findings, risk

    sakura_hook, _ = _hook(app, receiver.url, ["finding.decided"])
    other = Receiver()
    try:
        with app.app_context():
            admin2 = db.session.scalar(
                select(User).where(User.email == "buyer2@demo.assay.example")
            )
            webhooks.create(admin2, url=other.url, events=["finding.decided"])
            review = db.session.scalar(
                select(Review).where(Review.buyer_id == 1, Review.status == "in_review")
            )
            reviewer = db.session.scalar(
                select(User).where(User.email == "reviewer@demo.assay.example")
            )
            rule_id = risk.current_result(review.submission).result["findings"][0]["rule_id"]
            findings.decide(review, reviewer, rule_id, "accepted", "Confirmed on site.")
            webhooks.dispatch_committed(inline=True)
        assert receiver.events() == ["finding.decided"]
        assert other.received == []
        data = json.loads(receiver.received[0][1])["data"]
        assert data["rule_id"] == rule_id and data["decision"] == "accepted"
    finally:
        other.stop()


def test_expiring_documents_are_sent_by_the_reminders(app, demo_submissions, receiver):
    from models import EvidenceFile
    from services import reminders

    _hook(app, receiver.url, ["document.expiring"])
    with app.app_context():
        item = db.session.scalar(select(EvidenceFile).where(EvidenceFile.valid_until.is_not(None)))
        if item is None:
            item = db.session.scalar(select(EvidenceFile))
            item.valid_until = utcnow().date() + timedelta(days=10)
            db.session.commit()
        today = item.valid_until - timedelta(days=10)
        reminders.send(today)
        webhooks.dispatch_committed(inline=True)
    assert "document.expiring" in receiver.events()
