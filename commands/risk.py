"""Risk commands: score answers documents, re-score submissions, check rule sets."""

from __future__ import annotations

import json
import sys
from datetime import date

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

import questionnaires as qn
import rules
from extensions import db
from models import Submission, SubmissionRound
from services import audit, risk
from services import questionnaires as registry
from services.errors import DomainError

risk_cli = click.Group("risk", help="Score answers, re-score submissions, check rule sets.")


def _documents(text: str):
    """Yield (number, document or error) from JSON or JSON Lines text."""
    stripped = text.strip()
    if not stripped:
        return
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError:
        data = None
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                yield number, ValueError(f"not valid JSON ({error.msg})")
        return
    if isinstance(data, list):
        yield from enumerate(data, start=1)
    else:
        yield 1, data


@risk_cli.command("score")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option(
    "--ruleset",
    "version",
    default=None,
    help="Rule-set version (default: the newest that scores each document's version).",
)
@click.option("--date", "scoring_date", type=click.DateTime(["%Y-%m-%d"]), default=None)
@with_appcontext
def score(file, version, scoring_date):
    """Score answers documents (JSON, JSON Lines, or - for standard input); print JSON lines."""
    when = scoring_date.date() if scoring_date else date.today()
    chosen = None
    if version is not None:
        try:
            chosen = rules.load_ruleset(risk.DEFAULT_RULESET, version)
        except rules.RuleSetError as error:
            raise click.ClickException(str(error)) from error
    failed = 0
    for number, document in _documents(file.read()):
        if isinstance(document, Exception):
            failed += 1
            click.echo(f"document {number}: {document}", err=True)
            continue
        try:
            ruleset = chosen or risk.ruleset_of(document if isinstance(document, dict) else {})
            result = rules.evaluate(ruleset, document, risk.reference_data(ruleset), when)
        except (rules.DocumentError, rules.RuleSetError, DomainError) as error:
            failed += 1
            click.echo(f"document {number}: {error}", err=True)
            continue
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    if failed:
        sys.exit(1)


@risk_cli.command("rescore")
@click.argument("submission_id", type=int, required=False)
@click.option("--all", "everything", is_flag=True, help="Re-score every submitted submission.")
@click.option(
    "--ruleset",
    "version",
    default=None,
    help="Rule-set version (default: the newest for the submission's questionnaire).",
)
@with_appcontext
def rescore(submission_id, everything, version):
    """Score submitted answers with the newest rule set (or --ruleset) and store the result
    as the current one; earlier results stay, and the review page shows what changed.

    Answers of an earlier questionnaire version are carried to the rule set's version as a
    supplier's draft would be (unchanged questions carry over; the result lists the rest).
    """
    if bool(submission_id) == everything:
        raise click.UsageError("Give a SUBMISSION_ID or --all.")
    query = select(Submission).where(Submission.submitted_at.is_not(None))
    if submission_id:
        query = query.where(Submission.id == submission_id)
    done = failed = 0
    for submission in db.session.scalars(query.order_by(Submission.id)).all():
        snapshot = db.session.scalar(
            select(SubmissionRound)
            .where(SubmissionRound.submission_id == submission.id)
            .order_by(SubmissionRound.round.desc())
            .limit(1)
        )
        if snapshot is None:
            continue
        before = risk.current_result(submission)
        newest = risk.newest_ruleset(str(snapshot.answers.get("questionnaire")))
        chosen = version or (newest.version if newest else None)
        try:
            row = risk.score(submission, snapshot.answers, date.today(), chosen)
        except (rules.DocumentError, rules.RuleSetError, DomainError) as error:
            db.session.rollback()
            failed += 1
            click.echo(f"submission {submission.id}: {error}", err=True)
            continue
        audit.record(
            "risk.rescore",
            submission_id=submission.id,
            organisation_id=submission.supplier_id,
            detail={
                "ruleset": row.ruleset_version,
                "rating": row.rating,
                "score": row.score,
                "visibility": row.visibility,
                "from_ruleset": before.ruleset_version if before else None,
                "from_rating": before.rating if before else None,
                "from_score": before.score if before else None,
            },
        )
        db.session.commit()
        done += 1
        was = ""
        if before is not None:
            was = f"{before.rating} ({before.score}) with {before.ruleset_version} -> "
        seen = f", visibility {row.visibility}" if row.visibility is not None else ""
        click.echo(
            f"submission {submission.id}: {was}{row.rating} ({row.score}) "
            f"with {row.ruleset_version}{seen}"
        )
    if submission_id and not done and not failed:
        raise click.ClickException(f"Submission {submission_id} has no submitted answers to score.")
    click.echo(f"Re-scored {done} submission(s).")
    drafts = db.session.scalar(
        select(func.count()).select_from(Submission).where(Submission.submitted_at.is_(None))
    )
    if everything and drafts:
        click.echo(
            f"{drafts} draft(s) not scored: their suppliers are offered the newest version "
            "of the questionnaire on their overview."
        )
    if failed:
        sys.exit(1)


@risk_cli.command("check")
@with_appcontext
def check():
    """Validate every rule set against its questionnaire, the catalogue and the reference-data
    editions it scores with."""
    catalogue = qn.load_catalogue()
    problems = []
    names = []
    for ruleset_id, version in rules.list_rulesets():
        try:
            ruleset = rules.load_ruleset(ruleset_id, version)
        except rules.RuleSetError as error:
            problems.append(str(error))
            continue
        definition = registry.registry().get(
            (ruleset.questionnaire_id, ruleset.questionnaire_version)
        )
        if definition is None:
            problems.append(f"{ruleset_id} {version}: its questionnaire is not installed")
            continue
        problems.extend(
            f"{ruleset_id} {version}: {p}"
            for p in rules.check_ruleset(ruleset, definition, catalogue)
        )
        try:
            risk.reference_data(ruleset)
        except rules.RuleSetError as error:
            problems.extend(f"{ruleset_id} {version}: reference data: {p}" for p in error.problems)
        names.append(f"{ruleset_id} {version}")
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        sys.exit(1)
    click.echo(f"OK: {', '.join(names)}")
