"""``flask reminders send``: remind suppliers of deadlines and expiring documents."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import with_appcontext

from services import mailer, reminders, webhooks

reminders_cli = click.Group("reminders", help="Remind suppliers of deadlines and documents.")


@reminders_cli.command("send")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Act as if today were this date (YYYY-MM-DD).",
)
@with_appcontext
def send(today):
    """Send each due reminder once per window; print what was sent."""
    sent = reminders.send(today.date() if today else date.today())
    webhooks.dispatch_committed(inline=True)  # documents expiring: sent before the command ends
    if not mailer.enabled():
        click.echo("MAIL_SERVER is not set: reminders are shown in the app only.")
    for reminder in sent:
        emailed = ", ".join(reminder.emailed) or "-"
        click.echo(
            f"{reminder.kind:<18} {reminder.key:<40} "
            f"in-app: {len(reminder.notified)}  e-mailed: {emailed}"
        )
    click.echo(f"{len(sent)} reminder(s) sent.")
