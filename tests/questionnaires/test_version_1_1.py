"""Questionnaire version 1.1: what it adds to 1.0, and what a 1.0 draft keeps when it moves."""

from __future__ import annotations

import hashlib
import re

import pytest

import demo.documents
from questionnaires import (
    DEFINITIONS_DIR,
    QuestionType,
    check_coverage,
    coerce_answer,
    load_all,
    parse_answers_document,
    plan_move,
    visible_question_ids,
)
from tests.i18n.texts import ROOT

from .builders import QUESTIONNAIRE_ID

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
MINERALS = ["cobalt", "graphite", "lithium", "manganese", "nickel"]
#: The 1.0 stages, with exploration, manufacturing and trading added (UK-Japan MoC para 1.1).
STAGES = [
    "exploration",
    "extraction",
    "processing",
    "manufacturing",
    "recycling",
    "end_of_life",
    "trading",
]
PHYSICAL = {"org_lifecycle_stages": ["processing"]}
#: A processor that buys material and employs migrant workers: sees every N/A question.
PROCESSOR = {**PHYSICAL, "org_buys_material": "yes", "org_migrant_workers": "yes"}

#: The published files, byte for byte: a new version never edits them.
PUBLISHED_SHA256 = {
    "questionnaires/definitions/critical-minerals-dd/1.0.yaml": (
        "fe1ed5cf7336cacb78842aa72620c71fc98ea1422a4db2ebfb8d1f7ae6e20ef5"
    ),
    "rules/rulesets/critical-minerals-risk/1.0.yaml": (
        "c867658df89c88793561fd488364e8c5a7fce65ffae0217615e98f9aff13f2d2"
    ),
}

#: Each content item of the review, and the new questions of 1.1 that answer it.
CONTENT = {
    "smelter and mine rows": ["trace_smelters", "trace_mines"],
    "artisanal mining": [
        "trace_asm_share",
        "trace_asm_child_labour_monitoring",
        "trace_asm_formalisation",
    ],
    "transshipment (USJP 5.8)": ["trace_transshipment", "trace_transshipment_origin"],
    "money laundering and taxes (OECD Annex II)": [
        "dd_aml_controls",
        "dd_taxes_paid",
        "dd_payments_disclosed",
    ],
    "human rights policy (METI 2022)": ["dd_human_rights_policy"],
    "stakeholder and rightsholder engagement": ["vr_stakeholder_engagement"],
    "technical intern trainees and specified skilled workers": [
        "cw_jp_technical_interns",
        "cw_jp_intern_fees",
        "cw_jp_supervising_org",
        "cw_jp_specified_skilled",
        "cw_jp_ssw_fees",
    ],
    "living wage": ["cw_living_wage_benchmark", "cw_living_wage_met"],
    "contractor workers": ["cw_contractor_standards", "lr_osh_contractor_safety"],
    "lost-time injury frequency": ["lr_osh_ltifr", "lr_osh_hours_worked"],
    "fatalities with root-cause analysis": [
        "lr_osh_fatality_root_cause",
        "lr_osh_fatality_actions",
    ],
    "occupational disease": [
        "lr_osh_exposure_monitoring",
        "lr_osh_health_surveillance",
        "lr_osh_disease_cases",
    ],
    "emergency preparedness": ["lr_osh_emergency_plan"],
    "GHG and energy incl. captive coal": [
        "env_ghg_scope1",
        "env_ghg_scope2",
        "env_energy_sources",
        "env_captive_coal_share",
    ],
    "SO2": ["env_so2_emissions"],
    "water withdrawal and discharge": ["env_water_withdrawal", "env_water_discharge"],
    "tailings: GISTM conformance and incidents": ["env_tailings_gistm", "env_tailings_incidents"],
    "deep-sea tailings placement": ["env_deep_sea_tailings"],
    "resettlement": ["env_resettlement", "env_resettlement_standard"],
    "deforestation": ["env_deforestation"],
    "mine closure and its financing": ["env_closure_plan", "env_closure_financing"],
    "national consultation (USJP 5.10, Art. 6)": ["vr_national_consultation"],
    "minimum age in practice": ["lr_youngest_worker_age"],
    "armed groups, asked as facts": ["dd_armed_groups_presence", "dd_armed_groups_payments"],
}

