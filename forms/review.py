"""Forms of the review pages and the reviewer's queue."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from labels import RATING_LABELS, STATUS_LABELS
from models import Action
from services.queue import ALL, OPEN, SORTS
from services.workflow import MAX_TEXT

SORT_LABELS = {
    "submitted": _l("Date submitted"),
    "due": _l("Due date"),
    "rating": _l("Rating, highest first"),
}


class CommentForm(FlaskForm):
    """A comment on one answer (or, without a question, on the whole questionnaire)."""

    question_id = HiddenField()
    body = TextAreaField(_l("Comment"), validators=[DataRequired(), Length(max=MAX_TEXT)])


class FindingDecisionForm(FlaskForm):
    rule_id = HiddenField(validators=[DataRequired()])
    decision = RadioField(
        _l("Decision"),
        choices=[("accepted", _l("Accept")), ("dismissed", _l("Dismiss"))],
        validators=[DataRequired()],
    )
    justification = TextAreaField(
        _l("Justification"), validators=[DataRequired(), Length(max=MAX_TEXT)]
    )


class NotApplicableDecisionForm(FlaskForm):
    """A reviewer's decision on the reason given for a "not applicable" answer."""

    question_id = HiddenField(validators=[DataRequired()])
    decision = RadioField(
        _l("Decision"),
        choices=[("accepted", _l("Accept the reason")), ("dismissed", _l("Do not accept"))],
        validators=[DataRequired()],
    )
    justification = TextAreaField(
        _l("Justification"), validators=[DataRequired(), Length(max=MAX_TEXT)]
    )


class DecisionForm(FlaskForm):
    action = RadioField(
        _l("Decision"),
        choices=[
            (Action.REQUEST_CHANGES.value, _l("Request changes")),
            (Action.APPROVE.value, _l("Approve")),
            (Action.REJECT.value, _l("Reject")),
        ],
        validators=[DataRequired()],
    )
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=MAX_TEXT)])


class QueueFilterForm(FlaskForm):
    """The queue's filters, read from the query string."""

    class Meta:
        csrf = False

    status = SelectField(
        _l("Status"),
        choices=[(OPEN, _l("Waiting for review")), (ALL, _l("All"))]
        + [(s.value, label) for s, label in STATUS_LABELS.items()],
        default=OPEN,
    )
    rating = SelectField(
        _l("Rating"), choices=[("", _l("Any"))] + list(RATING_LABELS.items()), default=""
    )
    buyer = SelectField(_l("Buyer"), choices=[], default="")
    due_before = DateField(_l("Due by"), validators=[Optional()])
    overdue = SelectField(
        _l("Overdue"), choices=[("", _l("Any")), ("1", _l("Overdue only"))], default=""
    )
    sort = SelectField(
        _l("Sort by"), choices=[(s, SORT_LABELS[s]) for s in SORTS], default=SORTS[0]
    )
