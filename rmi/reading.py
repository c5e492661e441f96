"""Read an EMRT or AMRT workbook by cell address into a :class:`Declaration`.

The type comes from the sheet set (a Mine List with a Minerals Scope sheet is an AMRT, a Mine
List alone an EMRT 2.x) and the version from the revision text; an unknown version is refused
naming the version found and those supported. Values are read as Excel last saved them
(cached results of formulas); what a formula would give but a non-Excel tool did not save
(the mineral order, a listed smelter's country) is worked out the way the formula does.
Every problem is reported with its cell, as RMI's Checker does.
"""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from rmi import layouts
from rmi.layouts import DECLARATION, EMRT, LAYOUTS, NOT_IDENTIFIED, NOT_LISTED, Layout
from rmi.model import ERROR, WARNING, Declaration, Problem, Reading, TemplateError
from rmi.values import CountryResolver, fold, is_email, iso_date, mineral_order, option, text

#: Company fields the Checker requires.
REQUIRED_COMPANY = (
    "company_name",
    "scope",
    "contact_name",
    "contact_email",
    "authorizer",
    "effective_date",
)
EMAIL_FIELDS = ("contact_email", "authorizer_email")


def open_workbook(data: bytes):
    """Return the workbook in *data* with the values Excel last saved.

    :raises TemplateError: when it is not a workbook openpyxl can open.
    """
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise TemplateError(Problem(ERROR, "not_a_workbook")) from None


def detect(workbook) -> Layout:
    """Return the address map of *workbook*'s template and version.

    :raises TemplateError: for a workbook that is no EMRT 2.x or AMRT, or of another version.
    """
    sheets = set(workbook.sheetnames)
    supported = ", ".join(layouts.supported())
    missing = [s for s in (DECLARATION, layouts.SMELTER_LIST) if s not in sheets]
    if missing:
        raise TemplateError(
            Problem(ERROR, "not_a_template", params={"sheets": missing[0], "supported": supported})
        )
    if layouts.MINE_LIST not in sheets:
        raise TemplateError(Problem(ERROR, "unsupported_template", params={"supported": supported}))
    kind = layouts.AMRT if layouts.MINERALS_SCOPE in sheets else EMRT
    version = None
    for sheet, cell in layouts.REVISION_CELLS:
        match = layouts.REVISION.match(text(workbook[sheet][cell].value))
        if match:
            version = match.group(1)
            break
    if version is None:
        cells = ", ".join(f"{s}!{c}" for s, c in layouts.REVISION_CELLS)
        raise TemplateError(
            Problem(ERROR, "no_revision", params={"cells": cells, "supported": supported})
        )
    layout = LAYOUTS.get((kind, version))
    if layout is None:
        raise TemplateError(
            Problem(
                ERROR,
                "unknown_version",
                f"{DECLARATION}!J3",
                {"found": f"{kind} {version}", "supported": supported},
            )
        )
    return layout


def read(data: bytes, country: CountryResolver) -> Reading:
    """Read the workbook *data*; return its declaration and problems.

    :raises TemplateError: when it is not a supported template (nothing else is read then).
    """
    workbook = open_workbook(data)
    try:
        return _Reader(workbook, detect(workbook), country).read()
    finally:
        workbook.close()


