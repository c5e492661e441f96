"""Load, conflict and fault drill over HTTP against gunicorn, on SQLite and PostgreSQL.

``python -m bench.loadtest`` (``make loadtest``): for each backend it builds a fresh database
with ``flask db upgrade``, creates suppliers with a draft each, reviewers and buyers through the
services, serves the application with gunicorn on a loopback port, and lets every supplier sign
in and autosave answers while reviewers and buyers reload their home pages. Afterwards every
answer the server confirmed must be stored exactly, there must be no server error, and two
people saving one question from the same version must yield exactly one winner. On PostgreSQL
the database is then stopped under load and started again. Exits non-zero on any failed check.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench import checks, drill, seed
from bench.answers import editable_questions
from bench.load import Budget, Reader, Supplier, start_all
from bench.server import Server
from bench.stats import describe
from services import questionnaires as registry

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/assay_loadtest"


def _app(url: str, secret: str):
    from app import create_app

    return create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secret, "BASE_URL": "http://127.0.0.1"}
    )


def _agents(server, people, questions, budget, suppliers=None, readers=True):
    chosen = people.suppliers if suppliers is None else suppliers
    agents = [
        Supplier(
            server.browser(),
            email,
            people.password,
            budget,
            seed=n,
            submission_id=submission_id,
            questions=questions,
        )
        for n, (email, submission_id) in enumerate(chosen)
    ]
    if readers:
        agents += [
            Reader(server.browser(), e, people.password, budget, seed=900 + n, home="/reviewer/")
            for n, e in enumerate(people.reviewers)
        ]
        agents += [
            Reader(server.browser(), e, people.password, budget, seed=950 + n, home="/buyer/")
            for n, e in enumerate(people.buyers)
        ]
    return agents


def _run_load(agents, budget) -> float:
    started = start_all(agents, budget)
    for agent in agents:
        agent.join()
    return time.monotonic() - started


def _load(app, server, people, questions, args) -> tuple[list[str], list[Supplier]]:
    """Let everybody work for the time given; check what was confirmed against the database."""
    budget = Budget(args.seconds, args.max_requests)
    agents = _agents(server, people, questions, budget)
    elapsed = _run_load(agents, budget)
    print(describe(server.label, agents, elapsed))
    suppliers = [a for a in agents if isinstance(a, Supplier)]
    problems = [p for agent in agents for p in agent.tally.problems]
    problems += checks.confirmed_answers(app, suppliers)
    problems += checks.consistent_database(app)
    confirmed = sum(len(a.expected) for a in suppliers)
    print(f"  answers confirmed by the server and found as sent in the database: {confirmed}")
    return problems, suppliers


def _conflicts(app, server, people, questionnaire) -> list[str]:
    """Two people save one question from the same version, a dozen times."""
    writers = [q for q in questionnaire.questions if q.type.value in ("text", "number")]
    chosen = writers[:: max(1, len(writers) // 12)]
    problems, how = checks.two_writers(app, server, people, chosen)
    print(f"  two people, one question, same version ({len(chosen)} questions): {how}")
    return problems


def _drill(url, secret, server, people, questions, suppliers, args) -> list[str]:
    """Stop and start PostgreSQL under load; check the answers and the audit chain after."""
    budget = Budget(120, args.max_requests)
    agents = _agents(server, people, questions, budget, people.suppliers[1:11])
    carried = {a.email: a.expected for a in suppliers}
    for agent in agents:
        if isinstance(agent, Supplier):
            agent.expected = dict(carried.get(agent.email, {}))
    problems, timeline = drill.run(agents, budget)
    for phase, value in timeline.items():
        print(f"  fault drill, {phase}: {value}")
    app = _app(url, secret)  # a new pool: the old one saw the database go away
    problems += checks.confirmed_answers(app, [a for a in agents if isinstance(a, Supplier)])
    problems += checks.consistent_database(app)
    return problems


def run_backend(name: str, url: str, args) -> list[str]:
    """Run the load, the checks and (on PostgreSQL) the fault drill; return the problems."""
    secret = secrets.token_hex(32)
    env = {
        "ASSAY_ENV": "production",
        "SECRET_KEY": secret,
        "BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": url,
        "SESSION_COOKIE_SECURE": "0",
        "LOGIN_RATE_LIMIT": "100000 per minute",
    }
    if name == "postgresql":
        drill.ensure_running()
        seed.fresh_postgres(url)
    seed.upgrade(env)
    app = _app(url, secret)
    people = seed.populate(app, args.suppliers, secrets.token_urlsafe(12))
    with app.app_context():
        questionnaire = registry.latest()
    questions = editable_questions(questionnaire, ("org", "cw"))
    with Server(env, workers=args.workers, threads=args.threads) as server:
        server.label = f"{name} (gunicorn {args.workers} workers x {args.threads} threads)"
        problems, suppliers = _load(app, server, people, questions, args)
        problems += _conflicts(app, server, people, questionnaire)
        if name == "postgresql" and not args.no_drill:
            problems += _drill(url, secret, server, people, questions, suppliers, args)
        failures = server.logged_failures()
        if failures:
            problems.append(f"{failures} failures in the server log {server.log}")
    return [f"{name}: {p}" for p in problems]


def main(argv: list[str] | None = None) -> int:
    """Run every backend; print a summary; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--suppliers", type=int, default=50)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), action="append")
    parser.add_argument("--postgres-url", default=os.environ.get("LOADTEST_DATABASE_URL", PG_URL))
    parser.add_argument("--no-drill", action="store_true")
    args = parser.parse_args(argv)
    problems: list[str] = []
    for backend in args.backend or ("sqlite", "postgresql"):
        if backend == "sqlite":
            folder = Path(tempfile.mkdtemp(prefix="assay-load-"))
            url = f"sqlite:///{folder / 'assay.sqlite3'}"
        else:
            url = args.postgres_url
        try:
            problems += run_backend(backend, url, args)
        except Exception as error:  # noqa: BLE001  (a failed run is a failed check)
            problems.append(f"{backend}: {type(error).__name__}: {error}")
    print("\nSummary:", "all checks passed" if not problems else f"{len(problems)} problems")
    for problem, times in Counter(problems).most_common(30):
        print("  -", problem, f"(x{times})" if times > 1 else "")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
