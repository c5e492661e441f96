"""Forms of the platform operator's pages: organisations and their first admin."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional

from bidi_controls import strip_bidi
from forms.validators import ShortEnough
from models import OrganisationKind, Role

ROLE_LABELS = {
    Role.SUPPLIER: _l("Supplier"),
    Role.REVIEWER: _l("Reviewer"),
    Role.BUYER: _l("Buyer"),
    Role.OPERATOR: _l("Platform operator"),
}
KIND_LABELS = {
    OrganisationKind.SUPPLIER: _l("Supplier"),
    OrganisationKind.BUYER: _l("Buyer"),
    OrganisationKind.AUDITOR: _l("Auditor"),
    OrganisationKind.PLATFORM: _l("Platform"),
}
#: The kinds an operator creates (the platform's own organisation comes from the command line).
CREATABLE_KINDS = (OrganisationKind.SUPPLIER, OrganisationKind.BUYER, OrganisationKind.AUDITOR)


class OrganisationForm(FlaskForm):
    name = StringField(
        _l("Name"), validators=[DataRequired(), Length(max=200)], filters=[strip_bidi]
    )
    kind = SelectField(_l("Kind"), choices=[(k.value, KIND_LABELS[k]) for k in CREATABLE_KINDS])
    country = SelectField(_l("Country"), choices=[], validators=[Optional()])
    admin_email = EmailField(
        _l("First admin's e-mail"), validators=[DataRequired(), ShortEnough(max=254), Email()]
    )
    admin_name = StringField(
        _l("First admin's name"),
        validators=[DataRequired(), Length(max=200)],
        filters=[strip_bidi],
    )
    admin_role = SelectField(
        _l("First admin's role"),
        choices=[(r.value, ROLE_LABELS[r]) for r in (Role.SUPPLIER, Role.BUYER, Role.REVIEWER)],
    )
    submit = SubmitField(_l("Create organisation and invite its admin"))


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token is needed."""
