"""Corrective action plans: the list, a plan's page and its steps, requests, due-date terms."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from extensions import db
from forms.corrective_actions import (
    ActionEvidenceForm,
    DecisionForm,
    EvidenceNoteForm,
    ListFilterForm,
    MessageForm,
    PlanForm,
    RequestForm,
    TermsForm,
)
from labels import action_status_label
from models import PlanAction, Role, Submission
from permissions import (
    corrective_action_file_or_404,
    corrective_action_or_404,
    review_or_404,
    roles_required,
)
from policy import can_request_corrective_action
from security import accepts_uploads
from services import (
    access_log,
    corrective_actions,
    corrective_evidence,
    corrective_lists,
    corrective_requests,
    corrective_terms,
    evidence,
    submissions,
)
from services.errors import DomainError

bp = Blueprint("corrective_actions", __name__, url_prefix="/corrective-actions")
PARTIES = (Role.SUPPLIER, Role.REVIEWER, Role.BUYER)


def _flash_errors(form) -> None:
    for errors in form.errors.values():
        for message in errors:
            flash(message, "error")


def _back(action_id: int, anchor: str | None = None):
    return redirect(url_for("corrective_actions.show", action_id=action_id, _anchor=anchor))


@bp.route("/")
@roles_required(*PARTIES)
def index():
    """List the plans the signed-in person sees, most pressing first."""
    today = date.today()
    every = corrective_lists.visible(current_user, today, status="all")
    suppliers = sorted({(a.supplier_id, a.supplier.name) for a in every}, key=lambda s: s[1])
    form = ListFilterForm(request.args)
    form.supplier.choices = [("", _("Any")), *((str(i), n) for i, n in suppliers)]
    if not form.validate():
        form = ListFilterForm(formdata=None)
        form.supplier.choices = [("", _("Any"))]
    rows = corrective_lists.visible(
        current_user,
        today,
        status=form.status.data,
        supplier_id=int(form.supplier.data) if form.supplier.data else None,
    )
    return render_template("corrective_actions/index.html", rows=rows, form=form, today=today)


@bp.route("/<int:action_id>")
@roles_required(*PARTIES)
def show(action_id: int):
    """Show a plan: the finding, the request, the plan, evidence, decisions and the thread."""
    action = corrective_action_or_404(action_id)
    return render_template(
        "corrective_actions/show.html",
        action=action,
        today=date.today(),
        locale=str(get_locale()),
        moves=corrective_actions.available(action, current_user),
        plan_form=PlanForm(obj=action),
        note_form=EvidenceNoteForm(),
        decision_form=DecisionForm(),
        message_form=MessageForm(),
        upload_form=ActionEvidenceForm(),
        files=corrective_evidence.files(action),
        thread=corrective_requests.comments(action),
        history=corrective_lists.history(action, current_user),
        recurs=corrective_lists.recurs(action),
        basis=corrective_terms.basis_text(action.due_basis),
        definition=submissions.definition(db.session.get(Submission, action.submission_id)),
    )


def _move(action, move: str, **kwargs) -> None:
    try:
        corrective_actions.transition(action, move, current_user, **kwargs)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Saved: %(status)s.", status=action_status_label(action.status)), "success")


@bp.route("/<int:action_id>/plan", methods=["POST"])
@roles_required(Role.SUPPLIER)
def plan(action_id: int):
    """Submit (or submit again) the corrective action plan."""
    action = corrective_action_or_404(action_id)
    form = PlanForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(action.id, "plan")
    _move(
        action,
        PlanAction.SUBMIT_PLAN,
        plan=corrective_actions.Plan(
            form.root_cause.data,
            form.corrective_action.data,
            form.preventive_action.data,
            form.responsible_person.data,
            form.start_on.data,
        ),
    )
    return _back(action.id, "plan")


@bp.route("/<int:action_id>/start", methods=["POST"])
@roles_required(Role.SUPPLIER)
def start(action_id: int):
    """Record that the work of an accepted plan has started."""
    action = corrective_action_or_404(action_id)
    _move(action, PlanAction.START_WORK)
    return _back(action.id)


@bp.route("/<int:action_id>/submit-evidence", methods=["POST"])
@roles_required(Role.SUPPLIER)
def submit_evidence(action_id: int):
    """Send the evidence of implementation for verification."""
    action = corrective_action_or_404(action_id)
    form = EvidenceNoteForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(action.id, "evidence")
    _move(action, PlanAction.SUBMIT_EVIDENCE, note=form.note.data)
    return _back(action.id, "evidence")


@bp.route("/<int:action_id>/decision", methods=["POST"])
@roles_required(Role.REVIEWER)
def decide(action_id: int):
    """Accept or return a plan; verify and close, or reopen; with a reason."""
    action = corrective_action_or_404(action_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(action.id, "decision")
    _move(action, form.action.data, reason=form.reason.data)
    return _back(action.id)


@bp.route("/<int:action_id>/messages", methods=["POST"])
@roles_required(*PARTIES)
def message(action_id: int):
    """Add a message to the plan's thread."""
    action = corrective_action_or_404(action_id)
    form = MessageForm()
    if not form.validate_on_submit():
        _flash_errors(form)
    else:
        try:
            corrective_requests.add_comment(action, current_user, form.body.data)
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Message sent."), "success")
    return _back(action.id, "thread")


