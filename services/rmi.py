"""Importing a supplier's EMRT or AMRT workbook into a questionnaire: preview, then apply.

The upload is checked like any evidence (content type, size, archive size), read by cell
address (``rmi``) and kept as a preview: what maps onto which question, what does not and
why, and which stored answers it would change. Applying it stores the new answers through the
one validator and the one save path, only overwriting the answers the supplier chose, keeps
the workbook as evidence, and audits the file, its template and version and every change,
all in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

import questionnaires as qn
import rmi
from extensions import db
from models import EvidenceBlob, EvidenceFile, ImportStatus, RmiImport, Submission, User
from models.types import utcnow
from policy import can_edit_answers
from rmi.mapping import EVIDENCE_QUESTION
from services import audit, evidence, refdata, submissions
from services.errors import ConflictError, DomainError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: ISO 3166-1 short names, as the templates' country list spells them, that Babel's names and
#: the reference-data aliases do not match (keys in capitals, single spaces).
ISO_SHORT_NAMES = {
    "CONGO": "CG",
    "CONGO, THE DEMOCRATIC REPUBLIC OF THE": "CD",
    "FALKLAND ISLANDS (MALVINAS)": "FK",
    "HOLY SEE (VATICAN CITY STATE)": "VA",
    "HONG KONG": "HK",
    "KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF": "KP",
    "KOREA, REPUBLIC OF": "KR",
    "LAO PEOPLE'S DEMOCRATIC REPUBLIC": "LA",
    "MACAO": "MO",
    "PALESTINE, STATE OF": "PS",
    "SAINT HELENA, ASCENSION AND TRISTAN DA CUNHA": "SH",
    "SAINT MARTIN (FRENCH PART)": "MF",
    "SINT MAARTEN (DUTCH PART)": "SX",
    "UNITED STATES OF AMERICA": "US",
    "VIRGIN ISLANDS, BRITISH": "VG",
}


def country_code(name: str) -> str | None:
    """Return the ISO 3166-1 alpha-2 code of a country name or code as the templates spell
    it (English or Japanese), or None."""
    code, _how = refdata.country_code(name)
    if code:
        return code
    key = " ".join(name.upper().replace("\u2019", "'").split())
    if key in ISO_SHORT_NAMES:
        return ISO_SHORT_NAMES[key]
    japanese = {qn.country_name(c, "ja"): c for c in qn.country_codes()}
    if name.strip() in japanese:
        return japanese[name.strip()]
    if "," in key:  # "IRAN, ISLAMIC REPUBLIC OF", "TAIWAN, PROVINCE OF CHINA"
        code, _how = refdata.country_code(key.split(",")[0])
    return code or None


def check_workbook(data: bytes) -> None:
    """Refuse an upload that is not an accepted, well-packed .xlsx file.

    :raises DomainError: naming what is wrong.
    """
    if evidence.check_file(data) != XLSX:
        raise DomainError(_("Upload the template as an Excel workbook (.xlsx)."))


def problem_message(problem: rmi.Problem | dict) -> str:
    """Return the translated message of a workbook problem."""
    if isinstance(problem, dict):
        problem = rmi.Problem(**problem)
    return _(rmi.PROBLEM_MESSAGES[problem.code], **problem.params)


def read(data: bytes) -> rmi.Reading:
    """Read a workbook the supplier uploaded.

    :raises DomainError: for a file that is not a supported template (naming the version
        found and those supported).
    """
    check_workbook(data)
    try:
        return rmi.read(data, country_code)
    except rmi.TemplateError as error:
        raise DomainError(problem_message(error.problem)) from None


def preview(submission: Submission, user: User, filename: str | None, data: bytes) -> RmiImport:
    """Read a workbook into a preview of *submission* (its answers are not touched); commit.

    :raises DomainError: when the questionnaire cannot be changed now or the file is no
        supported template.
    """
    if not can_edit_answers(user, submission):
        raise DomainError(_("This questionnaire cannot be changed now."))
    item = stage(submission, user, filename, data, read(data))
    db.session.commit()
    return item


def stage(
    submission: Submission,
    user: User | None,
    filename: str | None,
    data: bytes,
    reading: rmi.Reading,
) -> RmiImport:
    """Add the preview of a read workbook to the session (the caller commits)."""
    item = RmiImport(
        submission_id=submission.id,
        status=ImportStatus.PREVIEW,
        kind=reading.declaration.kind,
        version=reading.declaration.version,
        filename=evidence.clean_filename(filename),
        size=len(data),
        sha256=evidence.store_blob(data),
        declaration=reading.declaration.to_dict(),
        problems=[p.to_dict() for p in reading.problems],
        rows=reading.rows,
        base_version=submission.version,
        created_by_id=user.id if user else None,
    )
    db.session.add(item)
    db.session.flush()
    return item


@dataclass
class Preview:
    """What applying an import would do now."""

    item: RmiImport
    proposals: list[rmi.Proposal]
    unmapped: list
    problems: list[rmi.Problem]
    #: Whether the answers changed since the preview was made.
    stale: bool = False
    definition: qn.Questionnaire | None = None

    @property
    def conflicts(self) -> list[rmi.Proposal]:
        """Return the proposals that would replace a different stored answer."""
        return [p for p in self.proposals if p.status == "conflict"]


def reading_of(item: RmiImport) -> rmi.Reading:
    """Return the stored reading of an import."""
    return rmi.Reading(
        rmi.Declaration.from_dict(item.declaration),
        [rmi.Problem(**p) for p in item.problems],
        dict(item.rows),
    )


def show(item: RmiImport, submission: Submission) -> Preview:
    """Return the preview of *item* against *submission*'s answers as they are now."""
    definition = submissions.definition(submission)
    reading = reading_of(item)
    layout = rmi.LAYOUTS[(item.kind, item.version)]
    mapping = rmi.to_answers(reading, layout, definition)
    proposals = rmi.propose(mapping, submissions.answers_of(submission))
    order = {q.id: n for n, q in enumerate(definition.questions)}
    proposals.sort(key=lambda p: order.get(p.question_id, len(order)))
    return Preview(
        item,
        proposals,
        mapping.unmapped,
        reading.problems,
        stale=submission.version != item.base_version,
        definition=definition,
    )


