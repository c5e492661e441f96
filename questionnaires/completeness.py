"""What is still missing from a set of answers, and progress per section."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from questionnaires.conditions import QuestionLeaf, visible_question_ids
from questionnaires.model import NOT_APPLICABLE, Question, Questionnaire
from questionnaires.types import Shape, answer_type

#: Evidence listed per question id: each a sequence of file descriptions.
Evidence = Mapping[str, Sequence[Any]]


class MissingKind(enum.StrEnum):
    """What a visible question still lacks."""

    ANSWER = "answer"
    EVIDENCE = "evidence"


@dataclass(frozen=True, slots=True)
class MissingItem:
    """A visible question that lacks its answer or its evidence."""

    question_id: str
    section_id: str
    kind: MissingKind


def _files_only(question: Question) -> bool:
    return answer_type(question.type).shape is Shape.FILES


def evidence_required(question: Question, answer: Any) -> bool:
    """Return whether ``answer`` to ``question`` needs evidence (``required_when`` matches)."""
    if _files_only(question):
        return question.required
    rule = question.evidence
    if rule is None or not rule.required_when or answer is None:
        return False
    if isinstance(answer, list):
        return any(value in rule.required_when for value in answer)
    return isinstance(answer, str) and answer in rule.required_when


def is_answered(
    question: Question, answers: Mapping[str, Any], evidence: Evidence | None = None
) -> bool:
    """Return whether ``question`` has an answer (files, for ``evidence`` questions)."""
    if _files_only(question):
        return bool((evidence or {}).get(question.id))
    return answers.get(question.id) is not None


def missing_items(
    questionnaire: Questionnaire, answers: Mapping[str, Any], evidence: Evidence | None = None
) -> list[MissingItem]:
    """Return what the visible questions still need, in questionnaire order.

    A required visible question without an answer misses its answer; a visible
    question whose answer matches ``evidence.required_when`` (or a required
    ``evidence`` question) without files misses its evidence. Hidden questions are
    never required.
    """
    evidence = evidence or {}
    visible = visible_question_ids(questionnaire, answers)
    missing: list[MissingItem] = []
    for question in questionnaire.questions:
        if question.id not in visible:
            continue
        answer = answers.get(question.id)
        if not _files_only(question) and answer is None:
            if question.required:
                missing.append(MissingItem(question.id, question.section_id, MissingKind.ANSWER))
        elif not evidence.get(question.id) and evidence_required(question, answer):
            missing.append(MissingItem(question.id, question.section_id, MissingKind.EVIDENCE))
    return missing


def section_progress(
    questionnaire: Questionnaire, answers: Mapping[str, Any], evidence: Evidence | None = None
) -> dict[str, tuple[int, int]]:
    """Return ``{section_id: (answered, total_visible)}`` over the visible questions."""
    visible = visible_question_ids(questionnaire, answers)
    progress: dict[str, tuple[int, int]] = {}
    for section in questionnaire.sections:
        shown = [q for q in section.questions if q.id in visible]
        answered = sum(1 for q in shown if is_answered(q, answers, evidence))
        progress[section.id] = (answered, len(shown))
    return progress


def not_applicable_reasons(
    questionnaire: Questionnaire, answers: Mapping[str, Any]
) -> dict[str, str]:
    """Return, for each question answered "not applicable", the reason written for it: the
    answer to the text question shown only for that answer (empty when none was written)."""
    reasons: dict[str, str] = {}
    for question in questionnaire.questions:
        shown = question.show_if
        if (
            isinstance(shown, QuestionLeaf)
            and shown.operator.name == "equals"
            and shown.arg == NOT_APPLICABLE
            and answers.get(shown.question) == NOT_APPLICABLE
        ):
            reasons[shown.question] = str(answers.get(question.id) or "").strip()
    return {
        question_id: reasons.get(question_id, "")
        for question_id, value in answers.items()
        if value == NOT_APPLICABLE
    }
