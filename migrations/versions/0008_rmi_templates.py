"""RMI templates: official template files for exports, and workbook imports

Revision ID: 0008
Revises: 0010
"""

from alembic import op
import sqlalchemy as sa

import models.types

revision = "0008"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "rmi_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_at", models.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"], ["evidence_blobs.sha256"], name=op.f("fk_rmi_templates_sha256_evidence_blobs")
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["users.id"], name=op.f("fk_rmi_templates_uploaded_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rmi_templates")),
        sa.UniqueConstraint("sha256", name=op.f("uq_rmi_templates_sha256")),
    )
    op.create_table(
        "rmi_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("preview", "applied", name="importstatus", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("declaration", models.types.JSONType, nullable=False),
        sa.Column("problems", models.types.JSONType, nullable=False),
        sa.Column("rows", models.types.JSONType, nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", models.types.UTCDateTime(), nullable=False),
        sa.Column("applied_at", models.types.UTCDateTime(), nullable=True),
        sa.Column("evidence_file_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_rmi_imports_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sha256"], ["evidence_blobs.sha256"], name=op.f("fk_rmi_imports_sha256_evidence_blobs")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_rmi_imports_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["evidence_file_id"],
            ["evidence_files.id"],
            name=op.f("fk_rmi_imports_evidence_file_id_evidence_files"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rmi_imports")),
    )
    with op.batch_alter_table("rmi_imports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rmi_imports_submission_id"), ["submission_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("rmi_imports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rmi_imports_submission_id"))
    op.drop_table("rmi_imports")
    op.drop_table("rmi_templates")
