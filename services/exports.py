"""The portfolio as CSV and XLSX, with headers and labels in the active language."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select

import questionnaires as qn
from extensions import db
from i18n import country_name, join_list
from labels import rating_label, status_label
from models import Answer, Review, RiskResult, Submission, SubmissionStatus
from services import submissions
from services.portfolio import PortfolioRow

HEADERS = (
    _l("Supplier"),
    _l("Country"),
    _l("Status"),
    _l("Rating (computed)"),
    _l("Rating (reviewed)"),
    _l("Red flags"),
    _l("Visibility"),
    _l("Insufficient information"),
    _l("Deadline"),
    _l("Overdue"),
    _l("Corrective actions open"),
    _l("Corrective actions overdue"),
    _l("Corrective actions closed"),
    _l("Minerals"),
    _l("Countries of origin"),
    _l("Date submitted"),
    _l("Date approved"),
    _l("Main findings"),
)
WIDTHS = (40, 20, 18, 16, 16, 10, 10, 14, 12, 10, 12, 12, 12, 24, 30, 14, 14, 60)
#: The answers the export shows: the minerals handled and where they come from.
MINERALS, MATERIALS = "org_minerals", "trace_materials"
#: Findings named in "Main findings": red flags first, then by severity.
MAIN_FINDINGS = 3
_SEVERITY = {"critical": 0, "high": 1, "medium": 2, "low": 3}

#: Leading characters that make spreadsheets read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Details:
    """What the export adds to a portfolio row, from the supplier's latest shared submission."""

    minerals: str = ""
    origins: str = ""
    submitted: date | None = None
    approved: date | None = None
    findings: str = ""


def _cell(value):
    """Return *value* so that no spreadsheet runs it as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def details(buyer_id: int, rows: list[PortfolioRow]) -> dict[int, Details]:
    """Return the export's extra columns per submission, in a fixed number of queries."""
    ids = [r.submission_id for r in rows if r.submission_id is not None]
    if not ids:
        return {}
    locale = str(get_locale())
    answers: dict[int, dict] = {}
    for row in db.session.scalars(
        select(Answer).where(
            Answer.submission_id.in_(ids), Answer.question_id.in_((MINERALS, MATERIALS))
        )
    ):
        answers.setdefault(row.submission_id, {})[row.question_id] = row.value
    results = {
        r.submission_id: r
        for r in db.session.scalars(
            select(RiskResult).where(RiskResult.submission_id.in_(ids), RiskResult.current)
        )
    }
    approved = dict(
        db.session.execute(
            select(Review.submission_id, Review.decided_at).where(
                Review.submission_id.in_(ids),
                Review.buyer_id == buyer_id,
                Review.status == SubmissionStatus.APPROVED,
            )
        ).all()
    )
    found = {}
    for submission in db.session.scalars(select(Submission).where(Submission.id.in_(ids))):
        definition = submissions.definition(submission)
        given = answers.get(submission.id, {})
        minerals = definition.find(MINERALS)
        origins = sorted(
            {
                row["country"]
                for row in given.get(MATERIALS) or []
                if isinstance(row, dict) and row.get("country")
            },
            key=country_name,
        )
        result = results.get(submission.id)
        ordered = sorted(
            (result.result.get("findings", []) if result else []),
            key=lambda f: (not f.get("red_flag"), _SEVERITY.get(f.get("severity"), 9)),
        )
        titles = [f["title"].get(locale) or f["title"].get("en", "") for f in ordered]
        found[submission.id] = Details(
            minerals=_answer(minerals, given.get(MINERALS), locale),
            origins=join_list(country_name(c) for c in origins),
            submitted=_day(submission.submitted_at),
            approved=_day(approved.get(submission.id)),
            findings="; ".join(titles[:MAIN_FINDINGS]),
        )
    return found


def _answer(question, value, locale: str) -> str:
    """Return an answer as text, or nothing for a question the version does not have."""
    return qn.answer_text(question, value, locale) if question is not None and value else ""


def _values(row: PortfolioRow, extra: Details) -> list:
    return [
        _cell(row.supplier),
        country_name(row.country),
        status_label(row.status) if row.status else _("Nothing shared"),
        rating_label(row.rating),
        rating_label(row.reviewed_rating),
        row.red_flags if row.red_flags is not None else "",
        row.visibility if row.visibility is not None else "",
        (_("Yes") if row.insufficient else _("No")) if row.visibility is not None else "",
        row.deadline,
        _("Yes") if row.overdue else _("No"),
        row.actions_open,
        row.actions_overdue,
        row.actions_closed,
        extra.minerals,
        extra.origins,
        extra.submitted,
        extra.approved,
        _cell(extra.findings),
    ]


def table(rows: list[PortfolioRow], extra: dict[int, Details] | None = None) -> list[list]:
    """Return the header row and one row of cell values per supplier (dates as dates)."""
    extra = extra or {}
    return [
        [str(h) for h in HEADERS],
        *(_values(r, extra.get(r.submission_id, Details())) for r in rows),
    ]


def to_csv(rows: list[PortfolioRow], extra: dict[int, Details] | None = None) -> bytes:
    """Return the portfolio as UTF-8 CSV with a byte-order mark (spreadsheets read it right);
    dates as ISO 8601 text."""
    buffer = io.StringIO()
    lines = [
        [v.isoformat() if isinstance(v, date) else ("" if v is None else v) for v in values]
        for values in table(rows, extra)
    ]
    csv.writer(buffer, lineterminator="\r\n").writerows(lines)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[PortfolioRow], extra: dict[int, Details] | None = None) -> bytes:
    """Return the portfolio as an Excel workbook with one sheet; dates are date cells."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Portfolio"))[:31]
    for values in table(rows, extra):
        sheet.append(["" if v is None else v for v in values])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime | date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