@dataclass
class Applied:
    """What an import changed."""

    changed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    evidence: EvidenceFile | None = None


def apply(
    item: RmiImport,
    submission: Submission,
    user: User | None,
    take: set[str],
    base_version: int,
) -> Applied:
    """Store the previewed answers; overwrite a different stored answer only for the questions
    in *take*; keep the workbook as evidence; audit; commit.

    :raises DomainError: when the questionnaire cannot be changed or the import was applied.
    :raises ConflictError: when the answers changed since the preview was shown.
    """
    if user is not None and not can_edit_answers(user, submission):
        raise DomainError(_("This questionnaire cannot be changed now."))
    if not submission.status.editable:
        raise DomainError(_("This questionnaire cannot be changed now."))
    if item.status != ImportStatus.PREVIEW:
        raise DomainError(_("This workbook was imported already."))
    if submission.version != base_version:
        raise ConflictError(
            _("The answers changed since this preview was made. Check the preview again.")
        )
    shown = show(item, submission)
    outcome = Applied()
    accepted: dict[str, object] = {}
    for proposal in shown.proposals:
        if proposal.status == "same":
            continue
        if proposal.status == "conflict" and proposal.question_id not in take:
            outcome.kept.append(proposal.question_id)
            continue
        question = shown.definition.find(proposal.question_id)
        try:
            accepted[proposal.question_id] = qn.coerce_answer(question, proposal.proposed)
        except qn.AnswerError as error:
            outcome.errors[proposal.question_id] = submissions.answer_error_message(error)
    outcome.evidence = _keep_as_evidence(item, submission, user, shown.definition)
    rows = submissions.answer_rows(submission)
    changes = submissions.write_answers(submission, user, rows, accepted) if accepted else []
    outcome.changed = [change["question"] for change in changes]
    item.status = ImportStatus.APPLIED
    item.applied_at = utcnow()
    item.evidence_file_id = outcome.evidence.id if outcome.evidence else None
    audit.record(
        "rmi.import",
        actor=user,
        organisation_id=submission.supplier_id,
        submission_id=submission.id,
        detail={
            "file": item.filename,
            "sha256": item.sha256,
            "template": item.kind,
            "version": item.version,
            "changes": changes,
            "kept": outcome.kept,
            "refused": sorted(outcome.errors),
        },
    )
    db.session.commit()
    return outcome


def _keep_as_evidence(
    item: RmiImport, submission: Submission, user: User | None, definition: qn.Questionnaire
) -> EvidenceFile | None:
    """Attach the workbook to the smelter-list question, unless it is there already."""
    question = definition.find(EVIDENCE_QUESTION)
    if question is None:
        return None
    existing = db.session.scalar(
        select(EvidenceFile).where(
            EvidenceFile.submission_id == submission.id,
            EvidenceFile.question_id == question.id,
            EvidenceFile.sha256 == item.sha256,
        )
    )
    if existing is not None:
        return existing
    data = db.session.get(EvidenceBlob, item.sha256).data
    return evidence.attach(submission, user, question.id, item.filename, data)


def find_import(submission: Submission, import_id: int) -> RmiImport | None:
    """Return the import *import_id* of *submission*, or None."""
    item = db.session.get(RmiImport, import_id)
    return item if item is not None and item.submission_id == submission.id else None


def last_applied(submission: Submission, kind: str) -> RmiImport | None:
    """Return the newest applied import of template *kind* into *submission*."""
    return db.session.scalar(
        select(RmiImport)
        .where(
            RmiImport.submission_id == submission.id,
            RmiImport.kind == kind,
            RmiImport.status == ImportStatus.APPLIED,
        )
        .order_by(RmiImport.id.desc())
        .limit(1)
    )
