"""Building realistic test data through the services."""

from __future__ import annotations

from sqlalchemy import select

import questionnaires as qn
from extensions import db
from models import Submission, User

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def _value(kind, options, minimum=None):
    if kind in (qn.QuestionType.YES_NO,):
        return "yes" if any(o.value == "yes" for o in options) else options[0].value
    if kind == qn.QuestionType.SINGLE:
        return options[0].value
    if kind == qn.QuestionType.MULTIPLE:
        return [options[0].value]
    if kind == qn.QuestionType.NUMBER:
        return max(1, minimum or 0)
    if kind == qn.QuestionType.PERCENTAGE:
        return 50
    if kind == qn.QuestionType.DATE:
        return "2026-01-15"
    if kind == qn.QuestionType.COUNTRY:
        return "JP"
    if kind == qn.QuestionType.COUNTRIES:
        return ["JP"]
    return "Answered in full."


def complete_answers(definition: qn.Questionnaire, base: dict | None = None) -> dict:
    """Return answers that leave no required visible question unanswered."""
    answers = dict(base or {})
    for _ in range(10):
        visible = qn.visible_question_ids(definition, answers)
        changed = False
        for question in definition.questions:
            if question.id not in visible or question.id in answers or not question.required:
                continue
            if question.type == qn.QuestionType.EVIDENCE:
                continue
            if question.type == qn.QuestionType.TABLE:
                row = {c.id: _value(c.type, c.options, c.min) for c in question.columns}
                answers[question.id] = [row]
            else:
                answers[question.id] = _value(question.type, question.options, question.min)
            changed = True
        if not changed:
            break
    return answers


def fill_submission(app, submission_id: int, email: str, answers: dict | None = None) -> None:
    """Answer every required question of a submission and attach every required document."""
    from services import evidence, submissions

    with app.app_context():
        submission = db.session.get(Submission, submission_id)
        user = db.session.scalar(select(User).where(User.email == email))
        definition = submissions.definition(submission)
        document = {
            "questionnaire": definition.id,
            "version": definition.version,
            "answers": complete_answers(definition, answers),
        }
        errors = submissions.import_document(submission, document, user)
        assert errors == {}, errors
        for item in submissions.missing_items(submission):
            if item.kind == "evidence":
                evidence.add(submission, user, item.question_id, "proof.pdf", PDF_BYTES)
        assert submissions.missing_items(submission) == []


def start_submission(app, email: str, version: str | None = None) -> int:
    """Start a draft for the supplier user *email* (of questionnaire *version*, default the
    newest on offer); return its id."""
    from services import submissions

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        return submissions.start(user, version).id


def multipart(fields: dict[str, str], file: tuple[bytes, str]) -> tuple[bytes, str]:
    """Return (body, content type) of a form with one file, built in memory.

    The test client spools bodies over 500 KB to a temporary file it never closes; a body
    built here is posted as bytes instead.
    """
    boundary = "assay-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    data, filename = file
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), (
        f"multipart/form-data; boundary={boundary}"
    )


def audit_entries(app, action: str) -> list:
    """Return the audit entries of *action*, oldest first, detached from the session."""
    from models import AuditEntry

    with app.app_context():
        rows = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        ).all()
        db.session.expunge_all()
        return rows
