"""Small builders for questions and definitions used across the questionnaire tests."""

from __future__ import annotations

from typing import Any

from questionnaires import Localized, Question, QuestionType

QUESTIONNAIRE_ID = "critical-minerals-dd"


def question(**fields: Any) -> Question:
    """Build a question with placeholder texts for unit tests of values and conditions."""
    fields.setdefault("id", "x_question")
    fields.setdefault("section_id", "x")
    fields.setdefault("text", Localized("Question", "質問"))
    fields.setdefault("help", Localized("Help", "説明"))
    fields["type"] = QuestionType(fields.get("type", "text"))
    return Question(**fields)


def definition(*questions: dict[str, Any], section: str = "fl") -> dict[str, Any]:
    """Return a valid one-section definition holding ``questions``."""
    return {
        "id": "tiny",
        "version": "1.0",
        "title": {"en": "Tiny", "ja": "小さな質問票"},
        "sections": [
            {"id": section, "title": {"en": "Section", "ja": "項目"}, "questions": list(questions)},
        ],
    }


def yes_no(question_id: str, **extra: Any) -> dict[str, Any]:
    """Return a valid ``yes_no`` question definition."""
    return {
        "id": question_id,
        "type": "yes_no",
        "text": {"en": "Question?", "ja": "質問ですか。"},
        "help": {"en": "Why.", "ja": "理由です。"},
        "required": True,
        "references": ["ILO-FLI-09"],
        **extra,
    }
