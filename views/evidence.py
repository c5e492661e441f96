"""Evidence files of a questionnaire: upload, download as an attachment, remove."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from extensions import db
from forms.questionnaire import EvidenceForm
from models import EvidenceFile
from permissions import submission_or_404
from security import accepts_uploads
from services import access_log, submissions
from services import evidence as evidence_service
from services.errors import DomainError

bp = Blueprint("evidence", __name__, url_prefix="/submissions")


@bp.route("/<int:submission_id>/evidence", methods=["POST"])
@accepts_uploads
@login_required
def upload(submission_id: int):
    """Attach an evidence file to a question."""
    submission = submission_or_404(submission_id)
    form = EvidenceForm()
    definition = submissions.definition(submission)
    question = definition.find(form.question_id.data)
    if question is None:
        abort(404)
    if form.validate_on_submit():
        upload_ = form.file.data
        data = upload_.read(evidence_service.max_bytes() + 1)
        try:
            item = evidence_service.add(
                submission, current_user, question.id, upload_.filename, data, form.valid_until.data
            )
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("%(name)s uploaded.", name=item.filename), "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
    return redirect(
        url_for("submissions.section", submission_id=submission.id, section_id=question.section_id)
        + f"#q-{question.id}"
    )


@bp.route("/<int:submission_id>/evidence/reuse", methods=["POST"])
@login_required
def reuse(submission_id: int):
    """Let a document already uploaded to the questionnaire serve another question too."""
    submission = submission_or_404(submission_id)
    question = submissions.definition(submission).find(request.form.get("question_id", ""))
    source = db.session.get(EvidenceFile, request.form.get("evidence_id", type=int) or 0)
    if question is None or source is None or source.submission_id != submission.id:
        abort(404)
    try:
        item = evidence_service.reuse(submission, current_user, question.id, source)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("%(name)s now serves this question too.", name=item.filename), "success")
    return redirect(
        url_for("submissions.section", submission_id=submission.id, section_id=question.section_id)
        + f"#q-{question.id}"
    )


def _evidence_or_404(evidence_id: int) -> tuple[EvidenceFile, object]:
    item = db.session.get(EvidenceFile, evidence_id)
    if item is None:
        abort(404)
    return item, submission_or_404(item.submission_id)


@bp.route("/evidence/<int:evidence_id>")
@login_required
def download(evidence_id: int):
    """Download an evidence file as an attachment under its original name."""
    item, submission = _evidence_or_404(evidence_id)
    data = evidence_service.content(item)
    access_log.evidence_downloaded(current_user, item, submission)
    return send_file(
        BytesIO(data),
        mimetype=item.content_type,
        as_attachment=True,
        download_name=item.filename,
    )


@bp.route("/evidence/<int:evidence_id>/delete", methods=["POST"])
@login_required
def remove(evidence_id: int):
    """Remove an evidence file from a question."""
    item, submission = _evidence_or_404(evidence_id)
    definition = submissions.definition(submission)
    section_id = definition.question(item.question_id).section_id
    try:
        evidence_service.remove(item, submission, current_user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Document removed."), "success")
    return redirect(
        url_for("submissions.section", submission_id=submission.id, section_id=section_id)
    )
