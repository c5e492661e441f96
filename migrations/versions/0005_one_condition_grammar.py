"""published questionnaire versions: show_if in the one condition grammar

Skip logic now uses the rules' grammar, ``{question, <operator>: value}``, instead of
``{question, op, value}``. The meaning of every published condition is unchanged; its
stored form and checksum are rewritten so a published version still matches its file.

Revision ID: 0005
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa

import models.types
from services.questionnaires import sha256_of

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

versions = sa.table(
    "questionnaire_versions",
    sa.column("id", sa.Integer),
    sa.column("definition", models.types.JSONType),
    sa.column("checksum", sa.String),
)


def to_grammar(condition):
    """Return an old-form condition (``{question, op, value}``) in the one grammar."""
    if not isinstance(condition, dict):
        return condition
    if "op" in condition:
        value = True if condition["op"] == "answered" else condition.get("value")
        return {"question": condition["question"], condition["op"]: value}
    return {
        key: [to_grammar(item) for item in body] if isinstance(body, list) else to_grammar(body)
        for key, body in condition.items()
    }


def from_grammar(condition):
    """Return a condition of the one grammar in the old form (for downgrades)."""
    if not isinstance(condition, dict):
        return condition
    if "question" in condition:
        (op_name,) = [key for key in condition if key != "question"]
        old = {"question": condition["question"], "op": op_name}
        if op_name != "answered":
            old["value"] = condition[op_name]
        return old
    return {
        key: [from_grammar(item) for item in body] if isinstance(body, list) else from_grammar(body)
        for key, body in condition.items()
    }


def _rewrite(convert):
    conn = op.get_bind()
    for row in conn.execute(sa.select(versions.c.id, versions.c.definition)).all():
        definition = row.definition
        for section in definition.get("sections", []):
            for question in section.get("questions", []):
                if question.get("show_if") is not None:
                    question["show_if"] = convert(question["show_if"])
        conn.execute(
            versions.update()
            .where(versions.c.id == row.id)
            .values(definition=definition, checksum=sha256_of(definition))
        )


def upgrade():
    _rewrite(to_grammar)


def downgrade():
    _rewrite(from_grammar)
