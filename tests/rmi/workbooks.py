"""Synthetic EMRT- and AMRT-shaped workbooks, built with openpyxl at RMI's cell addresses.

They carry the documented sheets and cells only, with made-up labels, facilities and IDs:
RMI's own workbooks never enter the repository. ``template()`` is a blank "official"
template with formulas where RMI has them; ``workbook()`` a completed one as Excel would
save it (plain values where the formulas had results).
"""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from rmi import layouts

SHEETS = (
    "Revision",
    "Instructions",
    "Definitions",
    "Declaration",
    "Smelter List",
    "Checker",
    "Mine List",
    "Product List",
    "Smelter Look-up",
)
#: Labels of the Declaration in two of the template's languages (the real ones are formulas
#: over the hidden L sheet; a reader must not depend on them).
LABELS = {
    "English": {"B8": "Company name (*):", "B30": "Cobalt (*)", "D2": "Reporting Template"},
    "日本語": {"B8": "会社名 (*)：", "B30": "コバルト (*)", "D2": "報告テンプレート"},
}
#: Made-up facilities of the synthetic Smelter Look-up: metal, name, country, CID, source.
LOOKUP = (
    ("Cobalt", "Example Cobalt Refinery One", "CHINA", "CID900001", "RMI"),
    ("Cobalt", "Example Cobalt Works Two", "FINLAND", "CID900002", "RMI"),
    ("Nickel", "Example Nickel Smelter Three", "INDONESIA", "CID900003", "RMI"),
    ("Lithium", "Example Lithium Refinery Four", "AUSTRALIA", "CID900004", "RMI"),
    ("Manganese", "Example Manganese Plant Five", "SOUTH AFRICA", "CID900005", "RMI"),
)
COUNTRIES = (
    "AUSTRALIA",
    "CHINA",
    "CONGO, THE DEMOCRATIC REPUBLIC OF THE",
    "FINLAND",
    "INDONESIA",
    "JAPAN",
    "KOREA, REPUBLIC OF",
    "MOZAMBIQUE",
    "SOUTH AFRICA",
)


def _base(kind: str, version: str, language: str, formulas: bool) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    names = list(SHEETS)
    if kind == layouts.AMRT:
        names.insert(names.index("Smelter Look-up"), "Minerals Scope")
    for name in names:
        book.create_sheet(name)
    for name in ("L", "C", "SorP"):
        book.create_sheet(name).sheet_state = "hidden"
    number = "1.3" if kind == layouts.AMRT and version.startswith("2") else version
    revision = f"Revision {number}\nOctober 17, 2025"
    declaration = book["Declaration"]
    declaration["J3"] = revision
    book["Smelter List"]["Q3"] = revision
    book["Mine List"]["M3"] = revision
    declaration["D3"] = language
    for cell, label in LABELS[language].items():
        declaration[cell] = label
    languages = DataValidation(type="list", formula1='"English,日本語"')
    declaration.add_data_validation(languages)
    languages.add("D3")
    for index, name in enumerate(COUNTRIES, 1):
        book["C"][f"A{index}"] = name
    lookup = book["Smelter Look-up"]
    lookup.append(("Metal", "Smelter Look-up", "Country", "Smelter ID", "Source"))
    for row in LOOKUP:
        lookup.append(row)
    if formulas:
        declaration["AA12"] = '=IFERROR(INDEX(SORT(D12:G13),1),"")'
        declaration["B30"] = '=AA12&"(*)"'
        smelters = book["Smelter List"]
        for row in range(5, 12):
            smelters[f"E{row}"] = f"=IFERROR(VLOOKUP(C{row},'Smelter Look-up'!B:C,2,0),\"\")"
            smelters[f"F{row}"] = f"=IFERROR(VLOOKUP(C{row},'Smelter Look-up'!B:D,3,0),\"\")"
            smelters[f"G{row}"] = f'=IF(C{row}="Smelter not listed","Enter smelter details","RMI")'
    return book


def template(kind: str = layouts.EMRT, version: str = "2.1") -> bytes:
    """Return a blank template of *kind* and *version*, with formulas and validation."""
    book = _base(kind, version, "English", formulas=True)
    return _save(book)


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def workbook(
    kind: str = layouts.EMRT,
    version: str = "2.1",
    *,
    language: str = "English",
    company: dict | None = None,
    selected: list[str] | None = None,
    minerals: dict[str, dict] | None = None,
    company_questions: dict[str, str] | None = None,
    smelters: list[dict] | None = None,
    mines: list[dict] | None = None,
    products: list[dict] | None = None,
    cells: dict[str, object] | None = None,
) -> bytes:
    """Return a completed workbook.

    :param selected: the minerals in scope (EMRT: the others are "(Delete X)").
    :param minerals: answers per mineral name, ``{"Cobalt": {"q1": "Yes", ...}}`` (``c``:
        company question C), written in the template's alphabetical row order.
    :param smelters: Smelter List rows by the keys of ``layouts.SMELTER_COLUMNS``.
    :param cells: any other Declaration cells to set, e.g. ``{"D30": "maybe"}``.
    """
    # An unknown version is drawn at the anchors of the newest one of its kind.
    layout = (
        layouts.LAYOUTS.get((kind, version))
        or layouts.LAYOUTS[(kind, "1.3" if kind == layouts.AMRT else "2.1")]
    )
    book = _base(kind, version, language, formulas=False)
    declaration = book["Declaration"]
    defaults = {
        "company_name": "Example Refining Co., Ltd.",
        "scope": "A. Company",
        "contact_name": "Aiko Tanaka",
        "contact_email": "aiko.tanaka@example.com",
        "authorizer": "Kenji Sato",
        "effective_date": date(2025, 11, 30),
    }
    for key, value in {**defaults, **(company or {})}.items():
        declaration[layout.company[key]] = value
    selected = list(selected if selected is not None else (minerals or {}))
    if kind == layouts.EMRT:
        for cell, mineral in zip(layout.selectors, layout.minerals, strict=True):
            declaration[cell] = mineral if mineral in selected else f"(Delete {mineral})"
    else:
        for cell, mineral in zip(layout.selectors, selected, strict=False):
            declaration[cell] = mineral
    order = sorted(selected, key=str.casefold)
    for name, answers in (minerals or {}).items():
        index = order.index(name)
        declaration[f"AA{12 + index}"] = name
        declaration[f"B{30 + index}"] = f"{name}(*)"
        for key, value in answers.items():
            if key == "c":
                declaration[f"D{layout.company_c_row + index}"] = value
            elif key.endswith("_comment"):
                declaration[f"G{layout.question(key[:-8]).first_row + index}"] = value
            else:
                declaration[f"D{layout.question(key).first_row + index}"] = value
    for key, value in (company_questions or {}).items():
        row = next(q.row for q in layout.company_questions if q.key == key[0])
        declaration[f"{'G' if key.endswith('_comment') else 'D'}{row}"] = value
    for cell, value in (cells or {}).items():
        declaration[cell] = value
    _rows(book["Smelter List"], layout.smelters, smelters or [])
    _rows(book["Mine List"], layout.mines, mines or [])
    _rows(book["Product List"], layout.products, products or [])
    return _save(book)


def _rows(sheet, columns: layouts.Columns, rows: list[dict]) -> None:
    for offset, row in enumerate(rows):
        for key, value in row.items():
            sheet[f"{columns.columns[key]}{columns.first_row + offset}"] = value
