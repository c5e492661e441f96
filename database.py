"""Engine set-up: SQLite pragmas and write transactions that never meet "database is locked".

SQLite: WAL journal, a busy timeout, foreign keys on, and the pysqlite driver's own
transaction handling switched off so that SQLAlchemy emits ``BEGIN`` itself (the recipe in
SQLAlchemy's SQLite dialect documentation). Requests that may write (anything but GET, HEAD,
OPTIONS) and command-line work begin with ``BEGIN IMMEDIATE``: the write lock is taken at the
start, waiting up to the busy timeout, instead of failing when a read transaction tries to
upgrade to a write while another writer holds the lock.
"""

from __future__ import annotations

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

SQLITE_BUSY_TIMEOUT_MS = 30_000
_READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _wants_write_lock() -> bool:
    if not has_request_context():
        return True
    return request.method not in _READ_ONLY_METHODS


def configure_sqlite(engine: Engine) -> None:
    """Install the SQLite connection and transaction hooks on *engine*."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _wants_write_lock() else "BEGIN")


def init_app(app) -> None:
    """Configure every engine of the Flask-SQLAlchemy extension bound to *app*."""
    from extensions import db

    with app.app_context():
        configure_sqlite(db.engine)
