"""The reviewer's pages."""

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select

from extensions import db
from models import Role, Submission
from permissions import REVIEWABLE_STATES, roles_required, visible_submissions

bp = Blueprint("reviewer", __name__, url_prefix="/reviewer")


@bp.route("/")
@roles_required(Role.REVIEWER)
def home():
    """Show the queue of submissions waiting for review."""
    queue = db.session.scalars(
        select(Submission)
        .where(visible_submissions(current_user), Submission.status.in_(REVIEWABLE_STATES))
        .order_by(Submission.submitted_at)
    ).all()
    return render_template("reviewer/home.html", queue=queue)
