"""portfolio entries: each buyer's portfolio row per supplier, kept up to date

The buyer portfolio reads one indexed row per (buyer, supplier) instead of finding the latest
shared submission of every supplier on each request. The rows are filled here from the
existing data; from now on the application rewrites them whenever their sources change.

Revision ID: 0011
Revises: 0007
"""

from alembic import op
import sqlalchemy as sa

revision = "0011"
down_revision = "0007"
branch_labels = None
depends_on = None

STATUSES = ("draft", "submitted", "in_review", "changes_requested", "approved", "rejected")


def upgrade():
    op.create_table(
        "portfolio_entries",
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("supplier_name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("result_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(*STATUSES, name="submissionstatus", native_enum=False, length=20),
            nullable=True,
        ),
        sa.Column("approved", sa.Boolean(), nullable=False),
        sa.Column("rating", sa.String(length=10), nullable=True),
        sa.Column("reviewed_rating", sa.String(length=10), nullable=True),
        sa.Column("effective_rating", sa.String(length=10), nullable=True),
        sa.Column("red_flags", sa.Integer(), nullable=True),
        sa.Column("visibility", sa.Integer(), nullable=True),
        sa.Column("insufficient", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["buyer_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["supplier_id"], ["organisations.id"]),
        sa.PrimaryKeyConstraint("buyer_id", "supplier_id"),
    )
    op.create_index(
        "ix_portfolio_entries_name",
        "portfolio_entries",
        ["buyer_id", "supplier_name", "supplier_id"],
    )
    op.create_index(
        "ix_portfolio_entries_status",
        "portfolio_entries",
        ["buyer_id", "status", "supplier_name", "supplier_id"],
    )
    op.create_index(
        "ix_portfolio_entries_rating",
        "portfolio_entries",
        ["buyer_id", "effective_rating", "supplier_name", "supplier_id"],
    )
    op.create_index(
        "ix_portfolio_entries_deadline",
        "portfolio_entries",
        ["buyer_id", "approved", "deadline"],
    )
    from services.portfolio_upkeep import rebuild

    rebuild(op.get_bind())


def downgrade():
    op.drop_index("ix_portfolio_entries_deadline", table_name="portfolio_entries")
    op.drop_index("ix_portfolio_entries_rating", table_name="portfolio_entries")
    op.drop_index("ix_portfolio_entries_status", table_name="portfolio_entries")
    op.drop_index("ix_portfolio_entries_name", table_name="portfolio_entries")
    op.drop_table("portfolio_entries")
