"""The submission state machine: one explicit table of allowed transitions."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from labels import status_label
from models import Role, Submission, SubmissionStatus, User
from models.types import utcnow
from services import audit
from services.errors import DomainError

S = SubmissionStatus


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[SubmissionStatus]
    target: SubmissionStatus
    role: Role
    #: Whether the actor must give a reason.
    needs_reason: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("submit", frozenset({S.DRAFT}), S.SUBMITTED, Role.SUPPLIER),
        Transition("resubmit", frozenset({S.CHANGES_REQUESTED}), S.SUBMITTED, Role.SUPPLIER),
        Transition("start_review", frozenset({S.SUBMITTED}), S.IN_REVIEW, Role.REVIEWER),
        Transition(
            "request_changes",
            frozenset({S.SUBMITTED, S.IN_REVIEW}),
            S.CHANGES_REQUESTED,
            Role.REVIEWER,
            needs_reason=True,
        ),
        Transition(
            "approve", frozenset({S.SUBMITTED, S.IN_REVIEW}), S.APPROVED, Role.REVIEWER, True
        ),
        Transition(
            "reject", frozenset({S.SUBMITTED, S.IN_REVIEW}), S.REJECTED, Role.REVIEWER, True
        ),
    )
}

ACTION_LABELS = {
    "submit": _l("submit"),
    "resubmit": _l("resubmit"),
    "start_review": _l("start the review"),
    "request_changes": _l("request changes"),
    "approve": _l("approve"),
    "reject": _l("reject"),
}


def transition(
    submission: Submission, action: str, actor: User, reason: str | None = None
) -> SubmissionStatus:
    """Move *submission* by *action* and audit it in the current transaction.

    :raises DomainError: when the table does not allow it, with a message saying why.
    """
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise DomainError(_("Unknown action."))
    current = submission.status
    if current not in rule.sources:
        raise DomainError(
            _(
                "You cannot %(action)s a submission whose status is %(status)s.",
                status=status_label(current),
                action=ACTION_LABELS[action],
            )
        )
    if actor.role != rule.role:
        raise DomainError(
            _("Your role does not allow you to %(action)s.", action=ACTION_LABELS[action])
        )
    reason = (reason or "").strip() or None
    if rule.needs_reason and not reason:
        raise DomainError(_("Give a reason."))
    now = utcnow()
    submission.status = rule.target
    if rule.target == S.SUBMITTED:
        submission.submitted_at = now
        submission.submitted_by_id = actor.id
    if rule.target in {S.APPROVED, S.REJECTED, S.CHANGES_REQUESTED}:
        submission.decided_at = now
        submission.decided_by_id = actor.id
        submission.decision_reason = reason
    audit.record(
        "submission.transition",
        actor=actor,
        organisation_id=submission.supplier_id,
        submission_id=submission.id,
        from_state=current.value,
        to_state=rule.target.value,
        reason=reason,
        detail={"action": action, "round": submission.round},
    )
    if rule.target in {S.APPROVED, S.REJECTED}:
        from services import reports  # the report is part of the decision's transaction

        reports.store(submission)
    return rule.target
