"""coerce_answer: canonical values from form strings and JSON, and every rejection."""

from __future__ import annotations

import datetime
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaires import (
    ERROR_MESSAGES,
    LONG_TEXT_LENGTH,
    MAX_TABLE_ROWS,
    SHORT_TEXT_LENGTH,
    AnswerError,
    Column,
    Localized,
    QuestionType,
    coerce_answer,
    errors,
)
from tests.examples import examples

from .builders import question


def _error(question_, raw) -> AnswerError:
    with pytest.raises(AnswerError) as caught:
        coerce_answer(question_, raw)
    return caught.value


@pytest.mark.parametrize("raw", [None, "", "   ", [], ["", " "], [None]])
def test_empty_input_is_unanswered(questionnaire, raw):
    for question_id in ("org_minerals", "org_headcount", "org_countries", "org_legal_name"):
        assert coerce_answer(questionnaire.question(question_id), raw) is None


def test_yes_no_accepts_only_its_effective_choices(questionnaire):
    full = questionnaire.question("lr_foa_policy")
    restricted = questionnaire.question("org_buys_material")

    assert coerce_answer(full, " partly ") == "partly"
    assert coerce_answer(full, "not_applicable") == "not_applicable"
    assert coerce_answer(restricted, "no") == "no"
    for raw in ("partly", "Yes", "maybe", True, 1, {"yes": 1}):
        assert _error(restricted, raw).code == errors.INVALID_CHOICE


def test_single_choice(questionnaire):
    custody = questionnaire.question("trace_chain_of_custody")

    assert coerce_answer(custody, "mass_balance") == "mass_balance"
    assert _error(custody, "mass balance").code == errors.INVALID_CHOICE
    assert _error(custody, ["mass_balance"]).code == errors.INVALID_CHOICE


def test_multiple_choice_is_ordered_and_deduplicated(questionnaire):
    minerals = questionnaire.question("org_minerals")

    assert coerce_answer(minerals, ["nickel", "cobalt", "nickel", ""]) == ["cobalt", "nickel"]
    assert coerce_answer(minerals, "lithium") == ["lithium"]
    assert coerce_answer(minerals, ("manganese",)) == ["manganese"]
    assert _error(minerals, ["cobalt", "gold"]).code == errors.INVALID_CHOICE
    assert _error(minerals, {"cobalt": True}).code == errors.INVALID_CHOICE


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,234", 1234),
        ("12.5", 12.5),
        (" 7 ", 7),
        ("１２", 12),
        ("+3", 3),
        (7.0, 7),
        (41, 41),
        (0.25, 0.25),
        ("0.5", 0.5),
    ],
)
def test_numbers_are_parsed(raw, expected):
    number = question(type="number")

    value = coerce_answer(number, raw)

    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    "raw", ["abc", "1e5", "1,23", "nan", "inf", math.nan, math.inf, True, [1], "1.2.3", "9" * 5000]
)
def test_non_numbers_are_rejected(raw):
    assert _error(question(type="number"), raw).code == errors.NOT_A_NUMBER


def test_number_bounds(questionnaire):
    headcount = questionnaire.question("org_headcount")

    assert coerce_answer(headcount, "0") == 0
    error = _error(headcount, "-1")
    assert error.code == errors.OUT_OF_RANGE
    assert error.params == {"min": 0, "max": 10000000}
    assert error.message == "Enter a number from 0 to 10000000."
    assert _error(question(type="number"), 10**16).code == errors.OUT_OF_RANGE


def test_percentage_lies_between_0_and_100(questionnaire):
    share = questionnaire.question("circ_recycled_content")

    assert coerce_answer(share, "45%") == 45
    assert coerce_answer(share, "１００％") == 100
    assert coerce_answer(share, 0.5) == 0.5
    assert _error(share, 100.5).params == {"min": 0, "max": 100}
    assert _error(share, "-1").code == errors.OUT_OF_RANGE


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-02-29", "2024-02-29"),
        (" 2023-12-01 ", "2023-12-01"),
        (datetime.date(2023, 5, 1), "2023-05-01"),
    ],
)
def test_dates_are_iso(raw, expected):
    assert coerce_answer(question(type="date"), raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "2023-02-29",
        "20240101",
        "2024-1-1",
        "01/02/2024",
        "2024-W01-1",
        20240101,
        datetime.datetime(2024, 1, 1),
    ],
)
def test_invalid_dates_are_rejected(raw):
    assert _error(question(type="date"), raw).code == errors.INVALID_DATE


