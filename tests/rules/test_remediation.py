"""Remediated findings: a corrective action verified closed lowers its finding in the reviewed
rating, through the rules only, and never above the computed rating."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

import demo
from demo import calibration
from rules import Level, editions_for, evaluate, load_library, reviewed_rating, ruleset_for
from rules.remediation import lowered, remediated

README = Path(__file__).resolve().parents[2] / "rules" / "README.md"
CASES = calibration.cases()


def scored(name: str):
    document = demo.document(name)
    ruleset = ruleset_for(document["questionnaire"], document["version"])
    refdata = load_library().select(editions_for(ruleset))
    return ruleset, evaluate(ruleset, document, refdata, demo.as_of(name)).to_dict()


@pytest.fixture(scope="module")
def results():
    return {case.name: scored(case.name) for case in CASES}


def test_a_remediated_finding_counts_one_severity_lower():
    assert [lowered(s) for s in ("critical", "high", "medium", "low")] == [
        "high",
        "medium",
        "low",
        "low",
    ]
    with pytest.raises(ValueError, match="not a severity"):
        lowered("grave")


def test_remediation_reweighs_a_copy_and_never_the_stored_result(results):
    _ruleset, result = results["calibration/graphite-spherical-china-xinjiang"]
    stored = copy.deepcopy(result)
    found = remediated(result, {"fl_xinjiang_inputs"})
    assert result == stored
    item = next(f for f in found["findings"] if f["rule_id"] == "fl_xinjiang_inputs")
    assert (item["severity"], item["red_flag"]) == ("high", False)
    assert "fl_xinjiang_inputs" not in found["red_flags"]
    others = [f for f in found["findings"] if f["rule_id"] != "fl_xinjiang_inputs"]
    assert others == [f for f in result["findings"] if f["rule_id"] != "fl_xinjiang_inputs"]
    assert (found["score"], found["rating"]) == (result["score"], result["rating"])


@pytest.mark.parametrize(
    ("case", "rule_id", "before", "after"),
    [
        ("manganese-mine-fatality-no-grievance", "hs_work_fatality", "high", "medium"),
        ("graphite-spherical-china-xinjiang", "fl_xinjiang_inputs", "critical", "medium"),
        ("cobalt-drc-fees-and-withheld-wages", "fl_involuntary_work_under_penalty", "critical",
         "high"),
        ("cobalt-drc-fees-and-withheld-wages", "fl_wage_withholding", "critical", "critical"),
    ],
)  # fmt: skip
def test_the_worked_examples_of_the_readme(results, case, rule_id, before, after):
    ruleset, result = results[f"calibration/{case}"]
    assert result["rating"] == before
    assert reviewed_rating(ruleset, remediated(result, {rule_id}), ()).label == after
    text = README.read_text(encoding="utf-8")
    assert f"`{case}`" in text and f"`{rule_id}`" in text


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_remediation_lies_between_dismissal_and_the_finding_standing(results, case):
    """Remediating a finding never raises the rating, never lowers it below dismissing the
    finding, and never goes above the computed rating."""
    ruleset, result = results[case.name]
    computed = Level.parse(result["rating"])
    for item in result["findings"]:
        rule_id = item["rule_id"]
        standing = reviewed_rating(ruleset, result, ())
        fixed = reviewed_rating(ruleset, remediated(result, {rule_id}), ())
        dismissed = reviewed_rating(ruleset, result, {rule_id})
        assert dismissed <= fixed <= standing <= computed, rule_id
