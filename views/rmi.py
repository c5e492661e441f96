"""RMI templates: import a supplier's EMRT / AMRT workbook (preview, then confirm), export the
answers into an official template, and the operator's page of template files."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

import rmi
from extensions import db
from forms.rmi import ActionForm, ApplyForm, WorkbookForm
from models import RmiTemplate, Role
from permissions import roles_required, submission_or_404
from policy import can_edit_answers
from security import accepts_uploads
from services import access_log, evidence, rmi_export, submissions
from services import rmi as rmi_import
from services.errors import ConflictError, DomainError

bp = Blueprint("rmi", __name__)

#: Where RMI publishes its templates (named on the export page; nothing is fetched).
RMI_TEMPLATES_PAGE = "https://www.responsiblemineralsinitiative.org/reporting-templates/"


def _flash_errors(form) -> None:
    for errors in form.errors.values():
        for message in errors:
            flash(message, "error")


def _editable_or_redirect(submission):
    if can_edit_answers(current_user, submission):
        return None
    flash(_("This questionnaire cannot be changed now."), "error")
    return redirect(url_for("submissions.overview", submission_id=submission.id))


@bp.route("/submissions/<int:submission_id>/rmi/import", methods=["GET", "POST"])
@accepts_uploads
@roles_required(Role.SUPPLIER)
def upload(submission_id: int):
    """Show the upload form; on POST read the workbook into a preview."""
    submission = submission_or_404(submission_id)
    refused = _editable_or_redirect(submission)
    if refused is not None:
        return refused
    form = WorkbookForm()
    if request.method == "POST":
        if form.validate_on_submit():
            data = form.file.data.read(evidence.max_bytes() + 1)
            try:
                item = rmi_import.preview(submission, current_user, form.file.data.filename, data)
            except DomainError as error:
                flash(error.message, "error")
            else:
                return redirect(
                    url_for("rmi.preview", submission_id=submission.id, import_id=item.id)
                )
        else:
            _flash_errors(form)
    return render_template(
        "rmi/upload.html",
        submission=submission,
        form=form,
        supported=rmi.supported(),
        locale=str(get_locale()),
    ), (400 if request.method == "POST" else 200)


@bp.route("/submissions/<int:submission_id>/rmi/imports/<int:import_id>", methods=["GET", "POST"])
@roles_required(Role.SUPPLIER)
def preview(submission_id: int, import_id: int):
    """Show what an import would change; on POST apply it with the supplier's choices."""
    submission = submission_or_404(submission_id)
    item = rmi_import.find_import(submission, import_id)
    if item is None:
        abort(404)
    refused = _editable_or_redirect(submission)
    if refused is not None:
        return refused
    form = ApplyForm()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            take = {
                key.removeprefix("choice-")
                for key, value in request.form.items()
                if key.startswith("choice-") and value == "take"
            }
            try:
                outcome = rmi_import.apply(
                    item, submission, current_user, take, form.base_version.data
                )
            except ConflictError as error:
                flash(error.message, "error")
                status = 409
            except DomainError as error:
                flash(error.message, "error")
                status = 403
            else:
                _flash_outcome(outcome)
                return redirect(
                    url_for("submissions.section", submission_id=submission.id, section_id="trace")
                    if submissions.definition(submission).find("trace_smelters")
                    else url_for("submissions.overview", submission_id=submission.id)
                )
        else:
            _flash_errors(form)
            status = 400
    shown = rmi_import.show(item, submission)
    return render_template(
        "rmi/preview.html",
        submission=submission,
        shown=shown,
        item=item,
        form=ApplyForm(formdata=None, base_version=submission.version),
        locale=str(get_locale()),
    ), status


def _flash_outcome(outcome: rmi_import.Applied) -> None:
    flash(
        _(
            "Workbook imported: %(changed)s answers changed, %(kept)s kept as they were.",
            changed=len(outcome.changed),
            kept=len(outcome.kept),
        ),
        "success",
    )
    for question_id, message in sorted(outcome.errors.items()):
        flash(f"{question_id}: {message}", "error")


@bp.route("/submissions/<int:submission_id>/rmi/export")
@login_required
def export(submission_id: int):
    """List the template files the answers can be exported into, or say how to get one."""
    submission = submission_or_404(submission_id)
    return render_template(
        "rmi/export.html",
        submission=submission,
        templates=rmi_export.templates(),
        supported=rmi.supported(),
        rmi_page=RMI_TEMPLATES_PAGE,
        locale=str(get_locale()),
    )


@bp.route("/submissions/<int:submission_id>/rmi/export/<int:template_id>.xlsx")
@login_required
def download(submission_id: int, template_id: int):
    """Download the answers written into a kept template file."""
    submission = submission_or_404(submission_id)
    template = db.session.get(RmiTemplate, template_id)
    if template is None:
        abort(404)
    try:
        data = rmi_export.export(submission, template, current_user)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("rmi.export", submission_id=submission.id))
    access_log.rmi_exported(current_user, submission, template.label, data)
    return send_file(
        BytesIO(data),
        mimetype=rmi_import.XLSX,
        as_attachment=True,
        download_name=rmi_export.download_name(submission, template),
    )


@bp.route("/operator/rmi-templates", methods=["GET", "POST"])
@accepts_uploads
@roles_required(Role.OPERATOR)
def templates():
    """List the official template files kept for exports; on POST keep one more."""
    form = WorkbookForm()
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate_on_submit():
            data = form.file.data.read(evidence.max_bytes() + 1)
            try:
                kept = rmi_export.add_template(current_user, form.file.data.filename, data)
            except DomainError as error:
                flash(error.message, "error")
            else:
                flash(_("%(label)s template kept.", label=kept.label), "success")
                return redirect(url_for("rmi.templates"))
        else:
            _flash_errors(form)
    return render_template(
        "rmi/templates.html",
        form=form,
        action_form=ActionForm(),
        templates=rmi_export.templates(),
        supported=rmi.supported(),
        rmi_page=RMI_TEMPLATES_PAGE,
    ), status


@bp.route("/operator/rmi-templates/<int:template_id>/delete", methods=["POST"])
@roles_required(Role.OPERATOR)
def remove_template(template_id: int):
    """Stop offering a template file for exports."""
    template = db.session.get(RmiTemplate, template_id)
    if template is None:
        abort(404)
    if ActionForm().validate_on_submit():
        label = template.label
        rmi_export.remove_template(current_user, template)
        flash(_("%(label)s template removed.", label=label), "success")
    return redirect(url_for("rmi.templates"))