#: The double-barrelled or re-meant 1.0 questions, and the 1.1 questions that replace them.
REPLACED = {
    "cw_rest_day": ["cw_weekly_rest", "cw_hours_recorded"],
    "cw_overtime_voluntary": ["cw_overtime_refusable", "cw_overtime_premium"],
    "vr_grievance_mechanism": ["vr_grievance_workers", "vr_grievance_communities"],
    "env_communities": [
        "env_community_consultation",
        "env_indigenous_peoples",
        "env_indigenous_fpic",
    ],
    "lr_employer_neutrality": ["lr_neutrality_campaigns", "lr_union_access"],
    "trace_uflpa_entities": ["trace_uflpa_entity_list", "trace_wro_producers"],
    "fl_state_imposed_labour": ["fl_prison_labour", "fl_labour_transfer"],
    "env_mine_closure": ["env_closure_plan", "env_closure_financing"],
    "dd_armed_groups": ["dd_armed_groups_presence", "dd_armed_groups_payments"],
}

#: Numeric questions that accept "unknown".
NUMERIC_UNKNOWN = [
    "org_headcount",
    "org_migrant_share",
    "trace_asm_share",
    "lr_youngest_worker_age",
    "lr_osh_fatalities",
    "lr_osh_ltifr",
    "lr_osh_hours_worked",
    "lr_osh_disease_cases",
    "cw_max_weekly_hours",
    "env_so2_emissions",
    "env_ghg_scope1",
    "env_ghg_scope2",
    "env_captive_coal_share",
    "env_water_withdrawal",
    "env_water_discharge",
]

#: The yes/no questions where "Not applicable" can apply (each then asks for a reason).
NOT_APPLICABLE = [
    "trace_mines_identified",
    "trace_custody_documents",
    "cw_social_protection",
    "cw_migrant_recruiters",
    "vr_remediation",
    "vr_national_consultation",
]

#: Questions 1.1 keeps from 1.0, with the same English text, whose options changed anyway:
#: "Not applicable" withdrawn where it cannot apply, value-chain stages and the recyclers'
#: "Not applicable" added. A 1.0 answer to them is listed for answering again on a move.
WIDENED = {
    "org_lifecycle_stages": ["exploration", "manufacturing", "trading"],
    "trace_mines_identified": ["not_applicable"],
}
NARROWED = [
    "lr_foa_policy",
    "lr_right_to_strike",
    "lr_zone_rights",
    "lr_child_labour_policy",
    "lr_age_verification",
    "lr_discrimination_policy",
    "lr_equal_pay",
    "lr_osh_management",
    "lr_osh_risk_assessment",
    "fl_policy",
    "fl_written_contract",
    "cw_wage_benefits",
    "cw_payslips",
    "cw_family_leave",
    "cw_migrant_equal_treatment",
    "cw_agency_compliance",
    "vr_non_retaliation",
    "vr_violence_policy",
    "env_eia_mitigation",
    "env_permits",
    "env_emissions_monitoring",
    "env_water_management",
    "env_hazardous_substances",
    "env_hazardous_waste",
    "env_tailings_standard",
    "env_biodiversity_plan",
    "circ_recycled_verification",
    "circ_end_of_life",
    "circ_take_back",
    "circ_waste_targets",
    "dd_policy",
    "dd_senior_owner",
    "dd_supplier_requirements",
    "dd_risk_assessment",
    "dd_corrective_action",
    "dd_security_human_rights",
    "dd_anti_bribery",
]
#: Table columns whose options 1.1 widens with the new stages.
WIDENED_COLUMNS = {("org_sites", "stage"), ("trace_materials", "stage")}


@pytest.fixture(scope="module")
def versions():
    loaded = load_all()
    return loaded[(QUESTIONNAIRE_ID, "1.0")], loaded[(QUESTIONNAIRE_ID, "1.1")]


@pytest.fixture(scope="module")
def q11(versions):
    return versions[1]


def _texts(questionnaire):
    """Yield (where, English, Japanese) for every text of a questionnaire."""
    yield "title", questionnaire.title.en, questionnaire.title.ja
    for section in questionnaire.sections:
        yield section.id, section.title.en, section.title.ja
        if section.intro:
            yield f"{section.id}:intro", section.intro.en, section.intro.ja
        for q in section.questions:
            yield f"{q.id}:text", q.text.en, q.text.ja
            yield f"{q.id}:help", q.help.en, q.help.ja
            if q.unit:
                yield f"{q.id}:unit", q.unit.en, q.unit.ja
            if q.evidence:
                yield f"{q.id}:evidence", q.evidence.description.en, q.evidence.description.ja
            for option in q.options:
                yield f"{q.id}={option.value}", option.label.en, option.label.ja
            for column in q.columns:
                yield f"{q.id}.{column.id}", column.label.en, column.label.ja
                for option in column.options:
                    yield f"{q.id}.{column.id}={option.value}", option.label.en, option.label.ja


