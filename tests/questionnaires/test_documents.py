"""Answers documents: parsing, evidence lists and document-level errors."""

from __future__ import annotations

import pytest

from questionnaires import (
    ERROR_MESSAGES,
    AnswerError,
    errors,
    parse_answers_document,
    parse_evidence,
)

DIGEST = "ab" * 32


def _doc(**fields):
    return {"questionnaire": "critical-minerals-dd", "version": "1.0", "answers": {}, **fields}


def test_valid_answers_come_back_canonical(questionnaire):
    doc = _doc(
        answers={
            "org_minerals": ["nickel", "cobalt"],
            "org_headcount": "1,200",
            "org_countries": ["id", "JP"],
            "lr_foa_policy": "yes",
        }
    )

    parsed = parse_answers_document(doc, {questionnaire.key: questionnaire})

    assert parsed.questionnaire is questionnaire
    assert parsed.answers == {
        "org_minerals": ["cobalt", "nickel"],
        "org_headcount": 1200,
        "org_countries": ["ID", "JP"],
        "lr_foa_policy": "yes",
    }
    assert parsed.errors == {}


def test_invalid_and_unknown_answers_are_reported_per_question(questionnaire):
    doc = _doc(
        answers={
            "org_headcount": "many",
            "no_such_question": "yes",
            "org_legal_name": "Acme",
            "org_special_zone": "",
        }
    )

    questionnaire_, answers, problems, _ = parse_answers_document(doc, [questionnaire])

    assert answers == {"org_legal_name": "Acme"}
    assert problems == {
        "org_headcount": ERROR_MESSAGES[errors.NOT_A_NUMBER],
        "no_such_question": ERROR_MESSAGES[errors.UNKNOWN_QUESTION],
    }


@pytest.mark.parametrize(
    ("doc", "code"),
    [
        (["not", "an", "object"], errors.INVALID_DOCUMENT),
        ({"questionnaire": "critical-minerals-dd", "answers": {}}, errors.INVALID_DOCUMENT),
        (_doc(version=1.0), errors.INVALID_DOCUMENT),
        (_doc(answers=["yes"]), errors.INVALID_DOCUMENT),
        (_doc(evidence=["file.pdf"]), errors.INVALID_DOCUMENT),
        (_doc(version="9.9"), errors.UNKNOWN_QUESTIONNAIRE),
        (_doc(questionnaire="other"), errors.UNKNOWN_QUESTIONNAIRE),
    ],
)
def test_malformed_documents_raise(questionnaire, doc, code):
    with pytest.raises(AnswerError) as caught:
        parse_answers_document(doc, [questionnaire])

    assert caught.value.code == code


def test_unknown_version_message_names_it(questionnaire):
    with pytest.raises(
        AnswerError, match=r"Unknown questionnaire critical-minerals-dd version 9\.9\."
    ):
        parse_answers_document(_doc(version="9.9"), [questionnaire])


def test_evidence_is_parsed_and_checked(questionnaire):
    raw = {
        "dd_policy": [{"name": " policy.pdf ", "sha256": DIGEST.upper(), "valid_until": None}],
        "env_iso14001": [{"name": "iso.pdf", "sha256": DIGEST, "valid_until": "2026-03-31"}],
        "dd_audit_report": [],
        "org_legal_name": [{"name": "a.pdf", "sha256": DIGEST}],
        "env_permits": [{"name": "p.pdf", "sha256": "xyz"}],
        "lr_foa_policy": [{"name": "p.pdf", "sha256": DIGEST, "valid_until": "2026-02-30"}],
        "nope": [],
    }

    evidence, problems = parse_evidence(questionnaire, raw)

    assert evidence == {
        "dd_policy": [{"name": "policy.pdf", "sha256": DIGEST, "valid_until": None}],
        "env_iso14001": [{"name": "iso.pdf", "sha256": DIGEST, "valid_until": "2026-03-31"}],
    }
    assert problems == {
        "org_legal_name": ERROR_MESSAGES[errors.EVIDENCE_NOT_EXPECTED],
        "env_permits": ERROR_MESSAGES[errors.INVALID_EVIDENCE],
        "lr_foa_policy": ERROR_MESSAGES[errors.INVALID_EVIDENCE],
        "nope": ERROR_MESSAGES[errors.UNKNOWN_QUESTION],
    }


def test_evidence_errors_join_the_document_errors(questionnaire):
    doc = _doc(
        answers={"org_headcount": "x"},
        evidence={"org_headcount": [], "dd_policy": [{"name": "", "sha256": DIGEST}]},
    )

    _, _, problems, _ = parse_answers_document(doc, [questionnaire])

    assert problems == {
        "org_headcount": f"{ERROR_MESSAGES[errors.NOT_A_NUMBER]} "
        f"{ERROR_MESSAGES[errors.EVIDENCE_NOT_EXPECTED]}",
        "dd_policy": ERROR_MESSAGES[errors.INVALID_EVIDENCE],
    }
