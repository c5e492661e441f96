"""Accepting an invitation: set a password, or sign in and use the link."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from extensions import limiter
from forms.auth import PasswordForm
from forms.operator import ActionForm
from permissions import home_endpoint
from services import acceptance, accounts, invitations
from services.errors import DomainError

bp = Blueprint("invitations", __name__, url_prefix="/invitations")


def flash_invitation(outcome: invitations.Outcome) -> None:
    """Say that an invitation is on its way, the same whoever the address belongs to."""
    email = outcome.invitation.email
    if outcome.emailed:
        flash(_("The invitation to %(email)s is on its way.", email=email), "success")
    else:
        flash(
            _(
                "E-mail is not configured, so nothing was sent. Give %(email)s this link "
                "(valid once, for %(days)s days): %(link)s",
                email=email,
                days=invitations.VALID_DAYS,
                link=outcome.link,
            ),
            "info",
        )
        # shown once more in a box with a copy button on the next page
        session["invitation_link"] = {"email": email, "link": outcome.link}


@bp.route("/<token>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def accept(token: str):
    """Show the invitation: set a password, or (with an account) sign in and use it."""
    try:
        invitation = invitations.find(token)
    except DomainError as error:
        return render_template("invitations/accept.html", problem=error.message), 410
    if acceptance.has_account(invitation):
        return _use_with_account(token, invitation)
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            user = acceptance.accept(token, form.password.data)
        except DomainError as error:
            flash(error.message, "error")
        else:
            logout_user()
            session.clear()
            accounts.start_session(user, request.headers.get("User-Agent"))
            login_user(user)
            flash(_("Welcome. Your password is set and you are signed in."), "success")
            return redirect(url_for(home_endpoint(user)))
    return render_template("invitations/accept.html", invitation=invitation, form=form)


def _use_with_account(token: str, invitation):
    signed_in_as_invitee = current_user.is_authenticated and current_user.email == invitation.email
    form = ActionForm()
    if signed_in_as_invitee and form.validate_on_submit():
        try:
            acceptance.use_signed_in(token, current_user)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Done: the invitation is accepted."), "success")
            return redirect(url_for(home_endpoint(current_user)))
    return render_template(
        "invitations/accept.html",
        invitation=invitation,
        has_account=True,
        signed_in_as_invitee=signed_in_as_invitee,
        action_form=form,
        sign_in=url_for("auth.login", next=url_for("invitations.accept", token=token)),
    )
