"""Settings → API tokens: create personal tokens (and, for admins, integration tokens), see
them, revoke them. A new token is shown once, on the page that created it."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forms.operator import ActionForm
from forms.tokens import SCOPE_LABELS, TokenForm
from models import Role, TokenKind
from models.types import utcnow
from policy import (
    API_SCOPES,
    api_scopes_for,
    can_hold_api_tokens,
    can_issue_integration_tokens,
)
from services import tokens
from services.errors import DomainError
from services.invitations import ROLES_BY_KIND

bp = Blueprint("tokens", __name__, url_prefix="/settings/tokens")


def _form() -> TokenForm:
    form = TokenForm()
    admin = can_issue_integration_tokens(current_user)
    roles = ROLES_BY_KIND[current_user.organisation.kind] if admin else ()
    usable = {current_user.role, *roles}
    offered = {s for role in usable for s in api_scopes_for(role, current_user.is_org_admin)}
    form.offer(roles, [s for s in API_SCOPES if s in offered], admin)
    return form


def _page(form: TokenForm, new_secret: str | None = None, status: int = 200):
    if not can_hold_api_tokens(current_user):
        abort(404)
    return render_template(
        "tokens/home.html",
        form=form,
        tokens=tokens.visible_to(current_user),
        new_secret=new_secret,
        action_form=ActionForm(),
        scope_labels=SCOPE_LABELS,
        admin=can_issue_integration_tokens(current_user),
        now=utcnow(),
    ), status


@bp.route("/", methods=["GET"])
@login_required
def home():
    """List the tokens the user sees and offer a new one."""
    return _page(_form())


@bp.route("/", methods=["POST"])
@login_required
def create():
    """Create a token and show it once."""
    form = _form()
    if not can_hold_api_tokens(current_user):
        abort(404)
    if not form.validate_on_submit():
        return _page(form, status=400)
    kind = TokenKind(form.kind.data)
    try:
        _row, secret = tokens.issue(
            current_user,
            name=form.name.data,
            scopes=form.scopes.data,
            days=int(form.days.data),
            kind=kind,
            role=Role(form.role.data) if kind == TokenKind.INTEGRATION else None,
        )
    except DomainError as error:
        flash(error.message, "error")
        return _page(form, status=400)
    flash(_("Token created. Copy it now: it is shown only this once."), "success")
    return _page(_form(), new_secret=secret)


@bp.route("/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id: int):
    """Revoke a token at once."""
    token = tokens.token_for(current_user, token_id)
    if token is None:
        abort(404)
    tokens.revoke(current_user, token)
    flash(_("Token revoked."), "success")
    return redirect(url_for("tokens.home"))
