"""JSON Schema of a questionnaire definition file (its shape; cross-checks live in checks.py)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from questionnaires.model import YES_NO_VALUES
from questionnaires.types import generation, type_names

ID_PATTERN = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"

_LOCALIZED: dict[str, Any] = {
    "type": "object",
    "required": ["en", "ja"],
    "additionalProperties": False,
    "properties": {
        "en": {"type": "string", "minLength": 1},
        "ja": {"type": "string", "minLength": 1},
    },
}

_OPTION: dict[str, Any] = {
    "type": "object",
    "required": ["value", "label"],
    "additionalProperties": False,
    "properties": {
        "value": {"type": "string", "pattern": ID_PATTERN},
        "label": {"$ref": "#/$defs/localized"},
    },
}

_CHOICES: dict[str, Any] = {
    "type": "array",
    "minItems": 2,
    "uniqueItems": True,
    "items": {"enum": list(YES_NO_VALUES)},
}

_COLUMN: dict[str, Any] = {
    "type": "object",
    "required": ["id", "type", "label"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "type": {"enum": []},  # the column types, filled in by definition_schema()
        "label": {"$ref": "#/$defs/localized"},
        "options": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/option"}},
        "choices": _CHOICES,
        "required": {"type": "boolean"},
        "min": {"type": "number"},
        "max": {"type": "number"},
    },
}

_EVIDENCE: dict[str, Any] = {
    "type": "object",
    "required": ["description"],
    "additionalProperties": False,
    "properties": {
        "required_when": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string"},
        },
        "expires": {"type": "boolean"},
        "description": {"$ref": "#/$defs/localized"},
    },
}

_QUESTION: dict[str, Any] = {
    "type": "object",
    "required": ["id", "type", "text", "help", "references"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "type": {"enum": []},  # the registered types, filled in by definition_schema()
        "text": {"$ref": "#/$defs/localized"},
        "help": {"$ref": "#/$defs/localized"},
        "required": {"type": "boolean"},
        "options": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/option"}},
        "choices": _CHOICES,
        "show_if": {"type": "object"},
        "evidence": _EVIDENCE,
        "references": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string"},
        },
        "min": {"type": "number"},
        "max": {"type": "number"},
        "unit": {"$ref": "#/$defs/localized"},
        "multiline": {"type": "boolean"},
        "max_length": {"type": "integer", "minimum": 1, "maximum": 100000},
        "columns": {"type": "array", "minItems": 1, "items": _COLUMN},
        "min_rows": {"type": "integer", "minimum": 0},
        "unknown": {"type": "boolean"},
    },
}

_SECTION: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title", "questions"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "title": {"$ref": "#/$defs/localized"},
        "intro": {"$ref": "#/$defs/localized"},
        "questions": {"type": "array", "minItems": 1, "items": _QUESTION},
    },
}

#: Schema every definition file must satisfy (type names: see definition_schema()).
_DEFINITION: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["id", "version", "title", "sections"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"},
        "version": {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)*$"},
        "title": {"$ref": "#/$defs/localized"},
        "sections": {"type": "array", "minItems": 1, "items": _SECTION},
    },
    "$defs": {"localized": _LOCALIZED, "option": _OPTION},
}


def definition_schema() -> dict[str, Any]:
    """Return the schema every definition file must satisfy, with the registered types."""
    return _schema(generation())


@lru_cache(maxsize=4)
def _schema(_generation: int) -> dict[str, Any]:
    column = {**_COLUMN, "properties": {**_COLUMN["properties"]}}
    column["properties"]["type"] = {"enum": list(type_names(column=True))}
    question = {**_QUESTION, "properties": {**_QUESTION["properties"]}}
    question["properties"]["type"] = {"enum": list(type_names())}
    question["properties"]["columns"] = {**question["properties"]["columns"], "items": column}
    section = {**_SECTION, "properties": {**_SECTION["properties"]}}
    section["properties"]["questions"] = {**section["properties"]["questions"], "items": question}
    definition = {**_DEFINITION, "properties": {**_DEFINITION["properties"]}}
    definition["properties"]["sections"] = {
        **definition["properties"]["sections"],
        "items": section,
    }
    return definition
