"""The shipped critical-minerals questionnaire: content, coverage and language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from questionnaires import (
    DEFINITIONS_DIR,
    Cover,
    QuestionType,
    check_coverage,
    load_all,
    visible_question_ids,
)

from .builders import QUESTIONNAIRE_ID

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
MINERALS = ["cobalt", "graphite", "lithium", "manganese", "nickel"]
STAGES = ["extraction", "processing", "recycling", "end_of_life"]

#: The questions that ask about each ILO forced-labour indicator.
FORCED_LABOUR_INDICATORS = {
    "ILO-FLI-01": ["fl_vulnerable_terms"],
    "ILO-FLI-02": ["fl_written_contract", "fl_deception"],
    "ILO-FLI-03": ["fl_freedom_of_movement"],
    "ILO-FLI-04": ["fl_isolation"],
    "ILO-FLI-05": ["fl_violence"],
    "ILO-FLI-06": ["fl_threats"],
    "ILO-FLI-07": ["fl_identity_documents", "fl_identity_documents_access"],
    "ILO-FLI-08": ["fl_wage_withholding"],
    "ILO-FLI-09": ["fl_recruitment_fees", "fl_migrant_recruitment_fees", "fl_debt"],
    "ILO-FLI-10": ["fl_accommodation_standards", "fl_degrading_conditions"],
    "ILO-FLI-11": ["fl_forced_overtime"],
}


def _strings(data: Any, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Yield every bilingual string of an exported structure with its path."""
    if isinstance(data, dict):
        if set(data) == {"en", "ja"}:
            yield path, data
            return
        for key, value in data.items():
            yield from _strings(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, item in enumerate(data):
            label = item.get("id") or item.get("value") if isinstance(item, dict) else index
            yield from _strings(item, f"{path}[{label}]")


def _all_strings(questionnaire) -> list[tuple[str, dict[str, str]]]:
    extra = {
        "title": questionnaire.title.to_dict(),
        "intros": [s.intro.to_dict() for s in questionnaire.sections if s.intro],
        "units": [q.unit.to_dict() for q in questionnaire.questions if q.unit],
    }
    return list(_strings(questionnaire.to_export())) + list(_strings(extra))


def test_shipped_definitions_load_and_cover_the_catalogue(catalogue):
    questionnaires = load_all(DEFINITIONS_DIR, catalogue)

    assert (QUESTIONNAIRE_ID, "1.0") in questionnaires
    assert check_coverage(questionnaires, catalogue) == []


def test_sections_follow_the_nine_content_areas(questionnaire):
    assert [s.id for s in questionnaire.sections] == [
        "org",
        "trace",
        "lr",
        "fl",
        "cw",
        "vr",
        "env",
        "circ",
        "dd",
    ]
    assert 90 <= len(questionnaire.questions) <= 140


def test_question_ids_are_prefixed_by_their_section(questionnaire):
    for section in questionnaire.sections:
        for q in section.questions:
            assert q.id.startswith(section.id + "_"), q.id
            assert q.section_id == section.id


@pytest.mark.parametrize("code", sorted(FORCED_LABOUR_INDICATORS))
def test_each_forced_labour_indicator_has_its_own_questions(questionnaire, code):
    expected = FORCED_LABOUR_INDICATORS[code]
    citing = [q.id for q in questionnaire.questions if code in q.references]

    assert set(expected) <= set(citing)
    for question_id in expected:
        question = questionnaire.question(question_id)
        assert question.section_id == "fl"
        assert question.type is QuestionType.YES_NO


def test_every_forced_labour_indicator_of_the_catalogue_is_mapped(catalogue):
    indicators = {code for code in catalogue.codes if code.startswith("ILO-FLI-")}
    assert indicators == set(FORCED_LABOUR_INDICATORS)


def test_every_string_has_english_and_japanese(questionnaire):
    strings = _all_strings(questionnaire)

    assert len(strings) > 500
    for path, text in strings:
        assert text["en"].strip(), path
        assert JAPANESE.search(text["ja"]), f"{path}: {text['ja']!r}"
        assert "フォーム" not in text["ja"], path


def test_japanese_questions_and_help_are_full_polite_sentences(questionnaire):
    for q in questionnaire.questions:
        assert q.text.ja.endswith("。"), q.id
        assert q.help.ja.endswith("。"), q.id
        assert re.search(r"(ますか|ましたか|ですか|ください)。$", q.text.ja), q.id


def test_glossary_terms_are_used(questionnaire):
    titles = {s.id: s.title.ja for s in questionnaire.sections}
    assert "強制労働" in titles["fl"]
    assert "トレーサビリティ" in titles["trace"]
    assert "デュー・ディリジェンス" in titles["dd"]
    assert "質問票" in questionnaire.title.ja
    assert "環境影響評価" in questionnaire.question("env_eia").text.ja
    assert "結社の自由" in questionnaire.question("lr_foa_policy").text.ja
    assert "団体交渉権" in questionnaire.question("lr_foa_policy").text.ja
    assert "最低賃金" in questionnaire.question("cw_minimum_wage").text.ja
    assert "時間外労働" in questionnaire.question("cw_overtime_voluntary").text.ja
    assert "紛争地域および高リスク地域" in questionnaire.question("trace_cobalt_cahra").text.ja
    assert "製錬業者" in questionnaire.question("trace_nickel_smelters_identified").text.ja


def test_organisation_profile_questions(questionnaire):
    def options(question_id):
        return list(questionnaire.question(question_id).option_values)

    assert questionnaire.question("org_lifecycle_stages").type is QuestionType.MULTIPLE
    assert options("org_lifecycle_stages") == STAGES
    assert options("org_minerals") == MINERALS
    assert questionnaire.question("org_countries").type is QuestionType.COUNTRIES
    assert questionnaire.question("org_headcount").type is QuestionType.NUMBER
    for question_id in ("org_migrant_workers", "org_agency_workers", "org_young_workers"):
        assert questionnaire.question(question_id).type is QuestionType.YES_NO
        assert "unknown" in options(question_id)


def test_traceability_table_lists_the_five_minerals(questionnaire):
    table = questionnaire.question("trace_materials")
    columns = {c.id: c for c in table.columns}

    assert table.type is QuestionType.TABLE
    assert list(columns) == ["mineral", "stage", "country", "smelter_identified", "recycled_share"]
    assert list(columns["mineral"].option_values) == MINERALS
    assert list(columns["stage"].option_values) == STAGES
    assert columns["country"].type is QuestionType.COUNTRY
    assert columns["smelter_identified"].type is QuestionType.YES_NO
    assert columns["recycled_share"].type is QuestionType.PERCENTAGE


@pytest.mark.parametrize("mineral", MINERALS)
def test_per_mineral_questions_appear_only_for_handled_minerals(questionnaire, mineral):
    base = {"org_buys_material": "yes"}
    shown = visible_question_ids(questionnaire, {**base, "org_minerals": [mineral]})
    other = next(m for m in MINERALS if m != mineral)
    not_shown = visible_question_ids(questionnaire, {**base, "org_minerals": [other]})

    for suffix in ("cahra", "smelters_identified"):
        question_id = f"trace_{mineral}_{suffix}"
        assert "RMI-EMRT-Q" in questionnaire.question(question_id).references
        assert question_id in shown
        assert question_id not in not_shown


def test_claims_a_buyer_would_check_require_evidence(questionnaire):
    for question_id in ("dd_policy", "lr_foa_policy", "env_eia", "env_permits", "env_iso14001"):
        rule = questionnaire.question(question_id).evidence
        assert rule is not None and "yes" in rule.required_when, question_id
    for question_id in ("env_permits", "env_iso14001", "lr_osh_management", "dd_audit_report"):
        assert questionnaire.question(question_id).evidence.expires, question_id


def test_catalogue_entries_are_bilingual(catalogue):
    assert len(catalogue.entries) == 111  # with ILO C182 Art. 3(d), IFC PS2 para 21, ICMM data
    # Art. 4.4 concerns each government's own procedures: no question has to cite it.
    assert catalogue["USJP-4.4"].cover is Cover.OPTIONAL
    for entry in catalogue.entries.values():
        assert entry.title.en and JAPANESE.search(entry.title.ja), entry.code
        assert entry.source in catalogue.sources
    for name in catalogue.sources.values():
        assert JAPANESE.search(name.ja)