@bp.route("/<int:action_id>/files", methods=["POST"])
@accepts_uploads
@roles_required(Role.SUPPLIER)
def upload(action_id: int):
    """Attach a file as evidence that the action is implemented."""
    action = corrective_action_or_404(action_id)
    form = ActionEvidenceForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(action.id, "evidence")
    upload_ = form.file.data
    data = upload_.read(evidence.max_bytes() + 1)
    try:
        item = corrective_evidence.add(action, current_user, upload_.filename, data)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("%(name)s uploaded.", name=item.filename), "success")
    return _back(action.id, "evidence")


@bp.route("/files/<int:file_id>")
@login_required
def download(file_id: int):
    """Download a plan's evidence file as an attachment under its original name."""
    item, action = corrective_action_file_or_404(file_id)
    data = evidence.content(item)
    access_log.action_evidence_downloaded(current_user, item, action)
    return send_file(
        BytesIO(data), mimetype=item.content_type, as_attachment=True, download_name=item.filename
    )


@bp.route("/files/<int:file_id>/delete", methods=["POST"])
@roles_required(Role.SUPPLIER)
def remove(file_id: int):
    """Remove an evidence file while the work is in progress."""
    item, action = corrective_action_file_or_404(file_id)
    try:
        corrective_evidence.remove(item, action, current_user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Document removed."), "success")
    return _back(action.id, "evidence")


@bp.route("/request/<int:review_id>", methods=["GET", "POST"])
@roles_required(Role.REVIEWER)
def ask(review_id: int):
    """Show what a request would ask, with its default due dates and their basis; send it."""
    review = review_or_404(review_id)
    if not can_request_corrective_action(current_user, review):
        abort(404)
    form = RequestForm(request.args) if request.method == "GET" else RequestForm()
    comment_id = form.comment_id.data or ""
    try:
        found = corrective_requests.source(
            review,
            rule_id=(form.rule_id.data or "")[:100] or None,
            comment_id=int(comment_id) if re.fullmatch(r"[0-9]{1,9}", comment_id) else None,
        )
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("review.show", review_id=review.id))
    severity = found.severity
    if found.comment is not None and form.severity.data in corrective_terms.SEVERITIES:
        severity = form.severity.data
    terms = corrective_terms.terms_for(review.buyer_id, severity)
    today = date.today()
    if request.method == "POST" and form.validate_on_submit():
        try:
            action = corrective_requests.request(
                review,
                current_user,
                found,
                text=form.request.data,
                verification=form.verification.data,
                severity=form.severity.data,
                plan_due_on=form.plan_due_on.data,
                due_on=form.due_on.data,
                today=today,
            )
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Corrective action requested. The supplier has been told."), "success")
            return redirect(url_for("corrective_actions.show", action_id=action.id))
    elif request.method == "POST":
        _flash_errors(form)
    if request.method == "GET":
        form.request.data = found.suggested(str(get_locale()))
        form.severity.data = severity
        form.plan_due_on.data, form.due_on.data = terms.dates(today)
    return render_template(
        "corrective_actions/request.html",
        review=review,
        found=found,
        form=form,
        terms=corrective_terms.all_terms(review.buyer_id),
        basis=corrective_terms.basis_text(terms.basis),
        locale=str(get_locale()),
        today=today,
    )


@bp.route("/terms", methods=["GET", "POST"])
@roles_required(Role.BUYER)
def terms():
    """Show the buyer's due dates per severity and their basis; change them."""
    buyer_id = current_user.organisation_id
    current = corrective_terms.all_terms(buyer_id)
    form = TermsForm()
    if form.validate_on_submit():
        try:
            corrective_terms.save_terms(buyer_id, current_user, form.values())
        except DomainError as error:
            flash(error.message, "error")
        else:
            flash(_("Due dates saved."), "success")
            return redirect(url_for("corrective_actions.terms"))
    elif request.method == "POST":
        _flash_errors(form)
    else:
        for item in current:
            form[f"plan_{item.severity}"].data = item.plan_days
            form[f"close_{item.severity}"].data = item.close_days
    return render_template(
        "corrective_actions/terms.html",
        form=form,
        current=current,
        defaults=corrective_terms.DEFAULT_TERMS,
        basis=corrective_terms.basis_text,
    )
