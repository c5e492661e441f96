"""Where each answer sits in RMI's reporting templates: one address map per version.

The workbooks are read and written by cell address, never by label text: every label is a
formula in whichever language the last user chose (``Declaration!D3``). Adding a version is
one more :class:`Layout` in :data:`LAYOUTS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

EMRT = "EMRT"
AMRT = "AMRT"

DECLARATION = "Declaration"
SMELTER_LIST = "Smelter List"
MINE_LIST = "Mine List"
PRODUCT_LIST = "Product List"
SMELTER_LOOKUP = "Smelter Look-up"
MINERALS_SCOPE = "Minerals Scope"

#: The revision string of ``Declaration!J3`` (and of ``Smelter List!Q3``, ``Mine List!M3``).
REVISION = re.compile(r"^\s*Revision\s+(\d+(?:\.\d+)*)", re.IGNORECASE)
REVISION_CELLS = ((DECLARATION, "J3"), (SMELTER_LIST, "Q3"), (MINE_LIST, "M3"))

YES_NO = ("Yes", "No")
YES_NO_UNKNOWN = ("Yes", "No", "Unknown")
Q1_OPTIONS = ("Yes", "No", "Unknown", "Not declaring")
RESPONSE_RATES = (
    "100%",
    "Greater than 90%",
    "Greater than 75%",
    "Greater than 50%",
    "50% or less",
    "None",
    "Did not survey",
)
SCOPES = (
    "A. Company",
    "B. Product (or List of Products)",
    "C. User defined [Specify in 'Description of scope']",
)
COMPANY_C_OPTIONS = ("Yes", "Yes, when more processors are validated", "No")
SURVEY_OPTIONS = (
    "Yes, in conformance with IPC1755 (e.g. EMRT)",
    "Yes, Using Other Format (Describe)",
    "No",
)
#: The Smelter Look-up choices that name no facility of the list.
NOT_LISTED = "Smelter not listed"
NOT_IDENTIFIED = "Smelter not yet identified"


@dataclass(frozen=True)
class Question:
    """One per-mineral declaration question: its first answer row and its options."""

    key: str
    first_row: int
    options: tuple[str, ...]


@dataclass(frozen=True)
class CompanyQuestion:
    """One company-level question (A–G): its answer cell row and options."""

    key: str
    row: int
    options: tuple[str, ...]
    #: The answer that needs a comment in column G ("B": the URL; "E": the other format).
    comment_required_for: str | None = None


@dataclass(frozen=True)
class Columns:
    """A list sheet: its first and last data rows and its input columns by canonical key."""

    sheet: str
    first_row: int
    last_row: int
    columns: dict[str, str]

    @property
    def capacity(self) -> int:
        """Return how many rows the template holds."""
        return self.last_row - self.first_row + 1


SMELTER_COLUMNS = {
    "cid_input": "A",
    "metal": "B",
    "lookup_name": "C",
    "name": "D",
    "country": "E",
    "cid": "F",
    "id_source": "G",
    "street": "H",
    "city": "I",
    "state": "J",
    "contact_name": "K",
    "contact_email": "L",
    "next_steps": "M",
    "mine_names": "N",
    "mine_countries": "O",
    "recycled_100": "P",
    "comments": "Q",
}
#: Smelter List columns the template fills by formula unless the smelter is not listed.
SMELTER_FORMULA_COLUMNS = frozenset({"country", "cid", "id_source"})
MINE_COLUMNS = {
    "metal": "A",
    "smelter_names": "B",
    "site_name": "C",
    "mine_id": "D",
    "id_source": "E",
    "country": "F",
    "street": "G",
    "city": "H",
    "state": "I",
    "contact_name": "J",
    "contact_email": "K",
    "next_steps": "L",
    "comments": "M",
}
PRODUCT_COLUMNS = {
    "responder_no": "B",
    "responder_name": "C",
    "requester_no": "D",
    "requester_name": "E",
    "comments": "F",
}


@dataclass(frozen=True)
class Layout:
    """The address map of one template version."""

    kind: str
    version: str
    #: Selector cells of "minerals in scope", in their order on the sheet.
    selectors: tuple[str, ...]
    #: The selectable minerals (EMRT: cell *i* offers mineral *i* or "(Delete ...)").
    minerals: tuple[str, ...]
    #: Company data: canonical key -> cell of the Declaration sheet.
    company: dict[str, str]
    questions: tuple[Question, ...]
    company_questions: tuple[CompanyQuestion, ...] = ()
    #: Company question C: one answer per mineral, from this row.
    company_c_row: int | None = None
    #: Rows per per-mineral block, and how many of them the template can use.
    block_rows: int = 10
    usable_minerals: int = 10
    #: Cells naming an "Other" mineral, in the order of the selectors (AMRT).
    other_names: tuple[str, ...] = ()
    #: The date validation of the effective date (Excel checks it only when typed).
    date_range: tuple[date, date] = (date(2006, 12, 31), date(2026, 3, 31))
    smelters: Columns = field(default_factory=lambda: Columns(SMELTER_LIST, 5, 2497, {}))
    mines: Columns = field(default_factory=lambda: Columns(MINE_LIST, 5, 2504, {}))
    products: Columns = field(default_factory=lambda: Columns(PRODUCT_LIST, 6, 2505, {}))

    @property
    def label(self) -> str:
        """Return "EMRT 2.1"."""
        return f"{self.kind} {self.version}"

    def question(self, key: str) -> Question:
        """Return the per-mineral question *key* ("q1"...)."""
        return next(q for q in self.questions if q.key == key)

    @property
    def required_sheets(self) -> tuple[str, ...]:
        """Return the sheets an import reads."""
        sheets = (DECLARATION, SMELTER_LIST, MINE_LIST, PRODUCT_LIST)
        return (*sheets, MINERALS_SCOPE) if self.kind == AMRT else sheets


def _emrt(version: str, date_range: tuple[date, date]) -> Layout:
    return Layout(
        kind=EMRT,
        version=version,
        selectors=("D12", "E12", "G12", "D13", "E13", "G13"),
        minerals=("Cobalt", "Copper", "Graphite", "Lithium", "Mica", "Nickel"),
        company={
            "company_name": "D8",
            "scope": "D9",
            "scope_description": "D10",
            "company_unique_id": "D16",
            "company_unique_id_authority": "D17",
            "address": "D18",
            "contact_name": "D19",
            "contact_email": "D20",
            "contact_phone": "D21",
            "authorizer": "D22",
            "authorizer_title": "D23",
            "authorizer_email": "D24",
            "authorizer_phone": "D25",
            "effective_date": "D26",
        },
        questions=(
            Question("q1", 30, Q1_OPTIONS),
            Question("q2", 42, YES_NO_UNKNOWN),
            Question("q3", 54, YES_NO_UNKNOWN),
            Question("q4", 66, YES_NO_UNKNOWN),
            Question("q5", 78, RESPONSE_RATES),
            Question("q6", 90, YES_NO_UNKNOWN),
            Question("q7", 102, YES_NO_UNKNOWN),
        ),
        company_questions=(
            CompanyQuestion("A", 115, YES_NO),
            CompanyQuestion("B", 117, YES_NO, comment_required_for="Yes"),
            CompanyQuestion("D", 131, YES_NO),
            CompanyQuestion("E", 133, SURVEY_OPTIONS, comment_required_for=SURVEY_OPTIONS[1]),
            CompanyQuestion("F", 135, YES_NO),
            CompanyQuestion("G", 137, YES_NO),
        ),
        company_c_row=120,
        usable_minerals=6,
        date_range=date_range,
        smelters=Columns(SMELTER_LIST, 5, 2497, SMELTER_COLUMNS),
        mines=Columns(MINE_LIST, 5, 2504, MINE_COLUMNS),
        products=Columns(PRODUCT_LIST, 6, 2505, PRODUCT_COLUMNS),
    )


AMRT_RESPONSE_RATES = (*RESPONSE_RATES[:6], "Unknown", "Did not survey")

AMRT_1_3 = Layout(
    kind=AMRT,
    version="1.3",
    selectors=("D12", "E12", "G12", "H12", "I12", "D13", "E13", "G13", "H13", "I13"),
    minerals=(
        "Aluminum",
        "Iridium",
        "Lime",
        "Manganese",
        "Palladium",
        "Platinum",
        "Rare Earth Elements",
        "Rhodium",
        "Ruthenium",
        "Silver",
        "Soda Ash",
        "Zinc",
        "Other [specify below]",
    ),
    other_names=("D15", "E15", "G15", "H15", "I15", "D16", "E16", "G16", "H16", "I16"),
    company={
        "company_name": "D8",
        "scope": "D9",
        "scope_description": "D10",
        "company_unique_id": "D17",
        "company_unique_id_authority": "D18",
        "address": "D19",
        "contact_name": "D20",
        "contact_email": "D21",
        "contact_phone": "D22",
        "authorizer": "D23",
        "authorizer_title": "D24",
        "authorizer_email": "D25",
        "authorizer_phone": "D26",
        "effective_date": "D27",
    },
    questions=(
        Question("q1", 31, Q1_OPTIONS),
        Question("q2", 43, AMRT_RESPONSE_RATES),
    ),
    smelters=Columns(SMELTER_LIST, 5, 2497, SMELTER_COLUMNS),
    mines=Columns(MINE_LIST, 5, 2504, MINE_COLUMNS),
    products=Columns(PRODUCT_LIST, 6, 2505, PRODUCT_COLUMNS),
)

#: Every supported template version. EMRT 2.0, 2.1 and 2.11 share their anchors.
LAYOUTS: dict[tuple[str, str], Layout] = {
    (layout.kind, layout.version): layout
    for layout in (
        _emrt("2.0", (date(2006, 12, 31), date(2026, 3, 31))),
        _emrt("2.1", (date(2006, 12, 31), date(2026, 3, 31))),
        _emrt("2.11", (date(2006, 12, 31), date(2026, 3, 31))),
        AMRT_1_3,
    )
}


def supported(kind: str | None = None) -> list[str]:
    """Return the supported versions as "EMRT 2.0", ... (of *kind* only, when given)."""
    return [layout.label for layout in LAYOUTS.values() if kind in (None, layout.kind)]


#: The "other" mineral choice of the AMRT.
OTHER_MINERAL = AMRT_1_3.minerals[-1]
#: A question's rows that hold the response rate ("q5" in the EMRT, "q2" in the AMRT).
RESPONSE_RATE_QUESTION = {EMRT: "q5", AMRT: "q2"}
