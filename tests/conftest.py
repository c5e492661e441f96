"""Fixtures: an application per test from the factory, on SQLite and (when asked) PostgreSQL.

The databases are built once per run, on each backend, and shared by the pytest-xdist
workers: the schema from the migrations, then the demo organisations and users, then the
whole demo. On SQLite each is a template file, and each test gets a copy of the one it
needs. On PostgreSQL one template database holds the schema and snapshots of the demo; each
worker creates its own database from it, and before each test restores the snapshot that
the test needs in one statement.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, make_url, text
from sqlalchemy.pool import NullPool

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
#: One id per run, set by the first process and inherited by the pytest-xdist workers; the
#: PostgreSQL databases of the run carry it in their names.
RUN = os.environ.setdefault("ASSAY_TEST_RUN", uuid.uuid4().hex[:7])
#: This process: ``gw0``, ``gw1``... under pytest-xdist, else ``main``.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
#: What a test database holds: the schema alone, the demo without questionnaires, the demo.
SCHEMA, USERS, DEMO = "schema", "users", "demo"


def _compile_catalogues() -> None:
    """Compile each message catalogue whose ``.mo`` is missing or older than its ``.po``, so a
    plain ``pytest`` in a fresh clone reads the same Japanese as ``make test``. The file is
    written aside and moved into place, so a process starting meanwhile never reads half."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source)
        partial = mo.with_name(f"{mo.name}.{os.getpid()}")
        with partial.open("wb") as target:
            write_mo(target, catalog)
        os.replace(partial, mo)


_compile_catalogues()


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's, which reads the groups
def pytest_collection_modifyitems(config, items) -> None:
    """Keep the browser tests in one worker (``--dist loadgroup``): one Chromium per run."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` that also puts the tests under tests/browser/ in group ``browser``.

    pytest-xdist 3.8 passes the groups to the scheduler as a suffix of the test ids, which
    pytest 9.2 no longer lets it change (pytest-xdist issue 1386): without this, the marks
    above are ignored and the browser tests are spread over the workers."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class BrowserTestsTogether(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith("tests/browser/"):
                return "browser"
            return super()._split_scope(nodeid)

    return BrowserTestsTogether(config, log)


def _migrate(url: str) -> None:
    from flask_migrate import upgrade

    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        db.engine.dispose()


def _load_demo(url: str, content: str) -> None:
    from demo import loader as demo_data

    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        demo_data.load(submissions=content == DEMO)
        db.engine.dispose()


@contextmanager
def _file_lock(path: Path):
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class SQLiteTemplates:
    """Template files in a folder that every worker of the run shares; the first worker to
    need one builds it under a file lock, the others wait for it and copy it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.paths: dict[str, Path] = {}

    def get(self, content: str) -> Path:
        if content not in self.paths:
            self.paths[content] = self._build(content)
        return self.paths[content]

    def _build(self, content: str) -> Path:
        path = self.folder / f"{content}.sqlite3"
        with _file_lock(self.folder / f"{content}.lock"):
            if not path.exists():
                building = self.folder / f"{content}.building.sqlite3"
                for stale in self.folder.glob(f"{building.name}*"):
                    stale.unlink()
                if content == SCHEMA:
                    _migrate(f"sqlite:///{building}")
                else:
                    shutil.copyfile(self.get(SCHEMA), building)
                    _load_demo(f"sqlite:///{building}", content)
                os.replace(building, path)
        return path


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory) -> SQLiteTemplates:
    base = tmp_path_factory.getbasetemp()
    # A worker's temporary folder lies in the run's, which all the workers share.
    folder = (base.parent if WORKER != "main" else base) / "templates"
    folder.mkdir(exist_ok=True)
    return SQLiteTemplates(folder)


@pytest.fixture(scope="session")
def sqlite_template(sqlite_templates) -> Path:
    """A SQLite file with the schema applied by the migrations, copied for each test."""
    return sqlite_templates.get(SCHEMA)


@pytest.fixture(scope="session")
def sqlite_demo_template(sqlite_templates) -> Path:
    """A SQLite file with the schema and the whole demo, copied for each test that needs it."""
    return sqlite_templates.get(DEMO)


