"""A whole cycle through the API: a buyer records and invites a supplier, the supplier
answers in the browser pages, a reviewer approves through the API, a receiver on loopback
gets the signed events, and the buyer downloads the report."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from extensions import db
from models import Submission
from services import webhook_delivery
from tests.api.conftest import REVIEWER, SAKURA_ADMIN, bearer, issue
from tests.api.receiver import Receiver
from tests.factories import fill_submission

PASSWORD = "Copper-Kettle-Orchard-73"


@pytest.fixture
def app_config(app_config):
    app_config["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = True  # the receiver is on loopback
    return app_config


@pytest.fixture
def receiver():
    found = Receiver()
    yield found
    found.stop()


def test_invite_answer_approve_notify_and_download_through_the_api(app, demo, receiver):
    client = app.test_client()
    buyer = bearer(issue(app, SAKURA_ADMIN))
    hook = client.post(
        "/api/v1/webhooks",
        json={"url": receiver.url, "events": ["submission.submitted", "submission.approved"]},
        headers=buyer,
    )
    assert hook.status_code == 201, hook.get_json()
    secret = hook.get_json()["secret"]

    created = client.post(
        "/api/v1/suppliers",
        json={
            "external_id": "ERP-4711",
            "names": {"en": "Tanganyika Cobalt Ltd", "ja": "タンガニーカ・コバルト"},
            "country": "TZ",
            "identifiers": {"lei": "5493001KJTIIGC8Y1R12"},
            "invitation": {
                "email": "owner@tanganyika-cobalt.example",
                "contact_name": "Amani Mushi",
                "deadline": (date.today() + timedelta(days=30)).isoformat(),
            },
        },
        headers={**buyer, "Idempotency-Key": "create-tanganyika-1"},
    )
    assert created.status_code == 201, created.get_json()
    record = created.get_json()
    assert record["status"] == "invited"
    link = record["invitation"]["link"]

    # The supplier accepts in the browser and answers there.
    browser = app.test_client()
    path = re.sub(r"^https?://[^/]+", "", link)
    accepted = browser.post(path, data={"password": PASSWORD, "confirm": PASSWORD})
    assert accepted.status_code == 302
    started = browser.post("/submissions")
    submission_id = int(started.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    fill_submission(app, submission_id, "owner@tanganyika-cobalt.example")
    shared = browser.post(f"/submissions/{submission_id}/shares", data={"buyers": ["1"]})
    assert shared.status_code == 302
    assert browser.post(f"/submissions/{submission_id}/submit").status_code == 302
    with app.app_context():
        assert db.session.get(Submission, submission_id).status.value == "submitted"

    # The buyer's record now names the supplier's organisation.
    record = client.get(f"/api/v1/suppliers/{record['id']}", headers=buyer).get_json()
    assert record["status"] == "connected"
    assert record["external_id"] == "ERP-4711"

    # A reviewer of the auditor Sakura appointed finds it and approves through the API.
    reviewer = bearer(issue(app, REVIEWER))
    listing = client.get(
        f"/api/v1/submissions?supplier={record['organisation_id']}&status=submitted",
        headers=reviewer,
    ).get_json()
    assert [item["id"] for item in listing["items"]] == [submission_id]
    review_id = listing["items"][0]["reviews"][0]["id"]
    refused = client.post(
        f"/api/v1/reviews/{review_id}/transitions", json={"action": "approve"}, headers=reviewer
    )
    assert refused.status_code == 422  # a decision needs a reason, as on the review page
    assert refused.get_json()["detail"] == "Give a reason."
    approved = client.post(
        f"/api/v1/reviews/{review_id}/transitions",
        json={"action": "approve", "reason": "Evidence complete; no red flags."},
        headers=reviewer,
    )
    assert approved.status_code == 200, approved.get_json()
    assert approved.get_json()["status"] == "approved"

    # The receiver got both events, signed with the webhook's secret.
    assert receiver.events() == ["submission.submitted", "submission.approved"]
    for headers, body in receiver.received:
        assert webhook_delivery.verify(secret, headers["Assay-Signature"], body)
        assert not webhook_delivery.verify("whsec_wrong", headers["Assay-Signature"], body)
        event = json.loads(body)
        assert event["id"] == headers["Assay-Delivery"]
        assert event["data"]["submission_id"] == submission_id
    assert json.loads(receiver.received[1][1])["data"]["review_id"] == review_id

    # The buyer downloads the stored report of the decision, in Japanese.
    report = client.get(f"/api/v1/reviews/{review_id}/report?lang=ja", headers=buyer)
    assert report.status_code == 200
    assert report.mimetype == "application/pdf"
    assert report.data.startswith(b"%PDF")

    log = client.get(
        f"/api/v1/webhooks/{hook.get_json()['id']}/deliveries", headers=buyer
    ).get_json()
    assert [d["status"] for d in log["items"]] == ["delivered", "delivered"]
    assert all(d["log"][0]["status"] == 204 for d in log["items"])
