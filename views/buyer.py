"""The buyer's pages: the portfolio, its exports, and inviting suppliers."""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from forms.buyer import InviteForm, PortfolioFilterForm
from forms.operator import ActionForm
from i18n import country_choices
from models import Role
from models.types import utcnow
from permissions import roles_required
from services import access_log, exports, invitation_follow_up, invitations, portfolio
from services.errors import DomainError
from views.invitations import flash_invitation

bp = Blueprint("buyer", __name__, url_prefix="/buyer")

#: Suppliers per portfolio page; the exports always hold every row.
PAGE_SIZE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _invite_form() -> InviteForm:
    form = InviteForm()
    form.country.choices = [("", "—"), *country_choices()]
    return form


def _filters(form: PortfolioFilterForm) -> dict:
    return {
        "status": form.status.data or None,
        "rating": form.rating.data or None,
        "overdue": form.overdue.data == "1",
        "search": form.q.data or None,
        "actions": form.actions.data or None,
    }


def _filter_form() -> PortfolioFilterForm:
    """Return the filters from the query string (none when they are unusable)."""
    form = PortfolioFilterForm(request.args)
    if not form.validate():
        form = PortfolioFilterForm(formdata=None)
    return form


def _rows() -> tuple[PortfolioFilterForm, list]:
    """Return the filters from the query string and the portfolio rows they select."""
    form = _filter_form()
    return form, portfolio.rows(current_user.organisation_id, date.today(), **_filters(form))


@bp.route("/")
@roles_required(Role.BUYER)
def home():
    """Show the portfolio: each supplier's latest shared submission, rating and deadline."""
    form = _filter_form()
    shown = portfolio.page(
        current_user.organisation_id,
        date.today(),
        request.args.get("page", default=1, type=int),
        PAGE_SIZE,
        **_filters(form),
    )
    filters = {key: value for key, value in request.args.items() if key != "page"}
    return render_template(
        "buyer/home.html",
        rows=shown.rows,
        total=shown.total,
        first=(shown.number - 1) * PAGE_SIZE + 1,
        page=shown.number,
        pages=shown.pages,
        form=form,
        invite_form=_invite_form(),
        invitations=invitation_follow_up.recent_for_buyer(current_user.organisation_id),
        new_link=session.pop("invitation_link", None),
        action_form=ActionForm(),
        now=utcnow(),
        query=filters,
    )


@bp.route("/portfolio.csv")
@roles_required(Role.BUYER)
def export_csv():
    """Download the portfolio table, as filtered, as CSV."""
    form, rows = _rows()
    data = exports.to_csv(rows, exports.details(current_user.organisation_id, rows))
    access_log.portfolio_exported(current_user, "csv", len(rows), _filters(form))
    return Response(
        data,
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=portfolio.csv"},
    )


@bp.route("/portfolio.xlsx")
@roles_required(Role.BUYER)
def export_xlsx():
    """Download the portfolio table, as filtered, as an Excel workbook."""
    form, rows = _rows()
    data = exports.to_xlsx(rows, exports.details(current_user.organisation_id, rows))
    access_log.portfolio_exported(current_user, "xlsx", len(rows), _filters(form))
    return Response(
        data,
        mimetype=XLSX,
        headers={"Content-Disposition": "attachment; filename=portfolio.xlsx"},
    )


@bp.route("/invitations", methods=["POST"])
@roles_required(Role.BUYER)
def invite():
    """Invite a supplier by e-mail with a deadline; the answer never tells who the address is."""
    form = _invite_form()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
        return redirect(url_for("buyer.home"))
    try:
        outcome = invitations.invite_supplier(
            current_user,
            email=form.email.data,
            organisation_name=form.organisation.data,
            contact_name=form.contact_name.data,
            country=form.country.data or None,
            deadline=form.deadline.data,
        )
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("buyer.home"))
    flash_invitation(outcome)
    return redirect(url_for("buyer.home"))


def _own_invitation_or_404(invitation_id: int):
    invitation = invitation_follow_up.buyer_invitation(current_user.organisation_id, invitation_id)
    if invitation is None:
        abort(404)
    return invitation


@bp.route("/invitations/<int:invitation_id>/resend", methods=["POST"])
@roles_required(Role.BUYER)
def resend_invitation(invitation_id: int):
    """Send an invitation again with a new link (the old link stops working)."""
    invitation = _own_invitation_or_404(invitation_id)
    if ActionForm().validate_on_submit():
        try:
            outcome = invitation_follow_up.resend(current_user, invitation)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash_invitation(outcome)
    return redirect(url_for("buyer.home") + "#invitations")


@bp.route("/invitations/<int:invitation_id>/revoke", methods=["POST"])
@roles_required(Role.BUYER)
def revoke_invitation(invitation_id: int):
    """Withdraw an invitation: its link stops working."""
    invitation = _own_invitation_or_404(invitation_id)
    if ActionForm().validate_on_submit():
        try:
            invitation_follow_up.revoke(current_user, invitation)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("The invitation to %(email)s is withdrawn.", email=invitation.email), "success")
    return redirect(url_for("buyer.home") + "#invitations")
