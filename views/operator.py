"""The platform operator's pages: organisations, never what is inside them."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from extensions import db
from forms.operator import KIND_LABELS, ROLE_LABELS, ActionForm, OrganisationForm
from i18n import country_choices
from models import Organisation, OrganisationKind, Role
from permissions import organisation_or_404, roles_required
from policy import can_view_members
from services import members, organisations
from services.errors import DomainError
from views.invitations import flash_invitation

bp = Blueprint("operator", __name__, url_prefix="/operator")


def _form() -> OrganisationForm:
    form = OrganisationForm(prefix="org")
    form.country.choices = [("", "—"), *country_choices()]
    return form


@bp.route("/")
@roles_required(Role.OPERATOR)
def home():
    """List the organisations, with the form to create one."""
    return render_template(
        "operator/home.html",
        organisations=db.session.scalars(select(Organisation).order_by(Organisation.name)).all(),
        counts=organisations.member_counts(),
        form=_form(),
        action_form=ActionForm(),
        kind_labels=KIND_LABELS,
    )


@bp.route("/organisations", methods=["POST"])
@roles_required(Role.OPERATOR)
def create():
    """Create an organisation and invite its first admin."""
    form = _form()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(url_for("operator.home"))
    try:
        outcome = organisations.create_with_admin(
            current_user,
            name=form.name.data,
            kind=OrganisationKind(form.kind.data),
            country=form.country.data or None,
            admin_email=form.admin_email.data,
            admin_name=form.admin_name.data,
            admin_role=Role(form.admin_role.data),
        )
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Organisation %(name)s created.", name=form.name.data), "success")
        flash_invitation(outcome)
    return redirect(url_for("operator.home"))


def _suspend(organisation_id: int, suspended: bool, done: str):
    organisation = organisation_or_404(organisation_id)
    if ActionForm().validate_on_submit():
        try:
            organisations.set_suspended(current_user, organisation, suspended)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(done % {"name": organisation.name}, "success")
    return redirect(url_for("operator.home"))


@bp.route("/organisations/<int:organisation_id>/suspend", methods=["POST"])
@roles_required(Role.OPERATOR)
def suspend(organisation_id: int):
    """Suspend an organisation: none of its members can sign in."""
    return _suspend(organisation_id, True, _("%(name)s is suspended."))


@bp.route("/organisations/<int:organisation_id>/reactivate", methods=["POST"])
@roles_required(Role.OPERATOR)
def reactivate(organisation_id: int):
    """Reactivate a suspended organisation."""
    return _suspend(organisation_id, False, _("%(name)s is active again."))


@bp.route("/organisations/<int:organisation_id>/members")
@roles_required(Role.OPERATOR)
def organisation_members(organisation_id: int):
    """Read an organisation's member list, only while it grants support access."""
    organisation = organisation_or_404(organisation_id)
    if not can_view_members(current_user, organisation):
        abort(404)
    return render_template(
        "operator/members.html",
        organisation=organisation,
        members=members.members(organisation),
        role_labels=ROLE_LABELS,
    )
