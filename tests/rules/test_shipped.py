"""The shipped rule set against the shipped questionnaire, catalogue and reference data."""

from __future__ import annotations

import dataclasses
import re

import pytest

import demo
import questionnaires
from rules import (
    DocumentError,
    RuleSetError,
    check_ruleset,
    evaluate,
    list_rulesets,
    load_ruleset,
)
from tests.rules.documents import DRC_COBALT, evidence_file, exemplary_document, with_answers

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def shipped():
    return load_ruleset("critical-minerals-risk")


def run(ruleset, refdata, doc):
    return evaluate(ruleset, doc, refdata, demo.SCORING_DATE)


def test_listing_and_latest_version(shipped):
    assert ("critical-minerals-risk", "1.0") in list_rulesets()
    assert load_ruleset("critical-minerals-risk", "1.0") is shipped
    assert (shipped.questionnaire_id, shipped.questionnaire_version) == (
        "critical-minerals-dd",
        "1.0",
    )
    with pytest.raises(RuleSetError, match="no rule set 'nope'"):
        load_ruleset("nope")
    with pytest.raises(RuleSetError, match="version '0.1'"):
        load_ruleset("critical-minerals-risk", "0.1")


def test_check_ruleset_passes_for_the_shipped_rule_set(shipped):
    questionnaire = questionnaires.load_all()[("critical-minerals-dd", "1.0")]
    assert check_ruleset(shipped, questionnaire, questionnaires.load_catalogue()) == []


def test_check_ruleset_reports_uncited_rule_entries_and_a_wrong_questionnaire(shipped):
    catalogue = questionnaires.load_catalogue()
    entry = catalogue.entries["USJP-4.3"]  # cover: rules
    extra = dataclasses.replace(entry, code="USJP-9.9")
    bigger = dataclasses.replace(catalogue, entries={**catalogue.entries, "USJP-9.9": extra})
    questionnaire = questionnaires.load_all()[("critical-minerals-dd", "1.0")]
    other = dataclasses.replace(questionnaire, version="2.0")
    problems = check_ruleset(shipped, other, bigger)
    assert problems == [
        "questionnaire: rule set targets critical-minerals-dd 1.0, given critical-minerals-dd 2.0",
        "references: catalogue entry USJP-9.9 (cover: rules) is cited by no rule",
    ]


def test_check_ruleset_reports_unknown_codes_and_questions(shipped):
    catalogue = questionnaires.load_catalogue()
    smaller = dataclasses.replace(
        catalogue, entries={k: v for k, v in catalogue.entries.items() if k != "OECD-S5"}
    )
    questionnaire = questionnaires.load_all()[("critical-minerals-dd", "1.0")]
    sections = tuple(
        dataclasses.replace(s, questions=tuple(q for q in s.questions if q.id != "fl_debt"))
        for s in questionnaire.sections
    )
    fewer = dataclasses.replace(questionnaire, sections=sections)
    problems = check_ruleset(shipped, fewer, smaller)
    assert any(
        p.endswith("(dd_no_annual_report).references: unknown reference code 'OECD-S5'")
        for p in problems
    )
    assert any("(fl_debt_bondage).when: unknown question id 'fl_debt'" in p for p in problems)


def test_every_rule_speaks_japanese(shipped):
    for rule in (*shipped.rules, *shipped.evidence_rules):
        for text in (rule.title, rule.action):
            assert JAPANESE.search(text.ja), rule.id
            assert not JAPANESE.search(text.en), rule.id
    for category in shipped.categories:
        assert JAPANESE.search(category.name.ja)


def test_drc_cobalt_gets_an_ilab_child_labour_finding_and_is_not_low(shipped, refdata):
    exemplary = exemplary_document()
    baseline = run(shipped, refdata, exemplary)
    assert baseline.rating.label == "low"
    assert baseline.findings == ()

    rows = exemplary["answers"]["trace_materials"] + [DRC_COBALT]
    result = run(shipped, refdata, with_answers(exemplary, trace_materials=rows))
    finding = next(f for f in result.findings if f.rule_id == "cl_ilab_listed_source")
    assert finding.category == "child_labour"
    assert "US-ILAB-LIST" in finding.references
    assert [t.to_dict() for t in finding.triggered_by] == [
        {"question": "trace_materials", "value": DRC_COBALT}
    ]
    assert result.rating.label != "low"
    assert result.rating.label == "medium"
    assert result.score > baseline.score
    assert max(row.score for row in result.inherent_rows) == 100.0
    child = next(c for c in result.to_dict()["categories"] if c["id"] == "child_labour")
    assert child["rating"] == "high"

    careless = with_answers(exemplary, trace_materials=rows, lr_age_verification="no")
    worse = run(shipped, refdata, careless)
    assert worse.rating.label == "high"
    assert "cl_ilab_source_without_controls" in {f.rule_id for f in worse.findings}


