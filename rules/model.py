"""Nouns of the risk model: levels, rule sets, rules, findings and results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from questionnaires import Localized, Questionnaire, Trigger

if TYPE_CHECKING:
    from questionnaires import Condition


class Level(IntEnum):
    """Severity of a finding and rating of a result, in increasing order of risk."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        """Return the lower-case name used in rule sets and results."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: object) -> Level | None:
        """Return the level named ``text`` (e.g. ``"high"``), or None when it names none."""
        if isinstance(text, str) and text.upper() in cls.__members__:
            return cls[text.upper()]
        return None


LANGUAGES = ("en", "ja")


#: A bilingual string (the questionnaire's).
Text = Localized


@dataclass(frozen=True)
class Category:
    """A risk category with its weight in the overall management-system score."""

    id: str
    name: Text
    weight: float


@dataclass(frozen=True)
class Rule:
    """One rule: when its condition holds, it produces a finding."""

    id: str
    category: str
    severity: Level
    title: Text
    action: Text
    references: tuple[str, ...]
    when: Condition
    red_flag_floor: Level | None = None
    #: Texts used when the condition is undecided because an answer is "unknown".
    unknown_title: Text | None = None
    unknown_action: Text | None = None


@dataclass(frozen=True)
class EvidenceRule:
    """A generic rule over the questionnaire's evidence requirements."""

    id: str
    kind: str  # "missing" or "expired"
    category: str
    severity: Level
    title: Text
    action: Text
    references: tuple[str, ...]


@dataclass(frozen=True)
class GoodLink:
    """An ILAB good that bears on one of our minerals, and how strongly."""

    good: str
    relation: str
    stages: frozenset[str] | None = None  # None: every stage


@dataclass(frozen=True)
class Scoring:
    """Scoring parameters of a rule set (see rules/README.md for the method)."""

    severity_points: Mapping[Level, float]
    unknown_severity: Mapping[Level, Level]
    severity_floor: Mapping[Level, Level]
    category_floor: Mapping[Level, Level]
    rating_thresholds: Mapping[Level, float]  # lowest score of each rating above LOW
    incomplete_floor: Level | None
    inherent_weight: float
    worst_category_share: float
    unknown_title: Text
    unknown_action: Text
    #: False when findings left undecided by "unknown" answers count against visibility
    #: only (``undecided: visibility``), not towards points and floors.
    undecided_counts: bool = True
    #: Below this visibility score (0-100) a result is "insufficient information" ...
    visibility_threshold: float | None = None
    #: ... and rated at least this.
    visibility_floor: Level | None = None
    escalation: tuple[Escalation, ...] = ()


@dataclass(frozen=True)
class Escalation:
    """Findings of at least ``severity`` in ``categories`` categories lift the rating to
    at least ``floor``."""

    severity: Level
    categories: int
    floor: Level


