"""visibility beside the rating: stored per result, reviewed per buyer

Reviewers accept (or not) the reason given for a "not applicable" answer, per buyer; the
visibility score of each result (and whether it is insufficient) is kept in columns so lists
can show it, filled in for results already stored.

Revision ID: 0010
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa

import models.types

revision = "0010"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "not_applicable_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("risk_result_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column(
            "decision",
            sa.Enum("accepted", "dismissed", name="findingdecision", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", models.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["buyer_id"],
            ["organisations.id"],
            name=op.f("fk_not_applicable_reviews_buyer_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["users.id"], name=op.f("fk_not_applicable_reviews_reviewer_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["risk_result_id"],
            ["risk_results.id"],
            name=op.f("fk_not_applicable_reviews_risk_result_id_risk_results"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_not_applicable_reviews_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_not_applicable_reviews")),
    )
    with op.batch_alter_table("not_applicable_reviews") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_not_applicable_reviews_submission_id"), ["submission_id"]
        )
        batch_op.create_index(batch_op.f("ix_not_applicable_reviews_buyer_id"), ["buyer_id"])
    with op.batch_alter_table("risk_results") as batch_op:
        batch_op.add_column(sa.Column("visibility", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("insufficient", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("reviews") as batch_op:
        batch_op.add_column(sa.Column("reviewed_visibility", sa.Integer(), nullable=True))
    _fill_visibility(op.get_bind())


def _fill_visibility(conn):
    results = sa.table(
        "risk_results",
        sa.column("id", sa.Integer),
        sa.column("result", models.types.JSONType),
        sa.column("visibility", sa.Integer),
        sa.column("insufficient", sa.Boolean),
    )
    for row in conn.execute(sa.select(results.c.id, results.c.result)).all():
        seen = (row.result or {}).get("visibility")
        if seen:
            conn.execute(
                results.update()
                .where(results.c.id == row.id)
                .values(visibility=seen["score"], insufficient=bool(seen["insufficient"]))
            )


def downgrade():
    with op.batch_alter_table("reviews") as batch_op:
        batch_op.drop_column("reviewed_visibility")
    with op.batch_alter_table("risk_results") as batch_op:
        batch_op.drop_column("insufficient")
        batch_op.drop_column("visibility")
    op.drop_table("not_applicable_reviews")
