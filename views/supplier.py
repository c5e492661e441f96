"""The supplier's pages."""

from datetime import date

from flask import Blueprint, render_template
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import select

from extensions import db
from models import Role, Submission
from permissions import roles_required
from services import corrective_lists, submissions

bp = Blueprint("supplier", __name__, url_prefix="/supplier")


@bp.route("/")
@roles_required(Role.SUPPLIER)
def home():
    """List the organisation's questionnaires with status and progress, and the corrective
    actions its buyers asked for that are still open."""
    items = db.session.scalars(
        select(Submission)
        .where(Submission.supplier_id == current_user.organisation_id)
        .order_by(Submission.created_at.desc())
    ).all()
    locale = str(get_locale())
    rows = []
    for item in items:
        progress = submissions.progress(item)  # the overview's own numbers, documents included
        done = sum(d for d, _t in progress.values())
        total = sum(t for _d, t in progress.values())
        rows.append((item, submissions.definition(item).title.get(locale), done, total))
    has_open = any(s.status.editable for s in items)
    today = date.today()
    return render_template(
        "supplier/home.html",
        rows=rows,
        has_open=has_open,
        actions=corrective_lists.visible(current_user, today, status="open"),
        today=today,
        locale=locale,
    )
