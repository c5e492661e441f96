"""Translated labels for enumerations shown in pages."""

from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l

import questionnaires as qn
from models import Action, ActionStatus, PlanAction, Role, SubmissionStatus, Verification
from reports.parts import listing, listing_line

STATUS_LABELS = {
    SubmissionStatus.DRAFT: _l("Draft"),
    SubmissionStatus.SUBMITTED: _l("Submitted"),
    SubmissionStatus.IN_REVIEW: _l("In review"),
    SubmissionStatus.CHANGES_REQUESTED: _l("Changes requested"),
    SubmissionStatus.APPROVED: _l("Approved"),
    SubmissionStatus.REJECTED: _l("Rejected"),
}
#: Where a corrective action plan stands.
ACTION_STATUS_LABELS = {
    ActionStatus.REQUESTED: _l("Plan requested"),
    ActionStatus.PLAN_SUBMITTED: _l("Plan submitted"),
    ActionStatus.PLAN_RETURNED: _l("Plan returned"),
    ActionStatus.PLAN_ACCEPTED: _l("Plan accepted"),
    ActionStatus.IN_PROGRESS: _l("In progress"),
    ActionStatus.EVIDENCE_SUBMITTED: _l("Evidence submitted"),
    ActionStatus.VERIFIED_CLOSED: _l("Verified and closed"),
    ActionStatus.REOPENED: _l("Reopened"),
}
VERIFICATION_LABELS = {
    Verification.DESK_REVIEW: _l("Desk review of the evidence"),
    Verification.FOLLOW_UP_AUDIT: _l("Follow-up audit"),
}
RATING_LABELS = {
    "low": _l("Low"),
    "medium": _l("Medium"),
    "high": _l("High"),
    "critical": _l("Critical"),
}

#: What an audit entry of a submission records, by action (transitions by workflow action).
AUDIT_LABELS = {
    "submission.create": _l("Questionnaire started"),
    "submission.share": _l("Sharing changed"),
    "answers.import": _l("Answers imported"),
    "risk.rescore": _l("Risk re-scored"),
    "evidence.add": _l("Document uploaded"),
    "evidence.remove": _l("Document removed"),
    "review.comment": _l("Comment added"),
    "finding.accepted": _l("Finding accepted"),
    "finding.dismissed": _l("Finding dismissed"),
    Action.SUBMIT: _l("Submitted"),
    Action.RESUBMIT: _l("Resubmitted"),
    Action.START_REVIEW: _l("Review started"),
    Action.REQUEST_CHANGES: _l("Changes requested"),
    Action.APPROVE: _l("Approved"),
    Action.REJECT: _l("Rejected"),
    "corrective_action.request": _l("Corrective action requested"),
    "corrective_action.comment": _l("Comment on a corrective action"),
    "corrective_action.evidence_add": _l("Evidence of a corrective action uploaded"),
    "corrective_action.evidence_remove": _l("Evidence of a corrective action removed"),
    "corrective_action.carried_forward": _l("Corrective action carried forward"),
    "review.rerated": _l("Reviewed rating changed"),
    PlanAction.SUBMIT_PLAN: _l("Corrective action plan submitted"),
    PlanAction.RETURN_PLAN: _l("Corrective action plan returned"),
    PlanAction.ACCEPT_PLAN: _l("Corrective action plan accepted"),
    PlanAction.START_WORK: _l("Corrective action started"),
    PlanAction.SUBMIT_EVIDENCE: _l("Evidence of a corrective action submitted"),
    PlanAction.VERIFY_CLOSE: _l("Corrective action verified and closed"),
    PlanAction.REOPEN: _l("Corrective action reopened"),
}


#: The name of each role's home page, as the navigation shows it.
HOME_LABELS = {
    Role.SUPPLIER: _l("My questionnaires"),
    Role.REVIEWER: _l("Review queue"),
    Role.BUYER: _l("My suppliers"),
    Role.OPERATOR: _l("Organisations"),
}


def home_label(user) -> str:
    """Return the translated name of *user*'s home page."""
    return str(HOME_LABELS[user.role])


def status_label(status) -> str:
    """Return the translated name of a submission status."""
    return str(STATUS_LABELS[SubmissionStatus(status)])


def action_status_label(status) -> str:
    """Return the translated name of where a corrective action plan stands."""
    return str(ACTION_STATUS_LABELS[ActionStatus(status)])


def state_label(state: str) -> str:
    """Return the translated name of a state an audit entry records (a submission's or a
    review's status, or a corrective action plan's)."""
    if state in ACTION_STATUS_LABELS:
        return action_status_label(state)
    return status_label(state)


def verification_label(method) -> str:
    """Return the translated name of how a corrective action is verified."""
    return str(VERIFICATION_LABELS[Verification(method)])


def rating_label(rating: str | None) -> str:
    """Return the translated name of a risk rating."""
    return str(RATING_LABELS[rating]) if rating else ""


def audit_label(entry) -> str:
    """Return the translated name of what an audit entry records."""
    key = entry.action
    if key in ("submission.transition", "review.transition", "corrective_action.transition"):
        key = (entry.detail or {}).get("action", key)
    label = AUDIT_LABELS.get(key)
    return str(label) if label is not None else entry.action


def listing_text(item) -> str:
    """Return the country data that fired a finding (``Finding.to_dict()["listings"]`` item)
    in the page's language: good — country — kind of labour — edition."""
    return listing_line(listing(item), str(get_locale()), gettext)


def init_app(app) -> None:
    """Expose the labels to templates."""
    app.jinja_env.globals.update(
        status_label=status_label,
        action_status_label=action_status_label,
        state_label=state_label,
        verification_label=verification_label,
        rating_label=rating_label,
        audit_label=audit_label,
        home_label=home_label,
        answer_text=qn.answer_text,
        listing_text=listing_text,
    )