# --- The published version stays as it was --------------------------------------------


@pytest.mark.parametrize("path", sorted(PUBLISHED_SHA256))
def test_published_files_are_unchanged(path):
    digest = hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
    assert digest == PUBLISHED_SHA256[path]


def test_1_1_is_a_version_of_the_same_questionnaire(versions):
    q10, q11 = versions
    assert (DEFINITIONS_DIR / QUESTIONNAIRE_ID / "1.1.yaml").is_file()
    assert q11.id == q10.id and q11.version == "1.1"
    assert [s.id for s in q11.sections] == [s.id for s in q10.sections]


# --- Content -----------------------------------------------------------------------------


def test_lifecycle_stages_include_exploration_manufacturing_and_trading(q11):
    assert list(q11.question("org_lifecycle_stages").option_values) == STAGES
    trace_stage = {c.id: c for c in q11.question("trace_materials").columns}["stage"]
    assert list(trace_stage.option_values) == STAGES
    site_stage = {c.id: c for c in q11.question("org_sites").columns}["stage"]
    assert list(site_stage.option_values) == [*STAGES, "other"]
    assert "UKJP-1.1" in q11.question("org_lifecycle_stages").references


@pytest.mark.parametrize("item", sorted(CONTENT))
def test_each_content_item_has_its_questions(q11, item):
    for question_id in CONTENT[item]:
        assert q11.find(question_id) is not None, question_id


def test_smelters_and_processors_are_rows_with_a_not_listed_status(q11):
    table = q11.question("trace_smelters")
    columns = {c.id: c for c in table.columns}

    assert table.type is QuestionType.TABLE
    assert list(columns) == ["mineral", "name", "country", "rmi_id", "assurance", "recycled_only"]
    assert list(columns["mineral"].option_values) == MINERALS
    assert columns["country"].type is QuestionType.COUNTRY and columns["country"].required
    assert columns["name"].required
    assert not columns["rmi_id"].required  # graphite and manganese processors mostly have none
    assert {"rmap_conformant", "rmap_active", "not_listed"} <= set(
        columns["assurance"].option_values
    )
    assert "RMI-EMRT-SMELTERS" in table.references


def test_mines_are_rows_with_a_not_listed_status(q11):
    table = q11.question("trace_mines")
    columns = {c.id: c for c in table.columns}

    assert table.type is QuestionType.TABLE
    assert list(columns) == [
        "mineral",
        "name",
        "country",
        "mine_id",
        "smelter",
        "assurance",
        "artisanal",
    ]
    assert not columns["mine_id"].required
    assert "not_listed" in columns["assurance"].option_values


def test_the_tables_follow_the_identification_answers(q11):
    base = {**PHYSICAL, "org_buys_material": "yes", "org_minerals": ["graphite"]}
    identified = {**base, "trace_graphite_smelters_identified": "partly"}
    not_identified = {**base, "trace_graphite_smelters_identified": "no"}

    assert "trace_smelters" in visible_question_ids(q11, identified)
    assert "trace_smelters" not in visible_question_ids(q11, not_identified)
    assert "trace_mines" in visible_question_ids(q11, {**base, "trace_mines_identified": "yes"})
    recycler = {**base, "trace_mines_identified": "not_applicable"}
    assert "trace_mines" not in visible_question_ids(q11, recycler)
    assert "trace_mines_identified_na_reason" in visible_question_ids(q11, recycler)


def test_a_trader_is_not_asked_about_site_emissions(q11):
    trader = visible_question_ids(q11, {"org_lifecycle_stages": ["trading"]})
    processor = visible_question_ids(q11, PHYSICAL)
    for question_id in ("env_permits", "env_ghg_scope1", "env_water_withdrawal"):
        assert question_id in processor and question_id not in trader


def test_japanese_worker_schemes_are_asked_only_for_sites_in_japan(q11):
    in_japan = visible_question_ids(q11, {"org_countries": ["JP", "ID"]})
    elsewhere = visible_question_ids(q11, {"org_countries": ["ID"]})
    assert {"cw_jp_technical_interns", "cw_jp_specified_skilled"} <= in_japan
    assert not {"cw_jp_technical_interns", "cw_jp_specified_skilled"} & elsewhere


@pytest.mark.parametrize("old_id", sorted(REPLACED))
def test_split_and_re_meant_questions_have_new_ids(versions, old_id):
    q10, q11 = versions
    assert q10.find(old_id) is not None
    assert q11.find(old_id) is None
    for new_id in REPLACED[old_id]:
        assert q10.find(new_id) is None and q11.find(new_id) is not None, new_id


