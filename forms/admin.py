"""Forms of the administration pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional

from forms.validators import ShortEnough
from models import OrganisationKind, Role

ROLE_LABELS = {
    Role.SUPPLIER: _l("Supplier"),
    Role.REVIEWER: _l("Reviewer"),
    Role.BUYER: _l("Buyer"),
    Role.ADMIN: _l("Administrator"),
}
KIND_LABELS = {
    OrganisationKind.SUPPLIER: _l("Supplier"),
    OrganisationKind.BUYER: _l("Buyer"),
    OrganisationKind.AUDITOR: _l("Auditor"),
}


class UserForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), ShortEnough(max=254), Email()])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Role"), choices=[(r.value, label) for r, label in ROLE_LABELS.items()])
    organisation_id = SelectField(_l("Organisation"), coerce=int, choices=[])
    password = PasswordField(_l("Initial password"), validators=[Optional(), Length(min=10)])
    submit = SubmitField(_l("Create user"))


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=[(k.value, lbl) for k, lbl in KIND_LABELS.items()])
    country = SelectField(_l("Country"), choices=[], validators=[Optional()])
    submit = SubmitField(_l("Create organisation"))