#: pg_advisory_lock's first key for this suite's locks: the run's, and each template's.
LOCK_RUN, LOCK_TEMPLATE = 0x61737361, 0x61737362


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Postgres:
    """This worker's PostgreSQL database, created from the run's template and reset before
    each test to one of the template's snapshots by ``snapshots.reset(content)``.

    The first worker to need the template builds it under an advisory lock. Every worker
    holds a shared lock on the run's id while it lives, so that a later run can tell the
    databases of a run that died (``kill -9``) and drop them."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.prefix = f"{self.url.database}_{RUN}_"
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.keeper = self.admin.connect()
        self.keeper.execute(
            text("SELECT pg_advisory_lock_shared(:space, :run)"),
            {"space": LOCK_RUN, "run": int(RUN, 16)},
        )
        self._drop_dead_runs()
        template = self._template()
        self.database = f"{self.prefix}{WORKER}"
        with self.admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {_quote(self.database)} WITH (FORCE)"))
            conn.execute(
                text(f"CREATE DATABASE {_quote(self.database)} TEMPLATE {_quote(template)}")
            )
            # A throwaway database: commits need not wait for the disk.
            conn.execute(
                text(f"ALTER DATABASE {_quote(self.database)} SET synchronous_commit = off")
            )
        self.database_url = self.url_of(self.database)
        self.engine = create_engine(
            self.database_url, isolation_level="AUTOCOMMIT", poolclass=NullPool
        )
        self.resetter = self.engine.connect()

    def url_of(self, database: str) -> str:
        return self.url.set(database=database).render_as_string(hide_password=False)

    def reset(self, content: str) -> str:
        """Give this worker's database the contents of snapshot *content*; return its URL."""
        self.resetter.execute(text("SELECT snapshots.reset(:content)"), {"content": content})
        return self.database_url

    def _template(self) -> str:
        name = f"{self.prefix}template"
        with self.admin.connect() as conn:
            lock = {"space": LOCK_TEMPLATE, "name": name}
            conn.execute(text("SELECT pg_advisory_lock(:space, hashtext(:name))"), lock)
            try:
                exists = "SELECT 1 FROM pg_database WHERE datname = :name"
                if conn.scalar(text(exists), {"name": name}) is None:
                    building = f"{name}_building"
                    conn.execute(text(f"DROP DATABASE IF EXISTS {_quote(building)} WITH (FORCE)"))
                    conn.execute(text(f"CREATE DATABASE {_quote(building)}"))
                    conn.execute(
                        text(f"ALTER DATABASE {_quote(building)} SET synchronous_commit = off")
                    )
                    _build_postgres_template(self.url_of(building))
                    conn.execute(
                        text(f"ALTER DATABASE {_quote(building)} RENAME TO {_quote(name)}")
                    )
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:space, hashtext(:name))"), lock)
        return name

    def _drop_dead_runs(self) -> None:
        """Drop the databases of earlier runs against this server that no process holds."""
        pattern = re.compile(re.escape(f"{self.url.database}_") + r"([0-9a-f]{7})_")
        with self.admin.connect() as conn:
            runs: dict[str, list[str]] = {}
            for (name,) in conn.execute(text("SELECT datname FROM pg_database")):
                found = pattern.match(name)
                if found and found.group(1) != RUN:
                    runs.setdefault(found.group(1), []).append(name)
            for run, names in runs.items():
                key = {"space": LOCK_RUN, "run": int(run, 16)}
                if conn.scalar(text("SELECT pg_try_advisory_lock(:space, :run)"), key):
                    for name in names:
                        conn.execute(text(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)"))
                    conn.execute(text("SELECT pg_advisory_unlock(:space, :run)"), key)

    def close(self) -> None:
        self.resetter.close()
        self.engine.dispose()
        with self.admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {_quote(self.database)} WITH (FORCE)"))
        self.keeper.close()
        self.admin.dispose()


def _build_postgres_template(url: str) -> None:
    """Migrate the empty database at *url*, keep a snapshot of its tables and sequences for
    each content (in schema ``snapshots``), and add ``snapshots.reset(content)``, which
    empties the tables and copies a snapshot back in one statement."""
    _migrate(url)
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        metadata = MetaData()
        metadata.reflect(conn)
        tables = [t.name for t in metadata.sorted_tables if t.name != "alembic_version"]
        conn.execute(text("CREATE SCHEMA snapshots"))
    snapshots = {}
    for content in (SCHEMA, USERS, DEMO):
        with engine.begin() as conn:
            everything = ", ".join(f"public.{_quote(t)}" for t in tables)
            conn.execute(text(f"TRUNCATE {everything} RESTART IDENTITY"))
        if content != SCHEMA:
            _load_demo(url, content)
        with engine.begin() as conn:
            filled = [
                t
                for t in tables
                if conn.scalar(text(f"SELECT EXISTS (SELECT FROM public.{_quote(t)})"))
            ]
            for table in filled:
                conn.execute(
                    text(
                        f"CREATE TABLE snapshots.{_quote(f'{content}_{table}')} "
                        f"AS SELECT * FROM public.{_quote(table)}"
                    )
                )
            sequences = conn.execute(
                text(
                    "SELECT sequencename, coalesce(last_value, start_value), last_value IS NOT NULL"
                    " FROM pg_sequences WHERE schemaname = 'public'"
                )
            ).all()
        snapshots[content] = (filled, sequences)
    with engine.begin() as conn:
        conn.execute(text(_reset_function(tables, snapshots)))
    engine.dispose()


def _reset_function(tables: list[str], snapshots: dict) -> str:
    """The body of ``snapshots.reset(content)``. A superuser deletes the rows with triggers
    and foreign keys off (the audit log refuses deletions); another role truncates, slower."""

    def literal(value: str) -> str:
        return "'" + value.replace("'", "''") + "'"

    lines = [
        "CREATE FUNCTION snapshots.reset(content text) RETURNS void LANGUAGE plpgsql AS $reset$",
        "BEGIN",
        "IF current_setting('is_superuser') = 'on' THEN",
        "PERFORM set_config('session_replication_role', 'replica', true);",
        *(f"DELETE FROM public.{_quote(t)};" for t in reversed(tables)),
        "ELSE",
        "TRUNCATE " + ", ".join(f"public.{_quote(t)}" for t in tables) + ";",
        "END IF;",
    ]
    for index, (content, (filled, sequences)) in enumerate(snapshots.items()):
        lines.append(f"{'IF' if index == 0 else 'ELSIF'} content = {literal(content)} THEN")
        lines += [
            f"INSERT INTO public.{_quote(t)} SELECT * FROM snapshots.{_quote(f'{content}_{t}')};"
            for t in filled
        ]
        lines += [
            f"PERFORM setval({literal(f'public.{_quote(name)}')}, {value}, {called});"
            for name, value, called in sequences
        ]
    lines += [
        "ELSE RAISE EXCEPTION 'no snapshot %', content;",
        "END IF;",
        "END",
        "$reset$",
    ]
    return "\n".join(lines)


def drop_run_databases(url: str) -> None:
    """Drop every database of this run: the templates, and any worker's left behind."""
    admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    prefix = f"{make_url(url).database}_{RUN}_"
    try:
        with admin.connect() as conn:
            for (name,) in conn.execute(text("SELECT datname FROM pg_database")):
                if name.startswith(prefix):
                    conn.execute(text(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)"))
    finally:
        admin.dispose()


def pytest_sessionfinish(session) -> None:
    # The controller of a pytest-xdist run, or the only process: the workers are done.
    if PG_URL and not hasattr(session.config, "workerinput"):
        try:
            drop_run_databases(PG_URL)
        except Exception as error:  # noqa: BLE001  (an unreachable server has failed the run)
            print(f"\nCould not drop this run's PostgreSQL databases: {error}")


@pytest.fixture(scope="session")
def postgres() -> Postgres:
    """This worker's PostgreSQL database and the run's templates."""
    if not PG_URL:
        pytest.fail("TEST_DATABASE_URL is not set")
    try:
        server = Postgres(PG_URL)
    except Exception as error:  # noqa: BLE001  (any connection failure must fail the run)
        pytest.fail(f"PostgreSQL at TEST_DATABASE_URL is not usable: {error}")
    yield server
    server.close()


#: What each test database was filled with, by URL, so the demo fixtures copy no more.
_CONTENTS: dict[str, str] = {}


def _content_for(request) -> str:
    """The template a test starts from: the demo when a demo fixture is among its fixtures."""
    if "demo_submissions" in request.fixturenames:
        return DEMO
    if "demo" in request.fixturenames:
        return USERS
    return SCHEMA


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> str:
    """A fresh database with the current schema (and the demo data when the test asks for it
    through ``demo`` or ``demo_submissions``), on each backend under test."""
    content = _content_for(request)
    if request.param == "sqlite":
        path = tmp_path / "assay.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_templates").get(content), path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres").reset(content)
    _CONTENTS[url] = content
    yield url
    _CONTENTS.pop(url, None)


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

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if _CONTENTS.get(url) not in (USERS, DEMO):
        with app.app_context():
            demo_data.load(submissions=False)
    return demo_data


@pytest.fixture
def demo_submissions(app, request):
    """The whole demo: organisations, users and questionnaires in every state."""
    from demo import loader as demo_data

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if _CONTENTS.get(url) != DEMO:
        with app.app_context():
            db.engine.dispose()
        if url.startswith("sqlite:///"):
            copy_database(request.getfixturevalue("sqlite_templates").get(DEMO), url)
        else:
            request.getfixturevalue("postgres").reset(DEMO)
        _CONTENTS[url] = DEMO
    return demo_data


def login(client, email: str, password: str | None = None):
    """Sign *email* in through the form and return the response."""
    from demo.loader import DEMO_PASSWORD

    return client.post(
        "/login",
        data={"email": email, "password": password or DEMO_PASSWORD},
        follow_redirects=False,
    )
