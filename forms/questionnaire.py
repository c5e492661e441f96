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

#: Blank rows offered under a table's rows on pages without JavaScript.
SPARE_ROWS = 2
#: Fields a section page has besides its questions' inputs (version, go, csrf_token, ...).
OTHER_FIELDS = 20


class TooManyFields(ValueError):
    """A posted section holds more distinct fields than any page of the questionnaire has."""


def field_name(question_id: str) -> str:
    """Return the input name of a question."""
    return f"q-{question_id}"


def unknown_name(question_id: str) -> str:
    """Return the input name of the "unknown" box of a numeric question that accepts it."""
    return f"q-{question_id}-unknown"


def cell_name(question_id: str, row: int, column_id: str) -> str:
    """Return the input name of one table cell."""
    return f"q-{question_id}-{row}-{column_id}"


def max_fields(definition: qn.Questionnaire) -> int:
    """Return the most distinct field names a section post of *definition* may carry."""
    rows = qn.MAX_TABLE_ROWS + SPARE_ROWS
    inputs = sum(
        len(q.columns) * rows if q.columns else 2 if q.unknown else 1 for q in definition.questions
    )
    return inputs + len(definition.questions) + OTHER_FIELDS


def _cells_by_table(formdata) -> dict[str, dict[int, dict[str, str]]]:
    """Return posted table cells as {question id: {row: {column id: value}}}, in one pass."""
    tables: dict[str, dict[int, dict[str, str]]] = {}
    for key, value in formdata.items():  # the first value of each distinct key
        parts = key.split("-")
        if len(parts) == 4 and parts[0] == "q" and parts[2].isdigit() and len(parts[2]) < 7:
            tables.setdefault(parts[1], {}).setdefault(int(parts[2]), {})[parts[3]] = value
    return tables


def _table_rows(question: qn.Question, cells: dict[int, dict[str, str]]) -> list[dict[str, str]]:
    rows = []
    for index in sorted(cells):
        posted = cells[index]
        row = {c.id: posted.get(c.id, "") for c in question.columns}
        if any(str(v).strip() for v in row.values()):
            rows.append(row)
    return rows


def raw_answers_from_form(definition: qn.Questionnaire, formdata) -> dict[str, object]:
    """Return the raw answers of the questions a posted section page showed.

    Work is linear in the size of the post: table cells are gathered in a single pass over
    the fields. A table with more rows than a question accepts is returned whole, so that the
    answer check refuses it by name.

    :raises TooManyFields: when the post names more questions than the questionnaire has, or
        has more fields or values than all its inputs together.
    """
    most = max_fields(definition)
    shown = formdata.getlist("questions")
    if (
        len(formdata) > most
        or len(shown) > len(definition.questions)
        or sum(len(values) for _key, values in formdata.lists()) > 2 * most
    ):
        raise TooManyFields()
    raw: dict[str, object] = {}
    tables: dict[str, dict[int, dict[str, str]]] | None = None
    for question_id in dict.fromkeys(shown):
        question = definition.find(question_id)
        shape = qn.answer_type(question.type).shape if question is not None else None
        if question is None or shape is qn.Shape.FILES:
            continue
        name = field_name(question.id)
        if shape is qn.Shape.LIST:
            raw[question.id] = [v for v in formdata.getlist(name) if v]
        elif shape is qn.Shape.TABLE:
            if tables is None:
                tables = _cells_by_table(formdata)
            raw[question.id] = _table_rows(question, tables.get(question.id, {}))
        else:
            raw[question.id] = formdata.get(name, "")
            if question.unknown and not str(raw[question.id]).strip():
                raw[question.id] = formdata.get(unknown_name(question.id), "")
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
