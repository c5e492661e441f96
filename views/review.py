"""One buyer's review of a submission: answers beside findings and comments; its decisions."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from forms.review import (
    CommentForm,
    DecisionForm,
    FindingDecisionForm,
    NotApplicableDecisionForm,
)
from models import Action, Role
from permissions import review_or_404, roles_required
from services import dossier, findings, history, review, stored_reports
from services.errors import DomainError

bp = Blueprint("review", __name__, url_prefix="/review")

DONE = {
    Action.REQUEST_CHANGES: _l("Changes requested. The supplier has been told."),
    Action.APPROVE: _l("Approved."),
    Action.REJECT: _l("Rejected."),
}


def _back(review_id: int, anchor: str = ""):
    # url_for quotes the anchor: it may carry posted text (a question or rule id).
    target = url_for("review.show", review_id=review_id, _anchor=anchor.lstrip("#") or None)
    return redirect(target)


def _flash_errors(form) -> None:
    for errors in form.errors.values():
        for message in errors:
            flash(message, "error")


@bp.route("/<int:review_id>")
@roles_required(Role.REVIEWER, Role.BUYER)
def show(review_id: int):
    """Show each answer beside its question, documents, findings, comments and changes."""
    item = review_or_404(review_id)
    locale = str(get_locale())
    both = request.args.get("both") == "1"
    return render_template(
        "review/show.html",
        d=dossier.build(item),
        locale=locale,
        languages=("en", "ja") if both else (locale,),
        both=both,
        decision_form=DecisionForm(),
        report_pending=stored_reports.pending(item),
        answer_history=history.answer_history(item.submission_id),
    )


@bp.route("/<int:review_id>/start", methods=["POST"])
@roles_required(Role.REVIEWER)
def start(review_id: int):
    """Take a submitted questionnaire into review."""
    item = review_or_404(review_id)
    try:
        review.start_review(item, current_user)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Review started."), "success")
    return _back(item.id)


@bp.route("/<int:review_id>/comments", methods=["POST"])
@roles_required(Role.REVIEWER)
def comment(review_id: int):
    """Comment on one answer or on the whole questionnaire."""
    item = review_or_404(review_id)
    form = CommentForm()
    anchor = f"#q-{form.question_id.data}" if form.question_id.data else "#comments"
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(item.id, anchor)
    try:
        review.add_comment(item, current_user, form.question_id.data, form.body.data)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Comment saved."), "success")
    return _back(item.id, anchor)


@bp.route("/<int:review_id>/findings", methods=["POST"])
@roles_required(Role.REVIEWER)
def finding(review_id: int):
    """Accept or dismiss one finding with a justification."""
    item = review_or_404(review_id)
    form = FindingDecisionForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(item.id, "#findings")
    try:
        findings.decide(
            item,
            current_user,
            form.rule_id.data,
            form.decision.data,
            form.justification.data,
        )
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Decision on the finding saved."), "success")
    return _back(item.id, f"#f-{form.rule_id.data}")


@bp.route("/<int:review_id>/not-applicable", methods=["POST"])
@roles_required(Role.REVIEWER)
def not_applicable(review_id: int):
    """Accept the reason given for a "not applicable" answer, or not, with a justification."""
    item = review_or_404(review_id)
    form = NotApplicableDecisionForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(item.id, "#visibility")
    try:
        findings.decide_not_applicable(
            item,
            current_user,
            form.question_id.data,
            form.decision.data,
            form.justification.data,
        )
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_('Decision on the "not applicable" answer saved.'), "success")
    return _back(item.id, "#visibility")


@bp.route("/<int:review_id>/decision", methods=["POST"])
@roles_required(Role.REVIEWER)
def decide(review_id: int):
    """Request changes, approve or reject, with a reason."""
    item = review_or_404(review_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        _flash_errors(form)
        return _back(item.id, "#decision")
    try:
        review.decide(item, current_user, form.action.data, form.reason.data)
    except DomainError as error:
        flash(error.message, "error")
        return _back(item.id, "#decision")
    flash(str(DONE[form.action.data]), "success")
    return _back(item.id)
