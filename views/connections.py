"""A supplier's answers to buyers' connection requests."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms.operator import ActionForm
from models import Role
from permissions import connection_request_or_404, roles_required
from services import connections
from services.errors import DomainError

bp = Blueprint("connections", __name__, url_prefix="/connections")


@bp.route("/")
@roles_required(Role.SUPPLIER)
def home():
    """List the buyers' requests to connect with the organisation, pending first."""
    return render_template(
        "connections/home.html",
        requests=connections.for_supplier(current_user.organisation_id),
        action_form=ActionForm(),
    )


def _answer(request_id: int, decide, done: str):
    request = connection_request_or_404(request_id)
    if ActionForm().validate_on_submit():
        try:
            decide(request, current_user)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(done % {"buyer": request.buyer.name}, "success")
    return redirect(url_for("connections.home"))


@bp.route("/<int:request_id>/accept", methods=["POST"])
@roles_required(Role.SUPPLIER)
def accept(request_id: int):
    """Accept a buyer's request: the buyer becomes one you can share questionnaires with."""
    return _answer(request_id, connections.accept, _("You are now connected with %(buyer)s."))


@bp.route("/<int:request_id>/decline", methods=["POST"])
@roles_required(Role.SUPPLIER)
def decline(request_id: int):
    """Decline a buyer's request."""
    return _answer(request_id, connections.decline, _("You declined the request of %(buyer)s."))
