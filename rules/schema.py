"""JSON Schema of a rule-set file (shape only; meaning is checked in ``loader.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator

from .refdata import EDITION_ID, SOURCES, WGI_INDICATORS

LEVELS = ["low", "medium", "high", "critical"]

_TEXT = {
    "type": "object",
    "required": ["en", "ja"],
    "additionalProperties": False,
    "properties": {
        "en": {"type": "string", "minLength": 1},
        "ja": {"type": "string", "minLength": 1},
    },
}
_ID = {"type": "string", "pattern": "^[a-z][a-z0-9_.-]*$"}
_LEVEL = {"enum": LEVELS}
_SHARE = {"type": "number", "minimum": 0, "maximum": 1}
_SCORE = {"type": "number", "minimum": 0, "maximum": 100}
_LEVEL_MAP = {"type": "object", "propertyNames": _LEVEL, "additionalProperties": _LEVEL}
_WEIGHTS = {"type": "object", "additionalProperties": _SHARE}
_REFERENCES = {"type": "array", "minItems": 1, "items": {"type": "string"}, "uniqueItems": True}


def _object(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
    }


_RULE = _object(
    ["id", "category", "severity", "title", "action", "references", "when"],
    {
        "id": _ID,
        "category": _ID,
        "severity": _LEVEL,
        "title": _TEXT,
        "action": _TEXT,
        "references": _REFERENCES,
        "when": {"type": "object"},
        "red_flag": _object(["floor"], {"floor": {"enum": ["high", "critical"]}}),
        "if_unknown": _object(["title", "action"], {"title": _TEXT, "action": _TEXT}),
        "note": {"type": "string"},
    },
)

_EVIDENCE_RULE = _object(
    ["id", "kind", "category", "severity", "title", "action", "references"],
    {
        "id": _ID,
        "kind": {"enum": ["missing", "expired"]},
        "category": _ID,
        "severity": _LEVEL,
        "title": _TEXT,
        "action": _TEXT,
        "references": _REFERENCES,
    },
)

_LINK = _object(
    ["good", "relation"],
    {
        "good": {"type": "string", "minLength": 1},
        "relation": {"type": "string"},
        "stages": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "note": {"type": "string"},
    },
)

_INHERENT = _object(
    ["table", "columns", "governance", "undeclared", "relation_weights", "stage_weights", "goods"],
    {
        "table": {"type": "string"},
        "columns": _object(
            ["mineral", "stage", "country"],
            {name: {"type": "string"} for name in ("mineral", "stage", "country")},
        ),
        "fallback_countries": {"type": "string"},
        "governance": _object(
            ["indicators", "weight", "missing"],
            {
                "indicators": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"enum": list(WGI_INDICATORS)},
                },
                "weight": _SHARE,
                "missing": _SCORE,
            },
        ),
        "undeclared": _SCORE,
        "relation_weights": _WEIGHTS,
        "stage_weights": _WEIGHTS,
        "goods": {"type": "object", "additionalProperties": {"type": "array", "items": _LINK}},
    },
)

_SCORING = _object(
    [
        "severity_points",
        "unknown_severity",
        "severity_floor",
        "rating_thresholds",
        "inherent_weight",
        "worst_category_share",
        "unknown_text",
    ],
    {
        "severity_points": {
            "type": "object",
            "required": LEVELS,
            "additionalProperties": False,
            "properties": {
                level: {"type": "number", "minimum": 0, "exclusiveMaximum": 100} for level in LEVELS
            },
        },
        "unknown_severity": _LEVEL_MAP | {"required": LEVELS},
        "severity_floor": _LEVEL_MAP,
        "category_floor": _LEVEL_MAP,
        "rating_thresholds": _object(
            ["medium", "high", "critical"], {level: _SCORE for level in LEVELS[1:]}
        ),
        "incomplete_floor": {"anyOf": [_LEVEL, {"type": "null"}]},
        "inherent_weight": _SHARE,
        "worst_category_share": _SHARE,
        "unknown_text": _object(["title", "action"], {"title": _TEXT, "action": _TEXT}),
        "undecided": {"enum": ["severity", "visibility"]},
        "visibility": _object(["threshold", "floor"], {"threshold": _SCORE, "floor": _LEVEL}),
        "escalation": {
            "type": "array",
            "items": _object(
                ["severity", "categories", "floor"],
                {
                    "severity": _LEVEL,
                    "categories": {"type": "integer", "minimum": 1},
                    "floor": _LEVEL,
                },
            ),
        },
    },
)

RULESET_SCHEMA: dict[str, Any] = _object(
    ["id", "version", "questionnaire", "categories", "scoring", "inherent", "rules"],
    {
        "id": _ID,
        "version": {"type": "string", "pattern": r"^\d+(\.\d+)*$"},
        "questionnaire": _object(
            ["id", "version"], {"id": {"type": "string"}, "version": {"type": "string"}}
        ),
        "description": {"type": "string"},
        # The reference-data edition to use for each source (default: rules.refdata).
        "reference_data": {
            "type": "object",
            "propertyNames": {"enum": list(SOURCES)},
            "additionalProperties": {"type": "string", "pattern": EDITION_ID.pattern},
        },
        "categories": {
            "type": "array",
            "minItems": 1,
            "items": _object(
                ["id", "name", "weight"],
                {"id": _ID, "name": _TEXT, "weight": {"type": "number", "exclusiveMinimum": 0}},
            ),
        },
        "scoring": _SCORING,
        "inherent": _INHERENT,
        "evidence_rules": {"type": "array", "items": _EVIDENCE_RULE},
        "rules": {"type": "array", "minItems": 1, "items": _RULE},
    },
)


def shape_problems(data: object) -> Iterator[str]:
    """Yield one message per place where ``data`` does not have the shape of a rule set."""
    validator = Draft202012Validator(RULESET_SCHEMA)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.path)
        yield f"{where.lstrip('.') or '(top level)'}: {_message(error)}"


def _message(error: Any) -> str:
    path = list(error.path)
    if error.validator == "required" and error.schema.get("required") == ["en", "ja"]:
        return f"missing translation: {error.message}"
    if error.validator == "minLength" and path and path[-1] in ("en", "ja"):
        return f"missing translation: {path[-1]!r} is empty"
    return error.message