@dataclass(frozen=True)
class Visibility:
    """How much of what the rules look at is known (a dimension apart from the rating)."""

    score: int
    #: Visible questions the rules look at, answered "unknown" (or including it).
    unknown: tuple[str, ...]
    #: Visible questions the rules look at, not answered.
    unanswered: tuple[str, ...]
    #: Visible questions the rules look at, answered "not applicable".
    not_applicable: tuple[str, ...]
    insufficient: bool
    #: Ids of the findings left undecided by "unknown" answers: listed, but counted against
    #: visibility only (so a stored result can be re-rated without them, ``reviewed_rating``).
    undecided: tuple[str, ...] = ()
    #: How many visible questions the rules look at (what the score is a share of).
    asked: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the visibility as plain data."""
        return {
            "score": self.score,
            "unknown": list(self.unknown),
            "unanswered": list(self.unanswered),
            "not_applicable": list(self.not_applicable),
            "insufficient": self.insufficient,
            "undecided": list(self.undecided),
            "asked": self.asked,
        }


@dataclass(frozen=True)
class Inherent:
    """Where inherent risk is read from and how it is weighed."""

    table: str
    mineral_column: str
    stage_column: str
    country_column: str
    fallback_countries: str | None
    governance_indicators: tuple[str, ...]
    governance_weight: float
    governance_missing: float
    undeclared: float
    relation_weights: Mapping[str, float]
    stage_weights: Mapping[str, float]
    goods: Mapping[str, tuple[GoodLink, ...]]


@dataclass(frozen=True)
class RuleSet:
    """A versioned rule set bound to one questionnaire version."""

    id: str
    version: str
    questionnaire_id: str
    questionnaire_version: str
    categories: tuple[Category, ...]
    rules: tuple[Rule, ...]
    evidence_rules: tuple[EvidenceRule, ...]
    scoring: Scoring
    inherent: Inherent
    #: The questionnaire the rule set was validated against (questions, visibility).
    questionnaire: Questionnaire = field(compare=False, repr=False)
    #: The questions the rules look at, in questionnaire order (what visibility measures).
    scored_questions: tuple[str, ...] = ()
    source: str = ""
    #: The rule-set data as read from its file (re-checked by ``check_ruleset``).
    data: Any = field(default=None, compare=False, repr=False)
    #: The reference-data edition the rule set names for each source (``reference_data``);
    #: sources it does not name use the default editions (``rules.refdata``).
    reference_data: Mapping[str, str] = field(default_factory=dict)

    def category(self, category_id: str) -> Category:
        """Return the category with ``category_id``."""
        return next(c for c in self.categories if c.id == category_id)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Return the ids of all rules, evidence rules included, in rule-set order."""
        return tuple(r.id for r in self.rules) + tuple(r.id for r in self.evidence_rules)


#: An answer that made a rule fire (the condition grammar's trigger).
TriggeredBy = Trigger


