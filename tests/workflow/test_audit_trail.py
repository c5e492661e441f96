"""``flask audit verify`` detects an altered entry; the trail is append-only in the database."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from extensions import db
from models import AuditEntry


def _verify(app):
    return app.test_cli_runner().invoke(args=["audit", "verify"])


def tamper(connection, sql: str, **params) -> None:
    """Run *sql* on the trail with the append-only trigger off, as someone tampering directly
    would; on PostgreSQL the trigger is back on when the transaction commits (the database is
    shared by the tests that follow, unlike SQLite's copy per test)."""
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only")
        )
        connection.execute(text(sql), params)
        connection.execute(
            text("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only")
        )
    else:
        connection.execute(text("DROP TRIGGER audit_entries_no_update"))
        connection.execute(text(sql), params)


def test_verify_reports_an_intact_chain(app, submitted):
    result = _verify(app)
    assert result.exit_code == 0, result.output
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(AuditEntry))
    assert f"OK: {count} audit entries" in result.output


def test_the_database_refuses_changes_to_the_trail(app, submitted):
    with app.app_context(), pytest.raises(DatabaseError), db.engine.begin() as connection:
        connection.execute(text("UPDATE audit_entries SET reason = 'x' WHERE id = 2"))


@pytest.mark.parametrize(
    ("column", "value"),
    [("reason", "'nothing happened'"), ("to_state", "'approved'"), ("prev_hash", "'0'")],
)
def test_verify_finds_the_first_altered_entry(app, submitted, column, value):
    with app.app_context():
        ids = db.session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)).all()
        target = ids[len(ids) // 2]
        db.session.rollback()  # release SQLite's write lock before tampering on a connection
        with db.engine.begin() as connection:
            tamper(
                connection, f"UPDATE audit_entries SET {column} = {value} WHERE id = :id", id=target
            )
    result = _verify(app)
    assert result.exit_code == 1
    assert f"BROKEN at audit entry {target}" in result.output
