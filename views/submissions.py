"""The supplier's questionnaire: overview, one section per page, autosave, evidence, submit."""

from __future__ import annotations

import json
from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

import questionnaires as qn
from forms.auth import LoginForm
from forms.questionnaire import (
    SPARE_ROWS,
    EvidenceForm,
    TooManyFields,
    raw_answers_from_form,
    raw_answers_from_json,
)
from models import Role, SubmissionStatus
from permissions import roles_required, submission_or_404
from policy import can_edit_answers, can_move_version, can_share, reader_buyer_ids
from services import (
    audit,
    corrective_lists,
    renewal,
    review,
    risk,
    sharing,
    submissions,
    versions,
)
from services.errors import ConflictError, DomainError

bp = Blueprint("submissions", __name__, url_prefix="/submissions")


def _section_or_404(definition: qn.Questionnaire, section_id: str) -> qn.Section:
    try:
        return definition.section(section_id)
    except KeyError:
        abort(404)


def _neighbours(definition: qn.Questionnaire, section: qn.Section):
    ids = [s.id for s in definition.sections]
    index = ids.index(section.id)
    previous = definition.sections[index - 1] if index > 0 else None
    following = definition.sections[index + 1] if index + 1 < len(ids) else None
    return previous, following


@bp.route("", methods=["POST"])
@roles_required(Role.SUPPLIER)
def start():
    """Start a new questionnaire for the supplier's organisation."""
    try:
        submission = submissions.start(current_user)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("supplier.home"))
    return redirect(url_for("submissions.overview", submission_id=submission.id))


@bp.route("/<int:submission_id>")
@login_required
def overview(submission_id: int):
    """List the sections with their progress, what is missing, and the submit button."""
    submission = submission_or_404(submission_id)
    definition = submissions.definition(submission)
    progress = submissions.progress(submission)
    missing = (
        submissions.missing_items(submission) if can_edit_answers(current_user, submission) else []
    )
    supplier_side = current_user.role == Role.SUPPLIER
    return render_template(
        "submissions/overview.html",
        submission=submission,
        definition=definition,
        progress=progress,
        missing=missing,
        locale=str(get_locale()),
        result=risk.current_result(submission),
        feedback=review.released(submission) if supplier_side else [],
        my_reviews=[] if supplier_side else review.readable(submission, current_user),
        shares=sharing.choices(submission) if can_share(current_user, submission) else [],
        share_proposal=sharing.proposed_at_submit(submission)
        if can_share(current_user, submission) and submission.status == SubmissionStatus.DRAFT
        else [],
        newer=versions.newer_version(submission)
        if can_move_version(current_user, submission)
        else None,
        history=audit.history(
            submission.id, None if supplier_side else reader_buyer_ids(current_user)
        ),
        actions=corrective_lists.visible(
            current_user, date.today(), status="all", submission_id=submission.id
        ),
        today=date.today(),
    )


@bp.route("/<int:submission_id>/version", methods=["GET", "POST"])
@roles_required(Role.SUPPLIER)
def version(submission_id: int):
    """Show what moving the draft to the newer questionnaire version keeps; move it on POST."""
    submission = submission_or_404(submission_id)
    if not can_move_version(current_user, submission):
        abort(404)
    if request.method == "POST":
        try:
            moved = versions.move(submission, current_user, request.form.get("version", ""))
        except DomainError as error:
            flash(error.message, "error")
            return redirect(url_for("submissions.version", submission_id=submission.id))
        flash(
            _(
                "Moved to version %(v)s: %(kept)s answers kept, %(again)s to answer again.",
                v=moved.target.version,
                kept=len(moved.carried),
                again=len(moved.changed),
            ),
            "success",
        )
        return redirect(url_for("submissions.overview", submission_id=submission.id))
    move = versions.plan(submission)
    if move is None:
        flash(_("This questionnaire is on the newest version."), "info")
        return redirect(url_for("submissions.overview", submission_id=submission.id))
    return render_template(
        "submissions/version.html", submission=submission, move=move, locale=str(get_locale())
    )