def test_minimum_age_is_asked_as_policy_and_as_practice(q11):
    practice = q11.question("lr_youngest_worker_age")
    assert practice.type is QuestionType.NUMBER and practice.unknown
    assert "ILO-C138-2" in practice.references
    assert "ILO-C138-3" in q11.question("lr_under18_hazardous").references


# --- Answer options ----------------------------------------------------------------------


@pytest.mark.parametrize("question_id", NUMERIC_UNKNOWN)
def test_numeric_questions_accept_unknown(q11, question_id):
    question = q11.question(question_id)
    assert question.type in (QuestionType.NUMBER, QuestionType.PERCENTAGE)
    assert question.unknown
    assert coerce_answer(question, "unknown") == "unknown"


def test_an_unknown_fatality_count_does_not_ask_for_root_causes(q11):
    assert "lr_osh_fatality_root_cause" in visible_question_ids(q11, {"lr_osh_fatalities": 1})
    for count in (0, "unknown"):
        shown = visible_question_ids(q11, {"lr_osh_fatalities": count})
        assert "lr_osh_fatality_root_cause" not in shown


def test_not_applicable_is_offered_only_where_it_can_apply(q11):
    offering = [
        q.id
        for q in q11.questions
        if q.type is QuestionType.YES_NO and "not_applicable" in q.option_values
    ]
    assert offering == NOT_APPLICABLE


@pytest.mark.parametrize("question_id", NOT_APPLICABLE)
def test_not_applicable_asks_for_a_one_line_reason(q11, question_id):
    ids = [q.id for q in q11.questions]
    reason = q11.question(f"{question_id}_na_reason")

    assert ids[ids.index(question_id) + 1] == reason.id
    assert reason.type is QuestionType.TEXT and not reason.multiline and reason.required
    assert reason.show_if.to_dict() == {"question": question_id, "equals": "not_applicable"}
    assert (reason.text.en, reason.text.ja) == (
        "Why does this not apply?",
        "該当しない理由をご記入ください。",
    )
    assert reason.id in visible_question_ids(q11, {**PROCESSOR, question_id: "not_applicable"})
    assert reason.id not in visible_question_ids(q11, {**PROCESSOR, question_id: "yes"})


def test_every_reason_question_follows_a_question_that_offers_not_applicable(q11):
    reasons = [q.id for q in q11.questions if q.id.endswith("_na_reason")]
    assert reasons == [f"{question_id}_na_reason" for question_id in NOT_APPLICABLE]


# --- References --------------------------------------------------------------------------


def test_violence_policy_cites_c190_not_the_agreement_on_labour_rights_violence(q11):
    references = q11.question("vr_violence_policy").references
    assert "ILO-C190-9" in references
    assert "USJP-5.5" not in references
    assert "USJP-5.5" in q11.question("vr_violence_labour_rights").references


def test_impact_assessment_cites_host_country_law_ifc_and_irma_not_usjp_4_4(q11):
    for question_id in ("env_significant_projects", "env_eia"):
        references = q11.question(question_id).references
        assert {"HOST-EIA", "IFC-PS1-ASSESS", "IRMA-2.1"} <= set(references), question_id
    assert not [q.id for q in q11.questions if "USJP-4.4" in q.references]
    assert not [q.id for q in q11.questions if "Art. 4.4" in q.help.en]


def test_agreement_articles_get_their_questions(q11):
    assert "USJP-4.6" in q11.question("env_tailings_gistm").references
    assert "GISTM" in q11.question("env_tailings_gistm").references
    assert "USJP-5.10" in q11.question("vr_national_consultation").references
    assert "USJP-5.8" in q11.question("trace_transshipment").references
    assert "METI-HRG-POLICY" in q11.question("dd_human_rights_policy").references
    assert "OECD-A2-AML" in q11.question("dd_aml_controls").references
    assert "OECD-A2-TAXES" in q11.question("dd_taxes_paid").references


def test_help_texts_state_the_agreement_s_intention_never_a_requirement(q11):
    for q in q11.questions:
        if "agreement" in q.help.en:
            assert not re.search(r"\b(requires?|asks?|must)\b", q.help.en), q.id


def test_unpaid_overtime_is_not_called_forced_labour(q11):
    premium = q11.question("cw_overtime_premium")
    assert "forced labour" not in premium.help.en and "ILO-FLI-11" not in premium.references


def test_1_1_covers_the_catalogue(catalogue, q11):
    assert check_coverage([q11], catalogue) == []


# --- Language ----------------------------------------------------------------------------


