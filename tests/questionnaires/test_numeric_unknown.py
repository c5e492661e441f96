"""Numeric questions that accept "unknown": definition, answers, conditions, page and display."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

import questionnaires as qn
from forms.questionnaire import raw_answers_from_form, unknown_name

from .builders import definition, yes_no


def _number(question_id: str, **extra) -> dict:
    return {**yes_no(question_id), "type": "number", "min": 0, **extra}


@pytest.fixture
def questionnaire(write_definition):
    path = write_definition(
        definition(
            _number("fl_fatalities", unknown=True),
            _number("fl_headcount"),
            yes_no("fl_root_cause", show_if={"question": "fl_fatalities", "gt": 0}),
            yes_no("fl_find_out", show_if={"question": "fl_fatalities", "unknown": True}),
        )
    )
    return qn.load_definition(path)


def test_unknown_is_an_answer_only_where_the_question_accepts_it(questionnaire):
    fatalities = questionnaire.question("fl_fatalities")
    headcount = questionnaire.question("fl_headcount")

    assert qn.coerce_answer(fatalities, " Unknown ") == "unknown"
    assert qn.coerce_answer(fatalities, "3") == 3
    assert fatalities.accepts_unknown and not headcount.accepts_unknown
    with pytest.raises(qn.AnswerError):
        qn.coerce_answer(headcount, "unknown")
    assert fatalities.to_export()["unknown"] is True
    assert "unknown" not in headcount.to_export()


def test_an_unknown_count_leaves_follow_ups_on_the_count_undecided(questionnaire):
    unknown = qn.visible_question_ids(questionnaire, {"fl_fatalities": "unknown"})
    one = qn.visible_question_ids(questionnaire, {"fl_fatalities": 1})

    assert "fl_find_out" in unknown and "fl_root_cause" not in unknown
    assert "fl_root_cause" in one and "fl_find_out" not in one


def test_unknown_is_refused_on_other_types_and_in_conditions_on_them(write_definition):
    path = write_definition(
        definition(
            {**yes_no("fl_policy"), "unknown": True},
            _number("fl_headcount"),
            yes_no("fl_x", show_if={"question": "fl_headcount", "unknown": True}),
        )
    )

    with pytest.raises(qn.DefinitionError) as caught:
        qn.load_definition(path)

    problems = "\n".join(caught.value.problems)
    assert "fl_policy: 'unknown' is not allowed on yes_no questions" in problems
    assert "fl_x: show_if.unknown: question 'fl_headcount' cannot be answered 'unknown'" in problems


def test_the_page_box_posts_unknown_and_a_typed_number_wins(questionnaire):
    def posted(*pairs):
        form = MultiDict([("questions", "fl_fatalities"), *pairs])
        return raw_answers_from_form(questionnaire, form)["fl_fatalities"]

    box = (unknown_name("fl_fatalities"), "unknown")
    assert posted(("q-fl_fatalities", ""), box) == "unknown"
    assert posted(("q-fl_fatalities", "2"), box) == "2"
    assert posted(("q-fl_fatalities", "")) == ""


def test_an_unknown_count_reads_as_unknown_in_each_language(questionnaire):
    fatalities = questionnaire.question("fl_fatalities")

    assert qn.answer_text(fatalities, "unknown", "en") == "Unknown"
    assert qn.answer_text(fatalities, "unknown", "ja") == "不明"
    assert qn.answer_text(fatalities, 1200, "en") == "1,200"