@dataclass(frozen=True)
class Listing:
    """A row of country data that made a rule fire, with the edition it comes from.

    From the ILAB List of Goods (``ilab_listed``): the good, country and kinds of labour, e.g.
    nickel from Indonesia listed for forced labour; ``kinds`` are the listed kinds the rule
    asked for, in ``ILAB_KINDS`` order. From the WGI (``wgi_below``): the country, the
    indicator and its percentile rank, e.g. the Democratic Republic of the Congo, rule of law,
    percentile 4.7.
    """

    source: str
    edition: str
    #: The edition's label, e.g. "ILAB List of Goods, 2022 edition".
    label: str
    #: ISO 3166-1 alpha-2.
    country: str
    #: The good as ILAB names it (ILAB listings only).
    good: str = ""
    kinds: tuple[str, ...] = ()
    #: For goods made with tainted inputs: where the inputs come from (alpha-2).
    derived_input_country: str | None = None
    #: How sure the edition is of the row, when it says (e.g. "DOL page").
    confidence: str | None = None
    #: The WGI indicator (``rl``, ``cc``, ``va``, ...) and the country's percentile rank in it
    #: (0-100, 100 best), for WGI listings.
    indicator: str | None = None
    percentile: float | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Listing:
        """Return a listing from its plain-data form (``to_dict``)."""
        return cls(
            source=data["source"],
            edition=data["edition"],
            label=data["label"],
            country=data["country"],
            good=data.get("good", ""),
            kinds=tuple(data.get("kinds", ())),
            derived_input_country=data.get("derived_input_country"),
            confidence=data.get("confidence"),
            indicator=data.get("indicator"),
            percentile=data.get("percentile"),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the listing as plain data (optional parts only when present)."""
        data: dict[str, Any] = {
            "source": self.source,
            "edition": self.edition,
            "label": self.label,
        }
        if self.good:
            data["good"] = self.good
        data["country"] = self.country
        if self.kinds:
            data["kinds"] = list(self.kinds)
        optional = {
            "derived_input_country": self.derived_input_country,
            "confidence": self.confidence,
            "indicator": self.indicator,
        }
        data.update({key: value for key, value in optional.items() if value})
        if self.percentile is not None:
            data["percentile"] = self.percentile
        return data


@dataclass(frozen=True)
class Finding:
    """A rule that fired, with what made it fire."""

    rule_id: str
    severity: Level
    category: str
    title: Text
    action: Text
    references: tuple[str, ...]
    triggered_by: tuple[TriggeredBy, ...]
    red_flag: bool
    #: True when the finding stands for an undecided condition ("unknown" answers).
    undecided: bool = False
    #: The rows of country data that made it fire (``ilab_listed``), with their edition.
    listings: tuple[Listing, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """Return a finding from its plain-data form (``to_dict``)."""
        return cls(
            rule_id=data["rule_id"],
            severity=Level[data["severity"].upper()],
            category=data["category"],
            title=Text(**data["title"]),
            action=Text(**data["action"]),
            references=tuple(data["references"]),
            triggered_by=tuple(TriggeredBy(**t) for t in data["triggered_by"]),
            red_flag=data["red_flag"],
            listings=tuple(Listing.from_dict(item) for item in data.get("listings", ())),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as plain data (``listings`` only when country data fired it)."""
        data = {
            "rule_id": self.rule_id,
            "severity": self.severity.label,
            "category": self.category,
            "title": self.title.to_dict(),
            "action": self.action.to_dict(),
            "references": list(self.references),
            "triggered_by": [t.to_dict() for t in self.triggered_by],
            "red_flag": self.red_flag,
        }
        if self.listings:
            data["listings"] = [listing.to_dict() for listing in self.listings]
        return data


@dataclass(frozen=True)
class CategoryScore:
    """Score (0-100, higher is riskier) and rating of one category."""

    id: str
    name: Text
    score: int
    rating: Level

    def to_dict(self) -> dict[str, Any]:
        """Return the category score as plain data."""
        return {
            "id": self.id,
            "name": self.name.to_dict(),
            "score": self.score,
            "rating": self.rating.label,
        }


@dataclass(frozen=True)
class InherentRow:
    """Inherent risk of one declared (mineral, stage, country) source."""

    mineral: str | None
    stage: str | None
    country: str
    ilab: float
    governance: float
    score: float
    listings: tuple[str, ...]


@dataclass(frozen=True)
class RiskResult:
    """The outcome of evaluating one answers document with one rule set."""

    ruleset_id: str
    ruleset_version: str
    data_editions: Mapping[str, str]
    scoring_date: date
    rating: Level
    score: int
    categories: tuple[CategoryScore, ...]
    findings: tuple[Finding, ...]
    incomplete: tuple[str, ...]
    #: The label of each source's edition (``data_editions`` gives its id).
    data_labels: Mapping[str, str] = field(default_factory=dict)
    #: Explanation of the score, not part of ``to_dict``.
    inherent_score: float = 0.0
    management_score: float = 0.0
    inherent_rows: tuple[InherentRow, ...] = ()
    #: Present when the rule set measures visibility.
    visibility: Visibility | None = None

    @property
    def red_flags(self) -> list[str]:
        """Return the ids of the rules that fired as red flags."""
        return [f.rule_id for f in self.findings if f.red_flag]

    def to_dict(self) -> dict[str, Any]:
        """Return the result as plain JSON-ready data."""
        return {
            "ruleset": {"id": self.ruleset_id, "version": self.ruleset_version},
            "data_editions": dict(self.data_editions),
            "data_labels": dict(self.data_labels),
            "scoring_date": self.scoring_date.isoformat(),
            "rating": self.rating.label,
            "score": self.score,
            "categories": [c.to_dict() for c in self.categories],
            "findings": [f.to_dict() for f in self.findings],
            "red_flags": self.red_flags,
            "incomplete": list(self.incomplete),
            **({"visibility": self.visibility.to_dict()} if self.visibility else {}),
        }
