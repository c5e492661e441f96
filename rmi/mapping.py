"""Between a template's declaration and the questionnaire's answers, both ways.

:func:`to_answers` says which question each part of a declaration answers (with its cells)
and what has no question and why; every value passes the questionnaire's one validator,
``coerce_answer``. :func:`propose` sets those values beside the stored answers: new, the same,
or a conflict for the supplier to decide. :func:`from_answers` builds the declaration an
export writes: the answers where they say something, and, where they say what an earlier
imported workbook said, that workbook's own values (so a round trip changes nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import questionnaires as qn
from rmi import layouts
from rmi.layouts import AMRT, EMRT, NOT_IDENTIFIED, NOT_LISTED, Layout
from rmi.model import Reading

#: Template mineral name -> the questionnaire's option value.
MINERALS = {
    "Cobalt": "cobalt",
    "Graphite": "graphite",
    "Lithium": "lithium",
    "Nickel": "nickel",
    "Manganese": "manganese",
}
#: The questionnaire's minerals each template carries (RMI: manganese goes in the AMRT).
TEMPLATE_MINERALS = {EMRT: ("Cobalt", "Graphite", "Lithium", "Nickel"), AMRT: ("Manganese",)}
MINERALS_QUESTION = "org_minerals"
SMELTERS_QUESTION = "trace_smelters"
MINES_QUESTION = "trace_mines"
SURVEY_QUESTION = "trace_supplier_survey"
RATE_QUESTION = "trace_survey_response_rate"
#: Where an imported workbook is kept as evidence.
EVIDENCE_QUESTION = "trace_smelter_list"
#: Company fields -> question; company questions A–G -> question.
COMPANY_FIELDS = {"company_name": "org_legal_name", "company_unique_id": "org_identifier"}
YES_NO = {"Yes": "yes", "No": "no", "Unknown": "unknown"}
COMPANY_QUESTIONS = {
    "A": ("dd_policy", YES_NO),
    "E": (
        SURVEY_QUESTION,
        {layouts.SURVEY_OPTIONS[0]: "yes", layouts.SURVEY_OPTIONS[1]: "yes", "No": "no"},
    ),
    "G": ("dd_corrective_action", YES_NO),
}
#: Response rate category -> the lowest whole percentage it means.
RATES = {
    "100%": 100,
    "Greater than 90%": 91,
    "Greater than 75%": 76,
    "Greater than 50%": 51,
    "None": 0,
}
#: (Q6 all smelters identified, Q7 all information reported) -> smelters identified.
IDENTIFIED = {
    ("Yes", "Yes"): "yes",
    ("Yes", "No"): "partly",
    ("No", "Yes"): "partly",
    ("No", "No"): "no",
}
IDENTIFIED_BACK = {"yes": ("Yes", "Yes"), "partly": ("No", "Yes"), "no": ("No", "No")}


def cahra_question(mineral: str) -> str:
    """Return the id of the CAHRA question of *mineral* ("cobalt")."""
    return f"trace_{mineral}_cahra"


def identified_question(mineral: str) -> str:
    """Return the id of the smelters-identified question of *mineral* ("cobalt")."""
    return f"trace_{mineral}_smelters_identified"


@dataclass
class Mapped:
    """One question the declaration answers, with the cells it comes from."""

    question_id: str
    value: object
    cells: list[str] = field(default_factory=list)
    #: Why the value is what it is, when not a plain copy (a code of ``NOTES``).
    note: str = ""


@dataclass
class Unmapped:
    """A part of the declaration with no question to take it, and why (a code of ``NOTES``)."""

    item: str
    reason: str
    cells: list[str] = field(default_factory=list)
    params: dict = field(default_factory=dict)


@dataclass
class Proposal:
    """What an import would do to one question: ``new``, ``same`` or ``conflict``."""

    question_id: str
    current: object
    proposed: object
    status: str
    cells: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Mapping:
    """Every question a declaration answers and everything it could not place."""

    mapped: dict[str, Mapped] = field(default_factory=dict)
    unmapped: list[Unmapped] = field(default_factory=list)
    #: The questionnaire minerals this template declares (these it replaces on import).
    covered: set[str] = field(default_factory=set)


def _cells(layout: Layout, key: str, index: int) -> str:
    row = layout.company_c_row if key == "c" else layout.question(key).first_row
    return f"{layouts.DECLARATION}!D{row + index}"


class _Mapper:
    def __init__(self, reading: Reading, layout: Layout, definition: qn.Questionnaire) -> None:
        self.declaration = reading.declaration
        self.reading = reading
        self.layout = layout
        self.definition = definition
        self.result = Mapping()

    def put(self, question_id: str, value: object, cells: list[str], note: str = "") -> None:
        question = self.definition.find(question_id)
        if question is None:
            self.result.unmapped.append(Unmapped(question_id, "no_question", cells))
            return
        try:
            value = qn.coerce_answer(question, value)
        except qn.AnswerError as error:
            params = {"error": error.code, **(error.params or {})}
            self.result.unmapped.append(Unmapped(question_id, "invalid", cells, params))
            return
        if value is not None:
            self.result.mapped[question_id] = Mapped(question_id, value, cells, note)

    def skip(self, item: str, reason: str, cells: list[str], **params) -> None:
        self.result.unmapped.append(Unmapped(item, reason, cells, params))

    def run(self) -> Mapping:
        self.company()
        self.minerals()
        self.company_questions()
        self.smelters()
        self.mines()
        if self.declaration.products:
            rows = self.layout.products
            self.skip("products", "kept_only", [f"{rows.sheet}!B{rows.first_row}"])
        return self.result

    def company(self) -> None:
        for key, cell in self.layout.company.items():
            where = [f"{layouts.DECLARATION}!{cell}"]
            if key not in self.declaration.company:
                continue
            if key in COMPANY_FIELDS:
                self.put(COMPANY_FIELDS[key], self.declaration.company[key], where)
            else:
                self.skip(key, "kept_only", where)

    def minerals(self) -> None:
        kind = self.layout.kind
        yes: list[str] = []
        rates: list[tuple[int, str]] = []
        no_rate: list[str] = []
        rate_key = layouts.RESPONSE_RATE_QUESTION[kind]
        for index, mineral in enumerate(self.declaration.minerals):
            name, answers = mineral["name"], mineral["answers"]
            value = MINERALS.get(name)
            q1_cell = _cells(self.layout, "q1", index)
            if value is None or name not in TEMPLATE_MINERALS[kind]:
                reason = "not_in_questionnaire" if value is None else "wrong_template"
                self.skip(name, reason, [q1_cell], mineral=name, kind=kind)
                continue
            if "q1" in answers:
                self.result.covered.add(value)
                if answers["q1"] == "Yes":
                    yes.append(value)
            if kind == EMRT:
                self.declaration_answers(index, value, answers)
            rate = answers.get(rate_key)
            if rate in RATES:
                rates.append((RATES[rate], _cells(self.layout, rate_key, index)))
            elif rate is not None:
                no_rate.append(rate)
                reason = "no_number" if rate != "Did not survey" else "did_not_survey"
                self.skip(rate_key, reason, [_cells(self.layout, rate_key, index)], value=rate)
            for key in ("q1", "q2", "q4", "c") if kind == EMRT else ("q1",):
                if key in answers and not (key == "q1" and answers[key] == "Yes"):
                    self.skip(key, "kept_only", [_cells(self.layout, key, index)], mineral=name)
            for key in mineral["comments"]:
                self.skip(f"{key}_comment", "kept_only", [_cells(self.layout, key, index)])
        if self.result.covered and self.definition.find(MINERALS_QUESTION) is not None:
            cells = [f"{layouts.DECLARATION}!{c}" for c in self.layout.selectors]
            # Kept even when empty: a template that declares No for a mineral removes it.
            self.result.mapped[MINERALS_QUESTION] = Mapped(
                MINERALS_QUESTION, yes, cells, "minerals"
            )
        if rates:
            low, cell = min(rates)
            self.put(RATE_QUESTION, low, [c for _, c in rates], "lowest_rate")
        if kind == AMRT:
            if rates:
                self.put(SURVEY_QUESTION, "yes", [c for _, c in rates], "rate_means_survey")
            elif no_rate and all(r == "Did not survey" for r in no_rate):
                self.put(SURVEY_QUESTION, "no", [], "did_not_survey")

    def declaration_answers(self, index: int, value: str, answers: dict) -> None:
        """Map EMRT Q3 (CAHRAs) and Q6/Q7 (smelters identified) of one mineral."""
        if answers.get("q3") in YES_NO:
            cell = _cells(self.layout, "q3", index)
            self.put(cahra_question(value), YES_NO[answers["q3"]], [cell])
        pair = (answers.get("q6"), answers.get("q7"))
        cells = [_cells(self.layout, "q6", index), _cells(self.layout, "q7", index)]
        if "Unknown" in pair:
            self.put(identified_question(value), "unknown", cells)
        elif pair in IDENTIFIED:
            self.put(identified_question(value), IDENTIFIED[pair], cells, "q6_q7")
        elif pair[0] is not None:
            self.put(identified_question(value), YES_NO[pair[0]], cells[:1])

    def company_questions(self) -> None:
        for question in self.layout.company_questions:
            cell = f"{layouts.DECLARATION}!D{question.row}"
            value = self.declaration.company_questions.get(question.key)
            if value is None:
                continue
            if question.key in COMPANY_QUESTIONS:
                question_id, values = COMPANY_QUESTIONS[question.key]
                self.put(question_id, values[value], [cell])
            else:
                self.skip(question.key, "kept_only", [cell])
            if question.key in self.declaration.company_comments:
                self.skip(
                    f"{question.key}_comment",
                    "kept_only",
                    [f"{layouts.DECLARATION}!G{question.row}"],
                )

    def table_rows(self, kind: str, rows: list[dict], row_numbers: list[int], build) -> list[dict]:
        question = self.definition.find(SMELTERS_QUESTION if kind == "smelters" else MINES_QUESTION)
        columns = self.layout.smelters if kind == "smelters" else self.layout.mines
        letter = "C" if kind == "smelters" else "A"
        kept = []
        row_numbers = row_numbers or list(range(columns.first_row, columns.first_row + len(rows)))
        for row, number in zip(rows, row_numbers, strict=True):
            cell = f"{columns.sheet}!{letter}{number}"
            value = MINERALS.get(row.get("metal", ""))
            if value is None or row["metal"] not in TEMPLATE_MINERALS[self.layout.kind]:
                self.skip(kind, "not_in_questionnaire", [cell], mineral=row.get("metal", ""))
                continue
            if row.get("lookup_name") == NOT_IDENTIFIED:
                self.skip(kind, "not_identified", [cell])
                continue
            built = build(row, value)
            if question is None:
                kept.append(built)
                continue
            try:
                checked = qn.coerce_answer(question, [built])
            except qn.AnswerError as error:
                column = (error.params or {}).get("column", "")
                self.skip(kind, "incomplete_row", [cell], column=column)
                continue
            kept.extend(checked or [])
        return kept

    def smelters(self) -> None:
        rows = self.table_rows(
            "smelters",
            self.declaration.smelters,
            self.reading.rows.get("smelters", []),
            smelter_row,
        )
        if rows:
            sheet = self.layout.smelters.sheet
            self.put(
                SMELTERS_QUESTION, rows, [f"{sheet}!A{self.layout.smelters.first_row}"], "rows"
            )

    def mines(self) -> None:
        rows = self.table_rows(
            "mines", self.declaration.mines, self.reading.rows.get("mines", []), mine_row
        )
        if rows:
            sheet = self.layout.mines.sheet
            self.put(MINES_QUESTION, rows, [f"{sheet}!A{self.layout.mines.first_row}"], "rows")


def smelter_row(row: dict, mineral: str) -> dict:
    """Return the questionnaire's smelter row for a Smelter List row."""
    listed = row.get("lookup_name") != NOT_LISTED
    built = {
        "mineral": mineral,
        "name": row.get("lookup_name") if listed else row.get("name"),
        "country": row.get("country"),
        "rmi_id": row.get("cid"),
        "assurance": "unknown" if listed else "not_listed",
        "recycled_only": YES_NO.get(row.get("recycled_100", "")),
    }
    return {key: value for key, value in built.items() if value}


