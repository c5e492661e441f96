"""PDF report downloads."""

from io import BytesIO

from flask import Blueprint, abort, request, send_file
from flask_login import current_user, login_required

from permissions import can_download_report, submission_or_404
from services import reports

bp = Blueprint("reports", __name__, url_prefix="/reports")


@bp.route("/<int:submission_id>")
@login_required
def download(submission_id: int):
    """Download the due-diligence report in the language asked for (?lang=en|ja)."""
    submission = submission_or_404(submission_id)
    if not can_download_report(current_user, submission):
        abort(404)
    lang = request.args.get("lang", "en")
    if lang not in reports.LANGUAGES:
        abort(404)
    return send_file(
        BytesIO(reports.pdf_for(submission, lang)),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=reports.download_name(submission, lang),
        max_age=0,
    )
