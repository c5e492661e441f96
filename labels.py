"""Translated labels for enumerations shown in pages."""

from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l

import questionnaires as qn
from models import Action, Role, SubmissionStatus
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


def rating_label(rating: str | None) -> str:
    """Return the translated name of a risk rating."""
    return str(RATING_LABELS[rating]) if rating else ""


def audit_label(entry) -> str:
    """Return the translated name of what an audit entry records."""
    key = entry.action
    if key in ("submission.transition", "review.transition"):
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
        rating_label=rating_label,
        audit_label=audit_label,
        home_label=home_label,
        answer_text=qn.answer_text,
        listing_text=listing_text,
        reference_text=reference_text,
        reference_title=reference_title,
    )
