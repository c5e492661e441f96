"""``flask webhooks deliver``: attempt every webhook delivery that is due (run it each minute)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from services import webhooks

webhooks_cli = click.Group("webhooks", help="Send webhook deliveries.")


@webhooks_cli.command("deliver")
@with_appcontext
def deliver():
    """Attempt each due delivery once (first attempts missed and retries); print how many."""
    attempted = webhooks.deliver_due()
    click.echo(f"{attempted} delivery attempt(s) made.")
