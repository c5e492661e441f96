"""PDF report downloads: the supplier's working copy, and each buyer's own report."""

from io import BytesIO

from flask import Blueprint, abort, render_template, request, send_file
from flask_login import current_user, login_required

from permissions import review_or_404, submission_or_404
from policy import can_read_working_copy
from services import access_log, reports, stored_reports

bp = Blueprint("reports", __name__, url_prefix="/reports")


def _lang() -> str:
    lang = request.args.get("lang", "en")
    if lang not in reports.LANGUAGES:
        abort(404)
    return lang


def _send(submission, lang: str, review=None):
    try:
        pdf = stored_reports.pdf_for(submission, lang, review)
    except stored_reports.ReportPending:
        response = render_template("reports/pending.html", submission=submission), 503
        return (*response, {"Retry-After": "60"})
    access_log.report_downloaded(current_user, submission, lang, pdf, review)
    return send_file(
        BytesIO(pdf),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=reports.download_name(submission, lang, review),
        max_age=0,
    )


@bp.route("/<int:submission_id>")
@login_required
def download(submission_id: int):
    """Download the supplier's working report, without any buyer's review (?lang=en|ja)."""
    submission = submission_or_404(submission_id)
    if not can_read_working_copy(current_user, submission):
        abort(404)
    return _send(submission, _lang())


@bp.route("/reviews/<int:review_id>")
@login_required
def review(review_id: int):
    """Download one buyer's report: its decision, finding decisions and history (?lang=)."""
    item = review_or_404(review_id)
    return _send(item.submission, _lang(), item)
