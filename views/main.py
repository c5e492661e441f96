"""The entry point: send each user to their role's home page."""

from flask import Blueprint, current_app, redirect, send_from_directory, url_for
from flask_login import current_user, login_required

from permissions import home_endpoint

bp = Blueprint("main", __name__)


@bp.route("/")
@login_required
def index():
    """Redirect to the signed-in user's home page."""
    return redirect(url_for(home_endpoint(current_user)))


@bp.route("/favicon.ico")
def favicon():
    """Serve the icon browsers ask for at the root (pages also name the SVG one)."""
    return send_from_directory(
        current_app.static_folder, "favicon.ico", mimetype="image/vnd.microsoft.icon"
    )
