"""Realistic answers of the demo suppliers: a sound baseline and each supplier's own facts."""

from __future__ import annotations

from datetime import date, timedelta

import questionnaires as qn

#: Answers of a supplier with a working management system (the baseline every profile edits).
BASELINE: dict[str, object] = {
    "org_buys_material": "yes",
    "org_special_zone": "no",
    "org_migrant_workers": "no",
    "org_agency_workers": "yes",
    "org_young_workers": "no",
    "trace_supplier_survey": "yes",
    "trace_survey_response_rate": 92,
    "trace_mines_identified": "yes",
    "trace_chain_of_custody": "segregated",
    "trace_custody_documents": "yes",
    "trace_asm": "no",
    "trace_xinjiang": "no",
    "trace_uflpa_entities": "no",
    "lr_foa_policy": "yes",
    "lr_worker_representation": "yes",
    "lr_employer_neutrality": "yes",
    "lr_right_to_strike": "yes",
    "lr_union_penalties": "no",
    "lr_child_labour_policy": "yes",
    "lr_minimum_age": 18,
    "lr_age_verification": "yes",
    "lr_child_labour_found": "no",
    "lr_discrimination_policy": "yes",
    "lr_discrimination_grounds": [
        "sex",
        "sexual_harassment",
        "pregnancy",
        "race",
        "religion",
        "political_opinion",
        "national_origin",
        "social_origin",
        "disability",
        "age",
        "union_membership",
    ],
    "lr_equal_pay": "yes",
    "lr_pregnancy_testing": "no",
    "lr_osh_management": "yes",
    "lr_osh_risk_assessment": "yes",
    "lr_osh_fatalities": 0,
    "fl_policy": "yes",
    "fl_state_imposed_labour": "no",
    "fl_vulnerable_terms": "no",
    "fl_written_contract": "yes",
    "fl_deception": "no",
    "fl_freedom_of_movement": "yes",
    "fl_isolation": "no",
    "fl_violence": "no",
    "fl_threats": "no",
    "fl_identity_documents": "no",
    "fl_wage_withholding": "no",
    "fl_recruitment_fees": "no",
    "fl_debt": "no",
    "fl_accommodation": "no",
    "fl_degrading_conditions": "no",
    "fl_forced_overtime": "no",
    "fl_cases_found": "no",
    "cw_minimum_wage": "yes",
    "cw_lowest_wage_ratio": 128,
    "cw_wage_benefits": "yes",
    "cw_payslips": "yes",
    "cw_normal_hours": 40,
    "cw_max_weekly_hours": 52,
    "cw_overtime_voluntary": "yes",
    "cw_rest_day": "yes",
    "cw_social_protection": "yes",
    "cw_family_leave": "yes",
    "cw_agency_compliance": "yes",
    "vr_grievance_mechanism": "yes",
    "vr_non_retaliation": "yes",
    "vr_retaliation_cases": "no",
    "vr_violence_policy": "yes",
    "vr_violence_labour_rights": "no",
    "vr_remediation": "yes",
    "env_significant_projects": "yes",
    "env_eia": "yes",
    "env_eia_mitigation": "yes",
    "env_permits": "yes",
    "env_emissions_monitoring": "yes",
    "env_emissions_exceedances": "no",
    "env_water_management": "yes",
    "env_hazardous_substances": "yes",
    "env_hazardous_waste": "yes",
    "env_tailings": "yes",
    "env_tailings_standard": "yes",
    "env_transboundary_waste": "no",
    "env_protected_areas": "no",
    "env_mine_closure": "yes",
    "env_communities": "yes",
    "env_iso14001": "yes",
    "circ_recycled_content": 4,
    "circ_recycled_verification": "yes",
    "circ_take_back": "partly",
    "circ_waste_targets": "yes",
    "dd_policy": "yes",
    "dd_policy_scope": [
        "serious_abuses",
        "forced_labour",
        "worst_forms_child_labour",
        "armed_groups",
        "security_forces",
        "bribery",
        "environment",
    ],
    "dd_senior_owner": "yes",
    "dd_supplier_requirements": "yes",
    "dd_risk_assessment": "yes",
    "dd_risk_assessment_date": "2026-03-31",
    "dd_corrective_action": "yes",
    "dd_security_forces": "no",
    "dd_armed_groups": "no",
    "dd_anti_bribery": "yes",
    "dd_third_party_audit": "yes",
    "dd_audit_schemes": ["rmap"],
    "dd_annual_report": "yes",
}


def _materials(*rows: tuple[str, str, str, int]) -> list[dict]:
    return [
        {
            "mineral": mineral,
            "stage": stage,
            "country": country,
            "smelter_identified": "yes",
            "recycled_share": share,
        }
        for mineral, stage, country, share in rows
    ]


