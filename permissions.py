"""Every access decision in one place, used by views and templates alike.

The rule of the house: people see their own organisation's data and what was shared with it.
A record outside that is reported as missing (404), so ids cannot be probed.
"""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import ColumnElement, exists, false, select, true

from extensions import db
from models import (
    AuditorAppointment,
    Notification,
    OrganisationKind,
    Role,
    Submission,
    SubmissionShare,
    SubmissionStatus,
    User,
)

#: States in which the supplier may change answers and evidence.
EDITABLE_STATES = frozenset({SubmissionStatus.DRAFT, SubmissionStatus.CHANGES_REQUESTED})
#: States in which a reviewer works on a submission.
REVIEWABLE_STATES = frozenset({SubmissionStatus.SUBMITTED, SubmissionStatus.IN_REVIEW})
#: Final states: nobody changes the submission any more; a new round starts a copy.
DECIDED_STATES = frozenset({SubmissionStatus.APPROVED, SubmissionStatus.REJECTED})

HOME_ENDPOINTS = {
    Role.SUPPLIER: "supplier.home",
    Role.REVIEWER: "reviewer.home",
    Role.BUYER: "buyer.home",
    Role.ADMIN: "admin.home",
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


def buyer_ids_served_by(user: User):
    """Select the buyer organisations whose shared submissions *user* may see as a reviewer."""
    org = user.organisation
    if org.kind == OrganisationKind.AUDITOR:
        return select(AuditorAppointment.buyer_id).where(AuditorAppointment.auditor_id == org.id)
    return select(org.id)


def visible_submissions(user: User) -> ColumnElement[bool]:
    """Return a WHERE clause limiting ``Submission`` rows to those *user* may see."""
    if user.role == Role.ADMIN:
        return true()
    if user.role == Role.SUPPLIER:
        return Submission.supplier_id == user.organisation_id
    if user.role == Role.BUYER:
        buyers = select(user.organisation_id)
    elif user.role == Role.REVIEWER:
        buyers = buyer_ids_served_by(user)
    else:
        return false()
    return exists().where(
        SubmissionShare.submission_id == Submission.id, SubmissionShare.buyer_id.in_(buyers)
    )


def submission_or_404(submission_id: int, user: User | None = None) -> Submission:
    """Load a submission *user* may see, or abort with 404 (never 403)."""
    user = user or current_user
    submission = db.session.scalar(
        select(Submission).where(Submission.id == submission_id, visible_submissions(user))
    )
    if submission is None:
        abort(404)
    return submission


def can_edit_answers(user: User, submission: Submission) -> bool:
    """Whether *user* may change the answers and evidence of *submission* now."""
    return (
        user.role == Role.SUPPLIER
        and submission.supplier_id == user.organisation_id
        and submission.status in EDITABLE_STATES
    )


def can_share(user: User, submission: Submission) -> bool:
    """Whether *user* decides which buyers see *submission*."""
    return user.role == Role.SUPPLIER and submission.supplier_id == user.organisation_id


def can_review(user: User, submission: Submission) -> bool:
    """Whether *user* may comment on, request changes to, approve or reject *submission*.

    The caller has already checked that *user* can see it.
    """
    return user.role == Role.REVIEWER and submission.status in REVIEWABLE_STATES


def can_read_review(user: User, submission: Submission) -> bool:
    """Whether *user* may open the review page of a submission they can see."""
    return user.role in {Role.REVIEWER, Role.BUYER, Role.ADMIN}


def can_start_new_round(user: User, submission: Submission) -> bool:
    """Whether *user* may start a new draft copied from *submission* (approved or rejected)."""
    return (
        user.role == Role.SUPPLIER
        and submission.supplier_id == user.organisation_id
        and submission.status in DECIDED_STATES
    )


def notification_or_404(notification_id: int, user: User | None = None) -> Notification:
    """Load one of *user*'s notifications, or abort with 404."""
    user = user or current_user
    item = db.session.get(Notification, notification_id)
    if item is None or item.user_id != user.id:
        abort(404)
    return item


def can_download_report(user: User, submission: Submission) -> bool:
    """Whether *user* may download the PDF report of a submission they can see."""
    return user.role in {Role.SUPPLIER, Role.REVIEWER, Role.BUYER, Role.ADMIN}


def can_manage_suppliers(user: User) -> bool:
    """Whether *user* invites suppliers and sets deadlines for its organisation."""
    return user.role == Role.BUYER


def can_administer(user: User) -> bool:
    """Whether *user* manages organisations and users."""
    return user.role == Role.ADMIN


def init_app(app) -> None:
    """Expose the checks to templates."""
    app.jinja_env.globals.update(
        can_edit_answers=can_edit_answers,
        can_share=can_share,
        can_review=can_review,
        can_read_review=can_read_review,
        can_start_new_round=can_start_new_round,
        can_download_report=can_download_report,
        can_manage_suppliers=can_manage_suppliers,
        can_administer=can_administer,
        home_endpoint=home_endpoint,
    )
