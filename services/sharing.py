"""Answer once, share with many: the supplier decides which of its buyers see a submission."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from extensions import db
from models import (
    AuditEntry,
    BuyerSupplier,
    Organisation,
    Submission,
    SubmissionShare,
    SubmissionStatus,
    User,
)
from policy import can_share
from services import audit, notifications, workflow
from services.errors import DomainError


@dataclass(frozen=True)
class ShareChoice:
    """One of the supplier's buyers, and whether it sees the submission."""

    buyer_id: int
    name: str
    shared: bool


def choices(submission: Submission) -> list[ShareChoice]:
    """Return the supplier's buyers, each marked when it sees *submission*."""
    shared = select(SubmissionShare.buyer_id).where(SubmissionShare.submission_id == submission.id)
    rows = db.session.execute(
        select(Organisation.id, Organisation.name, Organisation.id.in_(shared))
        .join(BuyerSupplier, BuyerSupplier.buyer_id == Organisation.id)
        .where(BuyerSupplier.supplier_id == submission.supplier_id)
        .order_by(Organisation.name)
    )
    return [ShareChoice(buyer_id, name, bool(is_shared)) for buyer_id, name, is_shared in rows]


def proposed_at_submit(submission: Submission) -> list[ShareChoice]:
    """Return the buyers to offer when a draft is first submitted, ticked by default.

    Answering a buyer's invitation means sharing with that buyer: until the supplier has
    decided anything about sharing this questionnaire, every buyer it is connected with (each
    connection comes from a buyer's invitation) is ticked; after that, its own choice stands.
    """
    options = choices(submission)
    decided = db.session.scalar(
        select(AuditEntry.id)
        .where(AuditEntry.submission_id == submission.id, AuditEntry.action == "submission.share")
        .limit(1)
    )
    if decided is not None:
        return options
    return [ShareChoice(c.buyer_id, c.name, True) for c in options]


def share(submission: Submission, user: User, buyer_ids: Iterable[int]) -> tuple[set, set]:
    """Let exactly *buyer_ids* (among the supplier's buyers) see *submission*; audit; commit.

    Buyers that gain sight of a submitted questionnaire are notified.

    :return: the buyer ids added and removed.
    :raises DomainError: when *user* does not decide for this submission, or a buyer is not
        one of the supplier's.
    """
    added, removed = apply(submission, user, buyer_ids)
    if added or removed:
        db.session.commit()
    return added, removed


def apply(submission: Submission, user: User, buyer_ids: Iterable[int]) -> tuple[set, set]:
    """Do what :func:`share` does, without committing (for a caller's own transaction)."""
    if not can_share(user, submission):
        raise DomainError(_("Only the supplier decides who sees its questionnaire."))
    options = {c.buyer_id: c for c in choices(submission)}
    wanted = set(buyer_ids)
    if wanted - set(options):
        raise DomainError(_("Choose among your buyers."))
    current = {c.buyer_id for c in options.values() if c.shared}
    added, removed = wanted - current, current - wanted
    for buyer_id in sorted(added):
        db.session.add(
            SubmissionShare(submission_id=submission.id, buyer_id=buyer_id, shared_by_id=user.id)
        )
    for buyer_id in sorted(removed):
        db.session.delete(db.session.get(SubmissionShare, (submission.id, buyer_id)))
    if not (added or removed):
        return added, removed
    audit.record(
        "submission.share",
        actor=user,
        organisation_id=submission.supplier_id,
        submission_id=submission.id,
        detail={
            "added": [options[b].name for b in sorted(added)],
            "removed": [options[b].name for b in sorted(removed)],
            "added_ids": sorted(added),
            "removed_ids": sorted(removed),
        },
    )
    if submission.status != SubmissionStatus.DRAFT:
        db.session.flush()
        for buyer_id in sorted(added):
            workflow.open_review(submission, buyer_id, user)
        submission.status = workflow.aggregate_status(submission)
    if added and submission.status != SubmissionStatus.DRAFT:
        notifications.notify(
            notifications.submission_audience(submission, added),
            "shared",
            submission_id=submission.id,
            supplier=submission.supplier.name,
        )
    return added, removed
