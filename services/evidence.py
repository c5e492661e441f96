"""Evidence files: accepted by content type, stored once by SHA-256, served as attachments."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date

import filetype
from flask import current_app
from flask_babel import gettext as _

import questionnaires as qn
from extensions import db
from models import EvidenceBlob, EvidenceFile, Submission, User
from permissions import can_edit_answers
from services import audit, submissions
from services.errors import DomainError

#: Accepted types, detected from the content, never from the name.
ACCEPTED_TYPES = {
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
}


def clean_filename(name: str | None) -> str:
    """Return a safe display name: no folders, no control characters, at most 255 characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    return name[:255] or "evidence"


def max_bytes() -> int:
    """Return the largest accepted file size in bytes."""
    return current_app.config["EVIDENCE_MAX_BYTES"]


def detect_type(data: bytes) -> str | None:
    """Return the accepted MIME type of *data*, or ``None`` when it is not one we take."""
    kind = filetype.guess(data)
    return kind.mime if kind is not None and kind.mime in ACCEPTED_TYPES else None


def add(
    submission: Submission,
    user: User,
    question_id: str,
    filename: str | None,
    data: bytes,
    valid_until: date | None = None,
) -> EvidenceFile:
    """Attach a file to a question; audit; commit.

    :raises DomainError: for a question without evidence, an empty, oversized or
        unaccepted file, or a submission that cannot be changed now. Nothing is written then.
    """
    if not can_edit_answers(user, submission):
        raise DomainError(_("This questionnaire cannot be changed now."))
    question = submissions.definition(submission).find(question_id)
    if question is None or (
        question.evidence is None and question.type != qn.QuestionType.EVIDENCE
    ):
        raise DomainError(_("This question does not take documents."))
    limit = max_bytes()
    if not data:
        raise DomainError(_("The file is empty."))
    if len(data) > limit:
        raise DomainError(_("The file is larger than %(mb)s MB.", mb=limit // (1024 * 1024)))
    mime = detect_type(data)
    if mime is None:
        raise DomainError(
            _("This file type is not accepted. Upload a PDF, PNG, JPEG, XLSX or DOCX file.")
        )
    digest = hashlib.sha256(data).hexdigest()
    if db.session.get(EvidenceBlob, digest) is None:
        db.session.add(EvidenceBlob(sha256=digest, data=data))
    item = EvidenceFile(
        submission_id=submission.id,
        question_id=question_id,
        filename=clean_filename(filename),
        content_type=mime,
        size=len(data),
        sha256=digest,
        valid_until=valid_until,
        uploaded_by_id=user.id,
    )
    db.session.add(item)
    db.session.flush()
    audit.record(
        "evidence.add",
        actor=user,
        organisation_id=submission.supplier_id,
        submission_id=submission.id,
        detail={"question": question_id, "file": item.filename, "sha256": digest},
    )
    db.session.commit()
    return item


def remove(item: EvidenceFile, submission: Submission, user: User) -> None:
    """Detach an evidence file; audit; commit (the content stays for earlier rounds)."""
    if not can_edit_answers(user, submission):
        raise DomainError(_("This questionnaire cannot be changed now."))
    audit.record(
        "evidence.remove",
        actor=user,
        organisation_id=submission.supplier_id,
        submission_id=submission.id,
        detail={"question": item.question_id, "file": item.filename, "sha256": item.sha256},
    )
    db.session.delete(item)
    db.session.commit()


def content(item: EvidenceFile) -> bytes:
    """Return the bytes of an evidence file."""
    return db.session.get(EvidenceBlob, item.sha256).data
