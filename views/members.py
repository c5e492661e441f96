"""An organisation's members page, for that organisation's own admins."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms.members import ChoiceForm, MemberInviteForm
from forms.operator import ROLE_LABELS, ActionForm
from models import Role
from permissions import admin_required, member_or_404
from services import invitations, members
from services import password_reset as reset_links
from services.errors import DomainError
from views.invitations import flash_invitation

bp = Blueprint("members", __name__, url_prefix="/members")


def _invite_form() -> MemberInviteForm:
    form = MemberInviteForm(prefix="member")
    form.set_roles(invitations.ROLES_BY_KIND[current_user.organisation.kind])
    return form


def _flash_errors(form) -> None:
    for errors in form.errors.values():
        for message in errors:
            flash(message, "error")


@bp.route("/")
@admin_required
def home():
    """List the organisation's members and pending invitations; offer the admin's actions."""
    organisation = current_user.organisation
    return render_template(
        "members/home.html",
        organisation=organisation,
        members=members.members(organisation),
        pending=invitations.open_for_organisation(organisation.id),
        invite_form=_invite_form(),
        action_form=ActionForm(),
        role_labels=ROLE_LABELS,
    )


@bp.route("/invitations", methods=["POST"])
@admin_required
def invite():
    """Invite a colleague into the admin's own organisation."""
    form = _invite_form()
    if not form.validate_on_submit():
        _flash_errors(form)
        return redirect(url_for("members.home"))
    try:
        outcome = invitations.invite_member(
            current_user,
            current_user.organisation,
            email=form.email.data,
            name=form.name.data,
            role=Role(form.role.data),
            admin=form.admin.data,
        )
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash_invitation(outcome)
    return redirect(url_for("members.home"))


def _act(action, member_id: int, done: str):
    member = member_or_404(member_id)
    if ActionForm().validate_on_submit():
        try:
            action(current_user, member)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(done % {"name": member.name}, "success")
    return redirect(url_for("members.home"))


@bp.route("/<int:member_id>/admin", methods=["POST"])
@admin_required
def set_admin(member_id: int):
    """Grant or revoke a member's organisation admin rights."""
    member = member_or_404(member_id)
    form = ChoiceForm()
    if form.validate_on_submit():
        grant = form.value.data == "1"
        try:
            members.set_admin(current_user, member, grant)
        except DomainError as error:
            flash(error.message, "error")
        else:
            message = (
                _("%(name)s is now an admin.", name=member.name)
                if grant
                else _("%(name)s is no longer an admin.", name=member.name)
            )
            flash(message, "success")
    return redirect(url_for("members.home"))


@bp.route("/<int:member_id>/remove", methods=["POST"])
@admin_required
def remove(member_id: int):
    """Remove a member from the organisation (the account is disabled, never deleted)."""
    return _act(members.remove, member_id, _("%(name)s was removed."))


@bp.route("/<int:member_id>/disable", methods=["POST"])
@admin_required
def disable(member_id: int):
    """Disable a member's account and sign them out everywhere."""
    return _act(members.disable, member_id, _("%(name)s is disabled and signed out."))


@bp.route("/<int:member_id>/password-reset", methods=["POST"])
@admin_required
def password_reset(member_id: int):
    """Make a member choose a new password."""
    return _act(
        members.force_password_reset,
        member_id,
        _("%(name)s must choose a new password at the next sign-in."),
    )


@bp.route("/<int:member_id>/reset-link", methods=["POST"])
@admin_required
def reset_link(member_id: int):
    """Make a single-use link for a member to choose a new password (mailed when possible)."""
    member = member_or_404(member_id)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("members.home"))
    try:
        link, mailed = reset_links.issue_for_member(current_user, member)
    except DomainError as error:
        flash(error.message, "error")
    else:
        if mailed:
            flash(_("A reset link is on its way to %(email)s.", email=member.email), "success")
        else:
            flash(
                _(
                    "E-mail is not configured, so nothing was sent. Give %(name)s this link "
                    "(valid once, for %(minutes)s minutes): %(link)s",
                    name=member.name,
                    minutes=reset_links.VALID_MINUTES,
                    link=link,
                ),
                "info",
            )
    return redirect(url_for("members.home"))


@bp.route("/<int:member_id>/enable", methods=["POST"])
@admin_required
def enable(member_id: int):
    """Enable a disabled member again."""
    return _act(members.enable, member_id, _("%(name)s can sign in again."))


@bp.route("/support-access", methods=["POST"])
@admin_required
def support_access():
    """Let the platform operator read the member list, or stop it."""
    form = ChoiceForm()
    if form.validate_on_submit():
        granted = form.value.data == "1"
        members.set_support_access(current_user, granted)
        message = (
            _("The platform operator may now read your member list.")
            if granted
            else _("The platform operator can no longer read your member list.")
        )
        flash(message, "success")
    return redirect(url_for("members.home"))
