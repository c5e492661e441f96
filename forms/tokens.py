"""Forms of the API tokens page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, SubmitField, widgets
from wtforms.validators import DataRequired, Length

from bidi_controls import strip_bidi
from forms.operator import ROLE_LABELS
from models import Role
from services.tokens import LIFETIMES

#: What each scope lets a token do, as the page says it.
SCOPE_LABELS = {
    "suppliers:read": _l("Read your suppliers"),
    "suppliers:write": _l("Add and change suppliers, and invite them"),
    "questionnaires:read": _l("Read questionnaire definitions"),
    "submissions:read": _l("Read questionnaires, answers, risk results and reviews"),
    "submissions:write": _l("Start reviews, request changes, approve and reject"),
    "documents:read": _l("Read and download documents"),
    "reports:read": _l("Download PDF reports"),
    "webhooks:read": _l("Read webhooks and their delivery log"),
    "webhooks:write": _l("Register, remove and retry webhooks"),
}


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class TokenForm(FlaskForm):
    """A new token: personal, or (for admins) an integration token with its role."""

    name = StringField(
        _l("Name"), validators=[DataRequired(), Length(max=100)], filters=[strip_bidi]
    )
    kind = SelectField(
        _l("Kind"),
        choices=[("personal", _l("Personal (acts as you)")), ("integration", _l("Integration"))],
    )
    #: Integration tokens only; choices are the roles that fit the organisation's kind.
    role = SelectField(_l("Acts as"), choices=[], validate_choice=False)
    scopes = CheckboxesField(_l("Scopes"), choices=[])
    days = SelectField(
        _l("Expires after"),
        choices=[(str(d), _l("%(n)s days", n=d)) for d in LIFETIMES],
        default="90",
    )
    submit = SubmitField(_l("Create token"))

    def offer(self, roles: tuple[Role, ...], scopes: list[str], integration: bool) -> None:
        """Offer *roles* (for integration tokens) and *scopes*."""
        self.role.choices = [(r.value, ROLE_LABELS[r]) for r in roles]
        self.scopes.choices = [(s, f"{s} — {SCOPE_LABELS[s]}") for s in scopes]
        if not integration:
            self.kind.choices = [c for c in self.kind.choices if c[0] == "personal"]
