"""Engine set-up: SQLite pragmas and write transactions that never meet "database is locked".

SQLite: WAL journal, a busy timeout, foreign keys on, and the pysqlite driver's own
transaction handling switched off so that SQLAlchemy emits ``BEGIN`` itself (the recipe in
SQLAlchemy's SQLite dialect documentation). Requests that may write (anything but GET, HEAD,
OPTIONS) and command-line work begin with ``BEGIN IMMEDIATE``: the write lock is taken at the
start, waiting up to the busy timeout, instead of failing when a read transaction tries to
upgrade to a write while another writer holds the lock.

On every backend a request's session ends without raising when the database has dropped
its connection in the meantime (a restart): the pool discards that connection.
"""

from __future__ import annotations

from flask import has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.routing import IntegerConverter

SQLITE_BUSY_TIMEOUT_MS = 30_000
#: Largest id of an ``INTEGER`` column on PostgreSQL (SQLite's are wider).
ROW_ID_MAX = 2**31 - 1
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


class RowIdConverter(IntegerConverter):
    """Integers in URLs are row ids: beyond the database's integer range nothing is found."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("max", ROW_ID_MAX)
        super().__init__(url_map, *args, **kwargs)


def forget_request_work() -> None:
    """Roll back the request's session, even when its connection is already gone."""
    from extensions import db

    try:
        db.session.rollback()
    except SQLAlchemyError:
        db.session.remove()  # the connection was invalidated: closing now succeeds


def _close_session(_error) -> None:
    """End the request's session; a connection the database dropped is discarded, not raised."""
    from extensions import db

    try:
        db.session.remove()
    except SQLAlchemyError:
        db.session.remove()


def init_app(app) -> None:
    """Configure every engine of the Flask-SQLAlchemy extension bound to *app*.

    Also ends each request's session before Flask-SQLAlchemy would, so that a connection
    the database closed after the response was made does not turn it into an error, and
    bounds ``<int:...>`` URL parts to row ids (call before registering blueprints).
    """
    from extensions import db

    with app.app_context():
        configure_sqlite(db.engine)
    app.teardown_appcontext(_close_session)
    app.url_map.converters["int"] = RowIdConverter
