"""Golden cases beside each shipped rule set, run as tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml

from rules import editions_for, evaluate, load_library, load_ruleset
from rules.loader import RULESETS_DIR
from rules.refdata import IlabListing

EXPECT_KEYS = {"fired", "not_fired", "severities", "rating", "red_flags"}


def golden_files() -> list[Path]:
    return sorted(RULESETS_DIR.glob("*/*.golden.yaml"))


def golden_cases():
    for path in golden_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data, case, id=f"{path.parent.name}/{case['name']}")


def with_listings(refdata, extra):
    listings = tuple(
        IlabListing(item["good"], item["country"], frozenset(item["kinds"])) for item in extra
    )
    return replace(refdata, ilab=refdata.ilab + listings)


def run_case(data, case, refdata=None):
    """Evaluate a golden case with the editions its rule set scores with (``refdata``: others)."""
    ruleset = load_ruleset(data["ruleset"]["id"], data["ruleset"]["version"])
    refdata = refdata or load_library().select(editions_for(ruleset))
    document = {
        "questionnaire": ruleset.questionnaire_id,
        "version": ruleset.questionnaire_version,
        "answers": case["answers"],
        "evidence": case.get("evidence", {}),
    }
    extra = case.get("reference_data", {}).get("ilab", [])
    scoring_date = date.fromisoformat(data["scoring_date"])
    return ruleset, evaluate(ruleset, document, with_listings(refdata, extra), scoring_date)


def test_every_rule_set_has_golden_cases():
    from rules import list_rulesets

    with_golden = {(p.parent.name, p.name.removesuffix(".golden.yaml")) for p in golden_files()}
    assert set(list_rulesets()) <= with_golden


@pytest.mark.parametrize(("data", "case"), list(golden_cases()))
def test_golden_case(data, case):
    ruleset, result = run_case(data, case)
    expect = case["expect"]
    assert set(expect) <= EXPECT_KEYS, f"unknown expectation keys {set(expect) - EXPECT_KEYS}"
    named = set(expect.get("fired", [])) | set(expect.get("not_fired", []))
    named |= set(expect.get("severities", {})) | set(expect.get("red_flags", []))
    assert named <= set(ruleset.rule_ids), f"unknown rule ids {named - set(ruleset.rule_ids)}"

    fired = {finding.rule_id: finding for finding in result.findings}
    assert set(expect.get("fired", [])) - set(fired) == set(), "expected rules did not fire"
    assert set(expect.get("not_fired", [])) & set(fired) == set(), "rules fired unexpectedly"
    for rule_id, severity in expect.get("severities", {}).items():
        assert fired[rule_id].severity.label == severity, rule_id
    if "rating" in expect:
        assert result.rating.label == expect["rating"]
    if "red_flags" in expect:
        assert sorted(result.red_flags) == sorted(expect["red_flags"])


def test_every_rule_fires_in_some_golden_case():
    for path in golden_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        ruleset = load_ruleset(data["ruleset"]["id"], data["ruleset"]["version"])
        fired: set[str] = set()
        for case in data["cases"]:
            _ruleset, result = run_case(data, case)
            fired |= {f.rule_id for f in result.findings}
        assert set(ruleset.rule_ids) - fired == set(), f"{path.name}: rules with no case"