def test_every_text_of_1_1_is_bilingual_and_polite(q11):
    for where, english, japanese in _texts(q11):
        assert english.strip(), where
        assert JAPANESE.search(japanese), f"{where}: {japanese!r}"
        assert "フォーム" not in japanese, where
    for q in q11.questions:
        assert q.id.startswith(q.section_id + "_"), q.id
        assert q.help.ja.endswith("。"), q.id
        assert re.search(r"(ますか|ましたか|ですか|ください)。$", q.text.ja), q.id


@pytest.mark.parametrize(
    "wrong",
    [
        "日米協定",
        "身分証明書の保持",
        "劣悪な労働条件",
        "劣悪な生活条件",
        "脆弱性の悪用",
        "債務による束縛",
        "罰則",
        "管理の連鎖",
        "民間の治安部隊",
        "治安部隊・警備隊",
        "休暇",
        "介護・育児責任",
    ],
)
def test_1_1_avoids_the_terms_that_change_meaning(q11, catalogue, wrong):
    texts = [japanese for _where, _english, japanese in _texts(q11)]
    texts += [entry.title.ja for entry in catalogue.entries.values()]
    assert not [text for text in texts if wrong in text]


def test_the_agreement_s_japanese_title_appears_once_then_its_short_form(q11):
    title = "重要鉱物のサプライチェーンの強化に関する日本国政府とアメリカ合衆国政府との間の協定"
    texts = [japanese for _where, _english, japanese in _texts(q11)]
    assert sum(title in text for text in texts) == 1
    assert title in q11.question("org_lifecycle_stages").help.ja
    assert sum("日米重要鉱物協定" in text for text in texts) > 10


def test_worker_representatives_exclude_those_the_employer_chose(q11):
    question = q11.question("lr_worker_representation")
    assert "自ら自由に選出" in question.text.ja
    assert "使用者" in question.help.ja and "過半数代表者" in question.help.ja


# --- Moving a 1.0 draft ------------------------------------------------------------------


def test_kept_questions_with_unchanged_text_keep_their_type_and_options(versions):
    q10, q11 = versions
    for old in q10.questions:
        new = q11.find(old.id)
        if new is None or new.text.en != old.text.en:
            continue
        assert new.type == old.type, old.id
        expected = [v for v in old.option_values if v != "not_applicable" or old.id not in NARROWED]
        expected += WIDENED.get(old.id, [])
        assert sorted(new.option_values) == sorted(expected), old.id
        assert [c.id for c in new.columns] == [c.id for c in old.columns], old.id
        for column, old_column in zip(new.columns, old.columns, strict=True):
            assert column.type == old_column.type, (old.id, column.id)
            if (old.id, column.id) in WIDENED_COLUMNS:
                assert set(old_column.option_values) < set(column.option_values)
            else:
                assert column.option_values == old_column.option_values, (old.id, column.id)


def test_kept_questions_keep_their_english_text(versions):
    q10, q11 = versions
    kept = [q for q in q10.questions if q11.find(q.id) is not None]
    assert len(kept) == len(q10.questions) - len(REPLACED)
    assert [q.id for q in kept if q11.question(q.id).text.en != q.text.en] == []


def test_a_1_0_draft_moves_to_1_1(versions):
    q10, q11 = versions
    document = demo.documents.document(demo.documents.HIGH_RISK)
    parsed = parse_answers_document(document, [q10])
    assert parsed.errors == {}

    move = plan_move(q10, q11, parsed.answers)

    assert set(move.removed) == set(REPLACED) & set(parsed.answers)
    # Options narrowed or widened and "unknown" added keep an answer that is still offered;
    # a "not applicable" that 1.1 no longer offers needs answering again.
    withdrawn = {q for q in NARROWED if parsed.answers.get(q) == "not_applicable"}
    assert set(move.changed) == withdrawn
    kept = (set(NARROWED) | set(WIDENED) | {"org_headcount", "lr_osh_fatalities"}) - withdrawn
    assert kept & set(parsed.answers) <= set(move.carried)
    narrowed = sorted(NARROWED)[0]
    again = plan_move(q10, q11, {**parsed.answers, narrowed: "not_applicable"})
    assert narrowed in again.changed and narrowed not in again.carried
    assert {"org_legal_name", "trace_cobalt_cahra", "fl_debt", "lr_minimum_age"} <= set(
        move.carried
    )
    assert set(move.carried) | set(move.changed) | set(move.removed) == set(parsed.answers)
    for new_id in (i for ids in CONTENT.values() for i in ids):
        assert new_id in move.new
