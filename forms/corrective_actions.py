"""Forms of corrective action plans: the request, the plan, decisions, messages, evidence and
a buyer's due-date terms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from bidi_controls import strip_bidi
from labels import RATING_LABELS, VERIFICATION_LABELS
from models import PlanAction
from services.corrective_actions import NAME_LENGTH
from services.corrective_lists import FILTERS
from services.corrective_terms import MAX_DAYS, MIN_DAYS, SEVERITIES
from services.workflow import MAX_TEXT

FILTER_LABELS = {
    "open": _l("Open"),
    "awaiting": _l("Awaiting a decision"),
    "overdue": _l("Overdue"),
    "closed": _l("Verified and closed"),
    "all": _l("All"),
}


def _text(label, required: bool = True) -> TextAreaField:
    checks = [DataRequired() if required else Optional(), Length(max=MAX_TEXT)]
    return TextAreaField(label, validators=checks, filters=[strip_bidi])


class RequestForm(FlaskForm):
    """A reviewer's request for a corrective action plan."""

    rule_id = HiddenField()
    comment_id = HiddenField()
    request = _text(_l("What the supplier should correct"))
    severity = SelectField(
        _l("Severity"),
        choices=[(s, RATING_LABELS[s]) for s in SEVERITIES],
        default="medium",
    )
    verification = RadioField(
        _l("How it will be verified"),
        choices=[(m.value, label) for m, label in VERIFICATION_LABELS.items()],
        default="desk_review",
        validators=[DataRequired()],
    )
    plan_due_on = DateField(_l("Plan due by"), validators=[DataRequired()])
    due_on = DateField(_l("Closure due by"), validators=[DataRequired()])


class PlanForm(FlaskForm):
    """The supplier's corrective action plan."""

    root_cause = _text(_l("Root cause"))
    corrective_action = _text(_l("Corrective action"))
    preventive_action = _text(_l("Preventive action"))
    responsible_person = StringField(
        _l("Person responsible"),
        validators=[DataRequired(), Length(max=NAME_LENGTH)],
        filters=[strip_bidi],
    )
    start_on = DateField(_l("Start date"), validators=[DataRequired()])


class EvidenceNoteForm(FlaskForm):
    """Sending the evidence for verification, with what was implemented."""

    note = _text(_l("What was implemented"), required=False)


class DecisionForm(FlaskForm):
    """A reviewer's decision on a plan or on its evidence, with a reason (the page offers the
    decisions the plan's state allows)."""

    action = RadioField(
        _l("Decision"),
        choices=[
            (PlanAction.ACCEPT_PLAN.value, _l("Accept the plan")),
            (PlanAction.RETURN_PLAN.value, _l("Return the plan")),
            (PlanAction.VERIFY_CLOSE.value, _l("Verify and close")),
            (PlanAction.REOPEN.value, _l("Reopen")),
        ],
        validators=[DataRequired()],
    )
    reason = _text(_l("Reason"))


class MessageForm(FlaskForm):
    body = _text(_l("Message"))


class ActionEvidenceForm(FlaskForm):
    """Upload one file as evidence that the action is implemented."""

    #: Flask-WTF's field takes only an uploaded file, never a plain text part named "file".
    file = FileField(_l("Document"), validators=[FileRequired()])


class ListFilterForm(FlaskForm):
    """The list's filters, read from the query string."""

    class Meta:
        csrf = False

    status = SelectField(
        _l("Show"), choices=[(f, FILTER_LABELS[f]) for f in FILTERS], default="open"
    )
    supplier = SelectField(_l("Supplier"), choices=[], default="")


def _days(label):
    return IntegerField(label, validators=[DataRequired(), NumberRange(MIN_DAYS, MAX_DAYS)])


class TermsForm(FlaskForm):
    """A buyer's days to plan and to close, for each severity."""

    plan_critical = _days(_l("Days to plan"))
    close_critical = _days(_l("Days to close"))
    plan_high = _days(_l("Days to plan"))
    close_high = _days(_l("Days to close"))
    plan_medium = _days(_l("Days to plan"))
    close_medium = _days(_l("Days to close"))
    plan_low = _days(_l("Days to plan"))
    close_low = _days(_l("Days to close"))

    def values(self) -> dict[str, tuple[int, int]]:
        """Return severity -> (plan days, close days)."""
        return {s: (self[f"plan_{s}"].data, self[f"close_{s}"].data) for s in SEVERITIES}
