"""Property tests of rule set 1.0: evaluation never crashes, and adverse forced-labour answers
never help (rule set 1.1: test_properties_1_1.py, which reuses the generators here)."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaires import QuestionType
from rules import (
    DocumentError,
    Level,
    RiskResult,
    evaluate,
    load_reference_data,
    load_ruleset,
    reviewed_rating,
)
from tests.examples import examples
from tests.rules.conftest import SCORING_DATE

RULESET = load_ruleset("critical-minerals-risk", "1.0")
QUESTIONNAIRE = RULESET.questionnaire
REFDATA = load_reference_data()
COUNTRIES = ["AU", "CA", "CD", "CL", "CN", "ID", "IN", "JP", "MG", "RU", "ZA", "ZM", "ZW"]
SETTINGS = settings(
    max_examples=examples(120), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

#: (question, adverse answer) for each forced-labour indicator question.
ADVERSE = [
    ("fl_state_imposed_labour", "yes"),
    ("fl_vulnerable_terms", "yes"),
    ("fl_deception", "yes"),
    ("fl_freedom_of_movement", "no"),
    ("fl_isolation", "yes"),
    ("fl_violence", "yes"),
    ("fl_threats", "yes"),
    ("fl_identity_documents", "yes"),
    ("fl_wage_withholding", "yes"),
    ("fl_recruitment_fees", "yes"),
    ("fl_debt", "yes"),
    ("fl_degrading_conditions", "yes"),
    ("fl_forced_overtime", "yes"),
    ("fl_cases_found", "yes"),
]
#: Adverse answers whose follow-up question can still clear them.
MITIGABLE = {"fl_identity_documents", "fl_recruitment_fees"}


def _bounds(item, low=0, high=10_000):
    return (item.min if item.min is not None else low, item.max if item.max is not None else high)


def value_of(item):
    """Return a strategy of valid values for a question or table column."""
    kind = item.type
    if kind in (QuestionType.YES_NO, QuestionType.SINGLE):
        return st.sampled_from(item.option_values)
    if kind is QuestionType.MULTIPLE:
        return st.lists(st.sampled_from(item.option_values), min_size=1, unique=True)
    if kind is QuestionType.COUNTRY:
        return st.sampled_from(COUNTRIES)
    if kind is QuestionType.COUNTRIES:
        return st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=4, unique=True)
    if kind is QuestionType.NUMBER:
        return st.integers(*_bounds(item))
    if kind is QuestionType.PERCENTAGE:
        return st.integers(*_bounds(item, 0, 100))
    if kind is QuestionType.DATE:
        return st.dates().map(lambda d: d.isoformat())
    if kind is QuestionType.TABLE:
        row = st.fixed_dictionaries(
            {c.id: value_of(c) for c in item.columns if c.required},
            optional={c.id: value_of(c) for c in item.columns if not c.required},
        )
        return st.lists(row, min_size=item.min_rows or 1, max_size=4)
    return st.text(alphabet=string.ascii_letters, min_size=1, max_size=20)


FILE = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["a.pdf", "b.pdf"]),
        "sha256": st.just("0" * 64),
        "valid_until": st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())),
    }
)


def takes_files(question) -> bool:
    """Return True when files can be attached to ``question``."""
    return question.evidence is not None or question.type is QuestionType.EVIDENCE


@st.composite
def documents(draw, questionnaire=QUESTIONNAIRE):
    """Return a valid, usually partial, answers document (for questionnaire 1.0 by default)."""
    answers = {}
    for question in questionnaire.questions:
        if question.type is not QuestionType.EVIDENCE and draw(st.booleans()):
            answers[question.id] = draw(value_of(question))
    evidence = {}
    for question in questionnaire.questions:
        if takes_files(question) and draw(st.booleans()):
            evidence[question.id] = draw(st.lists(FILE, min_size=1, max_size=2))
    return {
        "questionnaire": questionnaire.id,
        "version": questionnaire.version,
        "answers": answers,
        "evidence": evidence,
    }


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@SETTINGS
@given(documents())
def test_valid_documents_always_evaluate(doc):
    result = evaluate(RULESET, doc, REFDATA, SCORING_DATE)
    data = result.to_dict()
    assert 0 <= data["score"] <= 100
    assert all(0 <= c["score"] <= 100 for c in data["categories"])
    assert set(data["red_flags"]) <= {f["rule_id"] for f in data["findings"]}
    if data["red_flags"]:
        assert result.rating >= Level.HIGH
    assert reviewed_rating(RULESET, data, ()) is result.rating
    assert reviewed_rating(RULESET, data, data["red_flags"]) <= result.rating


@SETTINGS
@given(documents(), st.sampled_from(sorted(q.id for q in RULESET.questionnaire.questions)), JUNK)
def test_malformed_answers_raise_document_error_only(doc, question, junk):
    doc["answers"][question] = junk
    try:
        result = evaluate(RULESET, doc, REFDATA, SCORING_DATE)
    except DocumentError as error:
        assert error.field in {f"answers.{question}", "document"} or error.field.startswith(
            ("answers.", "evidence.")
        )
    else:
        assert isinstance(result, RiskResult)


@SETTINGS
@given(
    JUNK
    | st.fixed_dictionaries(
        {
            "questionnaire": st.just("critical-minerals-dd"),
            "version": st.just("1.0"),
            "answers": JUNK,
            "evidence": JUNK,
        }
    )
)
def test_arbitrary_documents_raise_document_error_only(doc):
    try:
        evaluate(RULESET, doc, REFDATA, SCORING_DATE)
    except DocumentError as error:
        assert error.field


@SETTINGS
@given(documents(), st.sampled_from(ADVERSE))
def test_an_adverse_forced_labour_answer_never_lowers_the_rating(doc, adverse):
    question, value = adverse
    before = evaluate(RULESET, doc, REFDATA, SCORING_DATE)
    doc["answers"][question] = value
    after = evaluate(RULESET, doc, REFDATA, SCORING_DATE)
    assert after.rating >= before.rating
    if question not in MITIGABLE:
        assert after.rating is Level.CRITICAL
        assert any(
            f.red_flag and question in {t.question for t in f.triggered_by} for f in after.findings
        )
