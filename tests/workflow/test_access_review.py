"""Every new route with an id answers 404 to people of other organisations."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from extensions import db
from models import Notification
from tests.workflow.conftest import (
    OTHER_BUYER,
    OTHER_REVIEWER,
    OTHER_SUPPLIER,
    PASSWORD,
    REVIEWER,
    SUPPLIER,
    review_id,
    signed_in,
    submit_for,
    user,
)

#: Endpoints taking a buyer's review id, with the methods they accept.
REVIEW_ROUTES = [
    ("GET", "/review/{rid}"),
    ("POST", "/review/{rid}/start"),
    ("POST", "/review/{rid}/comments"),
    ("POST", "/review/{rid}/findings"),
    ("POST", "/review/{rid}/not-applicable"),
    ("POST", "/review/{rid}/decision"),
    ("GET", "/reports/reviews/{rid}"),
]
#: Endpoints taking a submission id, with the methods they accept.
SUBMISSION_ROUTES = [
    ("POST", "/submissions/{id}/shares"),
    ("POST", "/submissions/{id}/new-round"),
    ("GET", "/submissions/{id}"),
    ("GET", "/submissions/{id}/version"),
    ("POST", "/submissions/{id}/version"),
]
STRANGERS = {
    "other supplier": (OTHER_SUPPLIER, None),
    "other buyer": (OTHER_BUYER, PASSWORD),
    "other buyer's reviewer": (OTHER_REVIEWER, PASSWORD),
}


def test_the_list_names_every_new_route_with_an_id(app):
    mine = {"review", "sharing", "notifications", "reports"}
    rules = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in mine and rule.arguments
    }
    listed = {
        path.replace("{id}", "<int:submission_id>").replace("{rid}", "<int:review_id>")
        for _m, path in SUBMISSION_ROUTES + REVIEW_ROUTES
    } | {"/reports/<int:submission_id>"}
    assert rules - {"/notifications/<int:notification_id>/open"} <= listed


@pytest.mark.parametrize("stranger", sorted(STRANGERS))
def test_strangers_get_404_for_every_route(app, second_buyer, stranger):
    submission_id = submit_for(app, SUPPLIER)  # shared with the demo buyer only
    email, password = STRANGERS[stranger]
    client = signed_in(app, email, password=password)
    data = {"action": "approve", "reason": "x", "body": "x", "rule_id": "x", "decision": "accepted",
            "justification": "x", "buyers": []}  # fmt: skip
    rid = review_id(app, submission_id)
    for method, path in SUBMISSION_ROUTES + REVIEW_ROUTES:
        url = path.format(id=submission_id, rid=rid)
        response = client.open(url, method=method, data=data)
        assert response.status_code == 404, (stranger, method, path)
    signed_in(app, REVIEWER).get(
        f"/review/{review_id(app, submission_id)}"
    )  # the right reviewer still can
    with app.app_context():
        notification = db.session.scalar(
            select(Notification).where(Notification.user_id == user(REVIEWER).id)
        )
        assert notification.read_at is None
    assert client.post(f"/notifications/{notification.id}/open").status_code == 404
    with app.app_context():
        assert db.session.get(Notification, notification.id).read_at is None
