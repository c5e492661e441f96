"""Questionnaire and answers commands: export, check, import."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

import questionnaires as qn
from extensions import db
from models import Submission
from services import questionnaires as registry
from services import submissions
from services.errors import DomainError

questionnaire_cli = click.Group("questionnaire", help="Export and check questionnaire definitions.")
answers_cli = click.Group("answers", help="Export and import answers documents.")


def _dump(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@questionnaire_cli.command("export")
@click.option("--id", "key", default=registry.DEFAULT_QUESTIONNAIRE, show_default=True)
@click.option("--version", default=None, help="Version to export (default: the newest).")
@with_appcontext
def export(key, version):
    """Print a questionnaire definition as JSON."""
    if version is None:
        definition = registry.latest(key)
    else:
        definition = registry.registry().get((key, version))
        if definition is None:
            raise click.ClickException(f"No questionnaire {key!r} version {version!r}.")
    _dump(definition.to_export())


@questionnaire_cli.command("check")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of definitions to check (default: the installed ones).",
)
def check(directory):
    """Validate every definition and the catalogue coverage; exit non-zero listing problems."""
    try:
        loaded = qn.load_all(directory) if directory else qn.load_all()
    except qn.DefinitionError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    problems = qn.check_coverage(list(loaded.values()), qn.load_catalogue())
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        sys.exit(1)
    names = ", ".join(f"{k} {v}" for k, v in sorted(loaded))
    click.echo(f"OK: {len(loaded)} definition(s) ({names}); catalogue coverage complete.")


def _submission(submission_id: int) -> Submission:
    submission = db.session.get(Submission, submission_id)
    if submission is None:
        raise click.ClickException(f"No submission {submission_id}.")
    return submission


@answers_cli.command("export")
@click.argument("submission_id", type=int)
@with_appcontext
def export_answers(submission_id):
    """Print the answers document of a submission."""
    _dump(submissions.answers_document(_submission(submission_id)))


@answers_cli.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--submission", "submission_id", type=int, required=True)
@with_appcontext
def import_answers(file, submission_id):
    """Load an answers document (JSON) into a draft submission."""
    submission = _submission(submission_id)
    try:
        document = json.load(file)
    except json.JSONDecodeError as error:
        raise click.ClickException(
            f"{file.name}: not valid JSON ({error.msg}, line {error.lineno})."
        ) from None
    try:
        errors = submissions.import_document(submission, document)
    except DomainError as error:
        raise click.ClickException(error.message) from error
    for question_id, message in sorted(errors.items()):
        click.echo(f"{question_id}: {message}", err=True)
    click.echo(f"Imported into submission {submission_id}; {len(errors)} answer(s) refused.")
    if errors:
        sys.exit(1)