def test_country_codes_are_validated_against_babel(questionnaire):
    country = questionnaire.question("org_country")

    assert coerce_answer(country, " jp ") == "JP"
    assert coerce_answer(country, "CD") == "CD"
    for raw in ("ZZ", "EU", "XK", "UN", "JPN", "Japan", "001", 81):
        assert _error(country, raw).code == errors.INVALID_COUNTRY


def test_countries_are_sorted_and_unique(questionnaire):
    countries = questionnaire.question("org_countries")

    assert coerce_answer(countries, ["cn", "CD", "cn"]) == ["CD", "CN"]
    assert coerce_answer(countries, "JP, id") == ["ID", "JP"]
    assert _error(countries, ["JP", "EU"]).code == errors.INVALID_COUNTRY
    assert _error(countries, {"JP": 1}).code == errors.INVALID_COUNTRY


def test_text_is_stripped_and_limited(questionnaire):
    name = questionnaire.question("org_legal_name")
    plain = question(type="text")
    notes = question(type="text", multiline=True, max_length=20)

    assert coerce_answer(name, "  Acme Refining K.K.\t") == "Acme Refining K.K."
    assert coerce_answer(notes, "line one\r\nline two") == "line one\nline two"
    assert coerce_answer(plain, "x" * SHORT_TEXT_LENGTH) == "x" * SHORT_TEXT_LENGTH
    assert _error(plain, "x" * (SHORT_TEXT_LENGTH + 1)).params == {"max": SHORT_TEXT_LENGTH}
    too_long = _error(notes, "x" * 21)
    assert (too_long.code, too_long.message) == (errors.TOO_LONG, "Enter at most 20 characters.")
    assert coerce_answer(plain, "tab\tand\nnewline\r") == "tab\tand\nnewline"
    for raw in ("a\x00b", "bell\x07", "esc\x1b", "del\x7f", "\ud800", 12):
        assert _error(plain, raw).code == errors.INVALID_TEXT


def test_text_limits_follow_the_question_type(questionnaire):
    narrative = question(type="text", multiline=True)
    declared = question(type="text", max_length=10**6)
    sites = questionnaire.question("org_sites")
    row = {"country": "CD", "stage": "extraction"}

    assert coerce_answer(narrative, "x" * LONG_TEXT_LENGTH) == "x" * LONG_TEXT_LENGTH
    assert _error(narrative, "x" * (LONG_TEXT_LENGTH + 1)).params == {"max": LONG_TEXT_LENGTH}
    assert _error(declared, "x" * (LONG_TEXT_LENGTH + 1)).params == {"max": LONG_TEXT_LENGTH}
    site = "工" * SHORT_TEXT_LENGTH
    assert coerce_answer(sites, [{**row, "name": site}]) == [{**row, "name": site}]
    too_long = _error(sites, [{**row, "name": "a"}, {**row, "name": site + "工"}])
    assert (too_long.code, too_long.params) == (
        errors.CELL_TOO_LONG,
        {"row": 2, "column": "name", "max": SHORT_TEXT_LENGTH},
    )
    assert too_long.message == "Row 2, column name: enter at most 200 characters."


def test_bidirectional_controls_are_taken_out_of_every_text_answer(questionnaire):
    name = questionnaire.question("org_legal_name")
    sites = questionnaire.question("org_sites")
    spoofed = "Acme\u202e\u2066gnp.exe\u2069\u202c K.K."

    assert coerce_answer(name, spoofed) == "Acmegnp.exe K.K."
    row = {"name": spoofed, "country": "CD", "stage": "extraction"}
    assert coerce_answer(sites, [row])[0]["name"] == "Acmegnp.exe K.K."
    assert coerce_answer(name, " \u202e\u2069 ") is None


def test_table_rows_are_coerced_per_column(questionnaire):
    table = questionnaire.question("trace_materials")
    form_rows = [
        {
            "mineral": "cobalt",
            "stage": "extraction",
            "country": "cd",
            "smelter_identified": "partly",
            "recycled_share": "0",
        },
        {"mineral": "", "stage": "", "country": "", "smelter_identified": "", "recycled_share": ""},
        {"mineral": "nickel", "stage": "processing", "country": "ID", "recycled_share": 12.5},
    ]

    assert coerce_answer(table, form_rows) == [
        {
            "mineral": "cobalt",
            "stage": "extraction",
            "country": "CD",
            "smelter_identified": "partly",
            "recycled_share": 0,
        },
        {"mineral": "nickel", "stage": "processing", "country": "ID", "recycled_share": 12.5},
    ]
    assert coerce_answer(table, [form_rows[1]]) is None


