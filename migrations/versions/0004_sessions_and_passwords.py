"""session lifetimes, sign-in throttling and password resets

Revision ID: 0004
Revises: 0003
"""

from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa

import models.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

auth_sessions = sa.table(
    "auth_sessions",
    sa.column("created_at", models.types.UTCDateTime),
    sa.column("ended_at", models.types.UTCDateTime),
    sa.column("last_seen_at", models.types.UTCDateTime),
    sa.column("expires_at", models.types.UTCDateTime),
)


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )

    with op.batch_alter_table("auth_sessions") as batch_op:
        batch_op.add_column(sa.Column("last_seen_at", models.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("expires_at", models.types.UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("remember", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    # Sessions opened before lifetimes existed never expired: end them all, once.
    op.execute(
        auth_sessions.update()
        .where(auth_sessions.c.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC))
    )
    op.execute(
        auth_sessions.update().values(
            last_seen_at=auth_sessions.c.created_at, expires_at=auth_sessions.c.ended_at
        )
    )
    with op.batch_alter_table("auth_sessions") as batch_op:
        batch_op.alter_column(
            "last_seen_at", existing_type=models.types.UTCDateTime(), nullable=False
        )
        batch_op.alter_column("expires_at", existing_type=models.types.UTCDateTime(), nullable=False)

    op.create_table(
        "sign_in_throttles",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("blocked_until", models.types.UTCDateTime(), nullable=True),
        sa.Column("updated_at", models.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_throttles")),
    )


def downgrade():
    op.drop_table("sign_in_throttles")
    with op.batch_alter_table("auth_sessions") as batch_op:
        batch_op.drop_column("remember")
        batch_op.drop_column("expires_at")
        batch_op.drop_column("last_seen_at")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("must_change_password")
