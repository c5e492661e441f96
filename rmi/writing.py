"""Write a declaration into an official template file the operator supplied.

Only input cells are written; formulas, validation and formatting stay as RMI made them, and
the workbook is marked to recalculate when it is opened (openpyxl stores no results of
formulas). A value that starts with "=" or "#" is refused (RMI forbids both, and "=" would
make a formula of it), as are more rows than the template holds.
"""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

import questionnaires as qn
from rmi import layouts
from rmi.layouts import DECLARATION, EMRT, NOT_LISTED, Layout
from rmi.model import ERROR, Declaration, Problem, TemplateError
from rmi.reading import detect
from rmi.values import CountryResolver, is_formula_like

#: The template's hidden sheet of country names (upper-case ISO short names).
COUNTRY_SHEET = "C"


class ExportRefused(Exception):
    """Some values cannot be written; ``problems`` names each cell."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def template_layout(data: bytes) -> Layout:
    """Return the address map of a template file.

    :raises TemplateError: when it is no supported template.
    """
    from rmi.reading import open_workbook

    workbook = open_workbook(data)
    try:
        return detect(workbook)
    finally:
        workbook.close()


def write(template: bytes, declaration: Declaration, country: CountryResolver) -> bytes:
    """Return the template *template* filled with *declaration*.

    :raises TemplateError: when the template is not of the declaration's kind.
    :raises ExportRefused: for formula-like values or more rows than the template holds.
    """
    try:
        workbook = load_workbook(io.BytesIO(template))
    except Exception:  # noqa: BLE001  (openpyxl raises many kinds for a bad file)
        raise TemplateError(Problem(ERROR, "not_a_workbook")) from None
    layout = detect(workbook)
    if layout.kind != declaration.kind:
        supported = ", ".join(layouts.supported(declaration.kind))
        raise TemplateError(
            Problem(
                ERROR, "unknown_version", params={"found": layout.label, "supported": supported}
            )
        )
    writer = _Writer(workbook, layout, country)
    writer.declaration(declaration)
    if writer.problems:
        raise ExportRefused(writer.problems)
    workbook.calculation.fullCalcOnLoad = True
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class _Writer:
    def __init__(self, workbook, layout: Layout, country: CountryResolver) -> None:
        self.workbook = workbook
        self.layout = layout
        self.country = country
        self.problems: list[Problem] = []
        self._names: dict[str, str] | None = None

    def put(self, sheet: str, cell: str, value: object) -> None:
        if is_formula_like(value):
            self.problems.append(
                Problem(ERROR, "formula_like", f"{sheet}!{cell}", {"value": str(value)[:60]})
            )
            return
        self.workbook[sheet][cell].value = None if value == "" else value

    def country_name(self, code: str) -> str:
        """Return the template's own name of country *code* (its hidden list), else *code*'s
        English name in capitals."""
        if self._names is None:
            self._names = {}
            if COUNTRY_SHEET in self.workbook.sheetnames:
                for (value,) in self.workbook[COUNTRY_SHEET].iter_rows(max_col=1, values_only=True):
                    if isinstance(value, str) and (found := self.country(value)):
                        self._names.setdefault(found, value)
        return self._names.get(code) or qn.country_name(code, "en").upper()

    def declaration(self, declaration: Declaration) -> None:
        layout = self.layout
        for key, cell in layout.company.items():
            value = declaration.company.get(key)
            if key == "effective_date" and value:
                value = date.fromisoformat(value)
            self.put(DECLARATION, cell, value)
        self.selectors([m["name"] for m in declaration.minerals])
        for index in range(layout.block_rows):
            mineral = declaration.minerals[index] if index < len(declaration.minerals) else None
            answers = mineral["answers"] if mineral else {}
            comments = mineral["comments"] if mineral else {}
            for question in layout.questions:
                row = question.first_row + index
                self.put(DECLARATION, f"D{row}", answers.get(question.key))
                self.put(DECLARATION, f"G{row}", comments.get(question.key))
            if layout.company_c_row is not None:
                self.put(DECLARATION, f"D{layout.company_c_row + index}", answers.get("c"))
        for question in layout.company_questions:
            self.put(
                DECLARATION, f"D{question.row}", declaration.company_questions.get(question.key)
            )
            self.put(
                DECLARATION, f"G{question.row}", declaration.company_comments.get(question.key)
            )
        self.smelters(declaration.smelters)
        self.rows(layout.mines, declaration.mines, {"country"})
        self.rows(layout.products, declaration.products, set())

    def selectors(self, names: list[str]) -> None:
        layout = self.layout
        if layout.kind == EMRT:
            for cell, mineral in zip(layout.selectors, layout.minerals, strict=True):
                value = mineral if mineral in names else f"(Delete {mineral})"
                self.put(DECLARATION, cell, value)
            return
        for index, cell in enumerate(layout.selectors):
            name = names[index] if index < len(names) else None
            other = name is not None and name not in layout.minerals
            self.put(DECLARATION, cell, layouts.OTHER_MINERAL if other else name)
            self.put(DECLARATION, layout.other_names[index], name if other else None)

    def capacity(self, columns: layouts.Columns, rows: list[dict]) -> bool:
        if len(rows) <= columns.capacity:
            return True
        cell = f"{columns.sheet}!A{columns.last_row}"
        self.problems.append(Problem(ERROR, "rows_truncated", cell, {"max": columns.capacity}))
        return False

    def smelters(self, rows: list[dict]) -> None:
        columns = self.layout.smelters
        if not self.capacity(columns, rows):
            return
        sheet = columns.sheet
        for offset, row in enumerate(rows):
            number = columns.first_row + offset
            listed = row.get("lookup_name") != NOT_LISTED
            for key, letter in columns.columns.items():
                if key in layouts.SMELTER_FORMULA_COLUMNS and (listed or key != "country"):
                    continue  # the template's formula fills it
                if key == "name" and listed:
                    continue
                value = row.get("cid") if key == "cid_input" and listed else row.get(key)
                if key == "cid_input" and not listed:
                    value = None
                if key == "country" and value:
                    value = self.country_name(value)
                self.put(sheet, f"{letter}{number}", value)

    def rows(self, columns: layouts.Columns, rows: list[dict], countries: set[str]) -> None:
        if not self.capacity(columns, rows):
            return
        for offset, row in enumerate(rows):
            number = columns.first_row + offset
            for key, letter in columns.columns.items():
                value = row.get(key)
                if key in countries and value:
                    value = self.country_name(value)
                self.put(columns.sheet, f"{letter}{number}", value)
