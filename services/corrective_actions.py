"""Corrective action plans: one explicit table of allowed transitions, and the verbs that move
a plan from a buyer's request to verified closure.

requested -> plan submitted -> plan accepted (or returned, then submitted again) -> in
progress -> evidence submitted -> verified closed (or reopened, then evidence again). Every
move is checked against :data:`TRANSITIONS`, audited in the same transaction and notified to
the other side; whether a plan is overdue is computed from its dates, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from extensions import db
from labels import action_status_label
from models import (
    ActionStatus,
    CorrectiveAction,
    CorrectiveActionFile,
    PlanAction,
    Role,
    User,
)
from models.types import utcnow
from policy import acts_on_corrective_action
from services import audit, findings, notifications
from services.errors import ConflictError, DomainError
from services.workflow import clean_text

S, A = ActionStatus, PlanAction


@dataclass(frozen=True)
class Transition:
    action: PlanAction
    sources: frozenset[ActionStatus]
    target: ActionStatus
    role: Role
    #: Whether the actor must give a reason (every reviewer decision does).
    needs_reason: bool = False
    #: The notification the other side gets, if any.
    notice: str | None = None


TRANSITIONS: dict[PlanAction, Transition] = {
    t.action: t
    for t in (
        Transition(
            A.SUBMIT_PLAN,
            frozenset({S.REQUESTED, S.PLAN_RETURNED}),
            S.PLAN_SUBMITTED,
            Role.SUPPLIER,
            notice="cap_plan_submitted",
        ),
        Transition(
            A.RETURN_PLAN,
            frozenset({S.PLAN_SUBMITTED}),
            S.PLAN_RETURNED,
            Role.REVIEWER,
            True,
            "cap_plan_returned",
        ),
        Transition(
            A.ACCEPT_PLAN,
            frozenset({S.PLAN_SUBMITTED}),
            S.PLAN_ACCEPTED,
            Role.REVIEWER,
            True,
            "cap_plan_accepted",
        ),
        Transition(A.START_WORK, frozenset({S.PLAN_ACCEPTED}), S.IN_PROGRESS, Role.SUPPLIER),
        Transition(
            A.SUBMIT_EVIDENCE,
            frozenset({S.IN_PROGRESS, S.REOPENED}),
            S.EVIDENCE_SUBMITTED,
            Role.SUPPLIER,
            notice="cap_evidence_submitted",
        ),
        Transition(
            A.VERIFY_CLOSE,
            frozenset({S.EVIDENCE_SUBMITTED}),
            S.VERIFIED_CLOSED,
            Role.REVIEWER,
            True,
            "cap_verified_closed",
        ),
        Transition(
            A.REOPEN,
            frozenset({S.EVIDENCE_SUBMITTED, S.VERIFIED_CLOSED}),
            S.REOPENED,
            Role.REVIEWER,
            True,
            "cap_reopened",
        ),
    )
}

ACTION_LABELS = {
    A.SUBMIT_PLAN: _l("submit the plan"),
    A.RETURN_PLAN: _l("return the plan"),
    A.ACCEPT_PLAN: _l("accept the plan"),
    A.START_WORK: _l("start the work"),
    A.SUBMIT_EVIDENCE: _l("submit the evidence"),
    A.VERIFY_CLOSE: _l("verify and close"),
    A.REOPEN: _l("reopen"),
}
#: Longest name of the person responsible.
NAME_LENGTH = 200


@dataclass(frozen=True)
class Plan:
    """What the supplier plans: why it happened, what is done about it and by whom."""

    root_cause: str
    corrective_action: str
    preventive_action: str
    responsible_person: str
    start_on: date | None


def available(action: CorrectiveAction, user: User) -> list[PlanAction]:
    """Return the moves *user* may make on *action* now (the table's, for their side)."""
    if not acts_on_corrective_action(user, action):
        return []
    return [
        t.action for t in TRANSITIONS.values() if t.role == user.role and action.status in t.sources
    ]


def _check(rule: Transition, action: CorrectiveAction, actor: User, reason: str | None):
    if action.status not in rule.sources:
        raise DomainError(
            _(
                "You cannot %(action)s of a corrective action whose status is %(status)s.",
                action=ACTION_LABELS[rule.action],
                status=action_status_label(action.status),
            )
        )
    if actor.role != rule.role or not acts_on_corrective_action(actor, action):
        raise DomainError(
            _("Your role does not allow you to %(action)s.", action=ACTION_LABELS[rule.action])
        )
    reason = clean_text(reason) or None
    if rule.needs_reason and not reason:
        raise DomainError(_("Give a reason."))
    return reason


def _check_plan(action: CorrectiveAction, plan: Plan | None) -> Plan:
    if plan is None:
        raise DomainError(_("Write the plan."))
    texts = [
        clean_text(plan.root_cause),
        clean_text(plan.corrective_action),
        clean_text(plan.preventive_action),
        clean_text(plan.responsible_person),
    ]
    if len(texts[3]) > NAME_LENGTH:
        raise DomainError(_("Write at most %(n)s characters.", n=NAME_LENGTH))
    if not all(texts) or plan.start_on is None:
        raise DomainError(
            _(
                "Give the root cause, the corrective action, the preventive action, the "
                "person responsible and the start date."
            )
        )
    if plan.start_on > action.due_on:
        raise DomainError(_("The work must start before closure is due."))
    return Plan(*texts, plan.start_on)


def files_count(action: CorrectiveAction) -> int:
    """Return how many evidence files *action* holds."""
    return db.session.scalar(
        select(func.count())
        .select_from(CorrectiveActionFile)
        .where(CorrectiveActionFile.action_id == action.id)
    )


def notify(action: CorrectiveAction, kind: str, actor: User, **params) -> None:
    """Tell the other side of *action* about it (the caller commits)."""
    if actor.role == Role.SUPPLIER:
        users = notifications.buyer_audience(action.buyer_id)
    else:
        users = notifications.organisation_users(action.supplier_id, Role.SUPPLIER)
    notifications.notify(
        [u for u in users if u.id != actor.id],
        kind,
        submission_id=action.current_submission_id,
        cap_id=action.id,
        buyer=action.buyer.name,
        supplier=action.supplier.name,
        title=(action.finding or {}).get("title") or {"en": action.request[:200]},
        **params,
    )


def transition(
    action: CorrectiveAction,
    move: str,
    actor: User,
    reason: str | None = None,
    *,
    plan: Plan | None = None,
    note: str | None = None,
    today: date | None = None,
) -> ActionStatus:
    """Move *action* by *move*, audit it and notify the other side; commit.

    A plan needs its root cause, corrective and preventive action, person responsible and
    start date; evidence needs at least one file; every reviewer decision needs a reason.
    Verifying or reopening a finding's plan re-rates the buyer's review through the rules.

    :raises DomainError: when the table, the role or what is given does not allow it, with a
        message saying why; nothing changes then.
    :raises ConflictError: when someone else moved the plan at the same moment.
    """
    rule = TRANSITIONS.get(move)
    if rule is None:
        raise DomainError(_("Unknown action."))
    reason = _check(rule, action, actor, reason)
    today = today or date.today()
    if rule.action == A.SUBMIT_PLAN:
        checked = _check_plan(action, plan)
        action.root_cause, action.corrective_action = checked.root_cause, checked.corrective_action
        action.preventive_action = checked.preventive_action
        action.responsible_person, action.start_on = checked.responsible_person, checked.start_on
    if rule.action == A.SUBMIT_EVIDENCE:
        if files_count(action) == 0:
            raise DomainError(_("Attach evidence that the action is implemented first."))
        action.implementation_note = clean_text(note) or None
    previous = action.status
    action.status = rule.target
    if rule.role == Role.REVIEWER:
        action.decision_reason, action.decided_at, action.decided_by_id = reason, utcnow(), actor.id
        action.closed_on = today if rule.target == S.VERIFIED_CLOSED else None
    flush_or_conflict()
    audit.record(
        "corrective_action.transition",
        actor=actor,
        organisation_id=action.supplier_id,
        submission_id=action.current_submission_id,
        from_state=previous.value,
        to_state=rule.target.value,
        reason=reason,
        detail={
            "action": rule.action.value,
            "corrective_action_id": action.id,
            "buyer_id": action.buyer_id,
            "rule_id": action.rule_id,
        },
    )
    if rule.action in (A.VERIFY_CLOSE, A.REOPEN):
        findings.rerate_remediated(action, actor)
    if rule.notice:
        notify(action, rule.notice, actor, reason=reason or "")
    db.session.commit()
    return rule.target


def flush_or_conflict() -> None:
    """Write the pending changes now, so that a plan someone else changed meanwhile is refused.

    :raises ConflictError: when the plan's version moved since it was loaded (rolled back).
    """
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        raise ConflictError(
            _("Someone else changed this corrective action at the same moment. Reload to see it.")
        ) from None
