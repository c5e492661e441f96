"""Report command: render a submission's PDF report to a file."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from extensions import db
from models import Review, Submission
from services import reports, stored_reports

report_cli = click.Group("report", help="Render due-diligence reports.")


@report_cli.command("render")
@click.argument("submission_id", type=int)
@click.option("--lang", type=click.Choice(reports.LANGUAGES), default="en", show_default=True)
@click.option(
    "--buyer",
    "buyer_id",
    type=int,
    help="Buyer organisation id: that buyer's report (the stored one once it decided).",
)
@click.option("-o", "--output", type=click.File("wb"), required=True, help="File to write.")
@with_appcontext
def render(submission_id, lang, buyer_id, output):
    """Render the report of SUBMISSION_ID to a PDF file: the supplier's working copy, or with
    --buyer that buyer's report."""
    submission = db.session.get(Submission, submission_id)
    if submission is None:
        raise click.ClickException(f"No submission {submission_id}.")
    review = None
    if buyer_id is not None:
        review = db.session.scalar(
            select(Review).where(Review.submission_id == submission_id, Review.buyer_id == buyer_id)
        )
        if review is None:
            raise click.ClickException(f"Buyer {buyer_id} has no review of {submission_id}.")
    try:
        pdf = stored_reports.pdf_for(submission, lang, review)
    except stored_reports.ReportPending:
        raise click.ClickException("The report could not be rendered; see the log.") from None
    output.write(pdf)
    click.echo(f"Wrote {len(pdf)} bytes ({lang}) for submission {submission_id}.", err=True)


@report_cli.command("retry-pending")
@with_appcontext
def retry_pending():
    """Render and store the reports of decisions whose render failed."""
    pending = stored_reports.pending_reviews()
    failed = [r.id for r in pending if not stored_reports.store_or_leave_pending(r)]
    click.echo(f"{len(pending) - len(failed)} of {len(pending)} pending reports stored.")
    if failed:
        raise click.ClickException(f"Still pending: reviews {failed}.")
