"""Administration: organisations and users."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from extensions import db
from forms.admin import KIND_LABELS, ROLE_LABELS, OrganisationForm, UserForm
from i18n import country_choices
from models import Organisation, OrganisationKind, Role, User
from permissions import roles_required
from services import accounts, organisations
from services.errors import DomainError

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _forms():
    orgs = db.session.scalars(select(Organisation).order_by(Organisation.name)).all()
    user_form = UserForm(prefix="user")
    user_form.organisation_id.choices = [(o.id, o.name) for o in orgs]
    org_form = OrganisationForm(prefix="org")
    org_form.country.choices = [("", "—"), *country_choices()]
    return orgs, user_form, org_form


@bp.route("/")
@roles_required(Role.ADMIN)
def home():
    """List organisations and users."""
    orgs, user_form, org_form = _forms()
    users = db.session.scalars(select(User).order_by(User.email)).all()
    return render_template(
        "admin/home.html",
        organisations=orgs,
        users=users,
        user_form=user_form,
        org_form=org_form,
        role_labels=ROLE_LABELS,
        kind_labels=KIND_LABELS,
    )


@bp.route("/users", methods=["POST"])
@roles_required(Role.ADMIN)
def create_user():
    """Create a user in an organisation."""
    _orgs, form, _org_form = _forms()
    if form.validate_on_submit():
        org = db.session.get(Organisation, form.organisation_id.data)
        try:
            accounts.create_user(
                email=form.email.data,
                name=form.name.data,
                role=Role(form.role.data),
                organisation=org,
                password=form.password.data or None,
                actor=current_user,
            )
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("User %(email)s created.", email=form.email.data), "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
    return redirect(url_for("admin.home"))


@bp.route("/organisations", methods=["POST"])
@roles_required(Role.ADMIN)
def create_organisation():
    """Create an organisation."""
    _orgs, _user_form, form = _forms()
    if form.validate_on_submit():
        organisations.create_organisation(
            name=form.name.data,
            kind=OrganisationKind(form.kind.data),
            country=form.country.data or None,
            actor=current_user,
        )
        flash(_("Organisation %(name)s created.", name=form.name.data), "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
    return redirect(url_for("admin.home"))
