"""The portfolio as CSV and XLSX, with headers and labels in the active language."""

from __future__ import annotations

import csv
import io

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.styles import Font

from i18n import country_name
from labels import rating_label, status_label
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
)


#: Leading characters that make spreadsheets read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """Return *value* so that no spreadsheet runs it as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _values(row: PortfolioRow) -> list:
    return [
        _cell(row.supplier),
        country_name(row.country),
        status_label(row.status) if row.status else _("Nothing shared"),
        rating_label(row.rating),
        rating_label(row.reviewed_rating),
        row.red_flags if row.red_flags is not None else "",
        row.visibility if row.visibility is not None else "",
        (_("Yes") if row.insufficient else _("No")) if row.visibility is not None else "",
        row.deadline.isoformat() if row.deadline else "",
        _("Yes") if row.overdue else _("No"),
        row.actions_open,
        row.actions_overdue,
        row.actions_closed,
    ]


def table(rows: list[PortfolioRow]) -> list[list]:
    """Return the header row and one row of cell values per supplier."""
    return [[str(h) for h in HEADERS], *(_values(r) for r in rows)]


def to_csv(rows: list[PortfolioRow]) -> bytes:
    """Return the portfolio as UTF-8 CSV with a byte-order mark (spreadsheets read it right)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(table(rows))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[PortfolioRow]) -> bytes:
    """Return the portfolio as an Excel workbook with one sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Portfolio"))[:31]
    for values in table(rows):
        sheet.append(values)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    widths = (40, 20, 18, 16, 16, 10, 10, 14, 12, 10, 12, 12, 12)
    for column, width in zip("ABCDEFGHIJKLM", widths, strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
