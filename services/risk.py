"""Scoring submissions with the rules engine and storing the results as snapshots."""

from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import update

import rules
from extensions import db
from models import RiskResult, Submission
from rules.refdata import DEFAULT_DIRECTORY
from services.errors import DomainError

DEFAULT_RULESET = "critical-minerals-risk"


def reference_library() -> rules.ReferenceLibrary:
    """Return every reference-data edition: the shipped ones and those imported into
    ``REFDATA_DIR``, loaded once per process (restart to see an edition imported since)."""
    library = current_app.extensions.get("refdata")
    if library is None:
        library = rules.load_library(DEFAULT_DIRECTORY, current_app.config["REFDATA_DIR"])
        current_app.extensions["refdata"] = library
    return library


def chosen_editions() -> dict[str, str]:
    """Return the editions the operator chose for every score (``REFDATA_EDITIONS``)."""
    return dict(current_app.config.get("REFDATA_EDITIONS") or {})


def reference_data(ruleset: rules.RuleSet) -> rules.ReferenceData:
    """Return the one edition of each source *ruleset* scores with: the operator's choice,
    else the edition the rule set names, else the default.

    :raises rules.RuleSetError: when a chosen or named edition is not installed.
    """
    return reference_library().select(rules.editions_for(ruleset, chosen_editions()))


def rulesets() -> list[rules.RuleSet]:
    """Return every installed rule set, loaded and validated once per process."""
    loaded = current_app.extensions.get("rulesets")
    if loaded is None:
        loaded = rules.shipped_rulesets()
        current_app.extensions["rulesets"] = loaded
    return loaded


def ruleset_for(questionnaire_id: str, version: str) -> rules.RuleSet | None:
    """Return the newest installed rule set that scores this questionnaire version, if any."""
    return rules.ruleset_for(questionnaire_id, version, rulesets())


def ruleset_of(document: dict) -> rules.RuleSet:
    """Return the rule set that scores answers document *document*.

    :raises DomainError: when no installed rule set scores its questionnaire version.
    """
    key = (str(document.get("questionnaire")), str(document.get("version")))
    ruleset = ruleset_for(*key)
    if ruleset is None:
        raise DomainError(
            _(
                "No rule set scores questionnaire %(key)s version %(version)s.",
                key=key[0],
                version=key[1],
            )
        )
    return ruleset


def evaluate(document: dict, scoring_date: date, ruleset_version: str | None = None):
    """Evaluate an answers document with the newest rule set for its questionnaire version
    (or with rule-set *ruleset_version*)."""
    if ruleset_version is None:
        ruleset = ruleset_of(document)
    else:
        ruleset = rules.load_ruleset(DEFAULT_RULESET, ruleset_version)
    return rules.evaluate(ruleset, document, reference_data(ruleset), scoring_date)


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
