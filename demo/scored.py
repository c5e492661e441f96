"""A demo answers document scored with the newest rule set for its questionnaire version, and
the report parts it gives.

The parts are what a stored submission gives the PDF report (see ``services.reports``):
answer sections from the questionnaire's texts, findings with their catalogue references
and the answers that triggered them, and the supplier as it answered. Pure: no Flask, no
database.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any, NamedTuple

import questionnaires as qn
import rules
from demo.documents import as_of, document
from reports import parts
from reports.data import (
    AnswerSection,
    Evidence,
    Finding,
    FindingReview,
    Site,
    Supplier,
)


class Scored(NamedTuple):
    """An answers document, its questionnaire, its canonical answers and its result."""

    document: dict[str, Any]
    questionnaire: qn.Questionnaire
    answers: dict[str, Any]
    #: ``rules.RiskResult.to_dict()``, scored on the day the document describes.
    result: dict[str, Any]


@functools.cache
def scored(name: str) -> Scored:
    """Return demo document *name* scored on the day it describes (shared: do not change it)."""
    sample = document(name)
    questionnaire = qn.load_all()[(sample["questionnaire"], sample["version"])]
    answers = qn.parse_answers_document(sample, [questionnaire]).answers
    ruleset = rules.ruleset_for(sample["questionnaire"], sample["version"])
    result = rules.evaluate(ruleset, sample, rules.load_library(), as_of(name))
    return Scored(sample, questionnaire, answers, result.to_dict())


@functools.cache
def _catalogue() -> qn.Catalogue:
    return qn.load_catalogue()


def answer_sections(sample: Scored) -> list[AnswerSection]:
    """Return the answered questions and their evidence, section by section."""
    evidence = {
        question_id: [Evidence(f["name"], f["sha256"], _date(f["valid_until"])) for f in files]
        for question_id, files in sample.document["evidence"].items()
    }
    return parts.answer_sections(sample.questionnaire, sample.answers, evidence)


def finding(
    sample: Scored, item: dict[str, Any], rule_id: str, review: FindingReview | None
) -> Finding:
    """Return finding *item* of the result under *rule_id*, with its references and triggers."""
    return parts.finding(
        item, sample.questionnaire, sample.answers, _catalogue(), review, rule_id=rule_id
    )


def supplier(sample: Scored) -> Supplier:
    """Return the supplier as it answered: name, country, sites, minerals and stages."""
    answers = sample.answers
    return Supplier(
        name=answers["org_legal_name"],
        country=answers["org_country"],
        sites=[Site(row["name"], row["country"]) for row in answers.get("org_sites", [])],
        countries=list(answers.get("org_countries", [])),
        minerals=list(answers.get("org_minerals", [])),
        lifecycle_stages=list(answers.get("org_lifecycle_stages", [])),
    )


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
