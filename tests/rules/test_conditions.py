"""Condition semantics: operators, all/any/not, unknown answers, rows, reference data."""

from __future__ import annotations

import pytest

from rules import evaluate, parse_ruleset
from tests.rules.conftest import SCORING_DATE
from tests.rules.synthetic import CATALOGUE, QUESTIONNAIRE, document, ruleset_data


def fired(ruleset, refdata, answers):
    """Return {rule id: finding} for the answers."""
    result = evaluate(ruleset, document(answers), refdata, SCORING_DATE)
    return {f.rule_id: f for f in result.findings}


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("yes", "critical"),
        ("partly", "critical"),
        ("no", None),
        ("not_applicable", None),
        ("unknown", "high"),
    ],
)
def test_yes_no_answers_decide_or_leave_undecided(synthetic, refdata, answer, expected):
    finding = fired(synthetic, refdata, {"fl_fees": answer}).get("fl_fees")
    assert (finding.severity.label if finding else None) == expected
    if finding is not None:
        assert finding.red_flag is (answer != "unknown")
        assert finding.undecided is (answer == "unknown")


def test_unknown_answer_uses_the_visibility_texts(synthetic, refdata):
    finding = fired(synthetic, refdata, {"fl_fees": "unknown"})["fl_fees"]
    assert finding.title.en == "Cannot be ruled out: Finding fl_fees"
    assert finding.title.ja == "Cannot be ruled out: Finding fl_fees（日本語）（日本語）"
    assert finding.action.en == "Establish the facts; if confirmed: Action fl_fees"
    assert [t.to_dict() for t in finding.triggered_by] == [
        {"question": "fl_fees", "value": "unknown"}
    ]


def test_unanswered_question_never_fires_a_value_rule(synthetic, refdata):
    assert "fl_fees" not in fired(synthetic, refdata, {})
    assert "old_audit" not in fired(synthetic, refdata, {})


def test_not_fires_on_a_decided_answer_only(synthetic, refdata):
    assert "old_audit" in fired(synthetic, refdata, {"audit_date": "2021-05-01"})
    assert "old_audit" not in fired(synthetic, refdata, {"audit_date": "2024-05-01"})


@pytest.mark.parametrize(
    ("answers", "fires"),
    [({}, True), ({"policy": "draft"}, True), ({"policy": "published"}, False)],
)
def test_any_with_unanswered_operator(synthetic, refdata, answers, fires):
    assert ("no_policy" in fired(synthetic, refdata, answers)) is fires


@pytest.mark.parametrize(("age", "fires"), [(14, True), (14.5, True), (15, False), (16, False)])
def test_numeric_comparison(synthetic, refdata, age, fires):
    assert ("cl_young" in fired(synthetic, refdata, {"cl_min_age": age})) is fires


def test_rows_match_any_row_and_report_only_matching_rows(synthetic, refdata):
    rows = [
        {"mineral": "lithium", "stage": "extraction", "country": "AU", "smelter_identified": "yes"},
        {"mineral": "nickel", "stage": "processing", "country": "ID", "smelter_identified": "no"},
    ]
    finding = fired(synthetic, refdata, {"trace_materials": rows})["smelters_unknown"]
    assert finding.severity.label == "medium"
    assert [t.value for t in finding.triggered_by] == [rows[1]]


def test_rows_unknown_cell_is_undecided(synthetic, refdata):
    rows = [
        {
            "mineral": "nickel",
            "stage": "processing",
            "country": "ID",
            "smelter_identified": "unknown",
        }
    ]
    finding = fired(synthetic, refdata, {"trace_materials": rows})["smelters_unknown"]
    assert finding.undecided and finding.severity.label == "low"


@pytest.mark.parametrize(
    ("row", "fires"),
    [
        ({"mineral": "cobalt", "stage": "extraction", "country": "CD"}, True),
        ({"mineral": "cobalt", "stage": "extraction", "country": "ZM"}, False),
        ({"mineral": "nickel", "stage": "extraction", "country": "CD"}, False),
        ({"mineral": "cobalt", "country": "CD"}, True),
        ({"stage": "extraction", "country": "CD"}, False),
    ],
)
def test_ilab_listed_needs_mineral_and_country(synthetic, refdata, row, fires):
    assert ("ilab_child" in fired(synthetic, refdata, {"trace_materials": [row]})) is fires