@bp.route("/<int:submission_id>/new-round", methods=["POST"])
@roles_required(Role.SUPPLIER)
def new_round(submission_id: int):
    """Start a new draft copied from an approved or rejected questionnaire."""
    submission = submission_or_404(submission_id)
    try:
        copy = renewal.start_new_round(submission, current_user)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("submissions.overview", submission_id=submission.id))
    flash(_("A new draft was started from your earlier answers."), "success")
    return redirect(url_for("submissions.overview", submission_id=copy.id))


def _too_many_fields_message() -> str:
    return _("The form has more fields than this questionnaire has. Nothing was saved.")


def _render_section(submission, definition, section, *, posted=None, outcome=None, status=200):
    answers = submissions.answers_of(submission)
    values = dict(answers)
    if posted:
        values.update(posted)
    visible = qn.visible_question_ids(definition, answers)
    previous, following = _neighbours(definition, section)
    evidence = submissions.evidence_of(submission)
    documents = {f.sha256: f for files in evidence.values() for f in files}  # each file once
    return (
        render_template(
            "submissions/section.html",
            submission=submission,
            definition=definition,
            section=section,
            values=values,
            visible=visible,
            outcome=outcome,
            evidence=evidence,
            documents=sorted(documents.values(), key=lambda f: f.filename.lower()),
            evidence_required=qn.evidence_required,
            progress=submissions.progress(submission)[section.id],
            editable=can_edit_answers(current_user, submission),
            previous=previous,
            following=following,
            spare_rows=SPARE_ROWS,
            evidence_form=EvidenceForm(),
            locale=str(get_locale()),
            comments_by_question=review.released_comments(submission),
        ),
        status,
    )


@bp.route("/<int:submission_id>/sections/<section_id>", methods=["GET", "POST"])
@login_required
def section(submission_id: int, section_id: str):
    """Show one section; on POST save it (the no-JavaScript path) and move on."""
    submission = submission_or_404(submission_id)
    definition = submissions.definition(submission)
    section_ = _section_or_404(definition, section_id)
    if request.method == "GET":
        return _render_section(submission, definition, section_)
    # Refuse before reading the answers: whoever may not edit never costs the parsing.
    if not can_edit_answers(current_user, submission):
        flash(_("This questionnaire cannot be changed now."), "error")
        return _render_section(submission, definition, section_, status=403)
    try:
        raw = raw_answers_from_form(definition, request.form)
    except TooManyFields:
        flash(_too_many_fields_message(), "error")
        return _render_section(submission, definition, section_, status=400)
    try:
        base_version = int(request.form.get("version", ""))
    except ValueError:
        base_version = -1
    try:
        outcome = submissions.save_answers(submission, current_user, raw, base_version)
    except ConflictError as error:
        flash(error.message, "error")
        return _render_section(submission, definition, section_, posted=raw, status=409)
    except DomainError as error:
        flash(error.message, "error")
        return _render_section(submission, definition, section_, posted=raw, status=403)
    if outcome.errors or outcome.conflicts:
        flash(_("Some answers were not saved. Check the messages beside them."), "error")
        unsaved = {q: raw[q] for q in (*outcome.errors, *outcome.conflicts) if q in raw}
        return _render_section(
            submission, definition, section_, posted=unsaved, outcome=outcome, status=422
        )
    flash(_("Saved."), "success")
    previous, following = _neighbours(definition, section_)
    target = section_
    if request.form.get("go") == "next" and following is not None:
        target = following
    elif request.form.get("go") == "previous" and previous is not None:
        target = previous
    elif request.form.get("go") == "overview":
        return redirect(url_for("submissions.overview", submission_id=submission.id))
    return redirect(
        url_for("submissions.section", submission_id=submission.id, section_id=target.id)
    )


