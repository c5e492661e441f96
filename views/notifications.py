"""The signed-in user's notifications, and the unread count shown in the header."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from models import Role
from permissions import home_endpoint, notification_or_404
from policy import can_answer_connections
from services import notifications, review

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def target(item) -> str:
    """Return where a notification leads its reader."""
    if item.kind == "connection_requested" and can_answer_connections(current_user):
        return url_for("connections.home")
    if item.kind.startswith("cap_") and (item.params or {}).get("cap_id"):
        return url_for("corrective_actions.show", action_id=item.params["cap_id"])
    if item.submission_id is None:
        return url_for(home_endpoint(current_user))
    if current_user.role != Role.SUPPLIER:
        # A reviewer or buyer goes to its own buyer's review; an auditor serving several
        # buyers that see it picks one on the overview.
        reviews = review.readable_ids(item.submission_id, current_user)
        if len(reviews) == 1:
            return url_for("review.show", review_id=reviews[0])
    return url_for("submissions.overview", submission_id=item.submission_id)


@bp.app_context_processor
def unread():
    """Give every page the signed-in user's unread count."""
    if not current_user.is_authenticated:
        return {}
    return {"unread_notifications": notifications.unread_count(current_user)}


@bp.route("/")
@login_required
def home():
    """List the newest notifications."""
    return render_template(
        "notifications/home.html",
        items=notifications.recent(current_user),
        text=notifications.text,
        target=target,
    )


@bp.route("/<int:notification_id>/open", methods=["POST"])
@login_required
def open_(notification_id: int):
    """Mark one notification read and go to what it is about."""
    item = notification_or_404(notification_id)
    notifications.mark_read(current_user, item)
    return redirect(target(item))


@bp.route("/read", methods=["POST"])
@login_required
def read_all():
    """Mark every notification read."""
    notifications.mark_read(current_user)
    return redirect(url_for("notifications.home"))
