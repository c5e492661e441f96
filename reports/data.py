"""The prepared data of a due-diligence report.

The web layer builds a :class:`ReportData` from the database; the renderer reads
nothing else. Every class here is a plain, frozen dataclass so that a report's
content is fixed once it is handed over.

Bilingual strings are :data:`Text` mappings of language code to string, e.g.
``{"en": "Forced labour", "ja": "強制労働"}``. Where a value may be either
translated or language-neutral (an answer such as a number or a company name),
the type is :data:`Display`: a :data:`Text` mapping or a plain string.

Codes are lower-case strings from closed sets:

- ratings and severities: ``low``, ``medium``, ``high``, ``critical``
  (:data:`RATINGS`, lowest first);
- decision outcomes: ``approved``, ``rejected``;
- finding reviews: ``accepted``, ``dismissed``;
- corrective action plans: their states (``requested``, ``plan_submitted``,
  ``plan_returned``, ``plan_accepted``, ``in_progress``, ``evidence_submitted``,
  ``verified_closed``, ``reopened``), verification methods (``desk_review``,
  ``follow_up_audit``) and the basis of their due dates (``default``, ``buyer``,
  ``reviewer``);
- countries: ISO 3166-1 alpha-2 (``CD``, ``JP``);
- minerals (``cobalt``) and lifecycle stages (``extraction``) as used by the
  questionnaire.

All datetimes are timezone-aware and in UTC.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

#: Language code -> text, for every language the report is rendered in.
Text = Mapping[str, str]
#: A translated text, or a string shown as it is in every language.
Display = Text | str

Rating = Literal["low", "medium", "high", "critical"]
#: Ratings and severities from lowest to highest.
RATINGS: tuple[Rating, ...] = ("low", "medium", "high", "critical")
#: Languages a report can be rendered in.
LANGUAGES: tuple[str, ...] = ("en", "ja")


def _check_rating(value: str | None, what: str) -> None:
    """Raise ValueError unless ``value`` is a rating (or None)."""
    if value is not None and value not in RATINGS:
        raise ValueError(f"{what} must be one of {', '.join(RATINGS)}, not {value!r}")


@dataclass(frozen=True)
class Site:
    """A site of the supplier: a mine, plant, warehouse or office."""

    name: str
    #: ISO 3166-1 alpha-2 code of the country the site is in.
    country: str


@dataclass(frozen=True)
class Supplier:
    """The organisation the report is about."""

    name: str
    #: Country of registration (alpha-2).
    country: str
    sites: list[Site] = field(default_factory=list)
    #: Countries of operation (alpha-2), as answered in the questionnaire.
    countries: list[str] = field(default_factory=list)
    #: Mineral codes, e.g. ``cobalt``.
    minerals: list[str] = field(default_factory=list)
    #: Lifecycle stage codes, e.g. ``extraction``, ``processing``.
    lifecycle_stages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class VersionRef:
    """A versioned document: the questionnaire or the rule set."""

    id: str
    version: str
    #: The document's own name in each language (the questionnaire's title), if it has one.
    title: Text | None = None


@dataclass(frozen=True)
class Decision:
    """The reviewer's decision on the submission."""

    outcome: Literal["approved", "rejected"]
    reviewer: str
    reason: str = ""


@dataclass(frozen=True)
class CategoryScore:
    """The score of one risk category."""

    id: str
    name: Text
    #: 0 to 100, as computed by the rule set.
    score: float
    rating: Rating

    def __post_init__(self) -> None:
        _check_rating(self.rating, f"rating of category {self.id}")


@dataclass(frozen=True)
class Reference:
    """A catalogue reference a finding is traced to."""

    #: Catalogue code, e.g. ``ILO-C029``.
    code: str
    title: Text
    #: Article, paragraph or page within the referenced text, per language (``{"en": "Art.
    #: 4.4", "ja": "第4条4"}``) or one string for every language; may be empty.
    locator: Display = ""


@dataclass(frozen=True)
class TriggeringAnswer:
    """A question and the answer that made a rule fire."""

    question: Text
    answer: Display


@dataclass(frozen=True)
class Listing:
    """A row of country data that made a rule fire, e.g. nickel from Indonesia listed for
    forced labour by an edition of the ILAB List of Goods, or the Democratic Republic of the
    Congo's percentile rank in the WGI's rule of law."""

    #: The good as the source names it (English, as published); empty for WGI listings.
    good: str
    #: ISO 3166-1 alpha-2.
    country: str
    #: Kinds of labour: ``child_labor``, ``forced_labor``, ``forced_child_labor``,
    #: ``derived_labor_exploitation``; empty for WGI listings.
    kinds: tuple[str, ...]
    #: The label of the edition, e.g. "ILAB List of Goods, 2022 edition".
    edition: str
    #: For goods made with tainted inputs: the country of the inputs (alpha-2).
    derived_input_country: str | None = None
    #: How sure the edition is of the row, when it says (e.g. "DOL page").
    confidence: str | None = None
    #: WGI listings: the indicator (``rl``, ``cc``, ``va``, ``ge``, ``rq``, ``pv``) and the
    #: country's percentile rank in it (0-100, 100 best).
    indicator: str | None = None
    percentile: float | None = None