def test_high_risk_document_is_complete_and_rich(shipped, refdata):
    doc = demo.document(demo.HIGH_RISK)
    questionnaire = shipped.questionnaire
    parsed = questionnaires.parse_answers_document(doc, [questionnaire])
    assert parsed.errors == {}
    missing = questionnaires.missing_items(questionnaire, parsed.answers, doc["evidence"])
    assert [m.kind for m in missing] == [questionnaires.MissingKind.EVIDENCE] * 2
    visible = questionnaires.visible_question_ids(questionnaire, parsed.answers)
    assert set(doc["answers"]) <= visible
    result = run(shipped, refdata, doc)
    data = result.to_dict()
    assert len(data["findings"]) >= 30
    assert data["incomplete"] == []
    assert data["rating"] == "critical"
    assert {
        "fl_identity_documents_retained",
        "fl_recruitment_fees",
        "cl_child_labour_found",
        "env_no_impact_assessment",
    } <= set(data["red_flags"])
    ids = [f["rule_id"] for f in data["findings"]]
    assert {"cl_ilab_listed_source", "evidence_missing", "evidence_expired"} <= set(ids)
    assert len(ids) == len(set(ids))
    assert demo.document(demo.HIGH_RISK) == doc  # a fresh copy every time


def test_hidden_answers_are_not_scored_and_not_incomplete(shipped, refdata):
    doc = with_answers(exemplary_document(), org_young_workers="no", lr_under18_hazardous="yes")
    result = run(shipped, refdata, doc)
    assert "cl_hazardous_work_under_18" not in {f.rule_id for f in result.findings}
    shown = with_answers(doc, org_young_workers="yes", lr_under18_hazardous=None)
    assert run(shipped, refdata, shown).incomplete == ("lr_under18_hazardous",)


def test_evidence_questions_count_as_answered_by_their_files(shipped, refdata):
    doc = exemplary_document()
    del doc["evidence"]["dd_audit_report"]
    result = run(shipped, refdata, doc)
    assert result.incomplete == ("dd_audit_report",)
    (finding,) = result.findings
    assert finding.rule_id == "evidence_missing"
    assert finding.triggered_by[0].to_dict() == {"question": "dd_audit_report", "value": None}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"answers": {"fl_debt": "perhaps"}}, "answers.fl_debt"),
        ({"answers": {"no_such_question": "yes"}}, "answers.no_such_question"),
        (
            {"answers": {"trace_materials": [{"mineral": "gold", "country": "CD"}]}},
            "answers.trace_materials",
        ),
        ({"answers": {"dd_audit_report": "yes"}}, "answers.dd_audit_report"),
        ({"evidence": {"fl_debt": [evidence_file("debt.pdf")]}}, "evidence.fl_debt"),
        ({"evidence": {"fl_policy": [{"name": "policy.pdf"}]}}, "evidence.fl_policy"),
        ({"version": "9.9"}, "version"),
    ],
)
def test_malformed_documents_against_the_real_questionnaire(shipped, refdata, change, field):
    doc = {"questionnaire": "critical-minerals-dd", "version": "1.0", "answers": {}} | change
    with pytest.raises(DocumentError) as caught:
        run(shipped, refdata, doc)
    assert caught.value.field == field


def test_answers_are_scored_in_canonical_form(shipped, refdata):
    """Form-style input (numbers as text, lower-case country codes) scores like typed input."""
    typed = run(
        shipped,
        refdata,
        with_answers(exemplary_document(), lr_minimum_age=14, org_countries=["CN"]),
    )
    loose = run(
        shipped,
        refdata,
        with_answers(exemplary_document(), lr_minimum_age="14", org_countries=["cn"]),
    )
    assert loose.to_dict() == typed.to_dict()
    assert {"cl_minimum_age_below_15", "lr_weak_voice_country"} <= set(typed.red_flags) | {
        f.rule_id for f in typed.findings
    }
