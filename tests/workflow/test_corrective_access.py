"""Corrective action plans seen from the attacker's side: another supplier, another buyer and
another buyer's reviewer get 404 on every route of a plan and see nothing of it anywhere."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from extensions import db
from models import ActionStatus, AuditEntry, CorrectiveActionFile, Submission
from services import audit, corrective_lists, sharing
from tests.workflow.conftest import (
    BUYER_USER,
    OTHER_BUYER,
    OTHER_REVIEWER,
    OTHER_SUPPLIER,
    PASSWORD,
    REVIEWER,
    SUPPLIER,
    buyer_org,
    review_id,
    signed_in,
    user,
)
from tests.workflow.corrective import TODAY, action, in_state, reviewed_draft

#: Every route of one plan, with the method it accepts ({id}: plan, {fid}: its file).
ACTION_ROUTES = [
    ("GET", "/corrective-actions/{id}"),
    ("POST", "/corrective-actions/{id}/plan"),
    ("POST", "/corrective-actions/{id}/start"),
    ("POST", "/corrective-actions/{id}/submit-evidence"),
    ("POST", "/corrective-actions/{id}/decision"),
    ("POST", "/corrective-actions/{id}/messages"),
    ("POST", "/corrective-actions/{id}/files"),
    ("GET", "/corrective-actions/files/{fid}"),
    ("POST", "/corrective-actions/files/{fid}/delete"),
]
STRANGERS = {
    "other supplier": (OTHER_SUPPLIER, None),
    "other buyer": (OTHER_BUYER, PASSWORD),
    "other buyer's reviewer": (OTHER_REVIEWER, PASSWORD),
}
FORM = {
    "action": "accept_plan",
    "reason": "x",
    "body": "x",
    "note": "x",
    "root_cause": "x",
    "corrective_action": "x",
    "preventive_action": "x",
    "responsible_person": "x",
    "start_on": TODAY.isoformat(),
}


@pytest.fixture
def plan(app, demo, second_buyer) -> tuple[int, int, int]:
    """A plan of the demo buyer with an evidence file, on a questionnaire also shared with
    the second buyer: (submission, plan, file)."""
    submission_id = reviewed_draft(app)
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        sharing.share(submission, user(SUPPLIER), [buyer_org().id, second_buyer])
    action_id = in_state(app, submission_id, ActionStatus.IN_PROGRESS, files=1)
    with app.app_context():
        file_id = db.session.scalar(
            select(CorrectiveActionFile.id).where(CorrectiveActionFile.action_id == action_id)
        )
    return submission_id, action_id, file_id


def test_the_list_names_every_route_of_a_plan(app):
    rules = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("corrective_actions.") and rule.arguments
    }
    listed = {
        path.replace("{id}", "<int:action_id>").replace("{fid}", "<int:file_id>")
        for _method, path in ACTION_ROUTES
    }
    assert rules == listed | {"/corrective-actions/request/<int:review_id>"}


@pytest.mark.parametrize("stranger", sorted(STRANGERS))
def test_strangers_get_404_for_every_route_and_change_nothing(app, plan, stranger):
    submission_id, action_id, file_id = plan
    email, password = STRANGERS[stranger]
    client = signed_in(app, email, password=password)
    with app.app_context():
        before = db.session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    for method, path in ACTION_ROUTES:
        url = path.format(id=action_id, fid=file_id)
        data = dict(FORM, file=(io.BytesIO(b"%PDF-1.4 x"), "x.pdf")) if "files" in url else FORM
        response = client.open(url, method=method, data=data)
        assert response.status_code == 404, (stranger, method, path)
    # Nor may they ask for a plan in the demo buyer's review.
    rid = review_id(app, submission_id)
    assert client.get(f"/corrective-actions/request/{rid}").status_code == 404
    assert client.post(f"/corrective-actions/request/{rid}", data=FORM).status_code == 404
    listing = client.get("/corrective-actions/?status=all").get_data(as_text=True)
    assert f"/corrective-actions/{action_id}" not in listing
    with app.app_context():
        assert action(action_id).status == ActionStatus.IN_PROGRESS
        after = db.session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
        # Sign-in is logged; nothing about the plan, no access event for its file.
        for entry in db.session.scalars(select(AuditEntry).where(AuditEntry.id > before)):
            assert "corrective_action_id" not in (entry.detail or {}), entry.action
        assert after >= before


def test_the_buyer_that_raised_it_and_its_reviewers_and_the_supplier_see_it(app, plan):
    _submission_id, action_id, file_id = plan
    for email in (SUPPLIER, REVIEWER, BUYER_USER):
        client = signed_in(app, email)
        assert client.get(f"/corrective-actions/{action_id}").status_code == 200, email
        assert client.get(f"/corrective-actions/files/{file_id}").status_code == 200, email
        listing = client.get("/corrective-actions/?status=all").get_data(as_text=True)
        assert f"/corrective-actions/{action_id}" in listing, email


def test_each_buyer_sees_only_its_own_plans_and_the_supplier_sees_both(app, plan, second_buyer):
    submission_id, mine, _file = plan
    theirs = in_state(app, submission_id, ActionStatus.REQUESTED, buyer_id=second_buyer)
    with app.app_context():
        seen = {
            email: {a.id for a in corrective_lists.visible(user(email), TODAY, status="all")}
            for email in (SUPPLIER, REVIEWER, BUYER_USER, OTHER_BUYER, OTHER_REVIEWER)
        }
    assert seen[SUPPLIER] == {mine, theirs}
    assert seen[REVIEWER] == seen[BUYER_USER] == {mine}
    assert seen[OTHER_BUYER] == seen[OTHER_REVIEWER] == {theirs}
    assert signed_in(app, REVIEWER).get(f"/corrective-actions/{theirs}").status_code == 404
    client = signed_in(app, OTHER_REVIEWER, password=PASSWORD)
    assert client.get(f"/corrective-actions/{mine}").status_code == 404


def test_another_buyers_plan_history_never_reaches_this_buyer(app, plan, second_buyer):
    submission_id, action_id, _file = plan
    client = signed_in(app, SUPPLIER)
    client.post(f"/corrective-actions/{action_id}/messages", data={"body": "On it."})
    with app.app_context():
        entries = audit.history(submission_id, {buyer_org().id})
        assert any(e.detail.get("corrective_action_id") == action_id for e, _n in entries)
        theirs = audit.history(submission_id, {second_buyer})
        assert not any(e.detail.get("corrective_action_id") for e, _n in theirs)
        # The supplier follows its plans in its questionnaire's history.
        supplier_side = audit.history(submission_id, None)
        assert any(e.action == "corrective_action.comment" for e, _n in supplier_side)
