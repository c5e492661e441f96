"""Official RMI template files (kept by the operator) and exports of answers into them.

RMI's workbooks cannot be shipped with the project and RMI does not recognise modified
templates, so an export never builds a look-alike: it fills a copy of an official file the
operator uploaded once (version detected from the file; several versions may be kept).
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

import rmi
from extensions import db
from models import EvidenceBlob, RmiTemplate, Submission, SubmissionRound, User
from policy import can_read_working_copy, is_operator
from services import audit, evidence, submissions
from services import rmi as rmi_import
from services.errors import DomainError


def templates(kind: str | None = None) -> list[RmiTemplate]:
    """Return the kept template files (of *kind* only, when given), newest version first."""
    query = select(RmiTemplate)
    if kind is not None:
        query = query.where(RmiTemplate.kind == kind)
    found = db.session.scalars(query).all()
    return sorted(
        found,
        key=lambda t: (t.kind, tuple(int(p) for p in t.version.split("."))),
        reverse=True,
    )


def add_template(user: User, filename: str | None, data: bytes) -> RmiTemplate:
    """Keep an official template file for exports; audit; commit.

    :raises DomainError: for someone other than the operator, a file that is no supported
        template, or one kept already.
    """
    if not is_operator(user):
        raise DomainError(_("Only the platform operator manages template files."))
    rmi_import.check_workbook(data)
    try:
        layout = rmi.template_layout(data)
    except rmi.TemplateError as error:
        raise DomainError(rmi_import.problem_message(error.problem)) from None
    digest = evidence.store_blob(data)
    if db.session.scalar(select(RmiTemplate).where(RmiTemplate.sha256 == digest)):
        raise DomainError(_("This template file is kept already."))
    template = RmiTemplate(
        kind=layout.kind,
        version=layout.version,
        filename=evidence.clean_filename(filename),
        size=len(data),
        sha256=digest,
        uploaded_by_id=user.id,
    )
    db.session.add(template)
    db.session.flush()
    audit.record(
        "rmi.template.add",
        actor=user,
        detail={"template": layout.kind, "version": layout.version, "sha256": digest},
    )
    db.session.commit()
    return template


def remove_template(user: User, template: RmiTemplate) -> None:
    """Stop offering a template file for exports; audit; commit."""
    if not is_operator(user):
        raise DomainError(_("Only the platform operator manages template files."))
    audit.record(
        "rmi.template.remove",
        actor=user,
        detail={"template": template.kind, "version": template.version, "sha256": template.sha256},
    )
    db.session.delete(template)
    db.session.commit()


def answers_for(submission: Submission, user: User | None) -> dict[str, object]:
    """Return the answers an export of *submission* shows *user*: the supplier's live answers
    to the supplier (and to the command line), the last submitted round to everyone else."""
    if user is None or can_read_working_copy(user, submission):
        return submissions.answers_of(submission)
    snapshot = db.session.scalar(
        select(SubmissionRound)
        .where(SubmissionRound.submission_id == submission.id)
        .order_by(SubmissionRound.round.desc())
        .limit(1)
    )
    if snapshot is None:
        raise DomainError(_("This questionnaire has not been submitted yet."))
    return snapshot.answers["answers"]


def export(
    submission: Submission, template: RmiTemplate | bytes, user: User | None = None
) -> bytes:
    """Return *template* (a kept file, or a file's bytes) filled with *submission*'s answers.

    Company details the questionnaire does not ask come from the last workbook of the same
    template imported into it.

    :raises DomainError: when a value cannot be written (naming the cell), the template is
        no supported one, or *user* may not read the answers.
    """
    data = (
        template
        if isinstance(template, bytes)
        else db.session.get(EvidenceBlob, template.sha256).data
    )
    try:
        layout = rmi.template_layout(data)
    except rmi.TemplateError as error:
        raise DomainError(rmi_import.problem_message(error.problem)) from None
    answers = answers_for(submission, user)
    imported = rmi_import.last_applied(submission, layout.kind)
    base = rmi.Declaration.from_dict(imported.declaration) if imported is not None else None
    declaration = rmi.from_answers(answers, submissions.definition(submission), layout, base)
    try:
        return rmi.write(data, declaration, rmi_import.country_code)
    except rmi.ExportRefused as refused:
        raise DomainError(
            _(
                "The workbook was not written: %(problems)s",
                problems="; ".join(
                    f"{p.cell}: {rmi_import.problem_message(p)}" for p in refused.problems
                ),
            )
        ) from None


def download_name(submission: Submission, template: RmiTemplate) -> str:
    """Return the file name of an export."""
    return f"{template.kind}-{template.version}-questionnaire-{submission.id}.xlsx"
