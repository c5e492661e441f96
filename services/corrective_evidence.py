"""Evidence that a corrective action is implemented, kept in the evidence store.

The files are checked as questionnaire evidence is (``services.evidence``: type from the
content, size, archive bounds) and their contents stored once per SHA-256 beside it.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from extensions import db
from models import CorrectiveAction, CorrectiveActionFile, Role, User
from policy import acts_on_corrective_action
from services import audit, evidence
from services.corrective_actions import files_count
from services.errors import DomainError

#: Most files one plan may hold.
MAX_FILES = 20


def _check(action: CorrectiveAction, user: User) -> None:
    if not (
        user.role == Role.SUPPLIER
        and acts_on_corrective_action(user, action)
        and action.status.takes_evidence
    ):
        raise DomainError(_("Evidence is added while the work is in progress."))


def files(action: CorrectiveAction) -> list[CorrectiveActionFile]:
    """Return the evidence files of *action*, oldest first."""
    return list(
        db.session.scalars(
            select(CorrectiveActionFile)
            .where(CorrectiveActionFile.action_id == action.id)
            .order_by(CorrectiveActionFile.id)
        )
    )


def _record(what: str, action: CorrectiveAction, user: User, item: CorrectiveActionFile) -> None:
    audit.record(
        f"corrective_action.evidence_{what}",
        actor=user,
        organisation_id=action.supplier_id,
        submission_id=action.current_submission_id,
        detail={
            "corrective_action_id": action.id,
            "buyer_id": action.buyer_id,
            "file": item.filename,
            "size": item.size,
            "sha256": item.sha256,
        },
    )


def add(
    action: CorrectiveAction, user: User, filename: str | None, data: bytes
) -> CorrectiveActionFile:
    """Attach a file as evidence of implementation; audit; commit.

    :raises DomainError: when the plan takes no evidence now or *user* is not its supplier's,
        for an empty, oversized, unaccepted or over-packed file, or a plan holding the most
        files allowed. Nothing is written then.
    """
    _check(action, user)
    mime = evidence.check_file(data)
    if files_count(action) >= MAX_FILES:
        raise DomainError(
            _(
                "This corrective action already holds %(n)s documents, the most allowed.",
                n=MAX_FILES,
            )
        )
    item = CorrectiveActionFile(
        action_id=action.id,
        filename=evidence.clean_filename(filename),
        content_type=mime,
        size=len(data),
        sha256=evidence.store_blob(data),
        uploaded_by_id=user.id,
    )
    db.session.add(item)
    db.session.flush()
    _record("add", action, user, item)
    db.session.commit()
    return item


def remove(item: CorrectiveActionFile, action: CorrectiveAction, user: User) -> None:
    """Detach an evidence file while the work is in progress; audit; commit (the content stays
    in the store)."""
    _check(action, user)
    _record("remove", action, user, item)
    db.session.delete(item)
    db.session.commit()
