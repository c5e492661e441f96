"""Access policy: every decision from the person, their organisation and the object.

Pure decisions and the WHERE clauses that go with them, used by services and views alike; no
request machinery here (``permissions`` holds the view helpers that load-or-404). The rule of
the house: people see their own organisation's data and what was shared with it.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, false, select

from extensions import db
from models import (
    AuditorAppointment,
    CorrectiveAction,
    Organisation,
    OrganisationKind,
    Review,
    Role,
    Submission,
    SubmissionShare,
    SubmissionStatus,
    User,
)
from models.submission import RELEASED_STATES


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


def can_edit_answers(user: User, submission: Submission) -> bool:
    """Whether *user* may change the answers and evidence of *submission* now."""
    return (
        user.role == Role.SUPPLIER
        and submission.supplier_id == user.organisation_id
        and submission.status.editable
    )


def can_move_version(user: User, submission: Submission) -> bool:
    """Whether *user* may move *submission* to another questionnaire version: a draft of
    their organisation (a questionnaire submitted once keeps its version)."""
    return (
        user.role == Role.SUPPLIER
        and submission.supplier_id == user.organisation_id
        and submission.status == SubmissionStatus.DRAFT
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


def visible_corrective_actions(user: User) -> ColumnElement[bool]:
    """Return a WHERE clause limiting ``CorrectiveAction`` rows to those *user* may see: the
    supplier's own, or those its buyer raised (for a reviewer, the buyers it serves); never
    another buyer's. A plan stays with the buyer that raised it even if sharing ends."""
    if user.role == Role.SUPPLIER:
        return CorrectiveAction.supplier_id == user.organisation_id
    buyers = _buyers_read_for(user)
    if buyers is None:
        return false()
    return CorrectiveAction.buyer_id.in_(buyers)


def can_request_corrective_action(user: User, review: Review) -> bool:
    """Whether *user* may ask the supplier for a corrective action plan in this buyer's
    review (the caller has already checked that *user* can read *review*)."""
    return user.role == Role.REVIEWER


def acts_on_corrective_action(user: User, action: CorrectiveAction) -> bool:
    """Whether *user* takes the steps of *action* for its side: the supplier's people plan
    and implement, the reviewers working for the buyer that raised it decide; buyers follow
    it."""
    if user.role == Role.SUPPLIER:
        return action.supplier_id == user.organisation_id
    return user.role == Role.REVIEWER and action.buyer_id in reader_buyer_ids(user)


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


def can_answer_connections(user: User) -> bool:
    """Whether *user* accepts or declines buyers' connection requests to its organisation."""
    return user.role == Role.SUPPLIER


#: The API's scopes and the roles whose work each one covers: a token is granted only scopes
#: of the role it acts with, and every request is still decided by the rules above.
API_SCOPES: dict[str, frozenset[Role]] = {
    "suppliers:read": frozenset({Role.BUYER}),
    "suppliers:write": frozenset({Role.BUYER}),
    "questionnaires:read": frozenset({Role.SUPPLIER, Role.REVIEWER, Role.BUYER}),
    "submissions:read": frozenset({Role.SUPPLIER, Role.REVIEWER, Role.BUYER}),
    "submissions:write": frozenset({Role.REVIEWER}),
    "documents:read": frozenset({Role.SUPPLIER, Role.REVIEWER, Role.BUYER}),
    "reports:read": frozenset({Role.SUPPLIER, Role.REVIEWER, Role.BUYER}),
    "webhooks:read": frozenset({Role.SUPPLIER, Role.REVIEWER, Role.BUYER}),
    "webhooks:write": frozenset({Role.SUPPLIER, Role.REVIEWER, Role.BUYER}),
}
#: Scopes only an organisation's admins (and the integration tokens they issue) hold:
#: a webhook sends the organisation's events wherever its URL points.
ADMIN_SCOPES = frozenset({"webhooks:read", "webhooks:write"})


def can_hold_api_tokens(user: User) -> bool:
    """Whether *user* may have personal API tokens (the operator works on no data)."""
    return user.role != Role.OPERATOR


def can_issue_integration_tokens(user: User) -> bool:
    """Whether *user* issues and revokes its organisation's integration tokens."""
    return can_manage_members(user, user.organisation)


def api_scopes_for(role: Role, admin: bool) -> list[str]:
    """Return the scopes a token acting with *role* may be granted (*admin*: issued by or for
    an organisation admin)."""
    return [
        scope
        for scope, roles in API_SCOPES.items()
        if role in roles and (admin or scope not in ADMIN_SCOPES)
    ]


def can_manage_webhooks(user: User) -> bool:
    """Whether *user* registers, reads and removes its organisation's webhooks."""
    return user.is_org_admin and user.role != Role.OPERATOR
