"""The supplier chooses which of its buyers see a submission."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forms.sharing import ShareForm
from models import Role
from permissions import roles_required, submission_or_404
from services import sharing
from services.errors import DomainError

bp = Blueprint("sharing", __name__, url_prefix="/submissions")


@bp.route("/<int:submission_id>/shares", methods=["POST"])
@roles_required(Role.SUPPLIER)
def update(submission_id: int):
    """Share the submission with exactly the buyers ticked."""
    submission = submission_or_404(submission_id)
    form = ShareForm()
    form.buyers.choices = [(c.buyer_id, c.name) for c in sharing.choices(submission)]
    if not form.validate_on_submit():
        flash(_("Choose among your buyers."), "error")
    else:
        try:
            sharing.share(submission, current_user, form.buyers.data or [])
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Sharing saved."), "success")
    return redirect(url_for("submissions.overview", submission_id=submission.id) + "#sharing")
