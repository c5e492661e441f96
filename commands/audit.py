"""``flask audit verify``: check that nobody altered the hash-chained audit log."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from services import audit

audit_cli = click.Group("audit", help="Check the audit log.")


@audit_cli.command("verify")
@with_appcontext
def verify():
    """Walk the audit chain; print OK and the count, or the first broken entry (exit 1)."""
    report = audit.verify_chain()
    if report.ok:
        click.echo(f"OK: {report.checked} audit entries, chain intact.")
        return
    click.echo(
        f"BROKEN at audit entry {report.broken_at}: {report.problem} "
        f"({report.checked} entries before it are intact).",
        err=True,
    )
    raise SystemExit(1)