def mine_row(row: dict, mineral: str) -> dict:
    """Return the questionnaire's mine row for a Mine List row."""
    built = {
        "mineral": mineral,
        "name": row.get("site_name"),
        "country": row.get("country"),
        "mine_id": row.get("mine_id"),
        "smelter": row.get("smelter_names"),
        "assurance": "unknown",
    }
    return {key: value for key, value in built.items() if value}


def to_answers(reading: Reading, layout: Layout, definition: qn.Questionnaire) -> Mapping:
    """Return what *reading*'s declaration answers in *definition*, and what it cannot place."""
    return _Mapper(reading, layout, definition).run()


def _merged(question_id: str, mapped: object, current: object, covered: set[str]) -> object:
    """Return the value an import proposes: for the minerals list and the smelter and mine
    tables, the template replaces only the minerals it declares and keeps the others."""
    if question_id == MINERALS_QUESTION:
        kept = {m for m in (current or []) if m not in covered}
        return sorted(kept | set(mapped)) or None  # the questionnaire's option order
    if question_id in (SMELTERS_QUESTION, MINES_QUESTION):
        kept = [row for row in (current or []) if row.get("mineral") not in covered]
        return kept + list(mapped)
    return mapped


def propose(mapping: Mapping, current: dict[str, object]) -> list[Proposal]:
    """Return, per mapped question in questionnaire order, what an import would store."""
    proposals = []
    for question_id, item in mapping.mapped.items():
        existing = current.get(question_id)
        value = _merged(question_id, item.value, existing, mapping.covered)
        if existing is None:
            status = "new"
        elif existing == value:
            status = "same"
        else:
            status = "conflict"
        proposals.append(Proposal(question_id, existing, value, status, item.cells, item.note))
    return proposals
