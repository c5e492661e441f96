"""Read an answers document: ``{"questionnaire", "version", "answers", "evidence"}``."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from questionnaires.errors import (
    EVIDENCE_NOT_EXPECTED,
    INVALID_DOCUMENT,
    INVALID_EVIDENCE,
    UNKNOWN_QUESTION,
    UNKNOWN_QUESTIONNAIRE,
    AnswerError,
)
from questionnaires.model import Questionnaire
from questionnaires.types import Shape, answer_type
from questionnaires.values import coerce_answer

_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Longest evidence file name accepted.
MAX_FILE_NAME = 255


class AnswersDocument(NamedTuple):
    """A parsed answers document: its questionnaire, valid answers and evidence, and errors.

    ``evidence`` lists each question's files as ``{"name", "sha256", "valid_until"}``;
    ``errors`` holds an English message per question id (answer and evidence problems).
    """

    questionnaire: Questionnaire
    answers: dict[str, Any]
    errors: dict[str, str]
    evidence: dict[str, list[dict[str, Any]]]


def _index(
    questionnaires: Mapping[Any, Questionnaire] | Iterable[Questionnaire],
) -> dict[tuple[str, str], Questionnaire]:
    items = questionnaires.values() if isinstance(questionnaires, Mapping) else questionnaires
    return {q.key: q for q in items}


def _evidence_file(raw: object) -> dict[str, Any]:
    if not isinstance(raw, Mapping) or set(raw) - {"name", "sha256", "valid_until"}:
        raise AnswerError(INVALID_EVIDENCE)
    name, digest, valid_until = raw.get("name"), raw.get("sha256"), raw.get("valid_until")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_FILE_NAME:
        raise AnswerError(INVALID_EVIDENCE)
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        raise AnswerError(INVALID_EVIDENCE)
    if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
        raise AnswerError(INVALID_EVIDENCE)
    if valid_until is not None:
        if not isinstance(valid_until, str) or not _DATE.fullmatch(valid_until):
            raise AnswerError(INVALID_EVIDENCE)
        try:
            datetime.date.fromisoformat(valid_until)
        except ValueError:
            raise AnswerError(INVALID_EVIDENCE) from None
    return {"name": name.strip(), "sha256": digest.lower(), "valid_until": valid_until}


def parse_evidence(
    questionnaire: Questionnaire, raw: object
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Return ``(evidence by question id, errors by question id)`` for an ``evidence`` value.

    Each file is ``{"name", "sha256", "valid_until"}`` (``valid_until`` ``YYYY-MM-DD`` or
    ``None``); only questions with an evidence rule or of type ``evidence`` take files.

    :raises AnswerError: if ``raw`` is neither ``None`` nor an object.
    """
    if raw is None:
        return {}, {}
    if not isinstance(raw, Mapping):
        raise AnswerError(INVALID_DOCUMENT)
    evidence: dict[str, list[dict[str, Any]]] = {}
    errors: dict[str, str] = {}
    for key, files in raw.items():
        question = questionnaire.find(key)
        try:
            if question is None:
                raise AnswerError(UNKNOWN_QUESTION)
            if question.evidence is None and answer_type(question.type).shape is not Shape.FILES:
                raise AnswerError(EVIDENCE_NOT_EXPECTED)
            if not isinstance(files, list):
                raise AnswerError(INVALID_EVIDENCE)
            parsed = [_evidence_file(item) for item in files]
        except AnswerError as exc:
            errors[str(key)] = exc.message
            continue
        if parsed:
            evidence[question.id] = parsed
    return evidence, errors


def parse_answers_document(
    doc: object, questionnaires: Mapping[Any, Questionnaire] | Iterable[Questionnaire]
) -> AnswersDocument:
    """Check an answers document against its questionnaire version.

    Valid answers and evidence come back in canonical form; each invalid answer, unknown
    question id or invalid evidence list gives an English message under its question id.

    :raises AnswerError: if ``doc`` is not an object or names an unknown questionnaire.
    """
    if not isinstance(doc, Mapping):
        raise AnswerError(INVALID_DOCUMENT)
    questionnaire_id, version = doc.get("questionnaire"), doc.get("version")
    raw_answers = doc.get("answers", {})
    if not isinstance(questionnaire_id, str) or not isinstance(version, str):
        raise AnswerError(INVALID_DOCUMENT)
    if not isinstance(raw_answers, Mapping):
        raise AnswerError(INVALID_DOCUMENT)
    questionnaire = _index(questionnaires).get((questionnaire_id, version))
    if questionnaire is None:
        raise AnswerError(
            UNKNOWN_QUESTIONNAIRE, {"questionnaire": questionnaire_id, "version": version}
        )
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, raw in raw_answers.items():
        question = questionnaire.find(key)
        if question is None:
            errors[str(key)] = AnswerError(UNKNOWN_QUESTION).message
            continue
        try:
            value = coerce_answer(question, raw)
        except AnswerError as exc:
            errors[question.id] = exc.message
            continue
        if value is not None:
            answers[question.id] = value
    evidence, evidence_errors = parse_evidence(questionnaire, doc.get("evidence"))
    for key, message in evidence_errors.items():
        errors[key] = f"{errors[key]} {message}" if key in errors else message
    return AnswersDocument(questionnaire, answers, errors, evidence)
