"""What the rules need to know about questions: types, options, columns, evidence.

The questionnaire package owns the definitions; ``binding.question_specs`` reads a
loaded questionnaire into these small records, and :func:`value_problem` checks a
value (from a rule, or from a document scored without a questionnaire) against a
question's type.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from questionnaires import country_codes

UNKNOWN = "unknown"
YES_NO_VALUES = frozenset({"yes", "no", "partly", UNKNOWN, "not_applicable"})

CHOICE_TYPES = frozenset({"yes_no", "single"})
LIST_TYPES = frozenset({"multiple", "countries"})
NUMBER_TYPES = frozenset({"number", "percentage"})
ORDERED_TYPES = NUMBER_TYPES | {"date"}
SCALAR_TYPES = CHOICE_TYPES | NUMBER_TYPES | {"date", "country", "text"}
COUNTRY_TYPES = frozenset({"country", "countries"})

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class QuestionSpec:
    """The facts about one question (or one table column) that rules rely on."""

    id: str
    type: str
    options: frozenset[str] | None = None
    columns: Mapping[str, QuestionSpec] | None = None
    required: bool = False
    #: Answer values for which evidence is required (empty: evidence never required).
    evidence_when: frozenset[Any] = frozenset()

    def requires_evidence(self, value: object) -> bool:
        """Return True when the answer ``value`` must be backed by evidence."""
        if self.type == "evidence":
            return self.required
        if isinstance(value, list):
            return any(item in self.evidence_when for item in value if isinstance(item, str))
        return isinstance(value, str | int | float) and value in self.evidence_when

    def allows_unknown(self) -> bool:
        """Return True when "unknown" is a possible answer to this question."""
        allowed = choices(self)
        return allowed is not None and UNKNOWN in allowed


def choices(spec: QuestionSpec) -> frozenset[str] | None:
    """Return the allowed values of a choice question, or None when any value goes."""
    if spec.type == "yes_no" and spec.options is None:
        return YES_NO_VALUES
    return spec.options


def is_number(value: object) -> bool:
    """Return True for a finite int or float (booleans are not numbers here)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def is_date(value: object) -> bool:
    """Return True for an ISO ``YYYY-MM-DD`` string naming a real date."""
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def value_problem(spec: QuestionSpec, value: object) -> str | None:
    """Return why ``value`` is not a valid answer to ``spec``, or None when it is."""
    kind = spec.type
    if kind in CHOICE_TYPES:
        return _choice_problem(spec, value)
    if kind == "multiple":
        if not isinstance(value, list):
            return f"expected a list of options for multiple-choice question {spec.id!r}"
        return next((p for item in value if (p := _choice_problem(spec, item))), None)
    if kind == "country":
        return _country_problem(spec, value)
    if kind == "countries":
        if not isinstance(value, list):
            return f"expected a list of ISO alpha-2 codes for {spec.id!r}"
        return next((p for item in value if (p := _country_problem(spec, item))), None)
    if kind in NUMBER_TYPES:
        if not is_number(value):
            return f"expected a number for {kind} question {spec.id!r}, got {value!r}"
        if kind == "percentage" and not 0 <= value <= 100:
            return f"percentage {value!r} for {spec.id!r} is outside 0-100"
        return None
    if kind == "date":
        return None if is_date(value) else f"expected a YYYY-MM-DD date for {spec.id!r}"
    if kind == "table":
        return _table_problem(spec, value)
    if kind == "text":
        return None if isinstance(value, str) else f"expected text for {spec.id!r}"
    if kind == "evidence":
        return f"question {spec.id!r} is answered by uploading files, not with a value"
    return None


def _choice_problem(spec: QuestionSpec, value: object) -> str | None:
    allowed = choices(spec)
    if isinstance(value, bool):
        return (
            f"{value!r} is not a valid answer to {spec.type} question {spec.id!r}"
            " (write yes/no in quotes: YAML reads a bare yes/no as true/false)"
        )
    if not isinstance(value, str) or (allowed is not None and value not in allowed):
        listed = ", ".join(sorted(allowed or ()))
        return f"{value!r} is not an option of {spec.type} question {spec.id!r} ({listed})"
    return None


def _country_problem(spec: QuestionSpec, value: object) -> str | None:
    if isinstance(value, str) and value in country_codes():
        return None
    return f"{value!r} is not an ISO 3166-1 alpha-2 country code (question {spec.id!r})"


def _table_problem(spec: QuestionSpec, value: object) -> str | None:
    if not isinstance(value, list):
        return f"expected a list of rows for table question {spec.id!r}"
    columns = spec.columns or {}
    for number, row in enumerate(value):
        if not isinstance(row, dict):
            return f"row {number} of {spec.id!r} is not a mapping"
        for column, cell in row.items():
            if column not in columns:
                return f"row {number} of {spec.id!r} has unknown column {column!r}"
            if cell is None or cell == "":
                continue
            problem = value_problem(columns[column], cell)
            if problem:
                return f"row {number}: {problem}"
    return None


def is_answered(value: object) -> bool:
    """Return True when ``value`` is an answer rather than an empty placeholder."""
    return value is not None and value != "" and value != [] and value != {}
