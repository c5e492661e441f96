"""File responses of the API: reports and documents, each read logged before it is sent."""

from __future__ import annotations

from io import BytesIO

from flask import send_file
from flask_babel import gettext as _

from api.problems import Problem
from services import access_log, reports, stored_reports


def report_language(query: dict) -> str:
    """Return the report language asked for."""
    return query.get("lang", "en")


def pdf_response(user, submission, lang: str, review=None):
    """Send a report as the download pages do: the stored one of a decided review, else a
    rendering now; logged as an access event first."""
    try:
        pdf = stored_reports.pdf_for(submission, lang, review)
    except stored_reports.ReportPending:
        raise Problem(
            503,
            _("The report is being prepared. Try again in a minute."),
            headers={"Retry-After": "60"},
        ) from None
    access_log.report_downloaded(user, submission, lang, pdf, review)
    return send_file(
        BytesIO(pdf),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=reports.download_name(submission, lang, review),
        max_age=0,
    )
