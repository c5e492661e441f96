"""Loading definitions: valid files build questionnaires, broken ones list every problem."""

from __future__ import annotations

import pytest

from questionnaires import (
    DefinitionError,
    QuestionType,
    latest,
    load_all,
    load_definition,
)

from .builders import definition, yes_no


def _problems(path) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        load_definition(path)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


def test_valid_definition_builds_the_model(write_definition):
    path = write_definition(
        definition(
            yes_no("fl_fees", choices=["yes", "no"]),
            yes_no(
                "fl_refund",
                show_if={"question": "fl_fees", "equals": "yes"},
                evidence={
                    "required_when": ["yes"],
                    "expires": True,
                    "description": {"en": "Records", "ja": "記録"},
                },
            ),
        )
    )

    questionnaire = load_definition(path)

    fees, refund = questionnaire.questions
    assert questionnaire.key == ("tiny", "1.0")
    assert fees.type is QuestionType.YES_NO and fees.option_values == ("yes", "no")
    assert fees.option("no").label.ja == "いいえ"
    assert refund.show_if.to_dict() == {"question": "fl_fees", "equals": "yes"}
    assert refund.evidence.required_when == ("yes",) and refund.evidence.expires
    assert refund.section_id == "fl"


def test_unknown_show_if_question_names_file_question_and_problem(write_definition):
    path = write_definition(
        definition(yes_no("fl_debt", show_if={"question": "xyz", "equals": "yes"}))
    )

    assert _problems(path) == [
        "1.0.yaml: question fl_debt: show_if: refers to unknown question 'xyz'"
    ]


def test_every_problem_is_reported_together(write_definition):
    broken = definition(
        yes_no("fl_first", references=["ILO-FLI-09", "NO-SUCH-CODE"]),
        {**yes_no("fl_no_japanese"), "help": {"en": "Why."}},
        {**yes_no("fl_single"), "type": "single"},
        yes_no("fl_early", show_if={"question": "fl_late", "equals": "yes"}),
        yes_no("fl_late"),
        {**yes_no("fl_kind"), "type": "choice"},
        yes_no("fl_first"),
        yes_no("org_misplaced"),
    )

    problems = _problems(write_definition(broken))

    expected = [
        "1.0.yaml: question fl_first: unknown reference code 'NO-SUCH-CODE'",
        "1.0.yaml: question fl_no_japanese: help: 'ja' is a required property",
        "1.0.yaml: question fl_single: single question needs options",
        "1.0.yaml: question fl_early: show_if: refers to question 'fl_late', which comes later",
        "1.0.yaml: question fl_kind: type: 'choice' is not one of",
        "1.0.yaml: question fl_first: duplicate question id",
        "1.0.yaml: question org_misplaced: id must start with its section id 'fl_'",
    ]
    for message in expected:
        assert any(problem.startswith(message) for problem in problems), message
    assert len(problems) == len(expected)


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            yes_no("fl_opts", options=[{"value": "a", "label": {"en": "A", "ja": "エー"}}]),
            "options are only allowed on single and multiple questions"
            " (restrict yes_no answers with choices)",
        ),
        (
            yes_no(
                "fl_ev",
                choices=["yes", "no"],
                evidence={
                    "required_when": ["partly"],
                    "description": {"en": "Doc", "ja": "書類"},
                },
            ),
            "evidence.required_when value 'partly' is not an answer of this question",
        ),
        (
            {**yes_no("fl_num"), "type": "number", "min": 5, "max": 1},
            "min is greater than max",
        ),
        (
            {**yes_no("fl_pct"), "type": "percentage", "max": 120},
            "percentage bounds must lie between 0 and 100",
        ),
        (
            {**yes_no("fl_text"), "max_length": 10},
            "'max_length' is not allowed on yes_no questions",
        ),
        (
            {**yes_no("fl_table"), "type": "table"},
            "table question needs columns",
        ),
        (
            {
                **yes_no("fl_cols"),
                "type": "table",
                "columns": [
                    {"id": "a", "type": "single", "label": {"en": "A", "ja": "エー"}},
                    {"id": "a", "type": "text", "label": {"en": "A", "ja": "エー"}},
                ],
            },
            "duplicate column id 'a'",
        ),
    ],
)
def test_type_specific_problems(write_definition, question, message):
    problems = _problems(write_definition(definition(question)))

    assert f"1.0.yaml: question {question['id']}: {message}" in problems


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        (
            {"question": "fl_base", "contains": "yes"},
            "show_if.contains: does not apply to yes_no question 'fl_base'",
        ),
        (
            {"question": "fl_base", "equals": "maybe"},
            "show_if.equals: 'maybe' is not an option of yes_no question 'fl_base'"
            " (yes, no, partly, unknown, not_applicable)",
        ),
        (
            {"question": "fl_base", "equals": True},
            "show_if.equals: True is not a valid answer to yes_no question 'fl_base'"
            " (write yes/no in quotes: YAML reads a bare yes/no as true/false)",
        ),
        ({"question": "fl_base", "like": "yes"}, "show_if: unknown operator(s) 'like'"),
        (
            {"question": "fl_base", "answered": "yes"},
            "show_if.answered: takes `true` as its argument",
        ),
        ({"all": []}, "show_if.all: 'all' takes a non-empty list of conditions"),
        (
            {"question": "fl_base", "in": "yes"},
            "show_if.in: takes a non-empty list of values",
        ),
        (
            {"question": "fl_base", "op": "equals", "value": "yes"},
            "show_if: unknown operator(s) 'op', 'value'",
        ),
        ({"question": "fl_child", "answered": True}, "show_if: refers to the question itself"),
    ],
)
def test_condition_problems(write_definition, condition, message):
    path = write_definition(definition(yes_no("fl_base"), yes_no("fl_child", show_if=condition)))

    assert _problems(path) == [f"1.0.yaml: question fl_child: {message}"]