@bp.route("/<int:submission_id>/answers", methods=["POST"])
@login_required
def autosave(submission_id: int):
    """Save answers sent by the page's script as JSON; answer with what was saved."""
    submission = submission_or_404(submission_id)
    try:
        base_version, raw = raw_answers_from_json(request.get_json(silent=True))
    except (ValueError, RecursionError):  # RecursionError: JSON nested too deep to parse
        return jsonify(error=_("The request was not understood.")), 400
    try:
        outcome = submissions.save_answers(submission, current_user, raw, base_version)
    except ConflictError as error:
        return jsonify(error=error.message, conflict=True), 409
    except DomainError as error:
        return jsonify(error=error.message), 403
    locale = str(get_locale())
    definition = submissions.definition(submission)
    return jsonify(
        version=outcome.version,
        saved=outcome.saved,
        errors=outcome.errors,
        conflicts={
            q: qn.answer_text(definition.question(q), v, locale)
            for q, v in outcome.conflicts.items()
        },
        visible=sorted(outcome.visible),
        message=_("Saved") if not (outcome.errors or outcome.conflicts) else _("Not all saved"),
    ), (409 if outcome.conflicts else 200)


@bp.route("/<int:submission_id>/submit", methods=["POST"])
@login_required
def submit(submission_id: int):
    """Submit the questionnaire after the completeness check."""
    submission = submission_or_404(submission_id)
    if not can_edit_answers(current_user, submission):
        flash(_("This questionnaire cannot be changed now."), "error")
        return redirect(url_for("submissions.overview", submission_id=submission.id))
    share_with = None
    if request.form.get("share_choice") == "1":  # the buyers were asked on the submit form
        share_with = {int(b) for b in request.form.getlist("buyers") if b.isdigit()}
    try:
        submissions.submit(submission, current_user, share_with=share_with)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Submitted. Your answers are now read-only."), "success")
    return redirect(url_for("submissions.overview", submission_id=submission.id))


@bp.errorhandler(CSRFError)
def expired_form(_error):
    """Never lose a posted section: show the answers again, or keep them through sign-in."""
    if request.endpoint != "submissions.section" or request.method != "POST":
        return render_template(
            "error.html",
            title=_("The form expired"),
            message=_(
                "Your form was open too long or your session ended. Reload the page and try again."
            ),
        ), 400
    if current_user.is_authenticated:
        flash(
            _("The page expired: your answers are not saved yet. Check them and press Save."),
            "error",
        )
        return _render_posted(request.path, request.form, status=400)
    pending = {k: v for k, v in request.form.lists() if k != "csrf_token"}
    flash(
        _("Your session ended, so your answers are not saved yet. Sign in again to get them back."),
        "error",
    )
    form = LoginForm(next=request.path, pending=json.dumps(pending, ensure_ascii=False))
    return render_template("auth/login.html", form=form), 401


def _render_posted(path: str, formdata, status: int = 200):
    """Render the section at *path* with posted, unsaved answers filled in."""
    try:
        endpoint, args = current_app.url_map.bind("localhost").match(path, method="GET")
    except HTTPException:
        abort(404)
    if endpoint != "submissions.section":
        abort(404)
    submission = submission_or_404(args["submission_id"])
    definition = submissions.definition(submission)
    section_ = _section_or_404(definition, args["section_id"])
    try:
        posted = raw_answers_from_form(definition, formdata)
    except TooManyFields:
        flash(_too_many_fields_message(), "error")
        posted = None
    return _render_section(submission, definition, section_, posted=posted, status=status)


def render_pending(path: str, pending: str):
    """Show answers kept through a sign-in (see :func:`expired_form`) for the user to save."""
    try:
        data = json.loads(pending)
        formdata = MultiDict([(k, v) for k, values in data.items() for v in values])
    except (ValueError, AttributeError, TypeError, RecursionError):
        return None
    flash(_("Here are the answers you entered. Press Save to store them."), "info")
    return _render_posted(path, formdata)
