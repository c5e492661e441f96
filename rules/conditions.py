"""Rule conditions: ``all`` / ``any`` / ``not`` trees over the closed operator table.

A condition evaluates to one of four truth values. ``TRUE`` and ``FALSE`` are
decided by the answers; ``UNKNOWN`` means the outcome hangs on an answer that is
"unknown" (lack of visibility); ``NONE`` means it hangs on a question that was not
answered or is hidden, which never makes a rule fire. ``not`` swaps TRUE and
FALSE only; ``all`` is FALSE if any part is, else UNKNOWN, else NONE, else TRUE;
``any`` is TRUE if any part is, else UNKNOWN, else NONE, else FALSE. Every
outcome carries the answers that decided it, so a finding can name its triggers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import Enum
from typing import Any

from .exposure import ilab_matches
from .model import Inherent, TriggeredBy
from .operators import Operator, holds_unknown, mentions_unknown
from .questions import UNKNOWN, is_answered
from .refdata import ReferenceData


class Truth(Enum):
    """Outcome of a condition (see the module docstring)."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"
    NONE = "none"


@dataclass(frozen=True)
class Outcome:
    """A truth value with the answers that decided it."""

    truth: Truth
    triggers: tuple[TriggeredBy, ...] = ()


@dataclass(frozen=True)
class Scope:
    """What a condition is evaluated against: visible answers, reference data, a table row."""

    answers: Mapping[str, Any]
    visible: frozenset[str]
    refdata: ReferenceData
    inherent: Inherent
    scoring_date: date
    row: Mapping[str, Any] | None = field(default=None)

    def answer(self, question: str) -> Any:
        """Return the answer to a visible question, or None when hidden or unanswered."""
        return self.answers.get(question) if question in self.visible else None


def _merge(outcomes: list[Outcome]) -> tuple[TriggeredBy, ...]:
    merged: dict[str, TriggeredBy] = {}
    for outcome in outcomes:
        for trigger in outcome.triggers:
            merged.setdefault(repr((trigger.question, trigger.value)), trigger)
    return tuple(merged.values())


def _select(outcomes: list[Outcome], *truths: Truth) -> list[Outcome]:
    return [o for o in outcomes if o.truth in truths]


class Condition:
    """A node of a condition tree."""

    def evaluate(self, scope: Scope) -> Outcome:
        """Return the outcome of this condition in ``scope``."""
        raise NotImplementedError


@dataclass(frozen=True)
class AllOf(Condition):
    children: tuple[Condition, ...]

    def evaluate(self, scope: Scope) -> Outcome:
        outs = [child.evaluate(scope) for child in self.children]
        if falses := _select(outs, Truth.FALSE):
            return Outcome(Truth.FALSE, _merge(falses))
        if _select(outs, Truth.UNKNOWN):
            # An "unknown" answer leaves the rule undecided even when a part of it is
            # unanswered (often a follow-up hidden because of that very answer).
            return Outcome(Truth.UNKNOWN, _merge(_select(outs, Truth.TRUE, Truth.UNKNOWN)))
        if _select(outs, Truth.NONE):
            return Outcome(Truth.NONE)
        return Outcome(Truth.TRUE, _merge(outs))


@dataclass(frozen=True)
class AnyOf(Condition):
    children: tuple[Condition, ...]

    def evaluate(self, scope: Scope) -> Outcome:
        outs = [child.evaluate(scope) for child in self.children]
        for truth in (Truth.TRUE, Truth.UNKNOWN):
            if chosen := _select(outs, truth):
                return Outcome(truth, _merge(chosen))
        if _select(outs, Truth.NONE):
            return Outcome(Truth.NONE)
        return Outcome(Truth.FALSE, _merge(outs))


_NEGATION = {Truth.TRUE: Truth.FALSE, Truth.FALSE: Truth.TRUE}


@dataclass(frozen=True)
class Not(Condition):
    child: Condition

    def evaluate(self, scope: Scope) -> Outcome:
        out = self.child.evaluate(scope)
        return Outcome(_NEGATION.get(out.truth, out.truth), out.triggers)


def resolve(arg: Any, scope: Scope) -> Any:
    """Return a rule argument with a date relative to the scoring date made absolute."""
    if isinstance(arg, dict) and "days_before_scoring" in arg:
        return (scope.scoring_date - timedelta(days=arg["days_before_scoring"])).isoformat()
    return arg


