"""The corrective action table: every allowed move audited with who, from, to and why; every
other move refused with a reason and nothing changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from extensions import db
from models import ActionStatus, AuditEntry, CorrectiveAction, Notification, PlanAction, Role
from services import corrective_actions
from services.corrective_actions import TRANSITIONS, Plan
from services.errors import ConflictError, DomainError
from tests.workflow.conftest import BUYER_USER, OTHER_REVIEWER, REVIEWER, SUPPLIER, user
from tests.workflow.corrective import PLAN, TODAY, action, in_state, reviewed_draft

S, A = ActionStatus, PlanAction
ACTOR = {Role.SUPPLIER: SUPPLIER, Role.REVIEWER: REVIEWER}
REFUSED = [
    (move, state) for move, rule in TRANSITIONS.items() for state in S if state not in rule.sources
]
ALLOWED = [(move, state) for move, rule in TRANSITIONS.items() for state in sorted(rule.sources)]


@pytest.fixture
def submitted(app, demo) -> int:
    """A questionnaire in the demo buyer's review (the plans need nothing more of it)."""
    return reviewed_draft(app)


def _apply(action_id: int, move: str, email: str, reason: str | None = "because"):
    item = action(action_id)
    return corrective_actions.transition(item, move, user(email), reason, plan=PLAN, note="Done.")


def _audit_count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def test_the_table_covers_the_loop_from_request_to_closure():
    assert {m: t.target for m, t in TRANSITIONS.items()} == {
        A.SUBMIT_PLAN: S.PLAN_SUBMITTED,
        A.RETURN_PLAN: S.PLAN_RETURNED,
        A.ACCEPT_PLAN: S.PLAN_ACCEPTED,
        A.START_WORK: S.IN_PROGRESS,
        A.SUBMIT_EVIDENCE: S.EVIDENCE_SUBMITTED,
        A.VERIFY_CLOSE: S.VERIFIED_CLOSED,
        A.REOPEN: S.REOPENED,
    }
    # Every state but the first is reached, and every state has a way on.
    assert {t.target for t in TRANSITIONS.values()} == set(S) - {S.REQUESTED}
    assert set().union(*(t.sources for t in TRANSITIONS.values())) == set(S)
    # The supplier plans and implements; the reviewers decide, always with a reason.
    for rule in TRANSITIONS.values():
        assert rule.needs_reason == (rule.role == Role.REVIEWER)
        assert all(s.supplier_turn for s in rule.sources) == (rule.role == Role.SUPPLIER)


@pytest.mark.parametrize(("move", "state"), REFUSED, ids=str)
def test_every_move_outside_the_table_is_refused(app, submitted, move, state):
    action_id = in_state(app, submitted, state, files=1)
    with app.app_context():
        before = _audit_count()
        with pytest.raises(DomainError) as refused:
            _apply(action_id, move, ACTOR[TRANSITIONS[move].role])
        db.session.rollback()
        assert "You cannot" in refused.value.message
        assert action(action_id).status == state
        assert _audit_count() == before


@pytest.mark.parametrize(("move", "state"), ALLOWED, ids=str)
def test_each_allowed_move_is_audited_and_told_to_the_other_side(app, submitted, move, state):
    action_id = in_state(app, submitted, state, files=1)
    rule = TRANSITIONS[move]
    with app.app_context():
        actor = user(ACTOR[rule.role])
        notified = db.session.scalar(select(func.count()).select_from(Notification))
        assert _apply(action_id, move, actor.email) == rule.target
        entry = db.session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
        item = action(action_id)
        assert item.status == rule.target
        if move in (A.VERIFY_CLOSE, A.REOPEN) and entry.action == "review.rerated":
            entry = db.session.get(AuditEntry, entry.id - 1)
        assert (entry.action, entry.actor_id, entry.submission_id) == (
            "corrective_action.transition",
            actor.id,
            submitted,
        )
        assert (entry.from_state, entry.to_state) == (state.value, rule.target.value)
        assert entry.detail["action"] == move
        assert entry.detail["corrective_action_id"] == action_id
        assert entry.detail["buyer_id"] == item.buyer_id
        assert entry.reason == "because"
        added = db.session.scalar(select(func.count()).select_from(Notification)) - notified
        assert (added > 0) == (rule.notice is not None)
        if rule.notice:
            readers = db.session.scalars(
                select(Notification).where(Notification.kind == rule.notice)
            ).all()
            roles = {db.session.get(type(actor), n.user_id).role for n in readers}
            assert actor.role not in roles
            assert all(n.params["cap_id"] == action_id for n in readers)


@pytest.mark.parametrize("move", sorted(TRANSITIONS), ids=str)
def test_the_wrong_side_is_refused(app, submitted, second_buyer, move):
    rule = TRANSITIONS[move]
    state = next(iter(rule.sources))
    action_id = in_state(app, submitted, state, files=1)
    wrong = [REVIEWER if rule.role == Role.SUPPLIER else SUPPLIER, BUYER_USER]
    if rule.role == Role.REVIEWER:
        wrong.append(OTHER_REVIEWER)  # a reviewer, but for another buyer
    with app.app_context():
        for email in wrong:
            with pytest.raises(DomainError, match="Your role does not allow"):
                _apply(action_id, move, email)
            db.session.rollback()
            assert action(action_id).status == state


