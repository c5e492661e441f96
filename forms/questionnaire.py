"""Reading questionnaire answers out of posted forms and JSON bodies.

Section pages are generated from the questionnaire definition; each question's inputs are
named ``q-<question id>`` (tables: ``q-<question id>-<row>-<column id>``), and the hidden
``questions`` list says which questions the page showed, so that an emptied set of check
boxes counts as "no answer" rather than "not on this page".
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, SubmitField
from wtforms.validators import DataRequired, Optional

import questionnaires as qn

LIST_TYPES = frozenset({qn.QuestionType.MULTIPLE, qn.QuestionType.COUNTRIES})
#: Blank rows offered under a table's rows on pages without JavaScript.
SPARE_ROWS = 2
MAX_ROWS = 200


def field_name(question_id: str) -> str:
    """Return the input name of a question."""
    return f"q-{question_id}"


def cell_name(question_id: str, row: int, column_id: str) -> str:
    """Return the input name of one table cell."""
    return f"q-{question_id}-{row}-{column_id}"


def _table_rows(question: qn.Question, formdata) -> list[dict[str, str]]:
    prefix = f"{field_name(question.id)}-"
    indexes = set()
    for key in formdata:
        if key.startswith(prefix):
            index = key[len(prefix) :].split("-", 1)[0]
            if index.isdigit() and int(index) < MAX_ROWS:
                indexes.add(int(index))
    rows = []
    for index in sorted(indexes):
        row = {
            c.id: formdata.get(cell_name(question.id, index, c.id), "") for c in question.columns
        }
        if any(str(v).strip() for v in row.values()):
            rows.append(row)
    return rows


def raw_answers_from_form(definition: qn.Questionnaire, formdata) -> dict[str, object]:
    """Return the raw answers of the questions a posted section page showed."""
    raw: dict[str, object] = {}
    for question_id in formdata.getlist("questions"):
        question = definition.find(question_id)
        if question is None or question.type == qn.QuestionType.EVIDENCE:
            continue
        name = field_name(question.id)
        if question.type in LIST_TYPES:
            raw[question.id] = [v for v in formdata.getlist(name) if v]
        elif question.type == qn.QuestionType.TABLE:
            raw[question.id] = _table_rows(question, formdata)
        else:
            raw[question.id] = formdata.get(name, "")
    return raw


def raw_answers_from_json(body: object) -> tuple[int, dict[str, object]]:
    """Return (base version, raw answers) of an autosave request body.

    :raises ValueError: when the body does not have that shape.
    """
    if not isinstance(body, Mapping):
        raise ValueError("body")
    version = body.get("version")
    answers = body.get("answers")
    if (
        isinstance(version, bool)
        or not isinstance(version, int)
        or not isinstance(answers, Mapping)
    ):
        raise ValueError("shape")
    if len(answers) > 500:
        raise ValueError("too many answers")
    return version, {str(k): v for k, v in answers.items()}


class EvidenceForm(FlaskForm):
    """Upload one evidence file for a question."""

    question_id = HiddenField(validators=[DataRequired()])
    #: Flask-WTF's field takes only an uploaded file, never a plain text part named "file".
    file = FileField(_l("Document"), validators=[FileRequired()])
    valid_until = DateField(_l("Valid until"), validators=[Optional()])
    submit = SubmitField(_l("Upload"))
