"""Moving answers from one version of a questionnaire to another.

An answer carries over when its question keeps its meaning — the same id, type, columns
and English text (the text a supplier answered; Japanese wording fixes do not change the
meaning) — and the answer is still a valid one (options narrowed or widened, bounds or
"unknown" added: the answer given is checked again). Every other answer is set aside and
listed, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from questionnaires.errors import AnswerError
from questionnaires.model import Column, Question, Questionnaire
from questionnaires.types import Shape, answer_type
from questionnaires.values import coerce_answer


def _column_signature(column: Column) -> tuple:
    return (column.id, str(column.type), column.label.en)


def signature(question: Question) -> tuple:
    """Return what must stay the same for an answer to ``question`` to keep its meaning (the
    answer itself is then checked against the new question)."""
    return (
        str(question.type),
        question.text.en,
        tuple(_column_signature(column) for column in question.columns),
    )


def takes_files(question: Question) -> bool:
    """Return whether ``question`` takes evidence files."""
    return question.evidence is not None or answer_type(question.type).shape is Shape.FILES


@dataclass(frozen=True)
class VersionMove:
    """What moving a set of answers from ``source`` to ``target`` keeps and sets aside."""

    source: Questionnaire
    target: Questionnaire
    #: Answers that carry over unchanged, by question id.
    carried: dict[str, Any] = field(default_factory=dict)
    #: Answers to questions that changed meaning: they need answering again.
    changed: dict[str, Any] = field(default_factory=dict)
    #: Answers to questions the target no longer asks.
    removed: dict[str, Any] = field(default_factory=dict)
    #: Questions of the target that the source did not ask.
    new: tuple[str, ...] = ()
    #: Question ids whose evidence files carry over / are set aside.
    files_carried: tuple[str, ...] = ()
    files_removed: tuple[str, ...] = ()

    @property
    def to_answer(self) -> list[Question]:
        """Return the target's questions that need answering again, in questionnaire order."""
        return [q for q in self.target.questions if q.id in self.changed]


def plan_move(
    source: Questionnaire,
    target: Questionnaire,
    answers: Mapping[str, Any],
    files: Iterable[str] = (),
) -> VersionMove:
    """Return what moving ``answers`` (and files of the question ids ``files``) would do."""
    carried: dict[str, Any] = {}
    changed: dict[str, Any] = {}
    removed: dict[str, Any] = {}
    for question_id, value in answers.items():
        old, new = source.find(question_id), target.find(question_id)
        if new is None:
            removed[question_id] = value
        elif old is None or signature(old) != signature(new) or not _still_valid(new, value):
            changed[question_id] = value
        else:
            carried[question_id] = value
    file_ids = sorted(set(files))
    kept = tuple(i for i in file_ids if (q := target.find(i)) is not None and takes_files(q))
    return VersionMove(
        source=source,
        target=target,
        carried=carried,
        changed=changed,
        removed=removed,
        new=tuple(q.id for q in target.questions if source.find(q.id) is None),
        files_carried=kept,
        files_removed=tuple(i for i in file_ids if i not in kept),
    )


def _still_valid(question: Question, value: Any) -> bool:
    try:
        return coerce_answer(question, value) == value
    except AnswerError:
        return False
