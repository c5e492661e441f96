"""Reference-data commands: list the editions, import an official one an operator downloaded."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

import rules
from extensions import db
from services import audit, risk
from services import refdata as importer

refdata_cli = click.Group(
    "refdata", help="Reference-data editions (ILAB List of Goods, WGI): list, import."
)


@refdata_cli.command("list")
@with_appcontext
def list_editions():
    """List every edition with its label, file, and the rule sets that score with it."""
    try:
        library = risk.reference_library()
    except rules.RuleSetError as error:
        raise click.ClickException(str(error)) from error
    used: dict[tuple[str, str], list[str]] = {}
    for ruleset in risk.rulesets():
        try:
            chosen = library.choice(rules.editions_for(ruleset, risk.chosen_editions()))
        except rules.RuleSetError as error:
            click.echo(f"{ruleset.id} {ruleset.version}: {error}", err=True)
            continue
        for source, edition in chosen.items():
            used.setdefault((source, edition), []).append(f"{ruleset.id} {ruleset.version}")
    for edition in library.editions():
        marks = []
        if library.defaults.get(edition.source) == edition.id:
            marks.append("default")
        if risk.chosen_editions().get(edition.source) == edition.id:
            marks.append("chosen by REFDATA_EDITIONS")
        users = used.get((edition.source, edition.id))
        if users:
            marks.append("scores " + ", ".join(users))
        click.echo(f"{edition.source} {edition.id}: {edition.label}")
        click.echo(f"    {edition.path}" + (f"  [{'; '.join(marks)}]" if marks else ""))


@refdata_cli.command("import")
@click.argument("source", type=click.Choice(["ilab", "wgi"]))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--edition",
    default=None,
    help="Edition id recorded in scores (default: the WGI data year; for ILAB the year "
    "in the file name).",
)
@click.option("--label", default=None, help="What the edition is, shown with its findings.")
@click.option("--sheet", default=None, help="Worksheet of an .xlsx file (default: the first "
              "with a header row).")  # fmt: skip
@click.option("--year", type=int, default=None, help="WGI: data year (default: the latest).")
@with_appcontext
def import_edition(source, file, edition, label, sheet, year):
    """Load FILE (.xlsx or .csv, as downloaded from DOL or the World Bank) as a new edition.

    The file is checked first (every problem is listed with its row and column, and nothing
    is stored then); countries are mapped to ISO codes; the edition goes to REFDATA_DIR with
    its label and provenance, and never replaces an edition that exists.
    """
    if year is not None and source != "wgi":
        raise click.UsageError("--year applies to wgi only.")
    try:
        library = risk.reference_library()
        if source == "ilab":
            imported = importer.read_ilab(file, sheet)
        else:
            imported = importer.read_wgi(file, sheet, year)
        edition = edition or importer.default_edition(imported, file)
        if edition is None:
            raise click.UsageError(
                "Give --edition: the file's name does not say which year's list it is."
            )
        label = label or importer.default_label(imported, edition, file)
        # The audit entry first: an import nobody can trace is not stored.
        audit.record(
            "refdata.import",
            detail={
                "source": source,
                "edition": edition,
                "label": label,
                "file": file.name,
                "sha256": importer.sha256_of(file),
                "rows": len(imported.rows),
            },
        )
        stored = importer.store(
            imported, current_app.config["REFDATA_DIR"], edition, label, file, library
        )
    except (importer.ImportProblems, rules.RuleSetError) as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    try:
        db.session.commit()
    except Exception:
        importer.remove(stored)
        raise
    current_app.extensions.pop("refdata", None)
    click.echo(f"Imported {source} edition {stored.id}: {stored.label}")
    click.echo(f"  {len(imported.rows)} rows into {stored.path}")
    for item in imported.skipped:
        click.echo(f"  skipped {item}")
    click.echo(
        f"No score uses it until it is chosen: set REFDATA_EDITIONS={source}={stored.id} "
        "(or name it in a rule set's reference_data) and restart the application."
    )
