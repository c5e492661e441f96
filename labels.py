"""Translated labels for enumerations shown in pages."""

from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l

import questionnaires as qn
from models import Action, ActionStatus, PlanAction, Role, SubmissionStatus, Verification
from reports.parts import listing, listing_line
from services.questionnaires import catalogue

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
    "rmi.import": _l("EMRT / AMRT workbook imported"),
    "risk.rescore": _l("Risk re-scored"),
    "evidence.add": _l("Document uploaded"),
    "evidence.remove": _l("Document removed"),
    "review.comment": _l("Comment added"),
    "finding.accepted": _l("Finding accepted"),
    "finding.dismissed": _l("Finding dismissed"),
    "not_applicable.accepted": _l('"Not applicable" reason accepted'),
    "not_applicable.dismissed": _l('"Not applicable" reason not accepted'),
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


def reference_text(code: str) -> str:
    """Return a catalogue reference as a page names it: its code and, in the page's language,
    where in its source (e.g. "USJP-4.4 (第4条4)")."""
    entry = catalogue().entries.get(code)
    locator = entry.locator.get(str(get_locale())) if entry else ""
    if not locator:
        return code
    return gettext("%(reference)s (%(locator)s)", reference=code, locator=locator)


def reference_title(code: str) -> str:
    """Return the catalogue title of a reference in the page's language (its code if unknown)."""
    entry = catalogue().entries.get(code)
    return entry.title.get(str(get_locale())) if entry else code


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
        reference_text=reference_text,
        reference_title=reference_title,
        rmi_item_label=rmi_item_label,
        rmi_problem=rmi_problem,
        rmi_reason=rmi_reason,
        rmi_notes=RMI_NOTES,
    )


#: The parts of an RMI template an import names (company fields, questions, list columns).
RMI_ITEMS = {
    "company_name": _l("Company name"),
    "scope": _l("Declaration scope"),
    "scope_description": _l("Description of scope"),
    "company_unique_id": _l("Company unique ID"),
    "company_unique_id_authority": _l("Unique ID authority"),
    "address": _l("Address"),
    "contact_name": _l("Contact name"),
    "contact_email": _l("Contact e-mail"),
    "contact_phone": _l("Contact telephone"),
    "authorizer": _l("Authorizer"),
    "authorizer_title": _l("Authorizer's title"),
    "authorizer_email": _l("Authorizer's e-mail"),
    "authorizer_phone": _l("Authorizer's telephone"),
    "effective_date": _l("Effective date"),
    "other_mineral": _l("Name of the other mineral"),
    "q1": _l("Q1 intentionally added or used"),
    "q2": _l("Q2"),
    "q3": _l("Q3 sourced from conflict-affected and high-risk areas"),
    "q4": _l("Q4 all from recycled or scrap sources"),
    "q5": _l("Q5 relevant suppliers responded"),
    "q6": _l("Q6 all smelters and processors identified"),
    "q7": _l("Q7 all information received reported"),
    "c": _l("Company question C (validated processors, per mineral)"),
    "A": _l("Company question A (sourcing policy)"),
    "B": _l("Company question B (policy on your website)"),
    "D": _l("Company question D (due-diligence measures)"),
    "E": _l("Company question E (supply-chain survey)"),
    "F": _l("Company question F (review of supplier information)"),
    "G": _l("Company question G (corrective action management)"),
    "name": _l("Smelter name"),
    "country": _l("Country"),
    "lookup_name": _l("Smelter look-up"),
    "site_name": _l("Mine name"),
    "products": _l("Product List"),
    "smelters": _l("Smelter List row"),
    "mines": _l("Mine List row"),
}
#: Why a part of a workbook is not imported into an answer.
RMI_REASONS = {
    "kept_only": _l("No question asks this: kept with the import and written back into exports."),
    "no_question": _l("This version of the questionnaire has no such question."),
    "invalid": _l("Not a valid answer to the question."),
    "not_in_questionnaire": _l("%(mineral)s is not one of the questionnaire's minerals."),
    "wrong_template": _l("%(mineral)s does not belong in the %(kind)s."),
    "not_identified": _l('"Smelter not yet identified": there is no facility to record.'),
    "incomplete_row": _l("The row has no %(column)s, which the questionnaire requires."),
    "no_number": _l('"%(value)s" is a range, not a percentage.'),
    "did_not_survey": _l('"Did not survey" gives no response rate.'),
}
#: How a mapped value was derived, when it is not a plain copy.
RMI_NOTES = {
    "q6_q7": _l("From Q6 and Q7: both Yes gives Yes, one Yes gives Partly."),
    "lowest_rate": _l("The lowest response rate declared, at the lower end of its range."),
    "rate_means_survey": _l("A response rate means the suppliers were surveyed."),
    "did_not_survey": _l('"Did not survey" for every mineral.'),
    "minerals": _l("Minerals with Q1 = Yes; minerals the workbook does not declare stay."),
    "rows": _l(
        "Rows of the minerals the workbook declares replace the earlier ones. Check the "
        "assurance status: the workbook does not give it."
    ),
}


def rmi_item_label(key: str) -> str:
    """Return the translated name of a part of an RMI template ("q3", "contact_name"...)."""
    if key.endswith("_comment"):
        return gettext("Comment on %(item)s", item=rmi_item_label(key[: -len("_comment")]))
    label = RMI_ITEMS.get(key)
    return str(label) if label is not None else key


def rmi_problem(problem: dict) -> str:
    """Return the translated message of a problem found in a workbook."""
    from rmi import PROBLEM_MESSAGES

    params = dict(problem.get("params") or {})
    if "field" in params:
        params["field"] = rmi_item_label(params["field"])
    message = PROBLEM_MESSAGES[problem["code"]]
    return gettext(message, **params)


def rmi_reason(reason: str, params: dict) -> str:
    """Return the translated reason why a part of a workbook is not imported."""
    params = dict(params)
    if "column" in params:
        params["column"] = rmi_item_label(params["column"])
    return str(RMI_REASONS[reason]) % params
