"""Questionnaire.to_export and catalogue coverage checks."""

from __future__ import annotations

import dataclasses
import json

import pytest
import yaml

from questionnaires import (
    DefinitionError,
    check_coverage,
    load_catalogue,
)
from questionnaires.loader import DEFINITIONS_DIR

QUESTION_KEYS = {
    "id",
    "type",
    "text",
    "help",
    "options",
    "required",
    "show_if",
    "references",
    "evidence",
    "columns",
}


def test_export_has_exactly_the_documented_shape(questionnaire):
    exported = questionnaire.to_export()

    assert set(exported) == {"id", "version", "sections"}
    assert (exported["id"], exported["version"]) == ("critical-minerals-dd", "1.0")
    for section in exported["sections"]:
        assert set(section) == {"id", "title", "questions"}
        assert set(section["title"]) == {"en", "ja"}
        for question in section["questions"]:
            assert set(question) == QUESTION_KEYS, question["id"]
            assert set(question["text"]) == set(question["help"]) == {"en", "ja"}
            for option in question["options"]:
                assert set(option) == {"value", "label"}
    assert json.loads(json.dumps(exported, ensure_ascii=False)) == exported


def test_export_matches_the_yaml_source(questionnaire):
    source = yaml.safe_load((DEFINITIONS_DIR / "critical-minerals-dd" / "1.0.yaml").read_text())
    by_id = {q["id"]: q for s in source["sections"] for q in s["questions"]}
    exported = {q["id"]: q for s in questionnaire.to_export()["sections"] for q in s["questions"]}

    assert list(exported) == list(by_id)
    for question_id, raw in by_id.items():
        assert exported[question_id]["show_if"] == raw.get("show_if"), question_id
        assert exported[question_id]["references"] == raw["references"]
        assert exported[question_id]["required"] == raw.get("required", False)


def test_yes_no_questions_export_their_effective_options(questionnaire):
    exported = {q["id"]: q for s in questionnaire.to_export()["sections"] for q in s["questions"]}

    assert exported["lr_foa_policy"]["options"] == [
        {"value": "yes", "label": {"en": "Yes", "ja": "はい"}},
        {"value": "no", "label": {"en": "No", "ja": "いいえ"}},
        {"value": "partly", "label": {"en": "Partly", "ja": "一部"}},
        {"value": "unknown", "label": {"en": "Unknown", "ja": "不明"}},
        {"value": "not_applicable", "label": {"en": "Not applicable", "ja": "該当なし"}},
    ]
    assert [o["value"] for o in exported["org_buys_material"]["options"]] == ["yes", "no"]
    assert exported["org_legal_name"]["options"] == []
    assert exported["env_iso14001"]["evidence"] == {
        "required_when": ["yes", "partly"],
        "expires": True,
        "description": {
            "en": "ISO 14001 (or equivalent) certificate with its expiry date",
            "ja": "ISO 14001（または同等の規格）の認証書とその有効期限",
        },
    }
    column = exported["trace_materials"]["columns"][3]
    assert set(column) == {"id", "type", "label", "options", "required"}
    assert column["id"] == "smelter_identified" and len(column["options"]) == 5


def _without(questionnaire, *question_ids):
    sections = tuple(
        dataclasses.replace(s, questions=tuple(q for q in s.questions if q.id not in question_ids))
        for s in questionnaire.sections
    )
    return dataclasses.replace(questionnaire, sections=sections)


def test_coverage_reports_codes_no_question_cites(questionnaire, catalogue):
    citing_basel = [q.id for q in questionnaire.questions if "USJP-4.5" in q.references]
    citing_aml = [q.id for q in questionnaire.questions if "OECD-A2-AML" in q.references]
    reduced = _without(questionnaire, *citing_basel, *citing_aml)

    problems = check_coverage([reduced], catalogue)

    assert citing_basel and citing_aml
    assert problems == [
        "critical-minerals-dd 1.0: USJP-4.5 (cover: questions) is cited by no question"
    ]  # OECD-A2-AML is optional


def test_broken_catalogue_lists_every_problem(tmp_path):
    path = tmp_path / "catalogue.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "sources": {"A": {"en": "Source A", "ja": "出典A"}, "B": {"en": "Only English"}},
                "references": [
                    {
                        "code": "A-1",
                        "source": "A",
                        "locator": "1",
                        "cover": "rules",
                        "title": {"en": "One", "ja": "一"},
                    },
                    {
                        "code": "A-1",
                        "source": "A",
                        "locator": "1",
                        "cover": "always",
                        "title": {"en": "Again"},
                    },
                    {
                        "code": "C-1",
                        "source": "C",
                        "locator": "1",
                        "cover": "optional",
                        "title": {"en": "Three", "ja": "三"},
                    },
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )

    with pytest.raises(DefinitionError) as caught:
        load_catalogue(path)

    assert caught.value.problems == [
        "catalogue.yaml: source B: name needs en and ja",
        "catalogue.yaml: A-1: title needs en and ja",
        "catalogue.yaml: A-1: cover must be one of questions, rules, optional",
        "catalogue.yaml: C-1: unknown source 'C'",
    ]
