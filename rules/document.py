"""Read an answers document, rejecting malformed ones with the offending field named."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import questionnaires

from .errors import DocumentError
from .model import RuleSet
from .questions import is_date, value_problem


@dataclass(frozen=True)
class EvidenceFile:
    """One evidence file attached to an answer."""

    name: str
    sha256: str
    valid_until: str | None


@dataclass(frozen=True)
class AnswersDocument:
    """The answers and evidence of one submission."""

    answers: Mapping[str, Any]
    evidence: Mapping[str, tuple[EvidenceFile, ...]]


def read_document(ruleset: RuleSet, document: object) -> AnswersDocument:
    """Return the answers and evidence of ``document`` for the rule set's questionnaire.

    With the questionnaire package's questionnaire, answers are read by
    ``questionnaires.parse_answers_document`` (their canonical form is what is
    scored); otherwise they are checked strictly against the rule set's questions.

    :raises DocumentError: naming the first malformed field.
    """
    if not isinstance(document, Mapping):
        raise DocumentError("document", "must be a mapping")
    expected = {
        "questionnaire": ruleset.questionnaire_id,
        "version": ruleset.questionnaire_version,
    }
    for name, value in expected.items():
        if document.get(name) != value:
            raise DocumentError(name, f"expected {value!r}, got {document.get(name)!r}")
    answers = document.get("answers", {})
    if not isinstance(answers, Mapping):
        raise DocumentError("answers", "must be a mapping of question id to value")
    evidence = document.get("evidence")
    evidence = {} if evidence is None else evidence
    if not isinstance(evidence, Mapping):
        raise DocumentError("evidence", "must be a mapping of question id to a list of files")
    if ruleset.questionnaire is not None:
        return _read_with_questionnaire(ruleset.questionnaire, document, answers)
    for question, value in answers.items():
        spec = ruleset.questions.get(question) if isinstance(question, str) else None
        if spec is None:
            raise DocumentError(f"answers.{question}", "no such question in this version")
        problem = None if value is None else value_problem(spec, value)
        if problem:
            raise DocumentError(f"answers.{question}", problem)
    return AnswersDocument(
        answers=dict(answers),
        evidence={
            question: _files(ruleset, question, files) for question, files in evidence.items()
        },
    )


def _read_with_questionnaire(
    questionnaire: questionnaires.Questionnaire,
    document: Mapping[str, Any],
    answers: Mapping[str, Any],
) -> AnswersDocument:
    try:
        parsed = questionnaires.parse_answers_document(document, [questionnaire])
        evidence, _errors = questionnaires.parse_evidence(questionnaire, document.get("evidence"))
    except questionnaires.AnswerError as error:
        raise DocumentError("document", error.message) from error
    for question, message in parsed.errors.items():
        field = "answers" if question in answers else "evidence"
        raise DocumentError(f"{field}.{question}", message)
    return AnswersDocument(
        answers=parsed.answers,
        evidence={
            question: tuple(
                EvidenceFile(item["name"], item["sha256"], item["valid_until"]) for item in files
            )
            for question, files in evidence.items()
        },
    )


def _files(ruleset: RuleSet, question: object, files: object) -> tuple[EvidenceFile, ...]:
    where = f"evidence.{question}"
    if not isinstance(question, str) or question not in ruleset.questions:
        raise DocumentError(where, "no such question in this version")
    if not isinstance(files, list):
        raise DocumentError(where, "must be a list of files")
    read = []
    for number, item in enumerate(files):
        at = f"{where}[{number}]"
        if not isinstance(item, Mapping):
            raise DocumentError(at, "must be a mapping with name, sha256, valid_until")
        for key in ("name", "sha256"):
            if not isinstance(item.get(key), str) or not item[key]:
                raise DocumentError(f"{at}.{key}", "must be a non-empty string")
        valid_until = item.get("valid_until")
        if valid_until is not None and not is_date(valid_until):
            raise DocumentError(f"{at}.valid_until", "must be a YYYY-MM-DD date or null")
        read.append(EvidenceFile(item["name"], item["sha256"], valid_until))
    return tuple(read)
