"""The buyer's pages."""

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select

from extensions import db
from models import BuyerSupplier, Organisation, Role
from permissions import roles_required

bp = Blueprint("buyer", __name__, url_prefix="/buyer")


@bp.route("/")
@roles_required(Role.BUYER)
def home():
    """List the buyer's suppliers."""
    rows = db.session.execute(
        select(BuyerSupplier, Organisation)
        .join(Organisation, Organisation.id == BuyerSupplier.supplier_id)
        .where(BuyerSupplier.buyer_id == current_user.organisation_id)
        .order_by(Organisation.name)
    ).all()
    return render_template("buyer/home.html", rows=rows)
