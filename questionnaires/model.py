"""Questionnaire definitions as immutable values."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questionnaires.conditions import Condition


class QuestionType(enum.StrEnum):
    """The built-in question types (what each accepts is registered in ``values.py``)."""

    YES_NO = "yes_no"
    SINGLE = "single"
    MULTIPLE = "multiple"
    NUMBER = "number"
    PERCENTAGE = "percentage"
    DATE = "date"
    COUNTRY = "country"
    COUNTRIES = "countries"
    TEXT = "text"
    TABLE = "table"
    EVIDENCE = "evidence"


# The limits on an answer's size, declared once: the answer check, the section form and the
# page's inputs all read them from here.
#: Most rows a table answer may have.
MAX_TABLE_ROWS = 200
#: Longest answer of a one-line text question or a table cell (a name, an identifier).
SHORT_TEXT_LENGTH = 200
#: Longest answer of a multi-line (narrative) text question, and of any text question.
LONG_TEXT_LENGTH = 5000


@dataclass(frozen=True, slots=True)
class Localized:
    """A user-visible string in English and Japanese."""

    en: str
    ja: str

    def get(self, locale: str) -> str:
        """Return the text for ``locale`` (``ja``, ``ja_JP``, ...), English otherwise."""
        return self.ja if str(locale).lower().startswith("ja") else self.en

    def to_dict(self) -> dict[str, str]:
        """Return the ``{"en", "ja"}`` mapping."""
        return {"en": self.en, "ja": self.ja}


@dataclass(frozen=True, slots=True)
class Option:
    """One value a choice question or column accepts."""

    value: str
    label: Localized

    def to_dict(self) -> dict[str, Any]:
        """Return the exported form of the option."""
        return {"value": self.value, "label": self.label.to_dict()}


#: The answer that stands for "we do not know" (lack of visibility, never a "no").
UNKNOWN = "unknown"
#: The answer that claims a question does not apply.
NOT_APPLICABLE = "not_applicable"

#: The answer values of a ``yes_no`` question, in display order.
YES_NO_OPTIONS: tuple[Option, ...] = (
    Option("yes", Localized("Yes", "はい")),
    Option("no", Localized("No", "いいえ")),
    Option("partly", Localized("Partly", "一部")),
    Option(UNKNOWN, Localized("Unknown", "不明")),
    Option(NOT_APPLICABLE, Localized("Not applicable", "該当なし")),
)
YES_NO_VALUES: tuple[str, ...] = tuple(option.value for option in YES_NO_OPTIONS)


@dataclass(frozen=True, slots=True)
class EvidenceRule:
    """When a question needs supporting documents, and whether they expire."""

    description: Localized
    required_when: tuple[str, ...] = ()
    expires: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the exported form of the rule."""
        return {
            "required_when": list(self.required_when),
            "expires": self.expires,
            "description": self.description.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a ``table`` question."""

    id: str
    type: str  # a registered answer type (``types.py``); built-ins are QuestionType members
    label: Localized
    options: tuple[Option, ...] = ()
    required: bool = False
    min: int | float | None = None
    max: int | float | None = None

    @property
    def option_values(self) -> tuple[str, ...]:
        """Return the accepted option values."""
        return tuple(option.value for option in self.options)

    @property
    def text_limit(self) -> int:
        """Return the most characters a text cell of this column may hold."""
        return SHORT_TEXT_LENGTH

    @property
    def accepts_unknown(self) -> bool:
        """Return True when "unknown" is an accepted answer."""
        return UNKNOWN in self.option_values

    def to_export(self) -> dict[str, Any]:
        """Return the exported form of the column."""
        return {
            "id": self.id,
            "type": str(self.type),
            "label": self.label.to_dict(),
            "options": [option.to_dict() for option in self.options],
            "required": self.required,
        }


@dataclass(frozen=True, slots=True)
class Question:
    """One question; ``options`` are the effective options (``yes_no`` included)."""

    id: str
    type: str  # a registered answer type (``types.py``); built-ins are QuestionType members
    section_id: str
    text: Localized
    help: Localized
    required: bool = False
    options: tuple[Option, ...] = ()
    show_if: Condition | None = None
    references: tuple[str, ...] = ()
    evidence: EvidenceRule | None = None
    columns: tuple[Column, ...] = ()
    min: int | float | None = None
    max: int | float | None = None
    unit: Localized | None = None
    multiline: bool = False
    max_length: int | None = None
    min_rows: int | None = None
    #: A numeric question that also accepts the answer "unknown".
    unknown: bool = False

    @property
    def option_values(self) -> tuple[str, ...]:
        """Return the accepted option values."""
        return tuple(option.value for option in self.options)

    def option(self, value: str) -> Option | None:
        """Return the option with ``value``, or ``None``."""
        return next((option for option in self.options if option.value == value), None)

    @property
    def accepts_unknown(self) -> bool:
        """Return True when "unknown" is an accepted answer (an option, or ``unknown: true``)."""
        return self.unknown or UNKNOWN in self.option_values

    @property
    def text_limit(self) -> int:
        """Return the most characters a text answer may have: ``max_length`` or the type's."""
        default = LONG_TEXT_LENGTH if self.multiline else SHORT_TEXT_LENGTH
        return min(self.max_length or default, LONG_TEXT_LENGTH)

    def to_export(self) -> dict[str, Any]:
        """Return the exported form of the question."""
        return {
            "id": self.id,
            "type": str(self.type),
            "text": self.text.to_dict(),
            "help": self.help.to_dict(),
            "options": [option.to_dict() for option in self.options],
            "required": self.required,
            "show_if": self.show_if.to_dict() if self.show_if is not None else None,
            "references": list(self.references),
            "evidence": self.evidence.to_dict() if self.evidence is not None else None,
            "columns": [column.to_export() for column in self.columns],
            **({"unknown": True} if self.unknown else {}),
        }


@dataclass(frozen=True, slots=True)
class Section:
    """A titled group of questions."""

    id: str
    title: Localized
    questions: tuple[Question, ...]
    intro: Localized | None = None

    def to_export(self) -> dict[str, Any]:
        """Return the exported form of the section."""
        return {
            "id": self.id,
            "title": self.title.to_dict(),
            "questions": [question.to_export() for question in self.questions],
        }


@dataclass(frozen=True)
class Questionnaire:
    """One version of a questionnaire."""

    id: str
    version: str
    title: Localized
    sections: tuple[Section, ...]
    _questions: tuple[Question, ...] = field(init=False, repr=False, compare=False)
    _index: dict[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        questions = tuple(question for section in self.sections for question in section.questions)
        object.__setattr__(self, "_questions", questions)
        object.__setattr__(self, "_index", {question.id: question for question in questions})

    @property
    def key(self) -> tuple[str, str]:
        """Return ``(id, version)``."""
        return (self.id, self.version)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Return every question in questionnaire order."""
        return self._questions

    def question(self, question_id: str) -> Question:
        """Return the question with ``question_id``.

        :raises KeyError: if the questionnaire has no such question.
        """
        return self._index[question_id]

    def find(self, question_id: object) -> Question | None:
        """Return the question with ``question_id``, or ``None``."""
        return self._index.get(question_id) if isinstance(question_id, str) else None

    def section(self, section_id: str) -> Section:
        """Return the section with ``section_id``.

        :raises KeyError: if the questionnaire has no such section.
        """
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def to_export(self) -> dict[str, Any]:
        """Return the questionnaire as plain data (ids, types, texts, options, logic)."""
        return {
            "id": self.id,
            "version": self.version,
            "sections": [section.to_export() for section in self.sections],
        }
