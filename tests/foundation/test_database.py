"""SQLite settings and concurrent writers; migrations on the backend under test."""

from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import func, inspect, select, text

from extensions import db
from models import AuditEntry, Organisation, OrganisationKind

WORKERS = 6
WRITES_PER_WORKER = 25


def _write_many(url: str, worker: int, results) -> None:
    """Read-then-write transactions, the pattern that meets "database is locked" without
    BEGIN IMMEDIATE."""
    from app import create_app
    from services import audit

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    errors = []
    with app.app_context():
        for i in range(WRITES_PER_WORKER):
            try:
                count = db.session.scalar(select(func.count()).select_from(Organisation))
                db.session.add(
                    Organisation(name=f"w{worker}-{i}-{count}", kind=OrganisationKind.SUPPLIER)
                )
                audit.record("test.write", detail={"worker": worker, "i": i})
                db.session.commit()
            except Exception as error:  # noqa: BLE001  (reported to the parent)
                db.session.rollback()
                errors.append(repr(error))
    results.put((worker, errors))


def test_sqlite_pragmas(tmp_path, sqlite_template):
    import shutil

    from app import create_app

    shutil.copyfile(sqlite_template, tmp_path / "db.sqlite3")
    app = create_app(
        {"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/db.sqlite3"}
    )
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_concurrent_writers_never_fail(app, database_url):
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [
        context.Process(target=_write_many, args=(database_url, n, results)) for n in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    failures = {worker: errors for worker, errors in outcomes if errors}
    assert failures == {}
    with app.app_context():
        total = db.session.scalar(select(func.count()).select_from(Organisation))
        assert total == WORKERS * WRITES_PER_WORKER
        from services.audit import verify_chain

        report = verify_chain()
        assert report.ok and report.checked == WORKERS * WRITES_PER_WORKER


def test_migrations_create_every_model_table(app):
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
    assert set(db.metadata.tables) <= tables


def test_audit_rows_cannot_be_updated_or_deleted(app):
    from services import audit

    with app.app_context():
        audit.record("test.write")
        db.session.commit()
        for statement in ("UPDATE audit_entries SET action = 'x'", "DELETE FROM audit_entries"):
            with pytest.raises(Exception, match="append-only"):
                db.session.execute(text(statement))
            db.session.rollback()
        assert db.session.scalar(select(AuditEntry.action)) == "test.write"
