"""The operators rules add to the questionnaire's condition grammar: reference-data tests.

Rule conditions are read by ``questionnaires.read_condition`` (one grammar for skip
logic and rules) with two more operators, both looking at reference data::

    # inside ``rows`` of the traceability table only:
    {ilab_listed: {kinds: [child_labor, ...], relations: [direct, ...]}}
    # on a country / countries question or column:
    {question|column: ..., wgi_below: {indicator: rl|cc|va|ge|rq|pv, percentile: N}}

and relative dates (``{days_before_scoring: N}``) counted back from the scoring date.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, TypeVar

import questionnaires as qn
from questionnaires import AllOf, AnyOf, Condition, Outcome, Scope, Trigger, Truth
from questionnaires.conditions import Rows

from .exposure import ilab_matches
from .model import GoodLink, Inherent, Listing
from .refdata import ILAB_KINDS, WGI_INDICATORS, IlabListing, ReferenceData

C = TypeVar("C", bound=Condition)


@dataclass(frozen=True)
class RuleData:
    """What the rules' own operators read while a rule set is evaluated (``Scope.data``)."""

    refdata: ReferenceData
    inherent: Inherent


@dataclass(frozen=True)
class IlabListed(Condition):
    """True when ILAB lists the row's mineral (or a linked good) in the row's country."""

    kinds: frozenset[str]
    relations: frozenset[str] | None

    def evaluate(self, scope: Scope) -> Outcome:
        matches = self.matches(scope)
        if matches is None:
            return Outcome(Truth.NONE)
        return Outcome(Truth.TRUE if matches else Truth.FALSE)

    def matches(self, scope: Scope) -> list[tuple[GoodLink, IlabListing]] | None:
        """Return the listings that make this condition true for the row in scope
        (None when the row names no mineral or country)."""
        row = scope.row or {}
        data: RuleData = scope.data
        inherent = data.inherent
        mineral, country = row.get(inherent.mineral_column), row.get(inherent.country_column)
        if not isinstance(mineral, str) or not isinstance(country, str):
            return None
        stage = row.get(inherent.stage_column)
        return ilab_matches(
            data.refdata,
            inherent,
            mineral,
            stage if isinstance(stage, str) else None,
            country,
            self.relations,
            self.kinds,
        )

    def listing(self, refdata: ReferenceData, listing: IlabListing) -> Listing:
        """Return ``listing`` as a finding names it: only the kinds this condition asks for."""
        return Listing(
            source="ilab",
            edition=refdata.editions.get("ilab", ""),
            label=refdata.label("ilab"),
            good=listing.good,
            country=listing.country,
            kinds=tuple(kind for kind in ILAB_KINDS if kind in listing.kinds & self.kinds),
            derived_input_country=listing.derived_input_country,
            confidence=listing.confidence,
        )

    def to_dict(self) -> dict[str, Any]:
        listed: dict[str, Any] = {"kinds": sorted(self.kinds)}
        if self.relations is not None:
            listed["relations"] = sorted(self.relations)
        return {"ilab_listed": listed}


@dataclass(frozen=True)
class WgiBelow(Condition):
    """True when any named country's WGI percentile rank is below a threshold."""

    indicator: str
    percentile: float
    question: str | None = None  # None: the ``column`` of the row in scope
    column: str | None = None

    def evaluate(self, scope: Scope) -> Outcome:
        value = self._value(scope)
        if value is None:
            return Outcome(Truth.NONE)
        triggers = (Trigger(self.question, value),) if self.question else ()
        truth = Truth.TRUE if self.below(scope) else Truth.FALSE
        return Outcome(truth, triggers)

    def _value(self, scope: Scope) -> Any:
        if self.question is not None:
            return scope.answer(self.question)
        return (scope.row or {}).get(self.column or "")

    def below(self, scope: Scope) -> list[tuple[str, float]]:
        """Return each named country (alpha-2) ranked below the threshold, with its rank."""
        value = self._value(scope)
        countries = value if isinstance(value, list) else [value]
        refdata = scope.data.refdata
        return [
            (country, rank)
            for country in countries
            if isinstance(country, str)
            and (rank := refdata.wgi_percentile(country, self.indicator)) is not None
            and rank < self.percentile
        ]

    def listings(self, scope: Scope) -> list[Listing]:
        """Return the countries ranked below the threshold as a finding names them: country,
        indicator, percentile rank and edition."""
        refdata = scope.data.refdata
        return [
            Listing(
                source="wgi",
                edition=refdata.editions.get("wgi", ""),
                label=refdata.label("wgi"),
                country=country,
                indicator=self.indicator,
                percentile=rank,
            )
            for country, rank in self.below(scope)
        ]

    def to_dict(self) -> dict[str, Any]:
        subject = {"question": self.question} if self.question else {"column": self.column}
        return {
            **subject,
            "wgi_below": {"indicator": self.indicator, "percentile": self.percentile},
        }


