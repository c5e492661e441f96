"""Rating and visibility kept apart: undecided findings, the insufficient-information floor,
and escalation across categories (all optional in a rule set's ``scoring``)."""

from __future__ import annotations

import pytest

from rules import Level, evaluate, parse_ruleset, reviewed_rating, reviewed_visibility
from tests.rules.conftest import SCORING_DATE
from tests.rules.synthetic import CATALOGUE, QUESTIONNAIRE, document, ruleset_data

GOOD = {
    "org_countries": ["AU"],
    "fl_fees": "no",
    "fl_documents": "no",
    "cl_min_age": 18,
    "policy": "published",
}


def _ruleset(**scoring):
    data = ruleset_data()
    data["scoring"].update(scoring)
    return parse_ruleset(data, QUESTIONNAIRE, CATALOGUE)


@pytest.fixture(scope="module")
def measured():
    return _ruleset(undecided="visibility", visibility={"threshold": 60, "floor": "medium"})


def _result(ruleset, refdata, answers):
    return evaluate(ruleset, document(answers), refdata, SCORING_DATE)


def test_the_rules_look_at_a_known_set_of_questions(measured):
    assert measured.scored_questions == (
        "org_countries",
        "fl_fees",
        "fl_documents",
        "cl_min_age",
        "policy",
        "eia_done",
        "audit_date",
        "trace_materials",
    )


def test_knowing_nothing_is_insufficient_information_not_critical(measured, refdata):
    answers = {"fl_fees": "unknown", "fl_documents": "unknown", "org_countries": ["AU"]}

    result = _result(measured, refdata, answers)

    assert result.visibility.insufficient
    assert result.visibility.unknown == ("fl_fees", "fl_documents")
    assert "policy" in result.visibility.unanswered
    assert result.rating is Level.MEDIUM  # the floor for insufficient information
    undecided = [f for f in result.findings if f.undecided]
    assert {f.rule_id for f in undecided} == {"fl_fees", "fl_documents"}  # still listed
    assert result.to_dict()["visibility"]["insufficient"] is True


def test_the_same_answers_under_the_severity_method_are_rated_on_the_unknowns(refdata):
    answers = {"fl_fees": "unknown", "fl_documents": "unknown", "org_countries": ["AU"]}

    severity = _result(_ruleset(), refdata, answers)
    visibility = _result(
        _ruleset(undecided="visibility", visibility={"threshold": 60, "floor": "medium"}),
        refdata,
        answers,
    )

    assert severity.visibility is None and "visibility" not in severity.to_dict()
    forced = {c.id: c for c in severity.categories}["forced_labour"]
    assert forced.score > 0 and forced.rating > Level.LOW
    forced = {c.id: c for c in visibility.categories}["forced_labour"]
    assert (forced.score, forced.rating) == (0, Level.LOW)


def test_an_unknown_never_rates_better_than_the_good_answer(measured, refdata):
    good = {**GOOD, "eia_done": "yes"}
    for question in ("fl_fees", "fl_documents"):
        known = _result(measured, refdata, good)
        unknown = _result(measured, refdata, {**good, question: "unknown"})
        adverse = _result(measured, refdata, {**good, question: "yes"})
        assert known.rating <= unknown.rating <= adverse.rating
        assert unknown.visibility.score < known.visibility.score


def test_high_findings_in_several_categories_lift_the_rating(refdata):
    answers = {"org_countries": ["AU"], "fl_documents": "yes", "eia_done": "no"}
    plain = _ruleset()
    escalating = _ruleset(escalation=[{"severity": "high", "categories": 2, "floor": "critical"}])

    assert _result(plain, refdata, answers).rating is Level.HIGH
    result = _result(escalating, refdata, answers)
    assert result.rating is Level.CRITICAL
    assert reviewed_rating(escalating, result.to_dict(), ()) is Level.CRITICAL
    assert reviewed_rating(escalating, result.to_dict(), ("no_eia",)) is Level.MEDIUM


def test_the_reviewed_rating_keeps_the_insufficient_information_floor(measured, refdata):
    result = _result(measured, refdata, {"fl_fees": "unknown", "org_countries": ["AU"]})

    assert reviewed_rating(measured, result.to_dict(), ("fl_fees",)) is Level.MEDIUM


def test_a_stored_result_names_its_undecided_findings_and_is_re_rated_without_them(
    measured, refdata
):
    answers = {**GOOD, "eia_done": "no", "fl_fees": "unknown"}

    result = _result(measured, refdata, answers)
    data = result.to_dict()

    assert result.rating is Level.HIGH  # the red flag of no_eia
    assert not result.visibility.insufficient
    assert data["visibility"]["undecided"] == ["fl_fees"]
    # Dismissing the one decided finding leaves the undecided one, which does not count.
    assert reviewed_rating(measured, data, ("no_eia",)) is Level.LOW
    old = {**data, "visibility": {k: v for k, v in data["visibility"].items() if k != "undecided"}}
    assert reviewed_rating(measured, old, ("no_eia",)) is Level.MEDIUM  # read as decided


def test_rule_sets_without_visibility_keep_their_result_shape(refdata):
    data = _result(_ruleset(), refdata, {**GOOD, "fl_fees": "unknown"}).to_dict()
    assert "visibility" not in data
    assert "undecided" not in data["findings"][0]


def test_accepted_not_applicable_answers_count_as_known_in_the_reviewed_rating(measured, refdata):
    answers = {**GOOD, "fl_fees": "not_applicable", "fl_documents": "not_applicable"}

    result = _result(measured, refdata, answers).to_dict()

    assert result["visibility"]["not_applicable"] == ["fl_fees", "fl_documents"]
    assert result["visibility"]["insufficient"] and result["rating"] == "medium"
    one = reviewed_visibility(measured, result, {"fl_fees"})
    both = reviewed_visibility(measured, result, {"fl_fees", "fl_documents", "policy"})
    assert result["visibility"]["score"] < one["score"] < both["score"]
    assert both["accepted"] == ["fl_fees", "fl_documents"]  # only answers scored N/A count
    assert not both["insufficient"]
    assert reviewed_rating(measured, result, set(), {"fl_fees"}) is Level.MEDIUM
    assert reviewed_rating(measured, result, set(), {"fl_fees", "fl_documents"}) is Level.LOW
    assert result["visibility"]["score"] == _result(measured, refdata, answers).visibility.score


def test_a_result_without_visibility_has_no_reviewed_visibility(refdata):
    plain = _ruleset()
    result = _result(plain, refdata, GOOD).to_dict()
    assert reviewed_visibility(plain, result, {"fl_fees"}) is None
