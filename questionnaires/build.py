"""Build questionnaire values from definition data (the shape checked by ``checks.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from questionnaires.conditions import Condition
from questionnaires.errors import DefinitionError
from questionnaires.model import (
    Column,
    EvidenceRule,
    Localized,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
)
from questionnaires.reading import Context, read_condition
from questionnaires.types import answer_type


def type_of(name: str) -> str:
    """Return the built-in ``QuestionType`` called ``name``, or the registered type's name."""
    answer_type(name)
    return QuestionType(name) if name in QuestionType.__members__.values() else name


def _localized(raw: Mapping[str, str] | None) -> Localized | None:
    return Localized(en=raw["en"], ja=raw["ja"]) if raw is not None else None


def _options(raw: Mapping[str, Any]) -> tuple[Option, ...]:
    fixed = answer_type(raw["type"]).fixed_options
    if fixed is not None:
        choices = tuple(raw.get("choices") or ())
        return tuple(o for o in fixed if o.value in choices) if choices else fixed
    return tuple(Option(o["value"], Localized(**o["label"])) for o in raw.get("options", ()))


def build_column(raw: Mapping[str, Any]) -> Column:
    """Return the column of definition data ``raw``."""
    return Column(
        id=raw["id"],
        type=type_of(raw["type"]),
        label=Localized(**raw["label"]),
        options=_options(raw),
        required=raw.get("required", False),
        min=raw.get("min"),
        max=raw.get("max"),
    )


def build_question(
    raw: Mapping[str, Any], section_id: str, show_if: Condition | None = None
) -> Question:
    """Return the question of definition data ``raw`` (its ``show_if`` read by the caller)."""
    evidence = raw.get("evidence")
    return Question(
        id=raw["id"],
        type=type_of(raw["type"]),
        section_id=section_id,
        text=Localized(**raw["text"]),
        help=Localized(**raw["help"]),
        required=raw.get("required", False),
        options=_options(raw),
        show_if=show_if,
        references=tuple(raw["references"]),
        evidence=EvidenceRule(
            description=Localized(**evidence["description"]),
            required_when=tuple(evidence.get("required_when", ())),
            expires=evidence.get("expires", False),
        )
        if evidence is not None
        else None,
        columns=tuple(build_column(column) for column in raw.get("columns", ())),
        min=raw.get("min"),
        max=raw.get("max"),
        unit=_localized(raw.get("unit")),
        multiline=raw.get("multiline", False),
        max_length=raw.get("max_length"),
        min_rows=raw.get("min_rows"),
        unknown=raw.get("unknown", False),
    )


def build_questionnaire(data: Mapping[str, Any]) -> Questionnaire:
    """Build a questionnaire from definition data that has passed every check.

    :raises DefinitionError: if a ``show_if`` condition cannot be read.
    """
    earlier: dict[str, Question] = {}
    context = Context(earlier)
    sections = []
    for section in data["sections"]:
        questions = []
        for raw in section["questions"]:
            show_if = None
            if "show_if" in raw:
                show_if = read_condition(raw["show_if"], f"{raw['id']}.show_if", context)
            question = build_question(raw, section["id"], show_if)
            earlier[question.id] = question
            questions.append(question)
        sections.append(
            Section(
                id=section["id"],
                title=Localized(**section["title"]),
                intro=_localized(section.get("intro")),
                questions=tuple(questions),
            )
        )
    if context.problems:
        raise DefinitionError(context.problems)
    return Questionnaire(
        id=data["id"],
        version=data["version"],
        title=Localized(**data["title"]),
        sections=tuple(sections),
    )
