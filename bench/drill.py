"""The fault drill: stop PostgreSQL under load, see clear 503 pages, start it, see recovery."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from bench.load import Budget, start_all

OUTAGE_SECONDS = 6
RECOVERY_LIMIT = 30


def _cluster(action: str) -> None:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[0]
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action]
    if action == "stop":
        command += ["-m", "fast"]
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603, S607  (fixed arguments)


def _ready() -> bool:
    command = ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]
    return subprocess.run(command, check=False).returncode == 0  # noqa: S603, S607


def ensure_running() -> None:
    """Start the PostgreSQL cluster when it does not answer (as CI does)."""
    if _ready():
        return
    _cluster("start")
    for _ in range(RECOVERY_LIMIT * 5):
        if _ready():
            return
        time.sleep(0.2)
    raise RuntimeError("PostgreSQL did not start")


def _statuses(agents, start: float, end: float) -> dict[int, int]:
    counts: dict[int, int] = {}
    for agent in agents:
        for at, status in agent.tally.timeline:
            if start <= at < end:
                counts[status] = counts.get(status, 0) + 1
    return counts


def run(agents, budget: Budget) -> tuple[list[str], dict]:
    """Drive *agents* through a stop and start of the database; return problems and a timeline."""
    for agent in agents:
        agent.tolerate_outage = True
    began = start_all(agents, budget)
    time.sleep(3)
    stopped = time.monotonic()
    _cluster("stop")
    time.sleep(OUTAGE_SECONDS)
    started = time.monotonic()
    _cluster("start")
    while not _ready() and time.monotonic() - started < RECOVERY_LIMIT:
        time.sleep(0.2)
    recovered = None
    while recovered is None and time.monotonic() - started < RECOVERY_LIMIT:
        time.sleep(0.2)
        ok = [
            at
            for agent in agents
            for at, status in agent.tally.timeline
            if at > started and status < 400
        ]
        recovered = min(ok) if ok else None
    time.sleep(3)
    budget.stop.set()
    for agent in agents:
        agent.join(timeout=60)
    ended = time.monotonic()
    problems = [p for agent in agents for p in agent.tally.problems]
    outage = _statuses(agents, stopped + 0.5, started)
    after = _statuses(agents, recovered or ended, ended)
    if not outage.get(503):
        problems.append("no 503 was seen while the database was stopped")
    if any(status >= 500 and status != 503 for status in {**outage, **after}):
        problems.append(f"server errors other than 503: {outage} then {after}")
    if recovered is None:
        problems.append(f"no request succeeded within {RECOVERY_LIMIT} s of the restart")
    elif any(status >= 500 for status in after):
        problems.append(f"errors after recovery: {after}")
    timeline = {
        "before": _statuses(agents, began, stopped),
        "outage": outage,
        "restart to first success (s)": round(recovered - started, 2) if recovered else None,
        "after": after,
    }
    return problems, timeline
