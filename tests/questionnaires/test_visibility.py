"""Skip logic: condition evaluation and the questions a supplier is shown."""

from __future__ import annotations

import pytest

from questionnaires import (
    AllOf,
    AnyOf,
    Leaf,
    Not,
    evaluate,
    parse_condition,
    visible_question_ids,
)

EXTRACTION_ONLY = ("env_mine_closure", "env_communities")
MIGRANT_ONLY = (
    "org_migrant_share",
    "fl_migrant_recruitment_fees",
    "cw_migrant_equal_treatment",
    "cw_migrant_recruiters",
)

yes = Leaf("a", "equals", "yes")
unknown_leaf = Leaf("hidden", "equals", "yes")


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        (yes, {"a": "yes"}, True),
        (yes, {"a": "no"}, False),
        (yes, {}, None),
        (Leaf("a", "answered"), {}, False),
        (Leaf("a", "answered"), {"a": 0}, True),
        (Leaf("a", "not_equals", "no"), {"a": "yes"}, True),
        (Leaf("a", "in", ("yes", "partly")), {"a": "partly"}, True),
        (Leaf("a", "not_in", ("yes", "partly")), {"a": "no"}, True),
        (Leaf("a", "contains", "cobalt"), {"a": ["cobalt", "nickel"]}, True),
        (Leaf("a", "contains", "cobalt"), {"a": ["nickel"]}, False),
        (Leaf("a", "contains_any", ("lithium", "nickel")), {"a": ["nickel"]}, True),
        (Leaf("a", "gt", 0), {"a": 0}, False),
        (Leaf("a", "gt", 0), {"a": 0.5}, True),
        (Leaf("a", "gte", 10), {"a": 10}, True),
        (Leaf("a", "lt", "2024-01-01"), {"a": "2023-12-31"}, True),
        (Leaf("a", "lte", 5), {"a": "five"}, False),
        (Leaf("hidden", "answered"), {"hidden": "yes"}, None),
        (Not(yes), {"a": "no"}, True),
        (Not(unknown_leaf), {"hidden": "no"}, None),
        (AllOf((yes, unknown_leaf)), {"a": "yes"}, None),
        (AllOf((yes, unknown_leaf)), {"a": "no"}, False),
        (AnyOf((yes, unknown_leaf)), {"a": "yes"}, True),
        (AnyOf((yes, unknown_leaf)), {"a": "no"}, None),
    ],
)
def test_evaluate_uses_three_valued_logic(condition, answers, expected):
    assert evaluate(condition, answers, hidden={"hidden"}) is expected


def test_parse_condition_round_trips():
    raw = {
        "all": [
            {"question": "org_minerals", "op": "contains_any", "value": ["cobalt", "nickel"]},
            {"not": {"question": "org_buys_material", "op": "answered"}},
        ]
    }

    condition = parse_condition(raw)

    assert condition == AllOf(
        (
            Leaf("org_minerals", "contains_any", ("cobalt", "nickel")),
            Not(Leaf("org_buys_material", "answered")),
        )
    )
    assert condition.to_dict() == raw


def test_recycler_is_not_asked_extraction_questions(questionnaire):
    recycler = {"org_lifecycle_stages": ["recycling"], "org_minerals": ["cobalt", "nickel"]}
    miner = {"org_lifecycle_stages": ["extraction"], "org_minerals": ["cobalt", "nickel"]}

    recycler_sees = visible_question_ids(questionnaire, recycler)
    miner_sees = visible_question_ids(questionnaire, miner)

    for question_id in (*EXTRACTION_ONLY, "env_tailings"):
        assert question_id not in recycler_sees
    for question_id in EXTRACTION_ONLY:
        assert question_id in miner_sees
    assert {"circ_recycling_inputs"} <= recycler_sees - miner_sees


def test_supplier_without_migrant_workers_skips_migrant_questions(questionnaire):
    without = visible_question_ids(questionnaire, {"org_migrant_workers": "no"})
    with_migrants = visible_question_ids(questionnaire, {"org_migrant_workers": "yes"})

    for question_id in MIGRANT_ONLY:
        assert question_id not in without
        assert question_id in with_migrants
    assert "fl_recruitment_fees" in without


def test_hidden_controlling_question_hides_its_dependants(questionnaire):
    stale = {
        "env_significant_projects": "no",
        "env_eia": "yes",
        "fl_identity_documents": "no",
    }

    visible = visible_question_ids(questionnaire, stale)

    assert "env_eia" not in visible
    assert "env_eia_mitigation" not in visible  # env_eia says yes but is itself hidden
    assert "fl_identity_documents_access" not in visible
    visible = visible_question_ids(questionnaire, {**stale, "env_significant_projects": "yes"})
    assert {"env_eia", "env_eia_mitigation"} <= visible


def test_any_condition_still_shows_when_one_branch_is_hidden(questionnaire):
    domestic_fees = {"org_migrant_workers": "no", "fl_recruitment_fees": "yes"}
    no_fees = {"org_migrant_workers": "no", "fl_recruitment_fees": "no"}
    migrant_fees = {
        "org_migrant_workers": "yes",
        "fl_recruitment_fees": "no",
        "fl_migrant_recruitment_fees": "yes",
    }

    assert "fl_fee_reimbursement" in visible_question_ids(questionnaire, domestic_fees)
    assert "fl_fee_reimbursement" not in visible_question_ids(questionnaire, no_fees)
    assert "fl_fee_reimbursement" in visible_question_ids(questionnaire, migrant_fees)


def test_smelter_list_follows_the_minerals_handled(questionnaire):
    answers = {
        "org_minerals": ["lithium"],
        "org_buys_material": "yes",
        "trace_lithium_smelters_identified": "partly",
        "trace_cobalt_smelters_identified": "yes",
    }

    assert "trace_smelter_list" in visible_question_ids(questionnaire, answers)
    answers["org_minerals"] = ["cobalt"]
    answers["org_buys_material"] = "no"
    assert "trace_smelter_list" not in visible_question_ids(questionnaire, answers)


def test_unanswered_controlling_question_keeps_dependants_hidden(questionnaire):
    visible = visible_question_ids(questionnaire, {})

    assert "org_legal_name" in visible
    assert "trace_cobalt_cahra" not in visible
    assert "circ_recycled_verification" not in visible
    assert "circ_recycled_verification" in visible_question_ids(
        questionnaire, {"circ_recycled_content": 12.5}
    )