#: Each demo supplier's facts and where its practice departs from the baseline.
PROFILES: dict[str, dict[str, object]] = {
    "Lualaba Cobalt Processing SARL": {
        "org_identifier": "CD/KZI/RCCM/19-B-00412",
        "org_countries": ["CD", "ZM"],
        "org_sites": [
            {
                "name": "Kolwezi concentrator",
                "country": "CD",
                "stage": "extraction",
                "workers": 820,
            },
            {
                "name": "Likasi hydromet plant",
                "country": "CD",
                "stage": "processing",
                "workers": 410,
            },
        ],
        "org_headcount": 1284,
        "org_migrant_workers": "yes",
        "org_migrant_share": 14,
        "trace_materials": _materials(
            ("cobalt", "extraction", "CD", 0), ("cobalt", "processing", "CD", 0)
        ),
        "trace_cobalt_cahra": "yes",
        "trace_asm": "yes",
        "trace_mines_identified": "partly",
        "fl_migrant_recruitment_fees": "no",
        "cw_migrant_equal_treatment": "partly",
        "cw_migrant_recruiters": "partly",
        "dd_security_forces": "yes",
        "dd_security_human_rights": "partly",
    },
    "Pilbara Spodumene Pty Ltd": {
        "org_identifier": "ABN 51 824 753 556",
        "org_countries": ["AU"],
        "org_sites": [
            {"name": "Wodgina pit", "country": "AU", "stage": "extraction", "workers": 640}
        ],
        "org_headcount": 640,
        "org_buys_material": "no",
        "trace_materials": _materials(("lithium", "extraction", "AU", 0)),
        "trace_lithium_cahra": "no",
        "dd_audit_schemes": ["irma"],
    },
    "Morowali Nickel Refining PT": {
        "org_identifier": "NIB 9120301240187",
        "org_countries": ["ID", "CN"],
        "org_sites": [
            {"name": "Morowali HPAL plant", "country": "ID", "stage": "processing", "workers": 2100}
        ],
        "org_special_zone": "yes",
        "lr_zone_rights": "partly",
        "org_headcount": 2100,
        "org_migrant_workers": "yes",
        "org_migrant_share": 31,
        "fl_migrant_recruitment_fees": "no",
        "cw_migrant_equal_treatment": "yes",
        "cw_migrant_recruiters": "yes",
        "fl_identity_documents": "yes",
        "fl_identity_documents_access": "no",
        "fl_accommodation": "yes",
        "fl_accommodation_standards": "partly",
        "cw_max_weekly_hours": 66,
        "trace_materials": _materials(
            ("nickel", "processing", "ID", 0), ("cobalt", "processing", "ID", 0)
        ),
        "trace_nickel_cahra": "no",
        "trace_cobalt_cahra": "no",
        "trace_chain_of_custody": "mass_balance",
        "env_protected_areas": "unknown",
        "env_biodiversity_plan": "partly",
    },
    "Heilongjiang Spherical Graphite Co., Ltd.": {
        "org_identifier": "USCC 91230100MA1B2C3D4E",
        "org_countries": ["CN"],
        "org_sites": [
            {
                "name": "Jixi purification plant",
                "country": "CN",
                "stage": "processing",
                "workers": 530,
            }
        ],
        "org_headcount": 530,
        "trace_materials": _materials(("graphite", "processing", "CN", 0)),
        "trace_graphite_cahra": "no",
        "trace_graphite_smelters_identified": "partly",
        "trace_xinjiang": "yes",
        "trace_uflpa_entities": "unknown",
        "lr_worker_representation": "no",
        "lr_right_to_strike": "no",
        "dd_third_party_audit": "no",
    },
    "Kalahari Manganese (Pty) Ltd": {
        "org_identifier": "CIPC 2004/018833/07",
        "org_countries": ["ZA"],
        "org_sites": [
            {"name": "Hotazel mine", "country": "ZA", "stage": "extraction", "workers": 1150}
        ],
        "org_headcount": 1150,
        "trace_materials": _materials(("manganese", "extraction", "ZA", 0)),
    },
    "Circular Metals Recycling GmbH": {
        "org_identifier": "HRB 204 117 (Amtsgericht Hamburg)",
        "org_countries": ["DE", "PL"],
        "org_sites": [
            {
                "name": "Hamburg battery recycling",
                "country": "DE",
                "stage": "recycling",
                "workers": 180,
            },
            {"name": "Wrocław pre-treatment", "country": "PL", "stage": "recycling", "workers": 60},
        ],
        "org_headcount": 240,
        "trace_materials": _materials(
            ("cobalt", "recycling", "DE", 100),
            ("nickel", "recycling", "DE", 100),
            ("lithium", "recycling", "DE", 100),
        ),
        "trace_chain_of_custody": "identity_preserved",
        "env_significant_projects": "no",
        "circ_recycled_content": 100,
        "circ_recycling_inputs": ["production_scrap", "end_of_life_batteries", "black_mass"],
        "circ_take_back": "yes",
        "dd_audit_schemes": ["rmap", "rba_vap"],
    },
}


def answers_for(
    definition: qn.Questionnaire, name: str, country: str, minerals, stages
) -> dict[str, object]:
    """Return the answers of demo supplier *name*, only for the questions they make visible."""
    answers = dict(BASELINE)
    answers.update(
        org_legal_name=name,
        org_country=country,
        org_minerals=list(minerals),
        org_lifecycle_stages=list(stages),
    )
    for mineral in minerals:
        answers.setdefault(f"trace_{mineral}_cahra", "no")
        answers.setdefault(f"trace_{mineral}_smelters_identified", "yes")
    answers.update(PROFILES[name])
    visible = qn.visible_question_ids(definition, answers)
    return {qid: value for qid, value in answers.items() if qid in visible}


def document_file_name(question_id: str) -> str:
    """Return a plausible file name for the document attached to a question."""
    return question_id.split("_", 1)[1].replace("_", "-") + ".pdf"


def valid_until(question: qn.Question, today: date, index: int) -> date | None:
    """Return the validity of a document that expires: the first soon, the others later."""
    if question.evidence is None or not question.evidence.expires:
        return None
    return today + timedelta(days=20 if index == 0 else 400 + 30 * index)
