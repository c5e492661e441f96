"""Serve the application with gunicorn on a free loopback port, as in production."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.browser import Browser
from bench.seed import ROOT

HOST = "127.0.0.1"


def free_port() -> int:
    """Return a TCP port on the loopback interface that nothing listens on."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    """A gunicorn process serving ``app:create_app()`` with the given environment."""

    def __init__(self, env: dict[str, str], workers: int = 4, threads: int = 4) -> None:
        self.port = free_port()
        self.log = Path(tempfile.mkstemp(prefix="assay-gunicorn-", suffix=".log")[1])
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.command = [
            str(gunicorn),
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            # each worker listens itself, so the kernel spreads kept-alive connections
            "--reuse-port",
            "--keep-alive",
            "120",
            "--timeout",
            "60",
            "app:create_app()",
        ]
        self.env = {**os.environ, **env}
        self.process: subprocess.Popen | None = None
        self.label = f"gunicorn {workers} workers x {threads} threads"

    def __enter__(self) -> Server:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603  (fixed arguments)
                self.command, cwd=ROOT, env=self.env, stdout=log, stderr=log
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                if Browser(HOST, self.port, timeout=5).get("/login").status == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer in time:\n{self.log_tail()}")

    def __exit__(self, *_exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def browser(self) -> Browser:
        """Return a new client of this server."""
        return Browser(HOST, self.port)

    def log_tail(self, lines: int = 40) -> str:
        """Return the end of gunicorn's error log."""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def logged_failures(self) -> int:
        """Return how many unhandled exceptions and worker timeouts the server logged."""
        log = self.log.read_text(errors="replace")
        return log.count("ERROR in app: Exception on") + log.count("WORKER TIMEOUT")