@dataclass(frozen=True)
class FindingReview:
    """A reviewer's decision on one finding."""

    status: Literal["accepted", "dismissed"]
    justification: str
    reviewer: str
    at: datetime


@dataclass(frozen=True)
class Finding:
    """One rule that fired, with what it asks the supplier to do."""

    rule_id: str
    severity: Rating
    #: Id of a :class:`CategoryScore` in :attr:`ReportData.categories`.
    category: str
    title: Text
    action: Text
    red_flag: bool = False
    references: list[Reference] = field(default_factory=list)
    triggered_by: list[TriggeringAnswer] = field(default_factory=list)
    review: FindingReview | None = None
    #: The country data that made it fire (good, country, kind of labour, edition).
    listings: list[Listing] = field(default_factory=list)

    def __post_init__(self) -> None:
        _check_rating(self.severity, f"severity of finding {self.rule_id}")


@dataclass(frozen=True)
class Evidence:
    """A file uploaded as evidence for an answer."""

    file_name: str
    #: Hex SHA-256 of the file's content.
    sha256: str
    valid_until: date | None = None


@dataclass(frozen=True)
class Answer:
    """One answered question, with its evidence."""

    question_id: str
    text: Text
    answer: Display
    evidence: list[Evidence] = field(default_factory=list)
    #: The question's number as people cite it: section and place in it, e.g. "3.2".
    number: str = ""


@dataclass(frozen=True)
class AnswerSection:
    """A questionnaire section and its answers, in questionnaire order."""

    title: Text
    answers: list[Answer] = field(default_factory=list)


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the submission's audit trail."""

    at: datetime
    actor: str
    #: Action code, e.g. ``submitted``, ``approved``, ``finding_dismissed``.
    action: str
    from_state: str | None = None
    to_state: str | None = None
    note: str = ""


@dataclass(frozen=True)
class CorrectiveAction:
    """A corrective action plan the buyer asked of the supplier, and where it stands."""

    number: int
    #: What it is about: the finding's title, or the question commented on.
    title: Display
    severity: Rating
    #: State code (see the module docstring).
    status: str
    #: What the buyer asks the supplier to correct.
    request: str
    requested_on: date
    plan_due: date
    due: date
    #: Verification method and the basis of the due dates (codes).
    verification: str
    due_basis: str
    #: Whether the plan or its closure was late when the report was generated.
    overdue: bool = False
    rule_id: str | None = None
    root_cause: str = ""
    corrective_action: str = ""
    preventive_action: str = ""
    responsible: str = ""
    start: date | None = None
    closed: date | None = None
    #: The reviewer's last decision on the plan or its evidence.
    decision_reason: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    #: Whether its finding fires again in a later round.
    recurs: bool = False

    def __post_init__(self) -> None:
        _check_rating(self.severity, f"severity of corrective action {self.number}")


@dataclass(frozen=True)
class Visibility:
    """How much of what the rules look at is known: a dimension apart from the rating."""

    #: Share (0-100) of the questions the rules look at with a known answer.
    score: int
    #: Below the rule set's threshold: "insufficient information".
    insufficient: bool
    unknown: int = 0
    unanswered: int = 0
    not_applicable: int = 0
    #: After the reviewer accepted reasons given for "not applicable" answers, if any.
    reviewed_score: int | None = None


@dataclass(frozen=True)
class ReportData:
    """Everything a due-diligence report shows, prepared for rendering."""

    report_id: str
    generated_at: datetime
    supplier: Supplier
    questionnaire: VersionRef
    ruleset: VersionRef
    #: Computed overall rating and score.
    rating: Rating
    score: float
    #: SHA-256 of the canonical answers the report reflects.
    answers_sha256: str
    #: Marks every page "DRAFT" (the submission is not decided yet).
    draft: bool = False
    #: Reference data name -> edition, e.g. ``{"ILAB List of Goods": "2024"}``.
    data_editions: Mapping[str, str] = field(default_factory=dict)
    submitted_at: datetime | None = None
    decided_at: datetime | None = None
    decision: Decision | None = None
    #: Overall rating set by the reviewer, if it differs from the computed one.
    reviewed_rating: Rating | None = None
    #: Present when the rule set measures visibility.
    visibility: Visibility | None = None
    categories: list[CategoryScore] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    sections: list[AnswerSection] = field(default_factory=list)
    audit: list[AuditEntry] = field(default_factory=list)
    #: The buyer's corrective action plans with the supplier on this questionnaire.
    corrective_actions: list[CorrectiveAction] = field(default_factory=list)

    def __post_init__(self) -> None:
        _check_rating(self.rating, "rating")
        _check_rating(self.reviewed_rating, "reviewed_rating")
        if self.generated_at.tzinfo is None:
            raise ValueError("generated_at must be timezone-aware (UTC)")

    def category(self, category_id: str) -> CategoryScore | None:
        """Return the category with this id, or None."""
        return next((c for c in self.categories if c.id == category_id), None)

    def ordered_findings(self) -> list[Finding]:
        """Return the findings with red flags first, then by severity, highest first."""
        return sorted(
            self.findings,
            key=lambda f: (not f.red_flag, -RATINGS.index(f.severity), f.rule_id),
        )
