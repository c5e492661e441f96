"""Risk rules: turn questionnaire answers into an explainable risk rating.

Pure: no web framework, no database, no network. Rule sets are versioned data
files under ``rulesets/``; reference data (ILAB List of Goods, WGI) is under
``refdata/``. See ``README.md`` in this package for the method.
"""

from __future__ import annotations

from .check import check_ruleset
from .compare import ResultChange, compare
from .engine import editions_for, evaluate
from .errors import DocumentError, RuleSetError
from .loader import list_rulesets, load_ruleset, parse_ruleset, ruleset_for, shipped_rulesets
from .model import (
    CategoryScore,
    Finding,
    Level,
    Listing,
    RiskResult,
    Rule,
    RuleSet,
    Text,
    TriggeredBy,
)
from .refdata import (
    DEFAULT_EDITIONS,
    Edition,
    ReferenceData,
    ReferenceLibrary,
    load_library,
    load_reference_data,
)
from .scoring import reviewed_rating, reviewed_visibility

__all__ = [
    "DEFAULT_EDITIONS",
    "CategoryScore",
    "DocumentError",
    "Edition",
    "Finding",
    "Level",
    "Listing",
    "ReferenceData",
    "ReferenceLibrary",
    "ResultChange",
    "RiskResult",
    "Rule",
    "RuleSet",
    "RuleSetError",
    "Text",
    "TriggeredBy",
    "check_ruleset",
    "compare",
    "editions_for",
    "evaluate",
    "list_rulesets",
    "load_library",
    "load_reference_data",
    "load_ruleset",
    "parse_ruleset",
    "reviewed_rating",
    "reviewed_visibility",
    "ruleset_for",
    "shipped_rulesets",
]
