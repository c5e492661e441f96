"""Every access decision in one place, used by views and templates alike.

The rule of the house: people see their own organisation's data and what was shared with it.
A record outside that is reported as missing (404), so ids cannot be probed.
"""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import ColumnElement, exists, false, select

from extensions import db
from models import (
    AuditorAppointment,
    ConnectionRequest,
    Notification,
    Organisation,
    OrganisationKind,
    Review,
    Role,
    Submission,
    SubmissionShare,
    User,
)
from models.submission import RELEASED_STATES

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


def buyer_ids_served_by(user: User):
    """Select the buyer organisations whose shared submissions *user* may see as a reviewer."""
    org = user.organisation
    if org.kind == OrganisationKind.AUDITOR:
        return select(AuditorAppointment.buyer_id).where(AuditorAppointment.auditor_id == org.id)
    return select(org.id)


def _buyers_read_for(user: User):
    """Select the buyers on whose behalf *user* reads shared submissions (its own buyer, or
    those its auditor organisation serves); ``None`` for people who read for no buyer."""
    if user.role == Role.BUYER:
        return select(user.organisation_id)
    if user.role == Role.REVIEWER:
        return buyer_ids_served_by(user)
    return None


def visible_submissions(user: User) -> ColumnElement[bool]:
    """Return a WHERE clause limiting ``Submission`` rows to those *user* may see."""
    if user.role == Role.SUPPLIER:
        return Submission.supplier_id == user.organisation_id
    buyers = _buyers_read_for(user)
    if buyers is None:
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
        and submission.status.editable
    )


def can_share(user: User, submission: Submission) -> bool:
    """Whether *user* decides which buyers see *submission*."""
    return user.role == Role.SUPPLIER and submission.supplier_id == user.organisation_id


def can_read_working_copy(user: User, submission: Submission) -> bool:
    """Whether *user* reads the supplier's working copy of the report (no buyer's review)."""
    return user.role == Role.SUPPLIER and submission.supplier_id == user.organisation_id


def visible_reviews(user: User) -> ColumnElement[bool]:
    """Return a WHERE clause limiting ``Review`` rows to the buyer reviews *user* works on or
    reads: its own buyer's, or those of the buyers that appointed its auditor organisation,
    and only while the submission is shared with that buyer. The supplier reads a buyer's
    review of its own submission once that buyer released it (changes requested or decided).
    Nobody else's."""
    if user.role == Role.SUPPLIER:
        return exists().where(
            Submission.id == Review.submission_id,
            Submission.supplier_id == user.organisation_id,
        ) & Review.status.in_(RELEASED_STATES)
    buyers = _buyers_read_for(user)
    if buyers is None:
        return false()
    return Review.buyer_id.in_(buyers) & exists().where(
        SubmissionShare.submission_id == Review.submission_id,
        SubmissionShare.buyer_id == Review.buyer_id,
    )


def reader_buyer_ids(user: User) -> set[int]:
    """Return the buyers whose reviews *user* reads (its own buyer, or those its auditor
    organisation serves); empty for everyone else."""
    buyers = _buyers_read_for(user)
    return set(db.session.scalars(buyers)) if buyers is not None else set()


def review_or_404(review_id: int, user: User | None = None) -> Review:
    """Load a buyer's review *user* may read, or abort with 404 (never 403)."""
    user = user or current_user
    found = db.session.scalar(select(Review).where(Review.id == review_id, visible_reviews(user)))
    if found is None:
        abort(404)
    return found


def can_review(user: User, review: Review) -> bool:
    """Whether *user* may comment on, request changes to, approve or reject for this buyer.

    The caller has already checked that *user* can read *review*.
    """
    return user.role == Role.REVIEWER and review.status.reviewable


def can_start_review(user: User, review: Review) -> bool:
    """Whether *user* may take a submitted questionnaire into this buyer's review."""
    return can_review(user, review) and review.status == review.status.SUBMITTED


def can_start_new_round(user: User, submission: Submission) -> bool:
    """Whether *user* may start a new draft copied from *submission* (approved or rejected)."""
    return (
        user.role == Role.SUPPLIER
        and submission.supplier_id == user.organisation_id
        and submission.status.decided
    )


def notification_or_404(notification_id: int, user: User | None = None) -> Notification:
    """Load one of *user*'s notifications, or abort with 404."""
    user = user or current_user
    item = db.session.get(Notification, notification_id)
    if item is None or item.user_id != user.id:
        abort(404)
    return item


def can_manage_suppliers(user: User) -> bool:
    """Whether *user* invites suppliers and sets deadlines for its organisation."""
    return user.role == Role.BUYER


def is_operator(user: User) -> bool:
    """Whether *user* operates the platform: organisations, never what is inside them."""
    return user.role == Role.OPERATOR


def can_manage_members(user: User, organisation: Organisation) -> bool:
    """Whether *user* manages *organisation*'s members: only its own admins do."""
    return (
        user.is_org_admin
        and user.role != Role.OPERATOR
        and user.organisation_id == organisation.id
        and organisation.kind != OrganisationKind.PLATFORM
    )


def can_view_members(user: User, organisation: Organisation) -> bool:
    """Whether *user* may read *organisation*'s member list.

    Its admins may; the platform operator only while the organisation grants support access.
    """
    if is_operator(user):
        return organisation.support_access and organisation.kind != OrganisationKind.PLATFORM
    return can_manage_members(user, organisation)


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


def can_answer_connections(user: User) -> bool:
    """Whether *user* accepts or declines buyers' connection requests to its organisation."""
    return user.role == Role.SUPPLIER


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
        home_endpoint=home_endpoint,
    )
