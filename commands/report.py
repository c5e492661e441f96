"""Report command: render a submission's PDF report to a file."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from extensions import db
from models import Submission
from services import reports

report_cli = click.Group("report", help="Render due-diligence reports.")


@report_cli.command("render")
@click.argument("submission_id", type=int)
@click.option("--lang", type=click.Choice(reports.LANGUAGES), default="en", show_default=True)
@click.option("-o", "--output", type=click.File("wb"), required=True, help="File to write.")
@with_appcontext
def render(submission_id, lang, output):
    """Render the report of SUBMISSION_ID (the stored one once decided) to a PDF file."""
    submission = db.session.get(Submission, submission_id)
    if submission is None:
        raise click.ClickException(f"No submission {submission_id}.")
    pdf = reports.pdf_for(submission, lang)
    output.write(pdf)
    click.echo(f"Wrote {len(pdf)} bytes ({lang}) for submission {submission_id}.", err=True)
