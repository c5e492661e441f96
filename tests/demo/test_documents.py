"""The demo answers documents: each parses against its questionnaire version and scores."""

from __future__ import annotations

import hashlib

import pytest

import demo
import questionnaires as qn
import rules
from demo import calibration, loader
from demo.submissions import DOCUMENT

QUESTIONNAIRES = qn.load_all()
#: Every shipped edition: each rule set scores with the editions it names.
REFDATA = rules.load_library()
#: Each document's rating with the shipped rule set on the day it describes (``demo.as_of``).
RATINGS = {
    "high-risk": "critical",
    "low-risk": "low",
    "suppliers/circular-metals": "low",
    "suppliers/heilongjiang-graphite": "critical",
    "suppliers/kalahari-manganese": "low",
    "suppliers/lualaba-cobalt": "high",
    "suppliers/morowali-nickel": "critical",
    "suppliers/pilbara-spodumene": "low",
    # The calibration documents, each with the rating an auditor would expect.
    **{case.name: case.expected for case in calibration.cases()},
}
#: Calibration documents whose supplier attached nothing (answers that claim nothing).
WITHOUT_EVIDENCE = {
    "calibration/recycler-not-applicable-everywhere",
    "calibration/trader-unknown-everything",
    "calibration/trader-drc-cobalt-unknown-everything",
}


def shipped_rulesets(document: dict) -> list[rules.RuleSet]:
    """Return every shipped rule set for the document's questionnaire version."""
    target = (document["questionnaire"], document["version"])
    found = [rules.load_ruleset(key, version) for key, version in rules.list_rulesets()]
    return [r for r in found if (r.questionnaire_id, r.questionnaire_version) == target]


def test_the_documents_are_named_in_one_place():
    assert set(demo.names()) == set(RATINGS)
    assert {demo.HIGH_RISK, demo.LOW_RISK} < set(demo.names())
    assert sorted(loader.SUPPLIER_DOCUMENTS) == list(demo.supplier_names())
    assert sorted(case.name for case in calibration.cases()) == list(demo.calibration_names())
    assert all(path.suffix == ".yaml" for path in demo.DOCUMENTS_DIR.rglob("*.*"))


@pytest.mark.parametrize("name", demo.names())
def test_every_document_parses_and_scores_with_the_shipped_rule_set(name):
    document = demo.document(name)
    assert set(document) == {"questionnaire", "version", "answers", "evidence"}
    parsed = qn.parse_answers_document(document, QUESTIONNAIRES)
    assert parsed.errors == {}
    evidence, errors = qn.parse_evidence(parsed.questionnaire, document["evidence"])
    assert errors == {}
    assert bool(evidence) is (name not in WITHOUT_EVIDENCE)
    assert set(document["answers"]) <= qn.visible_question_ids(parsed.questionnaire, parsed.answers)
    missing = qn.missing_items(parsed.questionnaire, parsed.answers, evidence)
    if name == demo.HIGH_RISK:
        assert {item.kind for item in missing} == {qn.MissingKind.EVIDENCE}
    else:
        assert missing == []
    rulesets = shipped_rulesets(document)
    assert rulesets
    for ruleset in rulesets:
        result = rules.evaluate(ruleset, document, REFDATA, demo.as_of(name))
        assert result.incomplete == ()
        assert result.rating.label == RATINGS[name], ruleset.version


@pytest.mark.parametrize("name", demo.supplier_names())
def test_supplier_documents_attach_the_demo_pdf(name):
    digest = hashlib.sha256(DOCUMENT).hexdigest()
    files = [f for attached in demo.document(name)["evidence"].values() for f in attached]
    assert files and {f["sha256"] for f in files} == {digest}
    assert any(f["valid_until"] for f in files)


def test_documents_are_fresh_copies_and_names_are_checked():
    first = demo.document(demo.HIGH_RISK)
    first["answers"].clear()
    assert demo.document(demo.HIGH_RISK)["answers"]
    with pytest.raises(KeyError, match="no-such"):
        demo.document("no-such")
    with pytest.raises(KeyError):
        demo.document("../documents/high-risk")
    assert demo.as_of(demo.HIGH_RISK) == demo.SCORING_DATE
    assert demo.as_of("suppliers/lualaba-cobalt") == demo.SUPPLIERS_DATE
