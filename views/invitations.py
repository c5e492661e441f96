"""Accepting an invitation: set a password and sign in."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from extensions import limiter
from forms.auth import PasswordForm
from permissions import home_endpoint
from services import accounts, invitations
from services.errors import DomainError

bp = Blueprint("invitations", __name__, url_prefix="/invitations")


@bp.route("/<token>", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def accept(token: str):
    """Show the invitation and let the invited person set a password."""
    try:
        invitation = invitations.find(token)
    except DomainError as error:
        return render_template("invitations/accept.html", problem=error.message), 410
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            user = invitations.accept(token, form.password.data)
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
