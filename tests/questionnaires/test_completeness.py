"""missing_items and section_progress over the shipped questionnaire."""

from __future__ import annotations

from typing import Any

from questionnaires import (
    MissingItem,
    MissingKind,
    Question,
    QuestionType,
    coerce_answer,
    missing_items,
    section_progress,
    visible_question_ids,
)

FILE = [{"name": "doc.pdf", "sha256": "0" * 64, "valid_until": None}]
SAMPLE = {
    QuestionType.NUMBER: 10,
    QuestionType.PERCENTAGE: 25,
    QuestionType.DATE: "2025-01-31",
    QuestionType.COUNTRY: "JP",
    QuestionType.COUNTRIES: ["JP"],
    QuestionType.TEXT: "Answer",
}


def _sample(question: Question) -> Any:
    if question.type in {QuestionType.YES_NO, QuestionType.SINGLE}:
        return question.option_values[0]
    if question.type is QuestionType.MULTIPLE:
        return list(question.option_values[:2])
    if question.type is QuestionType.TABLE:
        row = {c.id: c.option_values[0] if c.options else SAMPLE[c.type] for c in question.columns}
        return [row]
    return SAMPLE[question.type]


def _complete(questionnaire, overrides: dict[str, Any]) -> dict[str, Any]:
    """Answer every visible question (first option, sample values), keeping ``overrides``."""
    answers = dict(overrides)
    for _ in range(len(questionnaire.questions)):
        visible = visible_question_ids(questionnaire, answers)
        todo = [
            q
            for q in questionnaire.questions
            if q.id in visible and q.id not in answers and q.type is not QuestionType.EVIDENCE
        ]
        if not todo:
            return answers
        answers[todo[0].id] = coerce_answer(todo[0], _sample(todo[0]))
    raise AssertionError("answers do not settle")


def test_nothing_answered_misses_only_visible_required_questions(questionnaire):
    missing = missing_items(questionnaire, {}, {})
    ids = [item.question_id for item in missing]

    assert missing[0] == MissingItem("org_legal_name", "org", MissingKind.ANSWER)
    assert "org_identifier" not in ids  # optional
    assert "org_migrant_share" not in ids  # hidden until migrant workers are declared
    assert all(item.kind is MissingKind.ANSWER for item in missing)
    assert ids == [q.id for q in questionnaire.questions if q.id in ids]  # questionnaire order


def test_evidence_is_required_only_for_matching_answers(questionnaire):
    answers = {"dd_policy": "partly", "lr_foa_policy": "no"}

    missing = missing_items(questionnaire, answers, {})

    assert MissingItem("dd_policy", "dd", MissingKind.EVIDENCE) in missing
    assert not [m for m in missing if m.question_id == "lr_foa_policy"]
    with_file = missing_items(questionnaire, answers, {"dd_policy": FILE})
    assert not [m for m in with_file if m.question_id == "dd_policy"]


def test_required_evidence_question_needs_files_when_visible(questionnaire):
    audited = missing_items(questionnaire, {"dd_third_party_audit": "yes"}, {})
    not_audited = missing_items(questionnaire, {"dd_third_party_audit": "no"}, {})

    assert MissingItem("dd_audit_report", "dd", MissingKind.EVIDENCE) in audited
    assert "dd_audit_report" not in {m.question_id for m in not_audited}


def test_complete_recycler_submission_misses_nothing_once_evidence_is_attached(questionnaire):
    answers = _complete(
        questionnaire,
        {
            "org_lifecycle_stages": ["recycling"],
            "org_minerals": ["cobalt", "lithium"],
            "org_migrant_workers": "no",
        },
    )

    missing = missing_items(questionnaire, answers, {})

    assert missing and {m.kind for m in missing} == {MissingKind.EVIDENCE}
    assert "env_mine_closure" not in answers
    evidence = {m.question_id: FILE for m in missing}
    assert missing_items(questionnaire, answers, evidence) == []


def test_hidden_questions_are_never_missing(questionnaire):
    answers = _complete(questionnaire, {"org_migrant_workers": "yes"})
    answers["org_migrant_workers"] = "no"
    del answers["fl_migrant_recruitment_fees"]

    ids = {m.question_id for m in missing_items(questionnaire, answers, {})}

    assert "fl_migrant_recruitment_fees" not in ids
    assert "cw_migrant_equal_treatment" not in ids


def test_section_progress_counts_visible_questions(questionnaire):
    empty = section_progress(questionnaire, {})
    answers = {"org_legal_name": "Acme", "org_migrant_workers": "yes"}
    some = section_progress(questionnaire, answers)

    assert set(empty) == {s.id for s in questionnaire.sections}
    assert empty["org"][0] == 0
    assert some["org"] == (2, empty["org"][1] + 1)  # org_migrant_share appears
    assert some["fl"][1] == empty["fl"][1] + 1  # fl_migrant_recruitment_fees appears
    audited = {"dd_third_party_audit": "yes"}
    answered_dd = section_progress(questionnaire, audited, {"dd_audit_report": FILE})["dd"]
    assert answered_dd[0] == 2