def compare(operator: Operator, value: Any, arg: Any) -> Truth:
    """Return the truth of ``operator`` on an answered ``value`` (see module docstring)."""
    if operator.name == "unknown":
        return Truth.TRUE if holds_unknown(value) else Truth.FALSE
    if value == UNKNOWN and not mentions_unknown(arg):
        return Truth.UNKNOWN
    if operator.test(value, arg):
        return Truth.TRUE
    if holds_unknown(value) and not mentions_unknown(arg):
        return Truth.UNKNOWN
    return Truth.FALSE


def _leaf(operator: Operator, value: Any, arg: Any, scope: Scope, shown: bool) -> Truth:
    answered = is_answered(value)
    if operator.name == "answered":
        return Truth.TRUE if answered else Truth.FALSE
    if operator.name == "unanswered":
        return Truth.TRUE if shown and not answered else Truth.FALSE
    if not answered:
        return Truth.NONE
    return compare(operator, value, resolve(arg, scope))


@dataclass(frozen=True)
class QuestionLeaf(Condition):
    """A comparison on the answer to one question."""

    question: str
    operator: Operator
    arg: Any

    def evaluate(self, scope: Scope) -> Outcome:
        value = scope.answer(self.question)
        shown = self.question in scope.visible
        truth = _leaf(self.operator, value, self.arg, scope, shown)
        if truth is Truth.NONE:
            return Outcome(truth)
        return Outcome(truth, (TriggeredBy(self.question, value if is_answered(value) else None),))


@dataclass(frozen=True)
class ColumnLeaf(Condition):
    """A comparison on one cell of the table row in scope (triggers come from ``Rows``)."""

    column: str
    operator: Operator
    arg: Any

    def evaluate(self, scope: Scope) -> Outcome:
        value = (scope.row or {}).get(self.column)
        return Outcome(_leaf(self.operator, value, self.arg, scope, shown=True))


@dataclass(frozen=True)
class Rows(Condition):
    """True when any row of a table answer matches the nested row condition."""

    question: str
    condition: Condition

    def evaluate(self, scope: Scope) -> Outcome:
        table = scope.answer(self.question)
        if not is_answered(table) or not isinstance(table, list):
            return Outcome(Truth.NONE)
        rows = [row for row in table if isinstance(row, dict)]
        truths = [self.condition.evaluate(replace(scope, row=row)).truth for row in rows]
        for wanted in (Truth.TRUE, Truth.UNKNOWN):
            matched = [row for row, truth in zip(rows, truths, strict=True) if truth is wanted]
            if matched:
                return Outcome(wanted, tuple(TriggeredBy(self.question, row) for row in matched))
        return Outcome(Truth.FALSE, (TriggeredBy(self.question, table),))


@dataclass(frozen=True)
class IlabListed(Condition):
    """True when ILAB lists the row's mineral (or a linked good) in the row's country."""

    kinds: frozenset[str]
    relations: frozenset[str] | None

    def evaluate(self, scope: Scope) -> Outcome:
        row = scope.row or {}
        inherent = scope.inherent
        mineral, country = row.get(inherent.mineral_column), row.get(inherent.country_column)
        if not isinstance(mineral, str) or not isinstance(country, str):
            return Outcome(Truth.NONE)
        stage = row.get(inherent.stage_column)
        matches = ilab_matches(
            scope.refdata,
            inherent,
            mineral,
            stage if isinstance(stage, str) else None,
            country,
            self.relations,
            self.kinds,
        )
        return Outcome(Truth.TRUE if matches else Truth.FALSE)


@dataclass(frozen=True)
class WgiBelow(Condition):
    """True when any named country's WGI percentile rank is below a threshold."""

    indicator: str
    percentile: float
    question: str | None = None  # None: the ``column`` of the row in scope
    column: str | None = None

    def evaluate(self, scope: Scope) -> Outcome:
        if self.question is not None:
            value = scope.answer(self.question)
        else:
            value = (scope.row or {}).get(self.column or "")
        if not is_answered(value):
            return Outcome(Truth.NONE)
        countries = value if isinstance(value, list) else [value]
        below = any(
            (rank := scope.refdata.wgi_percentile(country, self.indicator)) is not None
            and rank < self.percentile
            for country in countries
            if isinstance(country, str)
        )
        triggers = (TriggeredBy(self.question, value),) if self.question else ()
        return Outcome(Truth.TRUE if below else Truth.FALSE, triggers)
