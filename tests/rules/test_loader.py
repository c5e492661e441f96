"""Rule-set validation: every problem is reported at load, with where it is."""

from __future__ import annotations

import pytest

from rules import RuleSetError, parse_ruleset
from tests.rules.synthetic import CATALOGUE, QUESTIONNAIRE, ruleset_data


def problems_of(data) -> list[str]:
    with pytest.raises(RuleSetError) as caught:
        parse_ruleset(data, QUESTIONNAIRE, CATALOGUE, source="test.yaml")
    assert str(caught.value).startswith("test.yaml: ")
    return caught.value.problems


def with_when(when):
    data = ruleset_data()
    data["rules"][0]["when"] = when
    return data


def test_synthetic_rule_set_loads(synthetic):
    assert [r.id for r in synthetic.rules][:2] == ["fl_fees", "fl_documents"]
    assert synthetic.rule_ids[-2:] == ("evidence_missing", "evidence_expired")


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ({"question": "fl_fees", "matches": "yes"}, "unknown operator(s) 'matches'"),
        ({"question": "no_such_q", "equals": "yes"}, "unknown question id 'no_such_q'"),
        ({"question": "fl_fees", "equals": "maybe"}, "'maybe' is not an option"),
        ({"question": "fl_fees", "equals": True}, "write yes/no in quotes"),
        ({"question": "policy", "in": ["none", "lost"]}, "'lost' is not an option"),
        ({"question": "policy", "in": []}, "non-empty list"),
        ({"question": "cl_min_age", "lt": "15"}, "takes a number"),
        ({"question": "audit_date", "gte": "2023-02-30"}, "YYYY-MM-DD"),
        ({"question": "fl_fees", "gt": 3}, "does not apply to yes_no"),
        ({"question": "org_countries", "contains": "XX"}, "not an ISO 3166-1"),
        ({"question": "policy", "unknown": True}, "cannot be answered 'unknown'"),
        ({"question": "fl_fees", "answered": "yes"}, "takes `true`"),
        ({"question": "fl_fees", "equals": "yes", "in": ["no"]}, "exactly one operator"),
        ({"column": "country", "equals": "CD"}, "only allowed inside 'rows'"),
        (
            {"question": "trace_materials", "rows": {"column": "colour", "equals": "red"}},
            "has no column 'colour'",
        ),
        (
            {"question": "trace_materials", "rows": {"column": "mineral", "equals": "gold"}},
            "'gold' is not an option",
        ),
        (
            {"question": "fl_fees", "rows": {"column": "mineral", "equals": "cobalt"}},
            "needs a table question",
        ),
        (
            {"question": "trace_materials", "rows": {"ilab_listed": {"kinds": ["slavery"]}}},
            "'kinds' must be",
        ),
        ({"ilab_listed": {"kinds": ["child_labor"]}}, "inside 'rows'"),
        (
            {"question": "policy", "wgi_below": {"indicator": "rl", "percentile": 20}},
            "country or countries",
        ),
        (
            {"question": "org_countries", "wgi_below": {"indicator": "xx", "percentile": 20}},
            "indicator: va|pv|ge|rq|rl|cc",
        ),
        ({"all": []}, "non-empty list"),
        ({"all": [{"question": "fl_fees", "equals": "yes"}], "any": []}, "only key"),
        ("fl_fees == yes", "rules[0].when: 'fl_fees == yes' is not of type 'object'"),
        ({"not": "fl_fees"}, "a condition must be a mapping"),
    ],
)
def test_condition_problems(when, message):
    (problem,) = problems_of(with_when(when))
    assert problem.startswith(("rules[0] (fl_fees).when", "rules[0].when"))
    assert message in problem


def test_every_problem_is_listed_at_once():
    data = ruleset_data()
    data["rules"][0]["category"] = "bribery"
    data["rules"][1]["references"] = ["ILO-FPRW-FL", "NOPE-1"]
    data["rules"][2]["when"] = {"question": "ghost", "equals": "yes"}
    data["rules"][3]["when"] = {
        "any": [{"question": "fl_fees", "equals": "oui"}, {"question": "fl_fees", "frobnicate": 1}]
    }
    data["rules"][4]["id"] = "fl_fees"
    problems = problems_of(data)
    expected = [
        "rules[0] (fl_fees).category: unknown category 'bribery'",
        "rules[1] (fl_documents).references: unknown reference code 'NOPE-1'",
        "rules[2] (cl_young).when: unknown question id 'ghost'",
        "rules[3] (ilab_child).when.any[0].equals",
        "rules[3] (ilab_child).when.any[1]: unknown operator(s) 'frobnicate'",
        "rules: rule id 'fl_fees' is used more than once",
    ]
    assert len(problems) == len(expected)
    for problem, start in zip(problems, expected, strict=True):
        assert problem.startswith(start)


def test_shape_problems_name_the_field():
    data = ruleset_data()
    del data["rules"][0]["title"]["ja"]
    data["rules"][1]["severity"] = "severe"
    data["rules"][2]["action"]["en"] = ""
    data["categories"][0]["weight"] = 0
    problems = problems_of(data)
    assert "rules[0].title: missing translation: 'ja' is a required property" in problems
    assert any(p.startswith("rules[1].severity: 'severe' is not one of") for p in problems)
    assert "rules[2].action.en: missing translation: 'en' is empty" in problems
    assert any(p.startswith("categories[0].weight:") for p in problems)
    assert len(problems) == 4


def test_inherent_configuration_is_checked():
    data = ruleset_data()
    data["inherent"]["table"] = "fl_fees"
    data["inherent"]["goods"]["cobalt"][0]["relation"] = "cousin"
    data["inherent"]["goods"]["gold"] = []
    data["inherent"]["fallback_countries"] = "policy"
    problems = problems_of(data)
    assert "inherent.table: 'fl_fees' is not a table question" in problems
    assert "inherent.goods.cobalt: unknown relation 'cousin'" in problems
    assert "inherent.fallback_countries: 'policy' is not a country question" in problems
    # with the table gone, ilab_listed rows point at the wrong table as well
    assert any("(ilab_child).when.rows" in p for p in problems)
