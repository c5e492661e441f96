"""The transition table: every allowed move, and every other one refused with a reason."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, Role, Submission, SubmissionStatus
from services import workflow
from services.errors import DomainError
from tests.factories import start_submission
from tests.workflow.conftest import REVIEWER, SUPPLIER, user

ACTOR = {Role.SUPPLIER: SUPPLIER, Role.REVIEWER: REVIEWER}
REFUSED = [
    (action, state)
    for action, rule in workflow.TRANSITIONS.items()
    for state in SubmissionStatus
    if state not in rule.sources
]
ALLOWED = [
    (action, state)
    for action, rule in workflow.TRANSITIONS.items()
    for state in sorted(rule.sources)
]


def _in_state(app, state: SubmissionStatus) -> int:
    submission_id = start_submission(app, SUPPLIER)
    with app.app_context():
        db.session.get(Submission, submission_id).status = state
        db.session.commit()
    return submission_id


def _audit_count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def test_the_table_covers_the_review_cycle():
    targets = {a: t.target for a, t in workflow.TRANSITIONS.items()}
    assert targets == {
        "submit": SubmissionStatus.SUBMITTED,
        "resubmit": SubmissionStatus.SUBMITTED,
        "start_review": SubmissionStatus.IN_REVIEW,
        "request_changes": SubmissionStatus.CHANGES_REQUESTED,
        "approve": SubmissionStatus.APPROVED,
        "reject": SubmissionStatus.REJECTED,
    }
    decided = {SubmissionStatus.APPROVED, SubmissionStatus.REJECTED}
    assert all(not (t.sources & decided) for t in workflow.TRANSITIONS.values())


@pytest.mark.parametrize(("action", "state"), REFUSED, ids=lambda v: str(v))
def test_every_transition_outside_the_table_is_refused(app, demo, action, state):
    submission_id = _in_state(app, state)
    rule = workflow.TRANSITIONS[action]
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        before = _audit_count()
        with pytest.raises(DomainError) as refused:
            workflow.transition(submission, action, user(ACTOR[rule.role]), "a reason")
        db.session.rollback()
        assert "You cannot" in refused.value.message
        assert db.session.get(Submission, submission_id).status == state
        assert _audit_count() == before


@pytest.mark.parametrize(("action", "state"), ALLOWED, ids=lambda v: str(v))
def test_each_allowed_transition_is_audited_with_who_from_to_and_why(app, demo, action, state):
    submission_id = _in_state(app, state)
    rule = workflow.TRANSITIONS[action]
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        actor = user(ACTOR[rule.role])
        workflow.transition(submission, action, actor, "because")
        db.session.commit()
        entry = db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
        assert submission.status == rule.target
        assert (entry.action, entry.actor_id, entry.submission_id) == (
            "submission.transition",
            actor.id,
            submission_id,
        )
        assert (entry.from_state, entry.to_state) == (state.value, rule.target.value)
        assert entry.reason == "because"
        assert entry.detail["action"] == action


@pytest.mark.parametrize("action", sorted(workflow.TRANSITIONS))
def test_the_wrong_role_is_refused(app, demo, action):
    rule = workflow.TRANSITIONS[action]
    submission_id = _in_state(app, next(iter(rule.sources)))
    wrong = REVIEWER if rule.role == Role.SUPPLIER else SUPPLIER
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        with pytest.raises(DomainError, match="Your role does not allow"):
            workflow.transition(submission, action, user(wrong), "a reason")


@pytest.mark.parametrize("action", ["request_changes", "approve", "reject"])
def test_decisions_need_a_reason(app, demo, action):
    submission_id = _in_state(app, SubmissionStatus.IN_REVIEW)
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        with pytest.raises(DomainError, match="Give a reason"):
            workflow.transition(submission, action, user(REVIEWER), "   ")


def test_unknown_action_is_refused(app, demo):
    submission_id = _in_state(app, SubmissionStatus.SUBMITTED)
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        with pytest.raises(DomainError, match="Unknown action"):
            workflow.transition(submission, "publish", user(REVIEWER))
