"""Evidence files: accepted by content type, stored once by SHA-256, served as attachments."""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from datetime import date

import filetype
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

import questionnaires as qn
from bidi_controls import strip_bidi
from extensions import db
from models import EvidenceBlob, EvidenceFile, Submission, User
from policy import can_edit_answers
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
#: Accepted types that are ZIP archives underneath.
ARCHIVE_TYPES = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
)
MEGABYTE = 1024 * 1024


def clean_filename(name: str | None) -> str:
    """Return a safe display name: no folders, no control characters, at most 255 characters."""
    name = strip_bidi(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    return name[:255] or "evidence"


def max_bytes() -> int:
    """Return the largest accepted file size in bytes."""
    return current_app.config["EVIDENCE_MAX_BYTES"]


def check_quota(submission: Submission, size: int) -> None:
    """Refuse a file of *size* bytes that would take *submission* past its evidence quota.

    :raises DomainError: naming the limit on the number of files or on their total size.
    """
    config = current_app.config
    # Uploads to one questionnaire take turns (a row lock on PostgreSQL; SQLite's write lock
    # already serialises them), so two at the same moment cannot both pass the check.
    db.session.execute(
        select(Submission.id).where(Submission.id == submission.id).with_for_update()
    )
    count, total = db.session.execute(
        select(func.count(), func.coalesce(func.sum(EvidenceFile.size), 0)).where(
            EvidenceFile.submission_id == submission.id
        )
    ).one()
    most_files = config["EVIDENCE_MAX_FILES_PER_SUBMISSION"]
    if count >= most_files:
        raise DomainError(
            _(
                "This questionnaire already has %(n)s documents, the most it can hold. "
                "Remove one before adding another.",
                n=most_files,
            )
        )
    most_bytes = config["EVIDENCE_MAX_BYTES_PER_SUBMISSION"]
    if total + size > most_bytes:
        raise DomainError(
            _(
                "The documents of this questionnaire may total at most %(mb)s MB; this file "
                "would go past that. Remove a document before adding this one.",
                mb=most_bytes // MEGABYTE,
            )
        )


def check_archive(data: bytes) -> None:
    """Refuse a ZIP-based document that would unpack to too many files or bytes.

    Reads only the archive's directory: nothing is unpacked.

    :raises DomainError: for a damaged archive or one beyond the configured bounds.
    """
    config = current_app.config
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise DomainError(_("This file is damaged and cannot be opened.")) from None
    most_members = config["EVIDENCE_MAX_ARCHIVE_MEMBERS"]
    most_bytes = config["EVIDENCE_MAX_UNPACKED_BYTES"]
    if len(members) > most_members or sum(m.file_size for m in members) > most_bytes:
        raise DomainError(
            _(
                "This document would unpack to more than %(mb)s MB or %(n)s parts, so it is "
                "not accepted. Save it again or upload it as a PDF.",
                mb=most_bytes // MEGABYTE,
                n=most_members,
            )
        )


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

    :raises DomainError: for a question without evidence, an empty, oversized, unaccepted
        or over-packed file, a submission past its evidence quota, or a submission that
        cannot be changed now. Nothing is written then.
    """
    if not can_edit_answers(user, submission):
        raise DomainError(_("This questionnaire cannot be changed now."))
    item = attach(submission, user, question_id, filename, data, valid_until)
    db.session.commit()
    return item


def check_file(data: bytes) -> str:
    """Return the accepted MIME type of an uploaded file's *data*.

    :raises DomainError: for an empty, oversized, unaccepted or over-packed file.
    """
    limit = max_bytes()
    if not data:
        raise DomainError(_("The file is empty."))
    if len(data) > limit:
        raise DomainError(_("The file is larger than %(mb)s MB.", mb=limit // MEGABYTE))
    mime = detect_type(data)
    if mime is None:
        raise DomainError(
            _("This file type is not accepted. Upload a PDF, PNG, JPEG, XLSX or DOCX file.")
        )
    if mime in ARCHIVE_TYPES:
        check_archive(data)
    return mime


def store_blob(data: bytes) -> str:
    """Keep *data* in the evidence store (once per SHA-256); return its digest."""
    digest = hashlib.sha256(data).hexdigest()
    if db.session.get(EvidenceBlob, digest) is None:
        db.session.add(EvidenceBlob(sha256=digest, data=data))
        # Written now: the rows that name it are not related to it in the mapping, so the
        # unit of work would not know to insert it first.
        db.session.flush()
    return digest


def attach(
    submission: Submission,
    user: User | None,
    question_id: str,
    filename: str | None,
    data: bytes,
    valid_until: date | None = None,
) -> EvidenceFile:
    """Attach a file to a question and audit it, in the caller's transaction (see :func:`add`;
    *user* None: the command line)."""
    question = submissions.definition(submission).find(question_id)
    if question is None or (
        question.evidence is None and question.type != qn.QuestionType.EVIDENCE
    ):
        raise DomainError(_("This question does not take documents."))
    mime = check_file(data)
    check_quota(submission, len(data))
    digest = store_blob(data)
    item = EvidenceFile(
        submission_id=submission.id,
        question_id=question_id,
        filename=clean_filename(filename),
        content_type=mime,
        size=len(data),
        sha256=digest,
        valid_until=valid_until,
        uploaded_by_id=user.id if user else None,
    )
    db.session.add(item)
    db.session.flush()
    audit.record(
        "evidence.add",
        actor=user,
        organisation_id=submission.supplier_id,
        submission_id=submission.id,
        detail={
            "question": question_id,
            "file": item.filename,
            "size": item.size,
            "sha256": digest,
        },
    )
    return item


def reuse(
    submission: Submission, user: User, question_id: str, source: EvidenceFile
) -> EvidenceFile:
    """Attach a document already uploaded to *submission* to another question too; audit;
    commit. The content is stored once; the new attachment counts as a file of the quota.

    :raises DomainError: for a question without evidence, a document of another
        questionnaire, one the question has already, or a submission that cannot be changed.
    """
    if not can_edit_answers(user, submission):
        raise DomainError(_("This questionnaire cannot be changed now."))
    question = submissions.definition(submission).find(question_id)
    if question is None or (
        question.evidence is None and question.type != qn.QuestionType.EVIDENCE
    ):
        raise DomainError(_("This question does not take documents."))
    if source.submission_id != submission.id:
        raise DomainError(_("Choose a document of this questionnaire."))
    already = db.session.scalar(
        select(EvidenceFile.id).where(
            EvidenceFile.submission_id == submission.id,
            EvidenceFile.question_id == question_id,
            EvidenceFile.sha256 == source.sha256,
        )
    )
    if already is not None:
        raise DomainError(_("This question has that document already."))
    check_quota(submission, 0)  # the content is stored once: only the number of files grows
    item = EvidenceFile(
        submission_id=submission.id,
        question_id=question_id,
        filename=source.filename,
        content_type=source.content_type,
        size=source.size,
        sha256=source.sha256,
        valid_until=source.valid_until,
        uploaded_by_id=user.id,
    )
    db.session.add(item)
    db.session.flush()
    audit.record(
        "evidence.add",
        actor=user,
        organisation_id=submission.supplier_id,
        submission_id=submission.id,
        detail={
            "question": question_id,
            "file": item.filename,
            "size": item.size,
            "sha256": item.sha256,
            "also_for": source.question_id,
        },
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
        detail={
            "question": item.question_id,
            "file": item.filename,
            "size": item.size,
            "sha256": item.sha256,
        },
    )
    db.session.delete(item)
    db.session.commit()


def content(item) -> bytes:
    """Return the bytes of an evidence file (of a questionnaire or a corrective action)."""
    return db.session.get(EvidenceBlob, item.sha256).data