@pytest.mark.parametrize(
    ("rows", "code", "params"),
    [
        (
            [{"mineral": "cobalt", "stage": "extraction"}],
            errors.INVALID_ROW,
            {"row": 1, "column": "country"},
        ),
        (
            [
                {
                    "mineral": "cobalt",
                    "stage": "extraction",
                    "country": "CD",
                    "recycled_share": "200",
                }
            ],
            errors.INVALID_ROW,
            {"row": 1, "column": "recycled_share"},
        ),
        (
            [{}, {"mineral": "gold", "stage": "extraction", "country": "CD"}],
            errors.INVALID_ROW,
            {"row": 2, "column": "mineral"},
        ),
        ([{"colour": "red"}], errors.INVALID_ROW, {"row": 1, "column": "colour"}),
        (["cobalt"], errors.INVALID_ROW, {"row": 1, "column": "-"}),
        ("cobalt", errors.INVALID_TABLE, {}),
        ([{}] * (MAX_TABLE_ROWS + 1), errors.TOO_MANY_ROWS, {"max": MAX_TABLE_ROWS}),
    ],
)
def test_invalid_tables_are_rejected(questionnaire, rows, code, params):
    error = _error(questionnaire.question("trace_materials"), rows)

    assert (error.code, error.params) == (code, params)


def test_table_minimum_rows():
    table = question(
        type="table",
        min_rows=2,
        columns=(Column("name", QuestionType.TEXT, Localized("Name", "名称"), required=True),),
    )

    assert _error(table, [{"name": "A"}]).params == {"min": 2}
    assert coerce_answer(table, [{"name": "A"}, {"name": "B"}]) == [{"name": "A"}, {"name": "B"}]


def test_evidence_questions_take_no_answer(questionnaire):
    assert (
        _error(questionnaire.question("dd_audit_report"), "report.pdf").code == errors.EVIDENCE_ONLY
    )


def test_every_error_code_has_a_message():
    codes = {
        value for name, value in vars(errors).items() if name.isupper() and isinstance(value, str)
    }

    assert codes == set(ERROR_MESSAGES)
    assert AnswerError(errors.INVALID_ROW, {"row": 3, "column": "country"}).message == (
        "Check row 3, column country."
    )


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.dates(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=20), children, max_size=4)
    ),
    max_leaves=12,
)
FORM_LIKE = st.sampled_from(
    ["yes", "cobalt", "JP", "12", "1,000", "2024-02-29", "50%", "unknown", "CD, JP"]
) | st.lists(st.sampled_from(["cobalt", "nickel", "JP", "extraction", ""]), max_size=4)


@settings(max_examples=examples(400), deadline=None)
@given(data=st.data(), raw=JSON_VALUES | FORM_LIKE)
def test_coerce_answer_raises_only_answer_error_and_is_idempotent(questionnaire, data, raw):
    target = data.draw(st.sampled_from(questionnaire.questions))
    try:
        value = coerce_answer(target, raw)
    except AnswerError as error:
        assert error.code in ERROR_MESSAGES
        return
    if value is not None:
        assert coerce_answer(target, value) == value


@settings(max_examples=examples(200), deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "mineral": st.sampled_from(["cobalt", "graphite", "gold", ""]),
                "stage": st.sampled_from(["extraction", "recycling", "", "mining"]),
                "country": st.sampled_from(["CD", "cn", "ZZ", ""]) | st.text(max_size=3),
                "smelter_identified": st.sampled_from(["yes", "no", "maybe"]),
                "recycled_share": st.integers(-5, 120) | st.text(max_size=4),
            },
        ),
        max_size=5,
    )
)
def test_table_coercion_never_fails_unexpectedly(questionnaire, rows):
    table = questionnaire.question("trace_materials")
    try:
        value = coerce_answer(table, rows)
    except AnswerError as error:
        assert error.code in {errors.INVALID_ROW, errors.TOO_FEW_ROWS}
        return
    assert value is None or coerce_answer(table, value) == value
