"""Fixtures: an application per test from the factory, on SQLite and (when asked) PostgreSQL."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from app import create_app
from extensions import db

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
BASE_CONFIG = {
    "TESTING": True,
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "SERVER_NAME": "localhost",
    # argon2's cheapest profile: hashing is a fifth of the suite's time with the default one.
    "PASSWORD_HASH_CHEAPEST": True,
}


def _compile_catalogues() -> None:
    """Compile each message catalogue whose ``.mo`` is missing or older than its ``.po``, so a
    plain ``pytest`` in a fresh clone reads the same Japanese as ``make test``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source)
        with mo.open("wb") as target:
            write_mo(target, catalog)


_compile_catalogues()


def _migrate(url: str) -> None:
    from flask_migrate import upgrade

    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A SQLite file with the schema applied by the migrations, copied for each test."""
    path = tmp_path_factory.mktemp("db") / "template.sqlite3"
    _migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The PostgreSQL test database, rebuilt from the migrations once per run."""
    if not PG_URL:
        pytest.fail("TEST_DATABASE_URL is not set")
    engine = create_engine(PG_URL)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    except Exception as error:  # noqa: BLE001  (any connection failure must fail the run)
        pytest.fail(f"PostgreSQL at TEST_DATABASE_URL is not usable: {error}")
    finally:
        engine.dispose()
    _migrate(PG_URL)
    return PG_URL


def _truncate_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        tables = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> str:
    """A clean database with the current schema, on each backend under test."""
    if request.param == "sqlite":
        path = tmp_path / "assay.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_url")
        _truncate_postgres(url)
        yield url


@pytest.fixture
def app_config(database_url) -> dict:
    """Configuration overrides for the application under test; tests may change it."""
    return {**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url}


@pytest.fixture
def app(app_config):
    """The application; tests open ``app.app_context()`` themselves to look at the database,
    so that requests run in contexts of their own, as in production."""
    application = create_app(app_config)
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def sqlite_demo_template(sqlite_template, tmp_path_factory) -> Path:
    """A SQLite file with the schema and the demo data, loaded once per run and copied."""
    from demo import loader as demo_data

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copyfile(sqlite_template, path)
    application = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with application.app_context():
        demo_data.load()
        db.engine.dispose()
    return path


def copy_database(source: Path, url: str) -> None:
    """Replace the SQLite database at *url* (not yet in use) with a copy of *source*."""
    target = Path(url.removeprefix("sqlite:///"))
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)


@pytest.fixture
def demo(app):
    """The demo organisations and users (no questionnaires)."""
    from demo import loader as demo_data

    with app.app_context():
        demo_data.load(submissions=False)
    return demo_data


@pytest.fixture
def demo_submissions(app, request):
    """The whole demo: organisations, users and questionnaires in every state."""
    from demo import loader as demo_data

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with app.app_context():
        db.engine.dispose()
        if url.startswith("sqlite:///"):
            copy_database(request.getfixturevalue("sqlite_demo_template"), url)
        else:
            demo_data.load()
    return demo_data


def login(client, email: str, password: str | None = None):
    """Sign *email* in through the form and return the response."""
    from demo.loader import DEMO_PASSWORD

    return client.post(
        "/login",
        data={"email": email, "password": password or DEMO_PASSWORD},
        follow_redirects=False,
    )
