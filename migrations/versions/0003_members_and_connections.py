"""members, connection requests, organisation admins and operators

Revision ID: 0003
Revises: 0002
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import models.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

organisations = sa.table("organisations", sa.column("id", sa.Integer), sa.column("kind", sa.String))
users = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("role", sa.String),
    sa.column("organisation_id", sa.Integer),
    sa.column("is_org_admin", sa.Boolean),
    sa.column("password_hash", sa.String),
    sa.column("active", sa.Boolean),
)
buyer_suppliers = sa.table(
    "buyer_suppliers",
    sa.column("id", sa.Integer),
    sa.column("buyer_id", sa.Integer),
    sa.column("supplier_id", sa.Integer),
    sa.column("deadline", sa.Date),
)
invitations = sa.table(
    "invitations",
    sa.column("user_id", sa.Integer),
    sa.column("relationship_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("role", sa.String),
    sa.column("org_admin", sa.Boolean),
    sa.column("organisation_id", sa.Integer),
    sa.column("buyer_id", sa.Integer),
    sa.column("deadline", sa.Date),
    sa.column("accepted_at", models.types.UTCDateTime),
    sa.column("accepted_by_id", sa.Integer),
    sa.column("revoked_at", models.types.UTCDateTime),
)


def _relationship_value(column):
    return (
        sa.select(column)
        .where(buyer_suppliers.c.id == invitations.c.relationship_id)
        .scalar_subquery()
    )


def upgrade():
    with op.batch_alter_table("organisations") as batch_op:
        batch_op.add_column(
            sa.Column("support_access", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("suspended_at", models.types.UTCDateTime(), nullable=True))
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column("is_org_admin", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    # The platform-wide "admin" role is gone: each admin keeps administering only their own
    # organisation, with the role that fits its kind.
    fitting_role = (
        sa.select(
            sa.case(
                (organisations.c.kind == "supplier", "supplier"),
                (organisations.c.kind == "auditor", "reviewer"),
                else_="buyer",
            )
        )
        .where(organisations.c.id == users.c.organisation_id)
        .scalar_subquery()
    )
    op.execute(
        users.update()
        .where(users.c.role == "admin")
        .values(role=fitting_role, is_org_admin=sa.true())
    )

    with op.batch_alter_table("invitations") as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("role", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("org_admin", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("contact_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("organisation_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("country", sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column("organisation_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("buyer_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("deadline", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("accepted_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("revoked_at", models.types.UTCDateTime(), nullable=True))

    # Old invitations pointed at a user made in advance, inside an organisation that could
    # have been matched by name. They are kept as history of the buyer's invitation, and
    # every one still pending is closed (revoked now): the buyer invites again, and the new
    # link creates the account and its own organisation on acceptance.
    op.execute(
        invitations.update().values(
            kind="supplier",
            role="supplier",
            org_admin=sa.true(),
            organisation_id=_relationship_value(buyer_suppliers.c.supplier_id),
            buyer_id=_relationship_value(buyer_suppliers.c.buyer_id),
            deadline=_relationship_value(buyer_suppliers.c.deadline),
        )
    )
    op.execute(
        invitations.update()
        .where(invitations.c.accepted_at.is_not(None))
        .values(accepted_by_id=invitations.c.user_id)
    )
    op.execute(
        invitations.update()
        .where(invitations.c.accepted_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
    )
    # The accounts made in advance for those invitations never had a password: disable them.
    op.execute(
        users.update()
        .where(users.c.password_hash.is_(None), users.c.active.is_(sa.true()))
        .values(active=sa.false())
    )

    with op.batch_alter_table("invitations") as batch_op:
        batch_op.drop_constraint("fk_invitations_user_id_users", type_="foreignkey")
        batch_op.drop_constraint(
            "fk_invitations_relationship_id_buyer_suppliers", type_="foreignkey"
        )
        batch_op.drop_column("user_id")
        batch_op.drop_column("relationship_id")
        batch_op.alter_column("kind", existing_type=sa.String(length=20), nullable=False)
        batch_op.alter_column("role", existing_type=sa.String(length=20), nullable=False)
        batch_op.alter_column("org_admin", existing_type=sa.Boolean(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_invitations_organisation_id_organisations"),
            "organisations",
            ["organisation_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_invitations_buyer_id_organisations"),
            "organisations",
            ["buyer_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_invitations_accepted_by_id_users"), "users", ["accepted_by_id"], ["id"]
        )
        batch_op.create_index(batch_op.f("ix_invitations_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_invitations_buyer_id"), ["buyer_id"], unique=False)

    op.create_table(
        "connection_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", models.types.UTCDateTime(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", models.types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["buyer_id"],
            ["organisations.id"],
            name=op.f("fk_connection_requests_buyer_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"],
            ["organisations.id"],
            name=op.f("fk_connection_requests_supplier_id_organisations"),
        ),
        sa.ForeignKeyConstraint(
            ["invitation_id"],
            ["invitations.id"],
            name=op.f("fk_connection_requests_invitation_id_invitations"),
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_connection_requests_requested_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_connection_requests_decided_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connection_requests")),
    )
    with op.batch_alter_table("connection_requests") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_connection_requests_buyer_id"), ["buyer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_connection_requests_supplier_id"), ["supplier_id"], unique=False
        )


def downgrade():
    op.drop_table("connection_requests")
    # Invitations cannot point back at accounts that were never made in advance: they go.
    op.execute(sa.text("DELETE FROM invitations"))
    with op.batch_alter_table("invitations") as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitations_buyer_id"))
        batch_op.drop_index(batch_op.f("ix_invitations_email"))
        batch_op.drop_constraint(
            batch_op.f("fk_invitations_accepted_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_invitations_buyer_id_organisations"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_invitations_organisation_id_organisations"), type_="foreignkey"
        )
        for column in (
            "revoked_at",
            "accepted_by_id",
            "deadline",
            "buyer_id",
            "organisation_id",
            "country",
            "organisation_name",
            "contact_name",
            "org_admin",
            "role",
            "kind",
        ):
            batch_op.drop_column(column)
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=False))
        batch_op.add_column(sa.Column("relationship_id", sa.Integer(), nullable=False))
        batch_op.create_foreign_key("fk_invitations_user_id_users", "users", ["user_id"], ["id"])
        batch_op.create_foreign_key(
            "fk_invitations_relationship_id_buyer_suppliers",
            "buyer_suppliers",
            ["relationship_id"],
            ["id"],
        )
    # Organisation admins stay in their own role (never widened to the platform-wide admin);
    # the operator is the closest thing the old schema has to a platform administrator.
    op.execute(users.update().where(users.c.role == "operator").values(role="admin"))
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("is_org_admin")
    with op.batch_alter_table("organisations") as batch_op:
        batch_op.drop_column("suspended_at")
        batch_op.drop_column("support_access")