@pytest.mark.parametrize("move", [m for m, t in TRANSITIONS.items() if t.needs_reason], ids=str)
def test_every_decision_needs_a_reason(app, submitted, move):
    state = next(iter(TRANSITIONS[move].sources))
    action_id = in_state(app, submitted, state, files=1)
    with app.app_context():
        with pytest.raises(DomainError, match="Give a reason"):
            _apply(action_id, move, REVIEWER, "  \u202e ")
        db.session.rollback()
        assert action(action_id).status == state


@pytest.mark.parametrize(
    "plan",
    [
        None,
        Plan("", "Fix.", "Check.", "Ann", TODAY),
        Plan("Why.", "Fix.", "Check.", "   ", TODAY),
        Plan("Why.", "Fix.", "Check.", "Ann", None),
        Plan("Why.", "Fix.", "Check.", "A" * 201, TODAY),
        Plan("Why.", "Fix.", "Check.", "Ann", TODAY + timedelta(days=365)),
        Plan("Why." * 2000, "Fix.", "Check.", "Ann", TODAY),
    ],
    ids=["none", "no root cause", "no person", "no start", "long name", "too late", "too long"],
)
def test_an_incomplete_plan_is_refused_and_nothing_is_kept(app, submitted, plan):
    action_id = in_state(app, submitted, S.REQUESTED)
    with app.app_context():
        item = action(action_id)
        with pytest.raises(DomainError):
            corrective_actions.transition(item, A.SUBMIT_PLAN, user(SUPPLIER), plan=plan)
        db.session.rollback()
        item = action(action_id)
        assert (item.status, item.root_cause, item.responsible_person) == (S.REQUESTED, None, None)


def test_a_plan_is_kept_as_written_without_bidi_controls(app, submitted):
    action_id = in_state(app, submitted, S.PLAN_RETURNED)
    plan = Plan(" Root\u202e cause ", "Fix.", "Check.", " 王 芳 ", TODAY)
    with app.app_context():
        corrective_actions.transition(action(action_id), A.SUBMIT_PLAN, user(SUPPLIER), plan=plan)
        item = action(action_id)
        assert (item.root_cause, item.responsible_person, item.start_on) == (
            "Root cause",
            "王 芳",
            TODAY,
        )


def test_evidence_cannot_be_submitted_without_a_file(app, submitted):
    action_id = in_state(app, submitted, S.IN_PROGRESS)
    with app.app_context():
        with pytest.raises(DomainError, match="Attach evidence"):
            _apply(action_id, A.SUBMIT_EVIDENCE, SUPPLIER)
        db.session.rollback()
        assert action(action_id).status == S.IN_PROGRESS


def test_verifying_sets_the_closure_date_and_reopening_clears_it(app, submitted):
    action_id = in_state(app, submitted, S.EVIDENCE_SUBMITTED, files=1)
    with app.app_context():
        _apply(action_id, A.VERIFY_CLOSE, REVIEWER, "Seen on site.")
        item = action(action_id)
        assert (item.closed_on, item.decision_reason) == (TODAY, "Seen on site.")
        assert item.decided_by_id == user(REVIEWER).id and not item.overdue(TODAY)
        _apply(action_id, A.REOPEN, REVIEWER, "The same practice was seen again.")
        item = action(action_id)
        assert item.closed_on is None and item.status == S.REOPENED


def test_an_unknown_move_is_refused(app, submitted):
    action_id = in_state(app, submitted, S.REQUESTED)
    with app.app_context(), pytest.raises(DomainError, match="Unknown action"):
        _apply(action_id, "approve", REVIEWER)


def test_a_decision_made_meanwhile_by_someone_else_wins_and_this_one_is_refused(app, submitted):
    action_id = in_state(app, submitted, S.PLAN_SUBMITTED)
    with app.app_context():
        item = action(action_id)
        # Someone else's decision lands between loading the plan and deciding on it.
        db.session.execute(
            update(CorrectiveAction)
            .where(CorrectiveAction.id == action_id)
            .values(version=CorrectiveAction.version + 1)
            .execution_options(synchronize_session=False)
        )
        with pytest.raises(ConflictError, match="at the same moment"):
            corrective_actions.transition(item, A.ACCEPT_PLAN, user(REVIEWER), "Fine.")
        assert action(action_id).status == S.PLAN_SUBMITTED


def test_overdue_is_computed_from_the_state_and_the_dates(app, submitted):
    action_id = in_state(app, submitted, S.REQUESTED)
    with app.app_context():
        item = action(action_id)
        plan_due, due = item.plan_due_on, item.due_on
        for state in S:
            item.status = state
            expected = {
                True: plan_due if state.plan_phase else due,
                False: None,
            }[state.open]
            assert item.next_due() == expected
            assert item.overdue(plan_due) is False
            assert item.overdue((expected or due) + timedelta(days=1)) == state.open
