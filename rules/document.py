"""Read an answers document, rejecting malformed ones with the offending field named."""

from __future__ import annotations

from collections.abc import Mapping

import questionnaires as qn

from .errors import DocumentError
from .model import RuleSet


def read_document(ruleset: RuleSet, document: object) -> qn.AnswersDocument:
    """Return ``document`` read by the questionnaire's one parser, for the rule set's version.

    Answers and evidence come back in canonical form (what is scored).

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
    if evidence is not None and not isinstance(evidence, Mapping):
        raise DocumentError("evidence", "must be a mapping of question id to a list of files")
    try:
        parsed = qn.parse_answers_document(document, [ruleset.questionnaire])
    except qn.AnswerError as error:
        raise DocumentError("document", error.message) from error
    for question, message in parsed.errors.items():
        field = "answers" if question in answers else "evidence"
        raise DocumentError(f"{field}.{question}", message)
    return parsed
