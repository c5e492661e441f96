"""A new round: a draft copied from an approved or rejected submission, which never changes.

Open corrective action plans move on with it (``services.corrective_lists.carry_forward``).
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from extensions import db
from models import Answer, EvidenceFile, Submission, SubmissionShare, SubmissionStatus, User
from policy import can_start_new_round
from services import audit, corrective_lists, history
from services.errors import DomainError
from services.submissions import answer_rows, evidence_of


def start_new_round(previous: Submission, user: User) -> Submission:
    """Start a draft copied from an approved or rejected submission; audit; commit.

    The copy keeps the questionnaire version, the answers, the documents and the buyers it
    is shared with, and the open corrective action plans are shown with it; the decided
    submission itself never changes.

    :raises DomainError: when *user* may not, or a copy was started already.
    """
    if not can_start_new_round(user, previous):
        raise DomainError(_("A new round starts only from an approved or rejected questionnaire."))
    taken = db.session.scalar(select(Submission.id).where(Submission.previous_id == previous.id))
    if taken is not None:
        raise DomainError(_("A new round of this questionnaire was started already."))
    copy = Submission(
        supplier_id=previous.supplier_id,
        questionnaire_version_id=previous.questionnaire_version_id,
        status=SubmissionStatus.DRAFT,
        previous_id=previous.id,
        created_by_id=user.id,
    )
    db.session.add(copy)
    db.session.flush()
    copied = {row.question_id: row.value for row in answer_rows(previous).values()}
    for question_id, value in copied.items():
        db.session.add(Answer(submission_id=copy.id, question_id=question_id, value=value))
    for files in evidence_of(previous).values():
        for item in files:
            db.session.add(
                EvidenceFile(
                    submission_id=copy.id,
                    question_id=item.question_id,
                    filename=item.filename,
                    content_type=item.content_type,
                    size=item.size,
                    sha256=item.sha256,
                    valid_until=item.valid_until,
                    uploaded_by_id=item.uploaded_by_id,
                    uploaded_at=item.uploaded_at,
                )
            )
    for share in db.session.scalars(
        select(SubmissionShare).where(SubmissionShare.submission_id == previous.id)
    ):
        db.session.add(
            SubmissionShare(submission_id=copy.id, buyer_id=share.buyer_id, shared_by_id=user.id)
        )
    audit.record(
        "submission.create",
        actor=user,
        submission_id=copy.id,
        to_state=SubmissionStatus.DRAFT.value,
        detail={"copied_from": previous.id, "changes": history.changes({}, copied)},
    )
    corrective_lists.carry_forward(previous, copy, user)
    db.session.commit()
    return copy
