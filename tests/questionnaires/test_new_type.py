"""A new question type is one registration: definitions, answers, skip logic and rules follow."""

from __future__ import annotations

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

import questionnaires as qn
from forms.questionnaire import raw_answers_from_form
from questionnaires import answer_text
from rules import RuleSetError, evaluate, load_reference_data, parse_ruleset
from tests.rules.synthetic import CATALOGUE, definition_data, document, ruleset_data

from .builders import definition, yes_no


def _stars(item, raw: object) -> int:
    """Accept 1 to 5 stars, as a number or as "★★★"."""
    if isinstance(raw, str) and raw.strip() and set(raw.strip()) == {"★"}:
        raw = len(raw.strip())
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 5:
        raise qn.AnswerError(qn.errors.OUT_OF_RANGE, {"min": 1, "max": 5})
    return raw


#: The whole of the new type: how it reads an answer and where it may be used.
STARS = qn.AnswerType("stars", _stars, bound=lambda raw: _stars(None, raw), column=True)


@pytest.fixture
def stars():
    qn.register_type(STARS)
    yield STARS
    qn.unregister_type("stars")


def _stars_question(question_id: str, **extra) -> dict:
    return {**yes_no(question_id), "type": "stars", **extra}


def test_a_registered_type_loads_answers_and_drives_skip_logic(stars, write_definition):
    path = write_definition(
        definition(
            _stars_question("fl_rating"),
            yes_no("fl_why_low", show_if={"question": "fl_rating", "lte": 2}),
            yes_no("fl_praise", show_if={"question": "fl_rating", "equals": 5}),
        )
    )

    questionnaire = qn.load_definition(path)
    rating = questionnaire.question("fl_rating")

    assert qn.coerce_answer(rating, "★★") == 2
    with pytest.raises(qn.AnswerError):
        qn.coerce_answer(rating, 6)
    parsed = qn.parse_answers_document(
        {"questionnaire": "tiny", "version": "1.0", "answers": {"fl_rating": "★"}}, [questionnaire]
    )
    assert parsed.answers == {"fl_rating": 1} and parsed.errors == {}
    assert "fl_why_low" in qn.visible_question_ids(questionnaire, parsed.answers)
    assert "fl_praise" not in qn.visible_question_ids(questionnaire, parsed.answers)
    assert "fl_praise" in qn.visible_question_ids(questionnaire, {"fl_rating": 5})


def test_a_registered_type_is_checked_like_the_built_in_ones(stars, write_definition):
    path = write_definition(
        definition(
            _stars_question("fl_rating"),
            yes_no("fl_a", show_if={"question": "fl_rating", "equals": 9}),
            yes_no("fl_b", show_if={"question": "fl_rating", "contains": 3}),
            _stars_question("fl_bad", multiline=True),
        )
    )

    with pytest.raises(qn.DefinitionError) as caught:
        qn.load_definition(path)

    problems = "\n".join(caught.value.problems)
    assert "fl_a: show_if.equals: 9 is not a valid answer to stars question 'fl_rating'" in problems
    assert "fl_b: show_if.contains: does not apply to stars question 'fl_rating'" in problems
    assert "fl_bad: 'multiline' is not allowed on stars questions" in problems


def test_an_unregistered_type_is_refused(write_definition):
    path = write_definition(definition(_stars_question("fl_rating")))

    with pytest.raises(qn.DefinitionError, match="type: 'stars' is not one of"):
        qn.load_definition(path)


def test_rules_score_a_registered_type_and_the_page_reads_it(stars):
    data = definition_data()
    data["sections"][0]["questions"].append(
        {**_stars_question("supplier_rating"), "text": {"en": "Rating", "ja": "評価"}}
    )
    questionnaire = qn.build_questionnaire(data)
    rules = ruleset_data()
    rules["rules"].append(
        {
            **rules["rules"][1],
            "id": "low_rating",
            "when": {"question": "supplier_rating", "lt": 3},
        }
    )
    ruleset = parse_ruleset(rules, questionnaire, CATALOGUE)

    result = evaluate(
        ruleset, document({"supplier_rating": "★★"}), load_reference_data(), date(2025, 6, 30)
    )

    (finding,) = [f for f in result.findings if f.rule_id == "low_rating"]
    assert finding.triggered_by[0].value == 2
    question = questionnaire.question("supplier_rating")
    form = MultiDict([("questions", "supplier_rating"), ("q-supplier_rating", "★")])
    raw = raw_answers_from_form(questionnaire, form)
    assert qn.coerce_answer(question, raw["supplier_rating"]) == 1
    assert answer_text(question, 4, "ja") == "4"
    rules["rules"][-1]["when"] = {"question": "supplier_rating", "lt": "three"}
    with pytest.raises(RuleSetError, match="takes a number for 'supplier_rating'"):
        parse_ruleset(rules, questionnaire, CATALOGUE)
