"""The rules package's only contact with the questionnaire package."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import questionnaires
from questionnaires import Catalogue, Question, Questionnaire, QuestionType

from .model import RuleSet
from .questions import QuestionSpec

_CHOICE = {QuestionType.YES_NO, QuestionType.SINGLE, QuestionType.MULTIPLE}


def find_questionnaire(questionnaire_id: str, version: str) -> Questionnaire | None:
    """Return the shipped questionnaire with this id and version, or None."""
    return questionnaires.load_all().get((questionnaire_id, version))


def questionnaire_identity(questionnaire: Questionnaire) -> tuple[str, str]:
    """Return ``(id, version)`` of a questionnaire."""
    return questionnaire.key


def load_catalogue() -> Catalogue:
    """Return the shipped reference catalogue."""
    return questionnaires.load_catalogue()


def catalogue_covers(catalogue: Catalogue) -> dict[str, str]:
    """Return reference code -> ``cover`` (questions, rules, optional) for every entry."""
    return {code: str(entry.cover) for code, entry in catalogue.entries.items()}


def question_specs(questionnaire: Questionnaire) -> dict[str, QuestionSpec]:
    """Return what the rules need to know of each question, by id in questionnaire order."""
    return {question.id: _spec(question) for question in questionnaire.questions}


def _spec(question: Question) -> QuestionSpec:
    columns = {
        column.id: QuestionSpec(
            column.id,
            str(column.type),
            options=frozenset(column.option_values) if column.type in _CHOICE else None,
            required=column.required,
        )
        for column in question.columns
    }
    return QuestionSpec(
        question.id,
        str(question.type),
        options=frozenset(question.option_values) if question.type in _CHOICE else None,
        columns=columns or None,
        required=question.required,
        evidence_when=frozenset(question.evidence.required_when if question.evidence else ()),
    )


def visible_ids(ruleset: RuleSet, answers: Mapping[str, Any]) -> set[str]:
    """Return the ids of the questions shown for ``answers`` (all, without a questionnaire)."""
    if ruleset.questionnaire is None:
        return set(ruleset.questions)
    return questionnaires.visible_question_ids(ruleset.questionnaire, answers)


def evidence_required(ruleset: RuleSet, question_id: str, answer: Any) -> bool:
    """Return whether ``answer`` to a visible question must be backed by evidence."""
    if ruleset.questionnaire is None:
        return ruleset.questions[question_id].requires_evidence(answer)
    question = ruleset.questionnaire.question(question_id)
    return questionnaires.evidence_required(question, answer)