def _tables(condition: Condition) -> Iterator[Rows]:
    """Yield each ``rows`` part of ``condition`` (not under ``not``)."""
    if isinstance(condition, Rows):
        yield condition
    elif isinstance(condition, AllOf | AnyOf):
        for child in condition.children:
            yield from _tables(child)


def _parts(condition: Condition, kind: type[C]) -> Iterator[C]:
    """Yield the ``kind`` parts of ``condition`` outside ``rows`` and ``not``."""
    if isinstance(condition, kind):
        yield condition
    elif isinstance(condition, AllOf | AnyOf):
        for child in condition.children:
            yield from _parts(child, kind)


def fired_listings(condition: Condition, scope: Scope) -> tuple[Listing, ...]:
    """Return the country data behind a rule that fired: ILAB listings and WGI ranks.

    A ``wgi_below`` on a question names each country answered that ranks below the
    threshold. For each ``rows`` part of ``condition``, the rows it matched (true or
    undecided) are looked up again: ``ilab_listed`` names each listing found, with the kinds
    of labour the condition asks for, and ``wgi_below`` on a column each country ranked below
    its threshold. Each is named once, with the edition it comes from, in condition and row
    order.
    """
    found: dict[tuple[object, ...], Listing] = {}

    def add(listing: Listing) -> None:
        key = (listing.source, listing.good, listing.country, listing.kinds, listing.indicator)
        found.setdefault(key, listing)

    for wgi in _parts(condition, WgiBelow):
        for listing in wgi.listings(scope):
            add(listing)
    for rows in _tables(condition):
        ilab = list(_parts(rows.condition, IlabListed))
        ranks = list(_parts(rows.condition, WgiBelow))
        table = scope.answer(rows.question) if ilab or ranks else None
        for row in table if isinstance(table, list) else ():
            if not isinstance(row, dict):
                continue
            in_row = replace(scope, row=row)
            if rows.condition.evaluate(in_row).truth not in (Truth.TRUE, Truth.UNKNOWN):
                continue
            for part in ilab:
                for _link, match in part.matches(in_row) or ():
                    add(part.listing(scope.data.refdata, match))
            for wgi in ranks:
                for listing in wgi.listings(in_row):
                    add(listing)
    return tuple(found.values())


def _read_ilab(
    ilab_table: str, relations: frozenset[str], subject: Any, arg: object, path: str, context: Any
) -> Condition | None:
    if subject is not None or context.table is None or context.table.id != ilab_table:
        context.problem(path, "'ilab_listed' stands alone inside 'rows' of the traceability table")
        return None
    if not isinstance(arg, dict) or set(arg) - {"kinds", "relations"}:
        context.problem(path, "takes a mapping with 'kinds' and optional 'relations'")
        return None
    kinds, wanted = arg.get("kinds"), arg.get("relations")
    problems = []
    if not isinstance(kinds, list) or not kinds or set(kinds) - set(ILAB_KINDS):
        problems.append(f"'kinds' must be a non-empty list from {', '.join(ILAB_KINDS)}")
    if wanted is not None and (
        not isinstance(wanted, list) or not wanted or set(wanted) - relations
    ):
        problems.append(f"'relations' must be a list from {', '.join(sorted(relations))}")
    for problem in problems:
        context.problem(path, problem)
    if problems:
        return None
    return IlabListed(frozenset(kinds), frozenset(wanted) if wanted else None)  # type: ignore[arg-type]


def _read_wgi(subject: Any, arg: object, path: str, context: Any) -> Condition | None:
    if subject is None or not qn.answer_type(subject.type).country:
        name = subject.id if subject is not None else None
        context.problem(path, f"needs a country or countries question/column, {name!r} is not")
        return None
    if (
        not isinstance(arg, dict)
        or set(arg) != {"indicator", "percentile"}
        or arg["indicator"] not in WGI_INDICATORS
        or isinstance(arg["percentile"], bool)
        or not isinstance(arg["percentile"], int | float)
        or not 0 <= arg["percentile"] <= 100
    ):
        indicators = "|".join(WGI_INDICATORS)
        context.problem(path, f"takes {{indicator: {indicators}, percentile: 0-100}}")
        return None
    percentile = float(arg["percentile"])
    if isinstance(subject, qn.Question):
        return WgiBelow(arg["indicator"], percentile, question=subject.id)
    return WgiBelow(arg["indicator"], percentile, column=subject.id)


def rule_context(
    questions: Mapping[str, qn.Question], inherent: Inherent, problems: list[str]
) -> qn.Context:
    """Return the reading context of a rule's condition: the questionnaire's, plus rules' own."""
    return qn.Context(
        questions,
        problems,
        relative_dates=True,
        extensions={
            "ilab_listed": partial(
                _read_ilab, inherent.table, frozenset(inherent.relation_weights)
            ),
            "wgi_below": _read_wgi,
        },
    )
