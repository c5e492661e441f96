"""Moving a draft to a newer version of its questionnaire, keeping what still applies."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import delete

import questionnaires as qn
from extensions import db
from models import Answer, EvidenceFile, Submission, User
from policy import can_move_version
from services import audit, questionnaires
from services.errors import DomainError
from services.submissions import answer_rows, answers_of, definition, evidence_of


def newer_version(submission: Submission) -> qn.Questionnaire | None:
    """Return the newer version on offer that the draft *submission* could move to, if any."""
    current = definition(submission)
    offered = questionnaires.latest(current.id)
    newer = qn.version_key(offered.version) > qn.version_key(current.version)
    return offered if newer else None


def plan(submission: Submission) -> qn.VersionMove | None:
    """Return what moving *submission* to the newer version would keep and set aside."""
    target = newer_version(submission)
    if target is None:
        return None
    return qn.plan_move(
        definition(submission), target, answers_of(submission), evidence_of(submission)
    )


def move(submission: Submission, user: User, expected: str) -> qn.VersionMove:
    """Move the draft *submission* to the newer version *expected*; audit; commit.

    Unchanged answers and the documents of questions that still take them carry over; the
    other answers and documents are set aside, recorded (values, file names and digests) in
    the audit entry, so nothing is lost.

    :raises DomainError: when *user* may not, or the version on offer is not *expected*.
    """
    if not can_move_version(user, submission):
        raise DomainError(_("Only a draft can move to another version of its questionnaire."))
    move_ = plan(submission)
    if move_ is None or move_.target.version != expected:
        raise DomainError(_("This version is not on offer; reload the page."))
    set_aside = set(move_.changed) | set(move_.removed)
    if set_aside:
        rows = answer_rows(submission)
        db.session.execute(delete(Answer).where(Answer.id.in_([rows[q].id for q in set_aside])))
    files = evidence_of(submission)
    removed_files = [f for question_id in move_.files_removed for f in files[question_id]]
    if removed_files:
        db.session.execute(
            delete(EvidenceFile).where(EvidenceFile.id.in_([f.id for f in removed_files]))
        )
    submission.questionnaire_version_id = questionnaires.publish(move_.target).id
    audit.record(
        "submission.version_moved",
        actor=user,
        submission_id=submission.id,
        organisation_id=submission.supplier_id,
        detail={
            "from": move_.source.version,
            "to": move_.target.version,
            "carried": sorted(move_.carried),
            "changed": move_.changed,
            "removed": move_.removed,
            "documents_removed": [
                {"question": f.question_id, "name": f.filename, "sha256": f.sha256}
                for f in removed_files
            ],
        },
    )
    db.session.commit()
    return move_
