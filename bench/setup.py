"""An in-process application on a temporary SQLite database with the current schema."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from bench.seed import ROOT

CONFIG = {
    "TESTING": True,
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "SERVER_NAME": "localhost",
}


def application(name: str):
    """Return an application on a new SQLite file named *name*, upgraded by the migrations."""
    from flask_migrate import upgrade

    from app import create_app

    folder = Path(tempfile.mkdtemp(prefix=f"assay-bench-{name}-"))
    url = f"sqlite:///{folder / 'assay.sqlite3'}"
    app = create_app({**CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context(), contextlib.redirect_stderr(io.StringIO()):  # Alembic's log lines
        upgrade(directory=str(ROOT / "migrations"))
    return app


def signed_in(app, email: str, password: str):
    """Return a test client signed in as *email*."""
    client = app.test_client()
    reply = client.post("/login", data={"email": email, "password": password})
    if reply.status_code != 302:
        raise RuntimeError(f"sign-in of {email} answered {reply.status_code}")
    return client
