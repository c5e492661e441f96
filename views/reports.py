"""Reports: the PDF downloads (the supplier's working copy and each buyer's own report), and
the same report as an accessible web page."""

from io import BytesIO

from flask import Blueprint, abort, render_template, request, send_file
from flask_babel import force_locale
from flask_login import current_user, login_required

from permissions import review_or_404, submission_or_404
from policy import can_read_working_copy
from reports.page import ReportPage
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


def _page(submission, lang: str, review=None):
    """Render the report's web page in *lang* (the page's words too, as in the PDF)."""
    data = reports.build(submission, review)
    access_log.report_viewed(current_user, submission, lang, data.report_id, review)
    with force_locale(lang):
        return render_template(
            "reports/page.html",
            page=ReportPage(data, lang),
            submission_id=submission.id,
            review_id=review.id if review is not None else None,
        )


def _working_copy_or_404(submission_id: int):
    submission = submission_or_404(submission_id)
    if not can_read_working_copy(current_user, submission):
        abort(404)
    return submission


@bp.route("/<int:submission_id>")
@login_required
def download(submission_id: int):
    """Download the supplier's working report, without any buyer's review (?lang=en|ja)."""
    return _send(_working_copy_or_404(submission_id), _lang())


@bp.route("/<int:submission_id>/page")
@login_required
def download_page(submission_id: int):
    """Show the supplier's working report as an accessible web page (?lang=en|ja)."""
    return _page(_working_copy_or_404(submission_id), _lang())


@bp.route("/reviews/<int:review_id>")
@login_required
def review(review_id: int):
    """Download one buyer's report: its decision, finding decisions and history (?lang=)."""
    item = review_or_404(review_id)
    return _send(item.submission, _lang(), item)


@bp.route("/reviews/<int:review_id>/page")
@login_required
def review_page(review_id: int):
    """Show one buyer's report as an accessible web page, the same content as its PDF."""
    item = review_or_404(review_id)
    return _page(item.submission, _lang(), item)
