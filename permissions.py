"""View helpers for access: role gates and load-or-404 loaders, on top of ``policy``.

The rule of the house: people see their own organisation's data and what was shared with it.
A record outside that is reported as missing (404), so ids cannot be probed.
"""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import select

from extensions import db
from models import (
    ConnectionRequest,
    CorrectiveAction,
    CorrectiveActionFile,
    Notification,
    Organisation,
    Review,
    Role,
    Submission,
    User,
)
from policy import (
    acts_on_corrective_action,
    can_answer_connections,
    can_edit_answers,
    can_hold_api_tokens,
    can_manage_members,
    can_manage_suppliers,
    can_read_working_copy,
    can_request_corrective_action,
    can_review,
    can_share,
    can_start_new_round,
    can_start_review,
    is_operator,
    visible_corrective_actions,
    visible_reviews,
    visible_submissions,
)

HOME_ENDPOINTS = {
    Role.SUPPLIER: "supplier.home",
    Role.REVIEWER: "reviewer.home",
    Role.BUYER: "buyer.home",
    Role.OPERATOR: "operator.home",
}


def home_endpoint(user: User) -> str:
    """Return the endpoint of *user*'s home page."""
    return HOME_ENDPOINTS[user.role]


def roles_required(*roles: Role):
    """Decorate a view so only signed-in users with one of *roles* reach it (others get 404)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(404)
            return view(*args, **kwargs)

        wrapped.allowed_roles = frozenset(roles)
        return wrapped

    return decorator


def submission_or_404(submission_id: int, user: User | None = None) -> Submission:
    """Load a submission *user* may see, or abort with 404 (never 403)."""
    user = user or current_user
    submission = db.session.scalar(
        select(Submission).where(Submission.id == submission_id, visible_submissions(user))
    )
    if submission is None:
        abort(404)
    return submission


def review_or_404(review_id: int, user: User | None = None) -> Review:
    """Load a buyer's review *user* may read, or abort with 404 (never 403)."""
    user = user or current_user
    found = db.session.scalar(select(Review).where(Review.id == review_id, visible_reviews(user)))
    if found is None:
        abort(404)
    return found


def corrective_action_or_404(action_id: int, user: User | None = None) -> CorrectiveAction:
    """Load a corrective action plan *user* may see, or abort with 404 (never 403)."""
    user = user or current_user
    found = db.session.scalar(
        select(CorrectiveAction).where(
            CorrectiveAction.id == action_id, visible_corrective_actions(user)
        )
    )
    if found is None:
        abort(404)
    return found


def corrective_action_file_or_404(
    file_id: int, user: User | None = None
) -> tuple[CorrectiveActionFile, CorrectiveAction]:
    """Load an evidence file of a corrective action plan *user* may see, and the plan, or 404."""
    item = db.session.get(CorrectiveActionFile, file_id)
    if item is None:
        abort(404)
    return item, corrective_action_or_404(item.action_id, user)


def notification_or_404(notification_id: int, user: User | None = None) -> Notification:
    """Load one of *user*'s notifications, or abort with 404."""
    user = user or current_user
    item = db.session.get(Notification, notification_id)
    if item is None or item.user_id != user.id:
        abort(404)
    return item


def admin_required(view):
    """Decorate a view so only the admins of the signed-in user's organisation reach it."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not can_manage_members(current_user, current_user.organisation):
            abort(404)
        return view(*args, **kwargs)

    return wrapped


def member_or_404(member_id: int, user: User | None = None) -> User:
    """Load a member of *user*'s organisation that *user* manages, or abort with 404."""
    user = user or current_user
    member = db.session.get(User, member_id)
    if member is None or member.organisation_id != user.organisation_id:
        abort(404)
    if not can_manage_members(user, member.organisation):
        abort(404)
    return member


def organisation_or_404(organisation_id: int, user: User | None = None) -> Organisation:
    """Load an organisation for the platform operator, or abort with 404."""
    user = user or current_user
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or not is_operator(user):
        abort(404)
    return organisation


def connection_request_or_404(request_id: int, user: User | None = None) -> ConnectionRequest:
    """Load a connection request addressed to *user*'s own supplier organisation, or 404."""
    user = user or current_user
    request = db.session.get(ConnectionRequest, request_id)
    if (
        request is None
        or not can_answer_connections(user)
        or request.supplier_id != user.organisation_id
    ):
        abort(404)
    return request


def init_app(app) -> None:
    """Expose the checks to templates."""
    app.jinja_env.globals.update(
        can_edit_answers=can_edit_answers,
        can_share=can_share,
        can_read_working_copy=can_read_working_copy,
        can_review=can_review,
        can_start_review=can_start_review,
        can_start_new_round=can_start_new_round,
        can_manage_suppliers=can_manage_suppliers,
        is_operator=is_operator,
        can_manage_members=can_manage_members,
        can_answer_connections=can_answer_connections,
        can_request_corrective_action=can_request_corrective_action,
        acts_on_corrective_action=acts_on_corrective_action,
        can_hold_api_tokens=can_hold_api_tokens,
        home_endpoint=home_endpoint,
    )
