"""Skip logic: condition evaluation and the questions a supplier is shown."""

from __future__ import annotations

import pytest

from questionnaires import (
    OPERATORS,
    AllOf,
    AnyOf,
    Context,
    Not,
    Scope,
    Truth,
    read_condition,
    visible_question_ids,
)
from questionnaires.conditions import QuestionLeaf

EXTRACTION_ONLY = ("env_mine_closure", "env_communities")
MIGRANT_ONLY = (
    "org_migrant_share",
    "fl_migrant_recruitment_fees",
    "cw_migrant_equal_treatment",
    "cw_migrant_recruiters",
)


def leaf(question, op, arg=True):
    """Return a comparison on ``question`` (already checked, as the reader would build it)."""
    return QuestionLeaf(question, OPERATORS[op], arg)


yes = leaf("a", "equals", "yes")
hidden_leaf = leaf("hidden", "equals", "yes")
T, F, U, N = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN, Truth.NONE


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        (yes, {"a": "yes"}, T),
        (yes, {"a": "no"}, F),
        (yes, {}, N),
        (yes, {"a": "unknown"}, U),
        (leaf("a", "in", ("no", "unknown")), {"a": "unknown"}, T),
        (leaf("a", "unknown"), {"a": "unknown"}, T),
        (leaf("a", "answered"), {}, F),
        (leaf("a", "answered"), {"a": 0}, T),
        (leaf("a", "unanswered"), {}, T),
        (leaf("hidden", "unanswered"), {}, F),
        (leaf("a", "not_equals", "no"), {"a": "yes"}, T),
        (leaf("a", "in", ("yes", "partly")), {"a": "partly"}, T),
        (leaf("a", "not_in", ("yes", "partly")), {"a": "no"}, T),
        (leaf("a", "contains", "cobalt"), {"a": ["cobalt", "nickel"]}, T),
        (leaf("a", "contains", "cobalt"), {"a": ["nickel"]}, F),
        (leaf("a", "contains", "cobalt"), {"a": ["nickel", "unknown"]}, U),
        (leaf("a", "contains_any", ("lithium", "nickel")), {"a": ["nickel"]}, T),
        (leaf("a", "gt", 0), {"a": 0}, F),
        (leaf("a", "gt", 0), {"a": 0.5}, T),
        (leaf("a", "gte", 10), {"a": 10}, T),
        (leaf("a", "lt", "2024-01-01"), {"a": "2023-12-31"}, T),
        (leaf("a", "lte", 5), {"a": "five"}, F),
        (leaf("hidden", "answered"), {"hidden": "yes"}, F),
        (Not(yes), {"a": "no"}, T),
        (Not(yes), {"a": "unknown"}, U),
        (Not(hidden_leaf), {"hidden": "no"}, N),
        (AllOf((yes, hidden_leaf)), {"a": "yes"}, N),
        (AllOf((yes, hidden_leaf)), {"a": "no"}, F),
        (AnyOf((yes, hidden_leaf)), {"a": "yes"}, T),
        (AnyOf((yes, hidden_leaf)), {"a": "no"}, N),
    ],
)
def test_evaluate_uses_four_truth_values(condition, answers, expected):
    assert condition.evaluate(Scope(answers, visible={"a"})).truth is expected


def test_read_condition_round_trips(questionnaire):
    raw = {
        "all": [
            {"question": "org_minerals", "contains_any": ["cobalt", "nickel"]},
            {"not": {"question": "org_buys_material", "answered": True}},
        ]
    }
    questions = {q.id: q for q in questionnaire.questions}

    context = Context(questions)
    condition = read_condition(raw, "show_if", context)

    assert context.problems == []
    assert condition == AllOf(
        (
            leaf("org_minerals", "contains_any", ("cobalt", "nickel")),
            Not(leaf("org_buys_material", "answered")),
        )
    )
    assert condition.to_dict() == raw


def test_a_follow_up_to_an_unknown_answer_stays_hidden(questionnaire):
    answers = {"org_migrant_workers": "unknown"}

    assert "org_migrant_share" not in visible_question_ids(questionnaire, answers)


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
