"""corrective action plans

A buyer's reviewer turns a finding (or a comment on an answer) into a corrective action
request to the supplier; the plan, its evidence of implementation (in the evidence store) and
its comment thread follow it to verified closure. Each buyer may set its own due dates per
severity. Nothing existing changes.

Revision ID: 0006
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

import models.types

revision = "0006"
down_revision = "0011"
branch_labels = None
depends_on = None

_STATUS = sa.Enum(
    "requested",
    "plan_submitted",
    "plan_returned",
    "plan_accepted",
    "in_progress",
    "evidence_submitted",
    "verified_closed",
    "reopened",
    name="actionstatus",
    native_enum=False,
    length=20,
)
_BASIS = sa.Enum("default", "buyer", "reviewer", name="duebasis", native_enum=False, length=20)
_VERIFICATION = sa.Enum(
    "desk_review", "follow_up_audit", name="verification", native_enum=False, length=20
)


def _fk(table: str, column: str, target: str, ondelete: str | None = None):
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.{'sha256' if target == 'evidence_blobs' else 'id'}"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def _indexes(table: str, *columns: str) -> None:
    with op.batch_alter_table(table) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column])


def upgrade():
    t = "corrective_action_terms"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("plan_days", sa.Integer(), nullable=False),
        sa.Column("close_days", sa.Integer(), nullable=False),
        sa.Column("updated_at", models.types.UTCDateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        _fk(t, "buyer_id", "organisations"),
        _fk(t, "updated_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
        sa.UniqueConstraint("buyer_id", "severity", name=op.f(f"uq_{t}_buyer_id")),
    )
    _indexes(t, "buyer_id")

    t = "corrective_actions"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("current_submission_id", sa.Integer(), nullable=False),
        sa.Column("risk_result_id", sa.Integer(), nullable=True),
        sa.Column("rule_id", sa.String(length=100), nullable=True),
        sa.Column("comment_id", sa.Integer(), nullable=True),
        sa.Column("question_id", sa.String(length=100), nullable=True),
        sa.Column("finding", models.types.JSONType, nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("status", _STATUS, nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("plan_due_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("due_basis", _BASIS, nullable=False),
        sa.Column("verification", _VERIFICATION, nullable=False),
        sa.Column("root_cause", sa.Text(), nullable=True),
        sa.Column("corrective_action", sa.Text(), nullable=True),
        sa.Column("preventive_action", sa.Text(), nullable=True),
        sa.Column("responsible_person", sa.String(length=200), nullable=True),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("implementation_note", sa.Text(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("decided_at", models.types.UTCDateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", models.types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", models.types.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _fk(t, "buyer_id", "organisations"),
        _fk(t, "supplier_id", "organisations"),
        _fk(t, "comment_id", "review_comments", "SET NULL"),
        _fk(t, "current_submission_id", "submissions", "CASCADE"),
        _fk(t, "submission_id", "submissions", "CASCADE"),
        _fk(t, "risk_result_id", "risk_results", "SET NULL"),
        _fk(t, "decided_by_id", "users"),
        _fk(t, "requested_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
    )
    _indexes(
        t, "buyer_id", "current_submission_id", "rule_id", "status", "submission_id", "supplier_id"
    )

    t = "corrective_action_comments"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", models.types.UTCDateTime(), nullable=False),
        _fk(t, "action_id", "corrective_actions", "CASCADE"),
        _fk(t, "author_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
    )
    _indexes(t, "action_id")

    t = "corrective_action_files"
    op.create_table(
        t,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", models.types.UTCDateTime(), nullable=False),
        _fk(t, "action_id", "corrective_actions", "CASCADE"),
        _fk(t, "sha256", "evidence_blobs"),
        _fk(t, "uploaded_by_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{t}")),
    )
    _indexes(t, "action_id")


def downgrade():
    for table in (
        "corrective_action_files",
        "corrective_action_comments",
        "corrective_actions",
        "corrective_action_terms",
    ):
        op.drop_table(table)
