"""A new round carries open plans forward and shows which findings recur; reminders cover
plans due within a week and overdue, once per window."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from extensions import db
from models import ActionStatus, AuditEntry, Notification, ReminderLog, Submission
from services import corrective_lists, reminders, renewal, review, submissions
from tests.workflow.conftest import REVIEWER, SUPPLIER, review_of, signed_in, submit_profile, user
from tests.workflow.corrective import TODAY, action, in_state, request_for, reviewed_draft


def test_a_new_round_carries_open_plans_forward_and_shows_recurring_findings(app, demo):
    first = submit_profile(app, SUPPLIER, "Lualaba Cobalt Processing SARL")
    still_open = request_for(app, first, "cw_migrants_unequal")
    closed = request_for(app, first, "cl_ilab_listed_source")
    with app.app_context():
        item = action(closed)
        item.status, item.closed_on = ActionStatus.VERIFIED_CLOSED, TODAY
        db.session.commit()
        review.decide(review_of(first), user(REVIEWER), "approve", "Approved with two plans.")
        copy = renewal.start_new_round(db.session.get(Submission, first), user(SUPPLIER))
        copy_id = copy.id
        assert action(still_open).current_submission_id == copy_id
        assert action(closed).current_submission_id == first
        carried = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "corrective_action.carried_forward")
        )
        assert (carried.submission_id, carried.detail["corrective_action_id"]) == (
            copy_id,
            still_open,
        )
        assert carried.detail["copied_from"] == first
        # The same answers submitted again: both findings fire again.
        submissions.submit(db.session.get(Submission, copy_id), user(SUPPLIER), TODAY)
        again = review_of(copy_id)
        recurring = corrective_lists.earlier_rounds(again)
        assert {r: [a.id for a in found] for r, found in recurring.items()} == {
            "cw_migrants_unequal": [still_open],
            "cl_ilab_listed_source": [closed],
        }
        assert corrective_lists.recurs(action(still_open)) is True
        assert corrective_lists.recurs(action(closed)) is False  # stays with the round it closed in
        assert [a.id for a in corrective_lists.of_review(again, TODAY)] == [still_open]
        rid = again.id
    page = signed_in(app, REVIEWER).get(f"/review/{rid}").get_data(as_text=True)
    assert page.count(">Recurs<") == 2
    assert f"Corrective action #{closed} was asked for this finding on questionnaire #{first}" in (
        page.replace("&#39;", "'")
    )
    plan_page = signed_in(app, SUPPLIER).get(f"/corrective-actions/{still_open}")
    assert "fires again in the latest round" in plan_page.get_data(as_text=True)


def _dated(app, submission_id, state, plan_due_days, due_days) -> int:
    action_id = in_state(app, submission_id, state)
    with app.app_context():
        item = action(action_id)
        item.plan_due_on = TODAY + timedelta(days=plan_due_days)
        item.due_on = TODAY + timedelta(days=due_days)
        db.session.commit()
    return action_id


def test_reminders_cover_plans_due_within_a_week_and_overdue_once_per_window(app, demo):
    submission_id = reviewed_draft(app)
    soon = _dated(app, submission_id, ActionStatus.REQUESTED, 3, 90)
    late = _dated(app, submission_id, ActionStatus.IN_PROGRESS, -20, -1)
    later = _dated(app, submission_id, ActionStatus.REQUESTED, 8, 90)
    waiting = _dated(app, submission_id, ActionStatus.EVIDENCE_SUBMITTED, -20, -1)
    closed = _dated(app, submission_id, ActionStatus.VERIFIED_CLOSED, -20, -1)
    with app.app_context():
        sent = [r for r in reminders.send(TODAY) if r.kind.startswith("cap_")]
        assert {(r.kind, r.params["cap_id"]) for r in sent} == {
            ("cap_due", soon),
            ("cap_overdue", late),
        }
        assert not {later, waiting, closed} & {r.params["cap_id"] for r in sent}
        notes = db.session.scalars(
            select(Notification).where(
                Notification.user_id == user(SUPPLIER).id, Notification.kind.like("cap_%")
            )
        ).all()
        assert {(n.kind, n.params["due"]) for n in notes} == {
            ("cap_due", (TODAY + timedelta(days=3)).isoformat()),
            ("cap_overdue", (TODAY - timedelta(days=1)).isoformat()),
        }
        assert [r for r in reminders.send(TODAY) if r.kind.startswith("cap_")] == []
        # A plan sent back is due again: a new window.
        item = action(soon)
        item.status = ActionStatus.PLAN_RETURNED
        db.session.commit()
        again = [r for r in reminders.send(TODAY) if r.kind.startswith("cap_")]
        assert [(r.kind, r.params["cap_id"]) for r in again] == [("cap_due", soon)]
        keys = db.session.scalars(select(ReminderLog.key).where(ReminderLog.key.like("cap:%")))
        assert len(set(keys)) == 3
