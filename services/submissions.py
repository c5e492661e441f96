"""Suppliers' submissions: start, save answers without ever losing one, submit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

import questionnaires as qn
from extensions import db
from models import (
    Action,
    Answer,
    EvidenceFile,
    QuestionnaireVersion,
    Role,
    Submission,
    SubmissionRound,
    SubmissionStatus,
    User,
)
from models.types import utcnow
from policy import can_edit_answers
from services import audit, history, notifications, questionnaires, risk, workflow
from services.errors import ConflictError, DomainError


def _concurrent_save_message() -> str:
    return _("Someone else saved this questionnaire at the same moment. Reload to see it.")


def answer_error_message(error: qn.AnswerError) -> str:
    """Return the translated message of an invalid answer."""
    return _(qn.ERROR_MESSAGES.get(error.code, "This answer is not valid."), **(error.params or {}))


@dataclass
class SaveOutcome:
    """What happened to each answer of a save."""

    version: int
    saved: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    #: question id -> the value someone else saved since the page was loaded
    conflicts: dict[str, object] = field(default_factory=dict)
    visible: set[str] = field(default_factory=set)


def start(user: User, version: str | None = None) -> Submission:
    """Start a draft for *user*'s organisation of the newest questionnaire on offer, or of
    its *version* (for answers documents that name the version they answer); audit; commit."""
    if user.role != Role.SUPPLIER:
        raise DomainError(_("Only suppliers fill in questionnaires."))
    definition = questionnaires.latest() if version is None else questionnaires.offered(version)
    version = questionnaires.publish(definition)
    submission = Submission(
        supplier_id=user.organisation_id,
        questionnaire_version_id=version.id,
        status=SubmissionStatus.DRAFT,
        created_by_id=user.id,
    )
    db.session.add(submission)
    db.session.flush()
    audit.record(
        "submission.create",
        actor=user,
        submission_id=submission.id,
        to_state=SubmissionStatus.DRAFT.value,
        detail={"questionnaire": definition.id, "version": definition.version},
    )
    db.session.commit()
    return submission


def definition(submission: Submission) -> qn.Questionnaire:
    """Return the questionnaire version *submission* is pinned to."""
    version = db.session.get(QuestionnaireVersion, submission.questionnaire_version_id)
    return questionnaires.definition_for(version)


def answer_rows(submission: Submission) -> dict[str, Answer]:
    """Return the stored answers of *submission* by question id."""
    rows = db.session.scalars(select(Answer).where(Answer.submission_id == submission.id))
    return {row.question_id: row for row in rows}


def answers_of(submission: Submission) -> dict[str, object]:
    """Return the stored answer values of *submission* by question id."""
    return {qid: row.value for qid, row in answer_rows(submission).items()}


def evidence_of(submission: Submission) -> dict[str, list[EvidenceFile]]:
    """Return the evidence files of *submission* by question id, oldest first."""
    files = db.session.scalars(
        select(EvidenceFile)
        .where(EvidenceFile.submission_id == submission.id)
        .order_by(EvidenceFile.uploaded_at, EvidenceFile.id)
    )
    grouped: dict[str, list[EvidenceFile]] = {}
    for item in files:
        grouped.setdefault(item.question_id, []).append(item)
    return grouped


def answers_document(submission: Submission, definition_: qn.Questionnaire | None = None) -> dict:
    """Return the answers document of *submission* (the format used by import, export, scoring)."""
    definition_ = definition_ or definition(submission)
    evidence = {
        qid: [
            {
                "name": f.filename,
                "sha256": f.sha256,
                "valid_until": f.valid_until.isoformat() if f.valid_until else None,
            }
            for f in files
        ]
        for qid, files in evidence_of(submission).items()
    }
    return {
        "questionnaire": definition_.id,
        "version": definition_.version,
        "answers": answers_of(submission),
        "evidence": evidence,
    }


def save_answers(
    submission: Submission, user: User, raw: dict[str, object], base_version: int
) -> SaveOutcome:
    """Validate and store answers; commit.

    Answers someone else changed since *base_version* are not overwritten: they come back as
    conflicts with the other value. Invalid answers come back as errors and the stored value
    stays. A failure rolls everything back, so the previous answers stay intact.

    :raises DomainError: when *user* may not edit *submission* now.
    :raises ConflictError: when another save won the race for the same version.
    """
    if not can_edit_answers(user, submission):
        raise DomainError(_("This questionnaire cannot be changed now."))
    definition_ = definition(submission)
    rows = answer_rows(submission)
    outcome = SaveOutcome(version=submission.version)
    accepted: dict[str, object] = {}
    for question_id, value in raw.items():
        question = definition_.find(question_id)
        if question is None or question.type == qn.QuestionType.EVIDENCE:
            outcome.errors[str(question_id)[:100]] = _("There is no such question.")
            continue
        try:
            accepted[question_id] = qn.coerce_answer(question, value)
        except qn.AnswerError as error:
            outcome.errors[question_id] = answer_error_message(error)
    stale = submission.version != base_version
    for question_id, value in list(accepted.items()):
        row = rows.get(question_id)
        current = row.value if row is not None else None
        if stale and row is not None and row.revision > base_version and current != value:
            outcome.conflicts[question_id] = current
            del accepted[question_id]
        elif current == value:
            del accepted[question_id]  # unchanged: nothing to write
    if accepted:
        changes = write_answers(submission, user, rows, accepted)
        try:
            audit.record(
                audit.ANSWER_CHANGE,
                actor=user,
                organisation_id=submission.supplier_id,
                submission_id=submission.id,
                detail={"changes": changes},
            )
            db.session.commit()
        except (StaleDataError, IntegrityError):
            db.session.rollback()
            raise ConflictError(_concurrent_save_message()) from None
        outcome.saved = sorted(accepted)
    outcome.version = submission.version
    outcome.visible = qn.visible_question_ids(definition_, {q: r.value for q, r in rows.items()})
    return outcome


def write_answers(
    submission: Submission, user: User | None, rows: dict[str, Answer], accepted: dict
) -> list[dict]:
    """Write canonical *accepted* values (``None`` clears) over *rows*, in the caller's
    transaction (the caller audits and commits); return the changes for the audit entry.

    Raises the submission's version first, the optimistic lock: a concurrent save from the
    same version fails here, before any answer row is written.

    :raises ConflictError: when another save won the race for the same version.
    """
    new_version = submission.version + 1
    submission.updated_at = utcnow()
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        raise ConflictError(_concurrent_save_message()) from None
    changes = history.changes({q: r.value for q, r in rows.items()}, accepted)
    for question_id, value in accepted.items():
        row = rows.get(question_id)
        if value is None:
            if row is not None:
                db.session.delete(row)
                del rows[question_id]
        elif row is None:
            rows[question_id] = Answer(
                submission_id=submission.id,
                question_id=question_id,
                value=value,
                revision=new_version,
                updated_by_id=user.id if user else None,
            )
            db.session.add(rows[question_id])
        else:
            row.value = value
            row.revision = new_version
            row.updated_by_id = user.id if user else None
    try:
        db.session.flush()  # the answers first: the audit append holds the chain's lock
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        raise ConflictError(_concurrent_save_message()) from None
    return changes


def missing_items(submission: Submission) -> list:
    """Return what must still be answered or attached before *submission* can be submitted."""
    definition_ = definition(submission)
    document = answers_document(submission, definition_)
    return qn.missing_items(definition_, document["answers"], document["evidence"])


def submit(submission: Submission, user: User, today: date | None = None) -> Submission:
    """Freeze the answers, score them and move to "submitted", all in one transaction.

    :raises DomainError: when answers or evidence are missing, or the state does not allow it.
    """
    if submission.supplier_id != user.organisation_id:
        raise DomainError(_("This questionnaire cannot be changed now."))
    definition_ = definition(submission)
    document = answers_document(submission, definition_)
    missing = qn.missing_items(definition_, document["answers"], document["evidence"])
    if missing:
        raise DomainError(_("%(n)s required answers or documents are missing.", n=len(missing)))
    resubmit = submission.status == SubmissionStatus.CHANGES_REQUESTED
    action = Action.RESUBMIT if resubmit else Action.SUBMIT
    if resubmit:
        submission.round += 1
    workflow.transition(submission, action, user)
    db.session.add(
        SubmissionRound(
            submission_id=submission.id,
            round=submission.round,
            answers=document,
            answers_sha256=questionnaires.sha256_of(document),
            submitted_by_id=user.id,
        )
    )
    risk.score(submission, document, today or date.today())
    notifications.notify(
        notifications.submission_audience(submission),
        "resubmitted" if resubmit else "submitted",
        submission_id=submission.id,
        supplier=submission.supplier.name,
        round=submission.round,
    )
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise ConflictError(
            _("Someone else changed this questionnaire at the same moment. Reload to see it.")
        ) from None
    return submission


def import_document(submission: Submission, document: dict, actor: User | None = None) -> dict:
    """Load an answers document into a draft; return errors by question id; audit; commit.

    Valid answers are stored (replacing earlier values); invalid ones are reported and the
    stored value stays.

    :raises DomainError: when the submission is not editable or the document names another
        questionnaire version.
    """
    if not submission.status.editable:
        raise DomainError(_("This questionnaire cannot be changed now."))
    definition_ = definition(submission)
    try:
        parsed = qn.parse_answers_document(document, {definition_.key: definition_})
    except qn.AnswerError as error:
        raise DomainError(error.message) from None
    rows = answer_rows(submission)
    new_version = submission.version + 1
    changes = history.changes({q: r.value for q, r in rows.items()}, parsed.answers)
    for question_id, value in parsed.answers.items():
        row = rows.get(question_id)
        if row is not None and row.value == value:
            continue  # unchanged: nothing to write
        if row is None:
            db.session.add(
                Answer(
                    submission_id=submission.id,
                    question_id=question_id,
                    value=value,
                    revision=new_version,
                    updated_by_id=actor.id if actor else None,
                )
            )
        else:
            row.value, row.revision = value, new_version
    submission.updated_at = utcnow()
    audit.record(
        "answers.import",
        actor=actor,
        organisation_id=submission.supplier_id,
        submission_id=submission.id,
        detail={
            "imported": len(parsed.answers),
            "errors": len(parsed.errors),
            "changes": changes,
        },
    )
    db.session.commit()
    return parsed.errors