def test_downstream_good_counts_only_at_its_stages(synthetic, refdata):
    """ILAB lists lithium-ion batteries from China as made with DRC inputs (derived)."""
    rs = synthetic
    processing = [{"mineral": "cobalt", "stage": "processing", "country": "CN"}]
    extraction = [{"mineral": "cobalt", "stage": "extraction", "country": "CN"}]
    result = evaluate(rs, document({"trace_materials": processing}), refdata, SCORING_DATE)
    (row,) = result.inherent_rows
    assert row.listings == ("Lithium-Ion Batteries (CN)",)
    assert row.ilab == pytest.approx(100 * 0.5 * 0.9)
    result = evaluate(rs, document({"trace_materials": extraction}), refdata, SCORING_DATE)
    assert result.inherent_rows[0].ilab == 0


@pytest.mark.parametrize(
    ("countries", "fires"), [(["CD"], True), (["JP"], False), (["JP", "CD"], True)]
)
def test_wgi_below_on_any_country(synthetic, refdata, countries, fires):
    finding = fired(synthetic, refdata, {"org_countries": countries}).get("weak_rule_of_law")
    assert (finding is not None) is fires
    if fires:
        assert finding.triggered_by[0].value == sorted(countries)


def single_rule(when, **extra):
    """Return the synthetic rule set reduced to one rule ``probe`` with condition ``when``."""
    data = ruleset_data()
    data["rules"] = [{**data["rules"][0], "id": "probe", "when": when, **extra}]
    data["rules"][0].pop("red_flag")
    return parse_ruleset(data, QUESTIONNAIRE, CATALOGUE)


def probe(ruleset, refdata, answers, when=SCORING_DATE):
    result = evaluate(ruleset, document(answers), refdata, when)
    return next((f for f in result.findings if f.rule_id == "probe"), None)


@pytest.mark.parametrize(
    ("audit", "fires"), [("2024-06-29", True), ("2024-06-30", False), ("2025-01-01", False)]
)
def test_dates_relative_to_the_scoring_date(refdata, audit, fires):
    ruleset = single_rule({"question": "audit_date", "lt": {"days_before_scoring": 365}})
    assert (probe(ruleset, refdata, {"audit_date": audit}) is not None) is fires


def test_a_hidden_follow_up_does_not_hide_an_unknown_answer(refdata):
    ruleset = single_rule(
        {
            "all": [
                {"question": "fl_fees", "equals": "yes"},
                {"question": "policy", "equals": "none"},
            ]
        }
    )
    assert probe(ruleset, refdata, {"fl_fees": "unknown"}).undecided
    assert probe(ruleset, refdata, {"fl_fees": "yes"}) is None
    assert probe(ruleset, refdata, {"fl_fees": "unknown", "policy": "published"}) is None


def test_the_unknown_operator_decides(refdata):
    ruleset = single_rule({"question": "fl_fees", "unknown": True})
    finding = probe(ruleset, refdata, {"fl_fees": "unknown"})
    assert finding.severity.label == "critical" and not finding.undecided
    assert probe(ruleset, refdata, {"fl_fees": "no"}) is None


def test_an_argument_naming_unknown_decides(refdata):
    ruleset = single_rule({"question": "fl_fees", "in": ["yes", "unknown"]})
    assert not probe(ruleset, refdata, {"fl_fees": "unknown"}).undecided


def test_unknown_among_chosen_options_leaves_contains_undecided(refdata):
    ruleset = single_rule({"question": "org_minerals", "contains": "cobalt"})
    assert probe(ruleset, refdata, {"org_minerals": ["nickel", "unknown"]}).undecided
    assert not probe(ruleset, refdata, {"org_minerals": ["cobalt", "unknown"]}).undecided
    assert probe(ruleset, refdata, {"org_minerals": ["nickel"]}) is None


def test_rule_specific_texts_for_unknown_answers(refdata):
    texts = {
        "title": {"en": "Fees not known", "ja": "手数料は不明"},
        "action": {"en": "Ask the workers", "ja": "労働者に確認する"},
    }
    ruleset = single_rule({"question": "fl_fees", "equals": "yes"}, if_unknown=texts)
    finding = probe(ruleset, refdata, {"fl_fees": "unknown"})
    assert finding.title.to_dict() == texts["title"]
    assert finding.action.to_dict() == texts["action"]


def test_no_row_matching(refdata):
    ruleset = single_rule(
        {"not": {"question": "trace_materials", "rows": {"column": "stage", "equals": "recycling"}}}
    )
    rows = [{"mineral": "nickel", "stage": "processing", "country": "ID"}]
    finding = probe(ruleset, refdata, {"trace_materials": rows})
    assert [t.to_dict() for t in finding.triggered_by] == [
        {"question": "trace_materials", "value": rows}
    ]
    recycling = [*rows, {"mineral": "nickel", "stage": "recycling", "country": "JP"}]
    assert probe(ruleset, refdata, {"trace_materials": recycling}) is None
    assert probe(ruleset, refdata, {}) is None
