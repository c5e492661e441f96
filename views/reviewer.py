"""The reviewer's queue."""

from datetime import date

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forms.review import QueueFilterForm
from models import Role
from permissions import roles_required
from services import corrective_lists, queue

bp = Blueprint("reviewer", __name__, url_prefix="/reviewer")


def _filters() -> QueueFilterForm:
    """Return the filters from the query string (the defaults when they make no sense)."""
    choices = [("", _l("Any"))] + [(str(b.id), b.name) for b in queue.buyers(current_user)]
    form = QueueFilterForm(request.args)
    form.buyer.choices = choices
    if not form.validate():
        form = QueueFilterForm(formdata=None)
        form.buyer.choices = choices
    return form


@bp.route("/")
@roles_required(Role.REVIEWER)
def home():
    """Show the submissions to review, filtered by status, rating, buyer and due date, and the
    corrective actions awaiting a decision or overdue."""
    form = _filters()
    today = date.today()
    rows = queue.rows(
        current_user,
        today,
        status=form.status.data,
        rating=form.rating.data or None,
        buyer_id=int(form.buyer.data) if form.buyer.data else None,
        due_before=form.due_before.data,
        overdue=form.overdue.data == "1",
        sort=form.sort.data,
    )
    return render_template(
        "reviewer/home.html",
        rows=rows,
        form=form,
        today=today,
        actions=corrective_lists.for_reviewer(current_user, today),
    )
