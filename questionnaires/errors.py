"""Errors raised by the questionnaire package, with codes the web layer translates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

INVALID_CHOICE = "invalid_choice"
TOO_LONG = "too_long"
NOT_A_NUMBER = "not_a_number"
OUT_OF_RANGE = "out_of_range"
INVALID_DATE = "invalid_date"
INVALID_COUNTRY = "invalid_country"
INVALID_TEXT = "invalid_text"
INVALID_TABLE = "invalid_table"
INVALID_ROW = "invalid_row"
CELL_TOO_LONG = "cell_too_long"
TOO_FEW_ROWS = "too_few_rows"
TOO_MANY_ROWS = "too_many_rows"
EVIDENCE_ONLY = "evidence_only"
UNKNOWN_QUESTION = "unknown_question"
INVALID_EVIDENCE = "invalid_evidence"
EVIDENCE_NOT_EXPECTED = "evidence_not_expected"
INVALID_DOCUMENT = "invalid_document"
UNKNOWN_QUESTIONNAIRE = "unknown_questionnaire"


def N_(message: str) -> str:
    """Mark *message* for the catalogue; the web layer translates it when shown."""
    return message


#: English message template for each error code, with ``%(name)s`` placeholders.
ERROR_MESSAGES: dict[str, str] = {
    INVALID_CHOICE: N_("Choose one of the listed options."),
    TOO_LONG: N_("Enter at most %(max)s characters."),
    NOT_A_NUMBER: N_("Enter a number."),
    OUT_OF_RANGE: N_("Enter a number from %(min)s to %(max)s."),
    INVALID_DATE: N_("Enter a date as YYYY-MM-DD."),
    INVALID_COUNTRY: N_("Choose a country from the list."),
    INVALID_TEXT: N_("Enter text without control characters."),
    INVALID_TABLE: N_("Enter the table as a list of rows."),
    INVALID_ROW: N_("Check row %(row)s, column %(column)s."),
    CELL_TOO_LONG: N_("Row %(row)s, column %(column)s: enter at most %(max)s characters."),
    TOO_FEW_ROWS: N_("Enter at least %(min)s rows."),
    TOO_MANY_ROWS: N_("Enter at most %(max)s rows."),
    EVIDENCE_ONLY: N_("Answer this question by uploading files."),
    UNKNOWN_QUESTION: N_("This question is not part of the questionnaire."),
    INVALID_EVIDENCE: N_(
        "Describe each file with a name, a SHA-256 digest and an optional valid-until date "
        "(YYYY-MM-DD)."
    ),
    EVIDENCE_NOT_EXPECTED: N_("This question takes no evidence."),
    INVALID_DOCUMENT: N_(
        'The answers document must be a JSON object with "questionnaire", "version" and "answers".'
    ),
    UNKNOWN_QUESTIONNAIRE: N_("Unknown questionnaire %(questionnaire)s version %(version)s."),
}


class AnswerError(ValueError):
    """An answer or answers document is invalid; ``code`` keys ``ERROR_MESSAGES``."""

    def __init__(self, code: str, params: Mapping[str, Any] | None = None) -> None:
        self.code = code
        self.params = dict(params or {})
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """Return the English message with its parameters filled in."""
        return ERROR_MESSAGES[self.code] % self.params if self.params else ERROR_MESSAGES[self.code]


class DefinitionError(ValueError):
    """A questionnaire definition or the catalogue is invalid; lists every problem."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))
