"""Versioned, bilingual due-diligence questionnaires: definitions, skip logic and answers.

Pure Python (no Flask, no database): services load definitions with :func:`load_all`,
check answers with :func:`coerce_answer` / :func:`parse_answers_document` and track
completion with :func:`missing_items` and :func:`section_progress`.
"""

from questionnaires.catalogue import (
    CATALOGUE_PATH,
    Catalogue,
    CatalogueEntry,
    Cover,
    check_coverage,
    load_catalogue,
)
from questionnaires.completeness import (
    MissingItem,
    MissingKind,
    evidence_required,
    is_answered,
    missing_items,
    section_progress,
)
from questionnaires.conditions import (
    OPERATORS,
    AllOf,
    AnyOf,
    Condition,
    Leaf,
    Not,
    evaluate,
    parse_condition,
    visible_question_ids,
)
from questionnaires.countries import country_codes, country_name, country_names, is_country
from questionnaires.documents import AnswersDocument, parse_answers_document, parse_evidence
from questionnaires.errors import ERROR_MESSAGES, AnswerError, DefinitionError
from questionnaires.loader import DEFINITIONS_DIR, latest, load_all, load_definition
from questionnaires.model import (
    LONG_TEXT_LENGTH,
    MAX_TABLE_ROWS,
    SHORT_TEXT_LENGTH,
    YES_NO_OPTIONS,
    YES_NO_VALUES,
    Column,
    EvidenceRule,
    Localized,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
)
from questionnaires.values import coerce_answer

__all__ = [
    "CATALOGUE_PATH",
    "DEFINITIONS_DIR",
    "ERROR_MESSAGES",
    "LONG_TEXT_LENGTH",
    "MAX_TABLE_ROWS",
    "OPERATORS",
    "SHORT_TEXT_LENGTH",
    "YES_NO_OPTIONS",
    "YES_NO_VALUES",
    "AllOf",
    "AnswerError",
    "AnswersDocument",
    "AnyOf",
    "Catalogue",
    "CatalogueEntry",
    "Column",
    "Condition",
    "Cover",
    "DefinitionError",
    "EvidenceRule",
    "Leaf",
    "Localized",
    "MissingItem",
    "MissingKind",
    "Not",
    "Option",
    "Question",
    "QuestionType",
    "Questionnaire",
    "Section",
    "check_coverage",
    "coerce_answer",
    "country_codes",
    "evaluate",
    "evidence_required",
    "is_answered",
    "country_name",
    "country_names",
    "is_country",
    "latest",
    "load_all",
    "load_catalogue",
    "load_definition",
    "missing_items",
    "parse_answers_document",
    "parse_condition",
    "parse_evidence",
    "section_progress",
    "visible_question_ids",
]
