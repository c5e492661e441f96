"""A submission under review: answers beside findings and comments; the reviewer's decisions."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forms.review import CommentForm, DecisionForm, FindingDecisionForm
from models import Role
from permissions import roles_required, submission_or_404
from services import dossier, findings, review
from services.errors import DomainError

bp = Blueprint("review", __name__, url_prefix="/review")

DONE = {
    "request_changes": _l("Changes requested. The supplier has been told."),
    "approve": _l("Approved."),
    "reject": _l("Rejected."),
}


def _back(submission_id: int, anchor: str = ""):
    # url_for quotes the anchor: it may carry posted text (a question or rule id).
    target = url_for("review.show", submission_id=submission_id, _anchor=anchor.lstrip("#") or None)
    return redirect(target)


def _flash_errors(form) -> None:
    for errors in form.errors.values():
        for message in errors:
            flash(message, "error")


@bp.route("/<int:submission_id>")
@roles_required(Role.REVIEWER, Role.BUYER, Role.ADMIN)
def show(submission_id: int):
    """Show each answer beside its question, documents, findings, comments and changes."""
    submission = submission_or_404(submission_id)
    locale = str(get_locale())
    both = request.args.get("both") == "1"
    return render_template(
        "review/show.html",
        d=dossier.build(submission),
        locale=locale,
        languages=("en", "ja") if both else (locale,),
        both=both,
        decision_form=DecisionForm(),
    )


@bp.route("/<int:submission_id>/start", methods=["POST"])
@roles_required(Role.REVIEWER)
def start(submission_id: int):
    """Take a submitted questionnaire into review."""
    submission = submission_or_404(submission_id)
    try:
        review.start_review(submission, current_user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Review started."), "success")
    return _back(submission.id)


@bp.route("/<int:submission_id>/comments", methods=["POST"])
@roles_required(Role.REVIEWER)
def comment(submission_id: int):
    """Comment on one answer or on the whole questionnaire."""
    submission = submission_or_404(submission_id)
    form = CommentForm()
    anchor = f"#q-{form.question_id.data}" if form.question_id.data else "#comments"
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(submission.id, anchor)
    try:
        review.add_comment(submission, current_user, form.question_id.data, form.body.data)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Comment saved."), "success")
    return _back(submission.id, anchor)


@bp.route("/<int:submission_id>/findings", methods=["POST"])
@roles_required(Role.REVIEWER)
def finding(submission_id: int):
    """Accept or dismiss one finding with a justification."""
    submission = submission_or_404(submission_id)
    form = FindingDecisionForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(submission.id, "#findings")
    try:
        findings.decide(
            submission,
            current_user,
            form.rule_id.data,
            form.decision.data,
            form.justification.data,
        )
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Decision on the finding saved."), "success")
    return _back(submission.id, f"#f-{form.rule_id.data}")


@bp.route("/<int:submission_id>/decision", methods=["POST"])
@roles_required(Role.REVIEWER)
def decide(submission_id: int):
    """Request changes, approve or reject, with a reason."""
    submission = submission_or_404(submission_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(submission.id, "#decision")
    try:
        review.decide(submission, current_user, form.action.data, form.reason.data)
    except DomainError as error:
        flash(error.message, "error")
        return _back(submission.id, "#decision")
    flash(str(DONE[form.action.data]), "success")
    return _back(submission.id)
