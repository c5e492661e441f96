"""Scoring submissions with the rules engine and storing the results as snapshots."""

from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

import questionnaires as qn
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


def newest_ruleset(questionnaire_id: str) -> rules.RuleSet | None:
    """Return the newest installed rule set for any version of questionnaire
    *questionnaire_id* (what ``risk rescore`` moves submissions to)."""
    found = [r for r in rulesets() if r.questionnaire_id == questionnaire_id]
    return max(found, key=lambda r: qn.version_key(r.version), default=None)


def carried(document: dict, ruleset: rules.RuleSet) -> tuple[dict, dict | None]:
    """Return *document* as *ruleset*'s questionnaire version reads it, and what carrying it
    there left out (``None`` when it already is that version).

    Answers of an earlier version carry over when their question is unchanged in the newer
    one (``questionnaires.plan_move``, as when a supplier moves a draft); the others, and the
    questions new in that version, are left unanswered, which the rule set sees as such.

    :raises DomainError: when the rule set scores another questionnaire, or an older version.
    """
    source_key = (str(document.get("questionnaire")), str(document.get("version")))
    target_key = (ruleset.questionnaire_id, ruleset.questionnaire_version)
    if source_key == target_key:
        return document, None
    scored = ruleset_for(*source_key)  # its questionnaire is the answers' version
    source = scored.questionnaire if scored is not None else None
    if (
        source is None
        or source_key[0] != target_key[0]
        or qn.version_key(source_key[1]) > qn.version_key(target_key[1])
    ):
        raise DomainError(
            _(
                "Rule set %(ruleset)s scores questionnaire %(key)s version %(version)s, which "
                "these answers cannot be carried to.",
                ruleset=ruleset.version,
                key=target_key[0],
                version=target_key[1],
            )
        )
    evidence = document.get("evidence") or {}
    move = qn.plan_move(source, ruleset.questionnaire, document.get("answers") or {}, evidence)
    projected = {
        "questionnaire": target_key[0],
        "version": target_key[1],
        "answers": dict(move.carried),
        "evidence": {q: evidence[q] for q in move.files_carried},
    }
    left_out = {
        "from_version": source_key[1],
        "to_version": target_key[1],
        "left_out": sorted(set(move.changed) | set(move.removed) | set(move.files_removed)),
        "new_questions": len(move.new),
    }
    return projected, left_out


def evaluate(document: dict, scoring_date: date, ruleset_version: str | None = None):
    """Evaluate an answers document with the newest rule set for its questionnaire version
    (or with rule-set *ruleset_version*, the answers carried to its questionnaire version)."""
    return _evaluate(document, scoring_date, ruleset_version)[0]


def _evaluate(document: dict, scoring_date: date, ruleset_version: str | None):
    if ruleset_version is None:
        ruleset = ruleset_of(document)
    else:
        ruleset = rules.load_ruleset(DEFAULT_RULESET, ruleset_version)
    document, left_out = carried(document, ruleset)
    result = rules.evaluate(ruleset, document, reference_data(ruleset), scoring_date)
    return result, left_out


def score(
    submission: Submission,
    document: dict,
    scoring_date: date,
    ruleset_version: str | None = None,
) -> RiskResult:
    """Score *submission* and store the result as its current one (the caller commits).

    Earlier results stay, no longer current: a stored result is never changed. A result of
    answers carried to a newer questionnaire version records what was left out
    (``carried``).
    """
    result, left_out = _evaluate(document, scoring_date, ruleset_version)
    data = result.to_dict()
    if left_out is not None:
        data["carried"] = left_out
    seen = data.get("visibility")
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
        visibility=seen["score"] if seen else None,
        insufficient=bool(seen and seen["insufficient"]),
        result=data,
        current=True,
    )
    db.session.add(row)
    db.session.flush()
    return row


def previous_result(result: RiskResult) -> RiskResult | None:
    """Return the result that *result* replaced for the same round (a re-score), if any."""
    return db.session.scalar(
        select(RiskResult)
        .where(
            RiskResult.submission_id == result.submission_id,
            RiskResult.round == result.round,
            RiskResult.id < result.id,
        )
        .order_by(RiskResult.id.desc())
        .limit(1)
    )


def current_result(submission: Submission) -> RiskResult | None:
    """Return the current stored result of *submission*, if it was scored."""
    return db.session.scalar(
        db.select(RiskResult).where(
            RiskResult.submission_id == submission.id, RiskResult.current.is_(True)
        )
    )
