"""Translated labels for enumerations shown in pages."""

from flask_babel import lazy_gettext as _l

from models import SubmissionStatus

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


def status_label(status) -> str:
    """Return the translated name of a submission status."""
    return str(STATUS_LABELS[SubmissionStatus(status)])


def rating_label(rating: str | None) -> str:
    """Return the translated name of a risk rating."""
    return str(RATING_LABELS[rating]) if rating else ""


def init_app(app) -> None:
    """Expose the labels to templates."""
    from services.display import answer_text

    app.jinja_env.globals.update(
        status_label=status_label, rating_label=rating_label, answer_text=answer_text
    )
