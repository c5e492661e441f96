"""Forms of an organisation's members page."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length

from bidi_controls import strip_bidi
from forms.operator import ROLE_LABELS
from forms.validators import ShortEnough
from models import Role


class MemberInviteForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), ShortEnough(max=254), Email()])
    name = StringField(
        _l("Name"), validators=[DataRequired(), Length(max=200)], filters=[strip_bidi]
    )
    #: Choices are the roles that fit the organisation's kind, set by the view.
    role = SelectField(_l("Role"), choices=[])
    admin = BooleanField(_l("Organisation admin"))
    submit = SubmitField(_l("Send invitation"))

    def set_roles(self, roles: tuple[Role, ...]) -> None:
        """Offer only *roles*."""
        self.role.choices = [(r.value, ROLE_LABELS[r]) for r in roles]


class ChoiceForm(FlaskForm):
    """A yes/no switch posted by a button (grant or revoke)."""

    value = SelectField(choices=[("1", "1"), ("0", "0")])
