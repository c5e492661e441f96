"""The rules package's only contact with the questionnaire package."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import RuleSet
from .questions import QuestionSpec


def visible_ids(ruleset: RuleSet, answers: Mapping[str, Any]) -> set[str]:
    """Return the ids of the questions shown for ``answers`` (all, without a questionnaire)."""
    if ruleset.questionnaire is None:
        return set(ruleset.questions)
    import questionnaires

    return set(questionnaires.visible_question_ids(ruleset.questionnaire, answers))


def find_questionnaire(questionnaire_id: str, version: str) -> Any:
    """Return the loaded questionnaire with this id and version, or None."""
    raise NotImplementedError


def question_specs(questionnaire: Any) -> dict[str, QuestionSpec]:
    """Return the questions of a loaded questionnaire by id, in questionnaire order."""
    raise NotImplementedError


def load_catalogue() -> Any:
    """Return the reference catalogue."""
    raise NotImplementedError


def catalogue_covers(catalogue: Any) -> dict[str, str]:
    """Return reference code -> ``cover`` for every catalogue entry."""
    raise NotImplementedError
