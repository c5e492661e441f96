"""The transition table: every allowed move, and every other one refused with a reason."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from extensions import db
from models import AuditEntry, Review, Role, Submission, SubmissionShare, SubmissionStatus
from services import workflow
from services.errors import DomainError
from tests.factories import start_submission
from tests.workflow.conftest import REVIEWER, SUPPLIER, buyer_org, review_of, user

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


def _in_state(app, state: SubmissionStatus, action: str = "submit") -> int:
    """Return a submission whose subject of *action* is in *state*: the submission itself
    for the supplier's actions, the demo buyer's review of it for the reviewer's."""
    submission_id = start_submission(app, SUPPLIER)
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        if workflow.TRANSITIONS[action].role == Role.SUPPLIER:
            submission.status = state
        else:
            submission.status = SubmissionStatus.SUBMITTED
            buyer_id = buyer_org().id
            db.session.add(SubmissionShare(submission_id=submission_id, buyer_id=buyer_id))
            db.session.add(
                Review(submission_id=submission_id, buyer_id=buyer_id, status=state, round=1)
            )
        db.session.commit()
    return submission_id


def _apply(submission_id: int, action: str, actor, reason=None):
    """Run *action* on its subject through the workflow; return the subject."""
    if workflow.TRANSITIONS[action].role == Role.SUPPLIER:
        subject = db.session.get(Submission, submission_id)
        workflow.transition(subject, action, actor, reason)
    else:
        subject = review_of(submission_id)
        workflow.review_transition(subject, action, actor, reason)
    return subject


def _state(submission_id: int, action: str) -> SubmissionStatus:
    if workflow.TRANSITIONS[action].role == Role.SUPPLIER:
        return db.session.get(Submission, submission_id).status
    return review_of(submission_id).status


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
    submission_id = _in_state(app, state, action)
    rule = workflow.TRANSITIONS[action]
    with app.app_context():
        before = _audit_count()
        with pytest.raises(DomainError) as refused:
            _apply(submission_id, action, user(ACTOR[rule.role]), "a reason")
        db.session.rollback()
        assert "You cannot" in refused.value.message
        assert _state(submission_id, action) == state
        assert _audit_count() == before


@pytest.mark.parametrize(("action", "state"), ALLOWED, ids=lambda v: str(v))
def test_each_allowed_transition_is_audited_with_who_from_to_and_why(app, demo, action, state):
    submission_id = _in_state(app, state, action)
    rule = workflow.TRANSITIONS[action]
    with app.app_context():
        actor = user(ACTOR[rule.role])
        subject = _apply(submission_id, action, actor, "because")
        db.session.commit()
        entry = db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
        assert subject.status == rule.target
        kind = "submission.transition" if rule.role == Role.SUPPLIER else "review.transition"
        assert (entry.action, entry.actor_id, entry.submission_id) == (
            kind,
            actor.id,
            submission_id,
        )
        assert (entry.from_state, entry.to_state) == (state.value, rule.target.value)
        assert entry.reason == "because"
        assert entry.detail["action"] == action


@pytest.mark.parametrize("action", sorted(workflow.TRANSITIONS))
def test_the_wrong_role_is_refused(app, demo, action):
    rule = workflow.TRANSITIONS[action]
    submission_id = _in_state(app, next(iter(rule.sources)), action)
    wrong = REVIEWER if rule.role == Role.SUPPLIER else SUPPLIER
    with app.app_context(), pytest.raises(DomainError, match="Your role does not allow"):
        _apply(submission_id, action, user(wrong), "a reason")


@pytest.mark.parametrize("action", ["request_changes", "approve", "reject"])
def test_decisions_need_a_reason(app, demo, action):
    submission_id = _in_state(app, SubmissionStatus.IN_REVIEW, action)
    with app.app_context(), pytest.raises(DomainError, match="Give a reason"):
        _apply(submission_id, action, user(REVIEWER), "   ")


def test_unknown_action_is_refused(app, demo):
    submission_id = _in_state(app, SubmissionStatus.SUBMITTED, "approve")
    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        with pytest.raises(DomainError, match="Unknown action"):
            workflow.transition(submission, "publish", user(REVIEWER))
        # A reviewer's decision acts on a buyer's review, never on the submission itself.
        with pytest.raises(DomainError, match="Unknown action"):
            workflow.transition(submission, "approve", user(REVIEWER), "fine")
        with pytest.raises(DomainError, match="Unknown action"):
            workflow.review_transition(review_of(submission_id), "submit", user(SUPPLIER))
