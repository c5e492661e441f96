"""per-buyer reviews

Every buyer that sees a submission reviews it on its own: a ``reviews`` row per submission and
buyer holds the state, decision and reviewed rating; comments, finding decisions and stored
reports name the buyer they belong to. Existing reviews move to the buyer that appointed the
reviewer (the reviewer's own buyer organisation, or the buyer that appointed the reviewer's
auditor organisation among those the submission is shared with); buyers whose reviewer never
acted get a review that starts at "submitted".

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

import models.types  # noqa: F401  (custom column types)

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_STATUS = sa.Enum(
    "draft",
    "submitted",
    "in_review",
    "changes_requested",
    "approved",
    "rejected",
    name="submissionstatus",
    native_enum=False,
    length=20,
)
_DECIDED = ("approved", "rejected")


def upgrade():
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("buyer_id", sa.Integer(), nullable=False),
        sa.Column("status", _STATUS, nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("created_at", models.types.UTCDateTime(), nullable=False),
        sa.Column("decided_at", models.types.UTCDateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("reviewed_rating", sa.String(length=10), nullable=True),
        sa.Column("reviewed_result_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_reviews_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["buyer_id"], ["organisations.id"], name=op.f("fk_reviews_buyer_id_organisations")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_reviews_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_result_id"],
            ["risk_results.id"],
            name=op.f("fk_reviews_reviewed_result_id_risk_results"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
        sa.UniqueConstraint("submission_id", "buyer_id", name=op.f("uq_reviews_submission_id")),
    )
    with op.batch_alter_table("reviews") as batch_op:
        batch_op.create_index(batch_op.f("ix_reviews_submission_id"), ["submission_id"])
        batch_op.create_index(batch_op.f("ix_reviews_buyer_id"), ["buyer_id"])
        batch_op.create_index(batch_op.f("ix_reviews_status"), ["status"])
    for table in ("review_comments", "finding_reviews", "stored_reports"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("buyer_id", sa.Integer(), nullable=True))

    _move_existing_reviews(op.get_bind())

    for table in ("review_comments", "finding_reviews", "stored_reports"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column("buyer_id", existing_type=sa.Integer(), nullable=False)
            batch_op.create_foreign_key(
                op.f(f"fk_{table}_buyer_id_organisations"), "organisations", ["buyer_id"], ["id"]
            )
            batch_op.create_index(op.f(f"ix_{table}_buyer_id"), ["buyer_id"])
    with op.batch_alter_table("stored_reports") as batch_op:
        batch_op.drop_constraint("uq_stored_reports_submission_id", type_="unique")
        batch_op.create_unique_constraint(
            "uq_stored_reports_submission_id", ["submission_id", "buyer_id", "round", "lang"]
        )
    with op.batch_alter_table("risk_results") as batch_op:
        batch_op.drop_column("reviewed_rating")


def _buyer_of(conn, user_id, shared_with: list[int], cache: dict) -> int | None:
    """Return the buyer among *shared_with* that *user_id* reviews for."""
    if user_id is None or not shared_with:
        return None
    key = (user_id, tuple(shared_with))
    if key not in cache:
        org = conn.execute(
            sa.text(
                "SELECT o.id, o.kind FROM users u JOIN organisations o ON o.id = u.organisation_id "
                "WHERE u.id = :u"
            ),
            {"u": user_id},
        ).first()
        found = None
        if org is not None and org.kind == "buyer" and org.id in shared_with:
            found = org.id
        elif org is not None and org.kind == "auditor":
            appointed = {
                row.buyer_id
                for row in conn.execute(
                    sa.text("SELECT buyer_id FROM auditor_appointments WHERE auditor_id = :a"),
                    {"a": org.id},
                )
            }
            found = min((b for b in shared_with if b in appointed), default=None)
        cache[key] = found
    return cache[key]


def _move_existing_reviews(conn) -> None:
    cache: dict = {}
    shares: dict[int, list[int]] = {}
    for row in conn.execute(
        sa.text("SELECT submission_id, buyer_id FROM submission_shares ORDER BY buyer_id")
    ):
        shares.setdefault(row.submission_id, []).append(row.buyer_id)
    submissions = conn.execute(
        sa.text(
            "SELECT id, status, round, submitted_at, decided_at, decided_by_id, decision_reason "
            "FROM submissions WHERE status <> 'draft'"
        )
    ).all()
    results = {
        row.submission_id: row
        for row in conn.execute(
            sa.text(
                "SELECT id, submission_id, reviewed_rating FROM risk_results "
                "WHERE current = :t"
            ),
            {"t": True},
        )
    }
    for sub in submissions:
        buyers = shares.get(sub.id, [])
        decider = _buyer_of(conn, sub.decided_by_id, buyers, cache)
        actors = {
            _buyer_of(conn, row.author_id, buyers, cache)
            for row in conn.execute(
                sa.text("SELECT author_id FROM review_comments WHERE submission_id = :s"),
                {"s": sub.id},
            )
        }
        result = results.get(sub.id)
        for buyer_id in buyers:
            acted = buyer_id == decider or buyer_id in actors
            status = sub.status if buyer_id == decider else "submitted"
            if status == "submitted" and acted and sub.status != "submitted":
                status = "in_review"
            conn.execute(
                sa.text(
                    "INSERT INTO reviews (submission_id, buyer_id, status, round, created_at, "
                    "decided_at, decided_by_id, decision_reason, reviewed_rating, "
                    "reviewed_result_id) VALUES (:s, :b, :st, :r, :c, :da, :db, :dr, :rr, :rid)"
                ),
                {
                    "s": sub.id,
                    "b": buyer_id,
                    "st": status,
                    "r": sub.round,
                    "c": sub.submitted_at or sub.decided_at,
                    "da": sub.decided_at if buyer_id == decider else None,
                    "db": sub.decided_by_id if buyer_id == decider else None,
                    "dr": sub.decision_reason if buyer_id == decider else None,
                    "rr": result.reviewed_rating if result is not None and acted else None,
                    "rid": result.id if result is not None and acted else None,
                },
            )
        if buyers and decider is None and sub.status in _DECIDED + ("changes_requested",):
            # Nobody among the buyers it is shared with made the decision: reviews restart.
            conn.execute(
                sa.text("UPDATE submissions SET status = 'submitted' WHERE id = :s"),
                {"s": sub.id},
            )
        elif buyers and decider is not None and len(buyers) > 1 and sub.status in _DECIDED:
            # The other buyers have not decided yet: the submission is still under review.
            conn.execute(
                sa.text("UPDATE submissions SET status = 'submitted' WHERE id = :s"),
                {"s": sub.id},
            )
    _assign(conn, "review_comments", "author_id", shares, cache)
    _assign(conn, "finding_reviews", "reviewer_id", shares, cache)
    for row in conn.execute(
        sa.text(
            "SELECT r.id, s.id AS submission_id, s.decided_by_id FROM stored_reports r "
            "JOIN submissions s ON s.id = r.submission_id"
        )
    ).all():
        buyers = shares.get(row.submission_id, [])
        buyer = _buyer_of(conn, row.decided_by_id, buyers, cache) or (buyers[0] if buyers else None)
        if buyer is None:
            conn.execute(sa.text("DELETE FROM stored_reports WHERE id = :i"), {"i": row.id})
        else:
            conn.execute(
                sa.text("UPDATE stored_reports SET buyer_id = :b WHERE id = :i"),
                {"b": buyer, "i": row.id},
            )


def _assign(conn, table: str, author: str, shares: dict, cache: dict) -> None:
    rows = conn.execute(sa.text(f"SELECT id, submission_id, {author} AS author FROM {table}")).all()  # noqa: S608
    for row in rows:
        buyers = shares.get(row.submission_id, [])
        buyer = _buyer_of(conn, row.author, buyers, cache) or (buyers[0] if buyers else None)
        if buyer is None:
            conn.execute(sa.text(f"DELETE FROM {table} WHERE id = :i"), {"i": row.id})  # noqa: S608
        else:
            conn.execute(
                sa.text(f"UPDATE {table} SET buyer_id = :b WHERE id = :i"),  # noqa: S608
                {"b": buyer, "i": row.id},
            )


def downgrade():
    with op.batch_alter_table("risk_results") as batch_op:
        batch_op.add_column(sa.Column("reviewed_rating", sa.String(length=10), nullable=True))
    with op.batch_alter_table("stored_reports") as batch_op:
        batch_op.drop_constraint("uq_stored_reports_submission_id", type_="unique")
    op.execute("DELETE FROM stored_reports WHERE id NOT IN (SELECT MIN(id) FROM stored_reports "
               "GROUP BY submission_id, round, lang)")
    with op.batch_alter_table("stored_reports") as batch_op:
        batch_op.create_unique_constraint(
            "uq_stored_reports_submission_id", ["submission_id", "round", "lang"]
        )
    for table in ("review_comments", "finding_reviews", "stored_reports"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(op.f(f"ix_{table}_buyer_id"))
            batch_op.drop_constraint(op.f(f"fk_{table}_buyer_id_organisations"), type_="foreignkey")
            batch_op.drop_column("buyer_id")
    op.drop_table("reviews")
