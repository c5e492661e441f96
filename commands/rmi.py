"""RMI template commands: import a workbook into a questionnaire, export one into a template."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from extensions import db
from models import Submission
from services import rmi as rmi_import
from services import rmi_export
from services.errors import DomainError

rmi_cli = click.Group("rmi", help="Import and export RMI EMRT / AMRT workbooks.")


def _submission(submission_id: int) -> Submission:
    submission = db.session.get(Submission, submission_id)
    if submission is None:
        raise click.ClickException(f"No submission {submission_id}.")
    return submission


def preview_document(shown: rmi_import.Preview) -> dict:
    """Return a preview as JSON-ready data (English messages)."""
    item = shown.item
    return {
        "file": item.filename,
        "sha256": item.sha256,
        "template": item.kind,
        "version": item.version,
        "answers": [
            {
                "question": p.question_id,
                "status": p.status,
                "current": p.current,
                "proposed": p.proposed,
                "cells": p.cells,
                "note": p.note,
            }
            for p in shown.proposals
        ],
        "not_imported": [
            {"item": u.item, "reason": u.reason, "cells": u.cells, **u.params}
            for u in shown.unmapped
        ],
        "problems": [
            {"severity": p.severity, "cell": p.cell, "message": p.message} for p in shown.problems
        ],
    }


@rmi_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--submission", "submission_id", type=int, required=True)
@click.option("--dry-run", is_flag=True, help="Print the preview as JSON and change nothing.")
@click.option("--overwrite", is_flag=True, help="Replace answers that differ (default: keep them).")
@with_appcontext
def import_workbook(file, submission_id, dry_run, overwrite):
    """Import an EMRT or AMRT workbook into a draft: print the preview, then apply it."""
    submission = _submission(submission_id)
    if not submission.status.editable:
        raise click.ClickException("This questionnaire cannot be changed now.")
    data = file.read_bytes()
    try:
        reading = rmi_import.read(data)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    item = rmi_import.stage(submission, None, file.name, data, reading)
    shown = rmi_import.show(item, submission)
    click.echo(json.dumps(preview_document(shown), ensure_ascii=False, indent=2))
    if dry_run:
        db.session.rollback()
        return
    take = {p.question_id for p in shown.conflicts} if overwrite else set()
    try:
        outcome = rmi_import.apply(item, submission, None, take, submission.version)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    click.echo(
        f"Imported into submission {submission_id}: {len(outcome.changed)} answer(s) changed, "
        f"{len(outcome.kept)} kept, {len(outcome.errors)} refused.",
        err=True,
    )
    if outcome.errors:
        sys.exit(1)


@rmi_cli.command("export")
@click.argument("submission_id", type=int)
@click.option(
    "--template",
    "template_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="An official EMRT or AMRT file.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@with_appcontext
def export_workbook(submission_id, template_file, output):
    """Write a submission's answers into a copy of an official template."""
    submission = _submission(submission_id)
    try:
        data = rmi_export.export(submission, template_file.read_bytes())
    except DomainError as error:
        raise click.ClickException(error.message) from None
    output.write_bytes(data)
    click.echo(f"Wrote {output} ({len(data)} bytes).")
