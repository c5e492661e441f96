"""The content of one reporting template as plain data, and the problems found in it.

A :class:`Declaration` holds canonical English values (the template's own option texts, ISO
dates, ISO 3166-1 alpha-2 countries), so the same answers saved in any label language give
equal declarations. It is stored with an import as JSON (:meth:`Declaration.to_dict`).
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"


def N_(message: str) -> str:
    """Mark *message* for the catalogue; the web layer translates it when shown."""
    return message


#: English message of each problem code, with ``%(name)s`` placeholders.
PROBLEM_MESSAGES: dict[str, str] = {
    "not_a_workbook": N_("This file is not an Excel workbook (.xlsx) that can be opened."),
    "not_a_template": N_(
        "This workbook is not an RMI EMRT or AMRT: it has no %(sheets)s sheet. "
        "Supported versions: %(supported)s."
    ),
    "unsupported_template": N_(
        "This looks like a CMRT or an EMRT 1.x (no Mine List sheet). "
        "Supported versions: %(supported)s."
    ),
    "no_revision": N_(
        'The template version cannot be read (no "Revision" text in %(cells)s). '
        "Supported versions: %(supported)s."
    ),
    "unknown_version": N_(
        "This workbook is %(found)s, which cannot be read yet. Supported versions: %(supported)s."
    ),
    "required": N_("%(field)s is required."),
    "invalid_option": N_('"%(value)s" is not one of the options: %(options)s.'),
    "invalid_date": N_('"%(value)s" is not a date (use DD-MMM-YYYY).'),
    "date_out_of_range": N_(
        "The date %(value)s is outside the template's range %(first)s to %(last)s."
    ),
    "invalid_email": N_('"%(value)s" is not an e-mail address (or "n/a").'),
    "authorizer_same": N_('The authorizer must be named; "same" is not accepted.'),
    "unknown_country": N_('"%(value)s" is not a country this can match to an ISO code.'),
    "unknown_metal": N_('"%(value)s" is not one of the minerals in scope of this template.'),
    "comment_required": N_("A comment is required in %(comment)s for this answer."),
    "too_many_minerals": N_("Only %(max)s minerals can be declared in this template."),
    "mineral_outside_template": N_(
        "%(mineral)s does not belong in this template (%(kind)s); it is left out."
    ),
    "formula_like": N_('"%(value)s" starts with "=" or "#", which the template does not allow.'),
    "products_required": N_("Scope B needs at least one row in the Product List."),
    "rows_truncated": N_("The template holds at most %(max)s rows; later rows are not read."),
}


@dataclass(frozen=True)
class Problem:
    """Something wrong or doubtful in a workbook, at a cell ("Declaration!D30") when known."""

    severity: str
    code: str
    cell: str = ""
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        """Return the English message."""
        return PROBLEM_MESSAGES[self.code] % self.params

    def to_dict(self) -> dict:
        """Return the problem as JSON-ready data."""
        return asdict(self)


class TemplateError(Exception):
    """The file is not a template this reads (not a workbook, or an unknown version)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class Declaration:
    """What one EMRT or AMRT says, in canonical values."""

    kind: str
    version: str
    #: Company data by canonical key (``company_name``, ``effective_date`` as ISO date...).
    company: dict[str, str] = field(default_factory=dict)
    #: One entry per selected mineral in sheet order: ``{"name", "answers": {"q1": ...},
    #: "comments": {"q1": ...}}`` (EMRT company question C is ``answers["c"]``).
    minerals: list[dict] = field(default_factory=list)
    #: Company questions A–G (EMRT): ``{"A": "Yes", ...}``; their comments by the same keys.
    company_questions: dict[str, str] = field(default_factory=dict)
    company_comments: dict[str, str] = field(default_factory=dict)
    #: Smelter List rows (keys of ``layouts.SMELTER_COLUMNS``; ``country`` an ISO code).
    smelters: list[dict] = field(default_factory=list)
    mines: list[dict] = field(default_factory=list)
    products: list[dict] = field(default_factory=list)
    #: AMRT Minerals Scope rows: ``{"mineral", "reason"}``.
    minerals_scope: list[dict] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Return "EMRT 2.1"."""
        return f"{self.kind} {self.version}"

    def mineral(self, name: str) -> dict | None:
        """Return the entry of mineral *name* ("Cobalt"), or None when it is not selected."""
        return next((m for m in self.minerals if m["name"] == name), None)

    def to_dict(self) -> dict:
        """Return the declaration as JSON-ready data."""
        return copy.deepcopy(asdict(self))

    @classmethod
    def from_dict(cls, data: dict) -> Declaration:
        """Return the declaration stored by :meth:`to_dict`."""
        return cls(**copy.deepcopy(data))

    def content(self) -> dict:
        """Return what the workbook says, without which version it came in (for comparison)."""
        data = self.to_dict()
        del data["version"]
        return data


@dataclass
class Reading:
    """A declaration read from a workbook and every problem found, each with its cell."""

    declaration: Declaration
    problems: list[Problem] = field(default_factory=list)
    #: The sheet row of each smelter, mine and product (``{"smelters": [5, 6, ...]}``).
    rows: dict[str, list[int]] = field(default_factory=dict)

    def add(self, severity: str, code: str, cell: str = "", **params) -> None:
        """Record a problem."""
        self.problems.append(Problem(severity, code, cell, params))

    @property
    def errors(self) -> list[Problem]:
        """Return the problems of severity error."""
        return [p for p in self.problems if p.severity == ERROR]
