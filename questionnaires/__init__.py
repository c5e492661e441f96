"""Versioned, bilingual due-diligence questionnaires: definitions, skip logic and answers.

Pure Python (no Flask, no database): services load definitions with :func:`load_all`,
check answers with :func:`coerce_answer` / :func:`parse_answers_document` and track
completion with :func:`missing_items` and :func:`section_progress`. The risk rules use
this model directly: its question types (``types.py``), its one condition grammar
(``conditions.py``, read by ``reading.py``) and its one answer validator (``values.py``).
"""

from questionnaires.build import build_questionnaire
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
    not_applicable_reasons,
    section_progress,
)
from questionnaires.conditions import (
    UNKNOWN,
    AllOf,
    AnyOf,
    Condition,
    Not,
    Outcome,
    Scope,
    Trigger,
    Truth,
    holds,
    holds_unknown,
    visible_question_ids,
)
from questionnaires.countries import country_codes, country_name, country_names, is_country
from questionnaires.display import answer_text
from questionnaires.documents import AnswersDocument, parse_answers_document, parse_evidence
from questionnaires.errors import ERROR_MESSAGES, AnswerError, DefinitionError
from questionnaires.loader import (
    DEFINITIONS_DIR,
    definition_problems,
    latest,
    load_all,
    load_definition,
    version_key,
)
from questionnaires.model import (
    LONG_TEXT_LENGTH,
    MAX_TABLE_ROWS,
    NOT_APPLICABLE,
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
from questionnaires.operators import OPERATORS
from questionnaires.reading import Context, element_problem, read_condition, value_problem
from questionnaires.types import (
    AnswerType,
    Shape,
    answer_type,
    register_type,
    type_names,
    unregister_type,
)
from questionnaires.values import coerce_answer
from questionnaires.versions import VersionMove, plan_move

__all__ = [
    "NOT_APPLICABLE",
    "holds_unknown",
    "version_key",
    "VersionMove",
    "plan_move",
    "answer_text",
    "UNKNOWN",
    "AnswerType",
    "Context",
    "Outcome",
    "Scope",
    "Shape",
    "Trigger",
    "Truth",
    "answer_type",
    "build_questionnaire",
    "definition_problems",
    "element_problem",
    "holds",
    "read_condition",
    "register_type",
    "type_names",
    "unregister_type",
    "value_problem",
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
    "not_applicable_reasons",
    "parse_answers_document",
    "parse_evidence",
    "section_progress",
    "visible_question_ids",
]
