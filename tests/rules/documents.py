"""Answers documents for the shipped questionnaire: an exemplary supplier and variants."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

import demo
import questionnaires as qn


def evidence_file(name: str, valid_until: str | None = None) -> dict[str, Any]:
    """Return an evidence file entry with a digest derived from its name."""
    return {
        "name": name,
        "sha256": hashlib.sha256(name.encode()).hexdigest(),
        "valid_until": valid_until,
    }


def exemplary_document() -> dict[str, Any]:
    """Return a complete document with good answers and current evidence for every claim."""
    return demo.document(demo.LOW_RISK)


def with_answers(doc: dict[str, Any], **answers: Any) -> dict[str, Any]:
    """Return a copy of ``doc`` with some answers replaced (None removes one)."""
    doc = copy.deepcopy(doc)
    for question, value in answers.items():
        if value is None:
            doc["answers"].pop(question, None)
        else:
            doc["answers"][question] = value
    return doc


DRC_COBALT = {
    "mineral": "cobalt",
    "stage": "extraction",
    "country": "CD",
    "smelter_identified": "yes",
    "recycled_share": 0,
}


#: The exemplary answer set of questionnaire 1.1 (a calibration document, rated low).
EXEMPLARY_1_1 = "calibration/exemplary-integrated-japan"


def exemplary_document_1_1() -> dict[str, Any]:
    """Return the complete exemplary document of questionnaire 1.1, current evidence included."""
    return demo.document(EXEMPLARY_1_1)


def visible_only(doc: dict[str, Any], questionnaire: Any) -> dict[str, Any]:
    """Return ``doc`` without the answers its own answers hide (as a form would keep them)."""
    doc = copy.deepcopy(doc)
    while True:
        answers = qn.parse_answers_document(doc, [questionnaire]).answers
        shown = qn.visible_question_ids(questionnaire, answers)
        kept = {q: v for q, v in doc["answers"].items() if q in shown}
        if kept == doc["answers"]:
            return doc
        doc["answers"] = kept