def test_unquoted_yes_in_yaml_is_reported(write_definition):
    text = """
id: tiny
version: "1.0"
title: {en: Tiny, ja: 小さな質問票}
sections:
  - id: fl
    title: {en: Section, ja: 項目}
    questions:
      - id: fl_fees
        type: yes_no
        choices: [yes, no]
        text: {en: Fees, ja: 手数料ですか。}
        help: {en: Why, ja: 理由です。}
        references: [ILO-FLI-09]
      - id: fl_refund
        type: yes_no
        show_if: {question: fl_fees, equals: yes}
        text: {en: Refund, ja: 返金しましたか。}
        help: {en: Why, ja: 理由です。}
        references: [ILO-FLI-09]
"""
    problems = _problems(write_definition(text))

    allowed = "['yes', 'no', 'partly', 'unknown', 'not_applicable']"
    assert problems == [
        f"1.0.yaml: question fl_fees: choices[0]: True is not one of {allowed}",
        f"1.0.yaml: question fl_fees: choices[1]: False is not one of {allowed}",
        "1.0.yaml: question fl_refund: show_if.equals: True is not a valid answer to yes_no"
        " question 'fl_fees' (write yes/no in quotes: YAML reads a bare yes/no as true/false)",
    ]


def test_invalid_yaml_names_the_file(write_definition):
    problems = _problems(write_definition("id: [unclosed", name="2.0.yaml"))

    assert len(problems) == 1 and problems[0].startswith("2.0.yaml: cannot read YAML")


def test_version_must_match_the_file_name(write_definition):
    problems = _problems(write_definition(definition(yes_no("fl_a")), name="1.1.yaml"))

    assert problems == ["1.1.yaml: version '1.0' does not match the file name"]


def test_load_all_reports_problems_of_every_file(write_definition, tmp_path):
    write_definition(definition(yes_no("fl_a", references=["NOPE"])), name="tiny/1.0.yaml")
    wrong_folder = {**definition(yes_no("fl_a")), "version": "2.0"}
    write_definition(wrong_folder, name="other/2.0.yaml")

    with pytest.raises(DefinitionError) as caught:
        load_all(tmp_path)

    assert caught.value.problems == [
        "other/2.0.yaml: id 'tiny' does not match its folder",
        "tiny/1.0.yaml: question fl_a: unknown reference code 'NOPE'",
    ]


def test_latest_compares_versions_numerically(write_definition, tmp_path):
    for version in ("1.2", "1.10", "1.9"):
        write_definition({**definition(yes_no("fl_a")), "version": version}, f"tiny/{version}.yaml")

    questionnaires = load_all(tmp_path)

    assert sorted(questionnaires) == [("tiny", "1.10"), ("tiny", "1.2"), ("tiny", "1.9")]
    assert latest("tiny", questionnaires).version == "1.10"
    with pytest.raises(KeyError):
        latest("absent", questionnaires)
