"""The supplier's pages."""

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select

from extensions import db
from models import Role, Submission
from permissions import roles_required

bp = Blueprint("supplier", __name__, url_prefix="/supplier")


@bp.route("/")
@roles_required(Role.SUPPLIER)
def home():
    """List the organisation's questionnaires with status."""
    submissions = db.session.scalars(
        select(Submission)
        .where(Submission.supplier_id == current_user.organisation_id)
        .order_by(Submission.created_at.desc())
    ).all()
    return render_template("supplier/home.html", submissions=submissions)
