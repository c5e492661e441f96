"""Scoring submissions with the rules engine and storing the results as snapshots."""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import update

import rules
from extensions import db
from models import RiskResult, Submission

DEFAULT_RULESET = "critical-minerals-risk"


def reference_data() -> rules.ReferenceData:
    """Return the vendored reference data, loaded once per process."""
    data = current_app.extensions.get("refdata")
    if data is None:
        data = rules.load_reference_data()
        current_app.extensions["refdata"] = data
    return data


def evaluate(document: dict, scoring_date: date, ruleset_version: str | None = None):
    """Evaluate an answers document with the rule set (newest unless *ruleset_version*)."""
    ruleset = rules.load_ruleset(DEFAULT_RULESET, ruleset_version)
    return rules.evaluate(ruleset, document, reference_data(), scoring_date)


def score(
    submission: Submission,
    document: dict,
    scoring_date: date,
    ruleset_version: str | None = None,
) -> RiskResult:
    """Score *submission* and store the result as its current one (the caller commits).

    Earlier results stay, no longer current: a stored result is never changed.
    """
    result = evaluate(document, scoring_date, ruleset_version)
    data = result.to_dict()
    db.session.execute(
        update(RiskResult)
        .where(RiskResult.submission_id == submission.id, RiskResult.current.is_(True))
        .values(current=False)
    )
    row = RiskResult(
        submission_id=submission.id,
        round=submission.round,
        ruleset_id=result.ruleset_id,
        ruleset_version=result.ruleset_version,
        data_editions=dict(result.data_editions),
        scoring_date=scoring_date,
        rating=data["rating"],
        score=result.score,
        red_flag_count=len(data["red_flags"]),
        result=data,
        current=True,
    )
    db.session.add(row)
    db.session.flush()
    return row


def current_result(submission: Submission) -> RiskResult | None:
    """Return the current stored result of *submission*, if it was scored."""
    return db.session.scalar(
        db.select(RiskResult).where(
            RiskResult.submission_id == submission.id, RiskResult.current.is_(True)
        )
    )
