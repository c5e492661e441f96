"""Forms of the buyer's pages: inviting a supplier and filtering the portfolio."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional

from bidi_controls import strip_bidi
from forms.validators import ShortEnough
from labels import RATING_LABELS, STATUS_LABELS
from services.portfolio import NOTHING_SHARED


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), ShortEnough(max=254), Email()])
    organisation = StringField(
        _l("Supplier organisation"),
        validators=[DataRequired(), Length(max=200)],
        filters=[strip_bidi],
    )
    contact_name = StringField(
        _l("Contact name"), validators=[Optional(), Length(max=200)], filters=[strip_bidi]
    )
    country = SelectField(_l("Country"), choices=[], validators=[Optional()])
    deadline = DateField(_l("Deadline"), validators=[DataRequired()])
    submit = SubmitField(_l("Send invitation"))


class PortfolioFilterForm(FlaskForm):
    """The portfolio's filters, read from the query string."""

    class Meta:
        csrf = False

    q = StringField(_l("Supplier name"), validators=[Optional(), Length(max=200)])
    status = SelectField(
        _l("Status"),
        choices=[("", _l("Any")), (NOTHING_SHARED, _l("Nothing shared"))]
        + [(s.value, label) for s, label in STATUS_LABELS.items()],
        default="",
    )
    rating = SelectField(
        _l("Rating"), choices=[("", _l("Any"))] + list(RATING_LABELS.items()), default=""
    )
    overdue = SelectField(
        _l("Overdue"), choices=[("", _l("Any")), ("1", _l("Overdue only"))], default=""
    )
    actions = SelectField(
        _l("Corrective actions"),
        choices=[
            ("", _l("Any")),
            ("open", _l("With open plans")),
            ("overdue", _l("With overdue plans")),
            ("closed", _l("With closed plans")),
        ],
        default="",
    )