class _Reader:
    def __init__(self, workbook, layout: Layout, country: CountryResolver) -> None:
        self.workbook = workbook
        self.layout = layout
        self.country = country
        self.sheet = workbook[DECLARATION]
        self.reading = Reading(Declaration(layout.kind, layout.version))
        self._lookup: dict[str, list] | None = None

    def add(self, severity: str, code: str, cell: str = "", **params) -> None:
        self.reading.problems.append(Problem(severity, code, cell, params))

    def value(self, cell: str) -> object:
        return self.sheet[cell].value

    def where(self, cell: str, sheet: str = DECLARATION) -> str:
        return f"{sheet}!{cell}"

    def choice(self, cell: str, options: tuple[str, ...], sheet: str = DECLARATION) -> str:
        raw = self.workbook[sheet][cell].value
        if text(raw) == "":
            return ""
        found = option(raw, options)
        if found is None:
            self.add(
                ERROR,
                "invalid_option",
                self.where(cell, sheet),
                value=text(raw),
                options=" / ".join(options),
            )
            return ""
        return found

    def read(self) -> Reading:
        self.read_company()
        self.read_minerals()
        self.read_company_questions()
        declaration = self.reading.declaration
        declaration.smelters = self.read_smelters()
        declaration.mines = self.read_mines()
        declaration.products = self.read_list(self.layout.products, "products")
        if declaration.company.get("scope") == layouts.SCOPES[1] and not declaration.products:
            self.add(WARNING, "products_required", self.where("D9"))
        return self.reading

    # ------------------------------------------------------------------ Declaration

    def read_company(self) -> None:
        company = self.reading.declaration.company
        for key, cell in self.layout.company.items():
            raw = self.value(cell)
            if key == "scope":
                value = self.choice(cell, layouts.SCOPES)
            elif key == "effective_date":
                value = self.read_date(cell, raw)
            else:
                value = text(raw)
            if value:
                company[key] = value
        for key in REQUIRED_COMPANY:
            if key not in company and text(self.value(self.layout.company[key])) == "":
                self.add(WARNING, "required", self.where(self.layout.company[key]), field=key)
        if company.get("scope") == layouts.SCOPES[2] and "scope_description" not in company:
            cell = self.layout.company["scope_description"]
            self.add(WARNING, "required", self.where(cell), field="scope_description")
        for key in EMAIL_FIELDS:
            if key in company and not is_email(company[key]):
                cell = self.layout.company[key]
                self.add(WARNING, "invalid_email", self.where(cell), value=company[key])
        if fold(company.get("authorizer", "")) == "same":
            self.add(WARNING, "authorizer_same", self.where(self.layout.company["authorizer"]))

    def read_date(self, cell: str, raw: object) -> str:
        if text(raw) == "":
            return ""
        value = iso_date(raw)
        if value is None:
            self.add(ERROR, "invalid_date", self.where(cell), value=text(raw))
            return ""
        first, last = self.layout.date_range
        if not first.isoformat() <= value <= last.isoformat():
            self.add(
                WARNING,
                "date_out_of_range",
                self.where(cell),
                value=value,
                first=first.isoformat(),
                last=last.isoformat(),
            )
        return value

    def selected_minerals(self) -> list[str]:
        selected = []
        for index, cell in enumerate(self.layout.selectors):
            raw = text(self.value(cell))
            if raw == "" or raw.startswith("(") or fold(raw).startswith("(delete"):
                continue
            name = option(raw, self.layout.minerals)
            if name is None:
                self.add(
                    ERROR,
                    "invalid_option",
                    self.where(cell),
                    value=raw,
                    options=" / ".join(self.layout.minerals),
                )
                continue
            if name == layouts.OTHER_MINERAL:
                other_cell = self.layout.other_names[index]
                name = text(self.value(other_cell))
                if not name:
                    self.add(WARNING, "required", self.where(other_cell), field="other_mineral")
                    continue
            if name not in selected:
                selected.append(name)
        ordered = mineral_order(selected)
        if len(ordered) > self.layout.usable_minerals:
            self.add(
                ERROR,
                "too_many_minerals",
                self.where(self.layout.selectors[0]),
                max=self.layout.usable_minerals,
            )
            ordered = ordered[: self.layout.usable_minerals]
        return ordered

    def read_minerals(self) -> None:
        declaration = self.reading.declaration
        for index, name in enumerate(self.selected_minerals()):
            answers: dict[str, str] = {}
            comments: dict[str, str] = {}
            for question in self.layout.questions:
                row = question.first_row + index
                value = self.choice(f"D{row}", question.options)
                if value:
                    answers[question.key] = value
                comment = text(self.value(f"G{row}"))
                if comment:
                    comments[question.key] = comment
            if self.layout.company_c_row is not None:
                value = self.choice(
                    f"D{self.layout.company_c_row + index}", layouts.COMPANY_C_OPTIONS
                )
                if value:
                    answers["c"] = value
            declaration.minerals.append({"name": name, "answers": answers, "comments": comments})
            self.check_gating(index, answers)

    def check_gating(self, index: int, answers: dict[str, str]) -> None:
        """Report the answers the template requires for this mineral and lacks (Checker)."""
        q1 = answers.get("q1")
        required = ["q1"]
        if self.layout.kind == EMRT:
            if q1 == "Yes":
                required.append("q2")
            if q1 == "Yes" and answers.get("q2") == "Yes":
                required += ["q3", "q4", "q5", "q6", "q7", "c"]
        elif q1 == "Yes":
            required.append("q2")
        for key in required:
            if key in answers:
                continue
            row = self.layout.company_c_row if key == "c" else self.layout.question(key).first_row
            self.add(WARNING, "required", self.where(f"D{row + index}"), field=key)

    def read_company_questions(self) -> None:
        declaration = self.reading.declaration
        declared = any(
            m["answers"].get("q1") == "Yes" and m["answers"].get("q2") == "Yes"
            for m in declaration.minerals
        )
        for question in self.layout.company_questions:
            cell = f"D{question.row}"
            value = self.choice(cell, question.options)
            comment = text(self.value(f"G{question.row}"))
            if value:
                declaration.company_questions[question.key] = value
            if comment:
                declaration.company_comments[question.key] = comment
            if declared and not value:
                self.add(WARNING, "required", self.where(cell), field=question.key)
            if value and value == question.comment_required_for and not comment:
                self.add(
                    WARNING,
                    "comment_required",
                    self.where(f"G{question.row}"),
                    comment=f"G{question.row}",
                )

    # ------------------------------------------------------------------ lists

    def rows(self, columns: layouts.Columns, formulas: frozenset[str] = frozenset()):
        """Yield (row number, {key: raw value}) for each row of a list sheet with content in
        an input column (*formulas*: the columns a formula fills)."""
        sheet = self.workbook[columns.sheet]
        last = min(columns.last_row, sheet.max_row)
        letters = {key: _index(letter) for key, letter in columns.columns.items()}
        for number, values in enumerate(
            sheet.iter_rows(min_row=columns.first_row, max_row=last, values_only=True),
            columns.first_row,
        ):
            raw = {key: values[i] if i < len(values) else None for key, i in letters.items()}
            if any(text(raw[key]) for key in raw if key not in formulas):
                yield number, raw

    def read_list(self, columns: layouts.Columns, name: str) -> list[dict]:
        found = list(self.rows(columns))
        self.reading.rows[name] = [number for number, _raw in found]
        return [{key: text(value) for key, value in raw.items() if text(value)} for _, raw in found]

    def metal(self, raw: object, cell: str) -> str:
        names = [m["name"] for m in self.reading.declaration.minerals] + list(self.layout.minerals)
        value = option(raw, tuple(names))
        if value is None or value == layouts.OTHER_MINERAL:
            self.add(ERROR, "unknown_metal", cell, value=text(raw))
            return ""
        return value

    def country_of(self, raw: object, cell: str) -> str:
        if text(raw) == "":
            return ""
        code = self.country(text(raw))
        if not code:
            self.add(ERROR, "unknown_country", cell, value=text(raw))
            return ""
        return code

    def read_smelters(self) -> list[dict]:
        columns = self.layout.smelters
        sheet = columns.sheet
        smelters = []
        numbers = self.reading.rows.setdefault("smelters", [])
        for number, raw in self.rows(columns, layouts.SMELTER_FORMULA_COLUMNS):
            numbers.append(number)
            row = {key: text(value) for key, value in raw.items() if text(value)}
            # Formula columns: the identification source is derived, and so is a listed
            # smelter's name (column D is typed only for a smelter not listed).
            for key in ("cid_input", "id_source"):
                row.pop(key, None)
            row["metal"] = self.metal(raw["metal"], f"{sheet}!B{number}")
            lookup = text(raw["lookup_name"])
            cid = text(raw["cid"]) or text(raw["cid_input"])
            if cid:
                row["cid"] = cid
            for key in ("recycled_100",):
                if row.get(key):
                    row[key] = self.choice(f"P{number}", layouts.YES_NO_UNKNOWN, sheet)
            if fold(lookup) == fold(NOT_LISTED):
                row["lookup_name"] = NOT_LISTED
                for key, letter in (("name", "D"), ("country", "E")):
                    if not text(raw[key]):
                        self.add(ERROR, "required", f"{sheet}!{letter}{number}", field=key)
            elif fold(lookup) == fold(NOT_IDENTIFIED):
                row["lookup_name"] = NOT_IDENTIFIED
            else:
                row.pop("name", None)
                if not lookup and not cid:
                    self.add(ERROR, "required", f"{sheet}!C{number}", field="lookup_name")
            country = text(raw["country"]) or (
                self.lookup_country(cid, row["metal"]) if cid else ""
            )
            row["country"] = self.country_of(country, f"{sheet}!E{number}")
            smelters.append({key: value for key, value in row.items() if value})
        return smelters

    def lookup_country(self, cid: str, metal: str) -> str:
        """Return the country the template's own Smelter Look-up gives *cid* (what the
        formula of column E shows once Excel calculates)."""
        if self._lookup is None:
            self._lookup = {}
            if layouts.SMELTER_LOOKUP in self.workbook.sheetnames:
                for values in self.workbook[layouts.SMELTER_LOOKUP].iter_rows(values_only=True):
                    cells = [text(v) for v in values]
                    for cell in cells:
                        if cell.upper().startswith("CID"):
                            self._lookup.setdefault(cell.upper(), cells)
        for cell in self._lookup.get(cid.upper(), []):
            if cell.upper() != cid.upper() and fold(cell) != fold(metal) and self.country(cell):
                return cell
        return ""

    def read_mines(self) -> list[dict]:
        columns = self.layout.mines
        sheet = columns.sheet
        mines = []
        numbers = self.reading.rows.setdefault("mines", [])
        for number, raw in self.rows(columns):
            numbers.append(number)
            row = {key: text(value) for key, value in raw.items() if text(value)}
            row["metal"] = self.metal(raw["metal"], f"{sheet}!A{number}")
            row["country"] = self.country_of(raw["country"], f"{sheet}!F{number}")
            for key, letter in (("site_name", "C"), ("country", "F")):
                if not text(raw[key]):
                    self.add(ERROR, "required", f"{sheet}!{letter}{number}", field=key)
            mines.append({key: value for key, value in row.items() if value})
        return mines


def _index(letter: str) -> int:
    """Return the 0-based index of a column letter ("A" -> 0)."""
    number = 0
    for char in letter:
        number = number * 26 + ord(char) - 64
    return number - 1
