"""A fully answered, realistic answers document for benchmarks and report tests.

The supplier is a fictitious integrated processor and trader that handles all five
minerals, sources cobalt from the Democratic Republic of the Congo and gives a mix
of good, adverse and "unknown" answers, so that evaluating the document with the
shipped rule set yields red flags, undecided findings and evidence findings.
"""

from __future__ import annotations

import copy
import hashlib
from datetime import date
from typing import Any

QUESTIONNAIRE = ("critical-minerals-dd", "1.0")
#: The date to score the document on: some evidence has expired by then, some has not.
SCORING_DATE = date(2025, 6, 30)

_EXPIRED = "2024-12-31"
_CURRENT = "2027-03-31"

_ANSWERS: dict[str, Any] = {
    # organisation and sites
    "org_legal_name": "Example Battery Materials Co., Ltd.",
    "org_identifier": "LEI 5493001EXAMPLE000042",
    "org_country": "JP",
    "org_countries": ["CD", "CN", "ID", "JP"],
    "org_lifecycle_stages": ["extraction", "processing", "recycling"],
    "org_minerals": ["cobalt", "graphite", "lithium", "manganese", "nickel"],
    "org_buys_material": "yes",
    "org_sites": [
        {"name": "Kolwezi concentrator", "country": "CD", "stage": "extraction", "workers": 820},
        {"name": "Ganzhou refinery", "country": "CN", "stage": "processing", "workers": 960},
        {"name": "Morowali HPAL plant", "country": "ID", "stage": "processing", "workers": 540},
        {
            "name": "Kitakyushu recycling plant",
            "country": "JP",
            "stage": "recycling",
            "workers": 60,
        },
        {"name": "Tokyo head office", "country": "JP", "stage": "other", "workers": 20},
    ],
    "org_special_zone": "yes",
    "org_headcount": 2400,
    "org_migrant_workers": "yes",
    "org_migrant_share": 18,
    "org_agency_workers": "yes",
    "org_young_workers": "yes",
    # sourcing and traceability
    "trace_materials": [
        {
            "mineral": "cobalt",
            "stage": "extraction",
            "country": "CD",
            "smelter_identified": "partly",
            "recycled_share": 0,
        },
        {
            "mineral": "cobalt",
            "stage": "processing",
            "country": "CN",
            "smelter_identified": "yes",
            "recycled_share": 5,
        },
        {
            "mineral": "cobalt",
            "stage": "recycling",
            "country": "JP",
            "smelter_identified": "yes",
            "recycled_share": 100,
        },
        {
            "mineral": "nickel",
            "stage": "processing",
            "country": "ID",
            "smelter_identified": "no",
            "recycled_share": 0,
        },
        {
            "mineral": "lithium",
            "stage": "extraction",
            "country": "AU",
            "smelter_identified": "yes",
            "recycled_share": 0,
        },
        {
            "mineral": "graphite",
            "stage": "processing",
            "country": "CN",
            "smelter_identified": "unknown",
            "recycled_share": 0,
        },
        {
            "mineral": "manganese",
            "stage": "extraction",
            "country": "ZA",
            "smelter_identified": "yes",
            "recycled_share": 0,
        },
    ],
    "trace_supplier_survey": "partly",
    "trace_survey_response_rate": 65,
    "trace_cobalt_cahra": "yes",
    "trace_cobalt_smelters_identified": "partly",
    "trace_graphite_cahra": "no",
    "trace_graphite_smelters_identified": "no",
    "trace_lithium_cahra": "no",
    "trace_lithium_smelters_identified": "yes",
    "trace_manganese_cahra": "no",
    "trace_manganese_smelters_identified": "yes",
    "trace_nickel_cahra": "unknown",
    "trace_nickel_smelters_identified": "unknown",
    "trace_mines_identified": "partly",
    "trace_chain_of_custody": "mass_balance",
    "trace_custody_documents": "partly",
    "trace_asm": "yes",
    "trace_xinjiang": "unknown",
    "trace_uflpa_entities": "no",
    # labour rights
    "lr_foa_policy": "yes",
    "lr_worker_representation": "no",
    "lr_employer_neutrality": "partly",
    "lr_right_to_strike": "yes",
    "lr_union_penalties": "no",
    "lr_zone_rights": "partly",
    "lr_child_labour_policy": "yes",
    "lr_minimum_age": 16,
    "lr_age_verification": "partly",
    "lr_under18_hazardous": "no",
    "lr_child_labour_found": "yes",
    "lr_child_labour_remediation": "partly",
    "lr_discrimination_policy": "yes",
    "lr_discrimination_grounds": [
        "sex",
        "pregnancy",
        "race",
        "religion",
        "national_origin",
        "disability",
        "age",
        "union_membership",
    ],
    "lr_equal_pay": "no",
    "lr_pregnancy_testing": "no",
    "lr_osh_management": "yes",
    "lr_osh_risk_assessment": "partly",
    "lr_osh_fatalities": 1,
    # forced labour
    "fl_policy": "yes",
    "fl_state_imposed_labour": "no",
    "fl_vulnerable_terms": "no",
    "fl_written_contract": "partly",
    "fl_deception": "no",
    "fl_freedom_of_movement": "yes",
    "fl_isolation": "no",
    "fl_violence": "no",
    "fl_threats": "no",
    "fl_identity_documents": "yes",
    "fl_identity_documents_access": "no",
    "fl_wage_withholding": "no",
    "fl_recruitment_fees": "no",
    "fl_migrant_recruitment_fees": "yes",
    "fl_fee_reimbursement": "partly",
    "fl_debt": "no",
    "fl_accommodation": "yes",
    "fl_accommodation_standards": "partly",
    "fl_degrading_conditions": "no",
    "fl_forced_overtime": "unknown",
    "fl_cases_found": "no",
    # conditions of work
    "cw_minimum_wage": "yes",
    "cw_lowest_wage_ratio": 104,
    "cw_wage_benefits": "partly",
    "cw_payslips": "yes",
    "cw_normal_hours": 48,
    "cw_max_weekly_hours": 66,
    "cw_overtime_voluntary": "partly",
    "cw_rest_day": "yes",
    "cw_social_protection": "partly",
    "cw_family_leave": "yes",
    "cw_migrant_equal_treatment": "partly",
    "cw_migrant_recruiters": "no",
    "cw_agency_compliance": "yes",
    # voice and remedy
    "vr_grievance_mechanism": "yes",
    "vr_non_retaliation": "partly",
    "vr_retaliation_cases": "no",
    "vr_violence_policy": "yes",
    "vr_violence_labour_rights": "no",
    "vr_remediation": "partly",
    # environment
    "env_significant_projects": "yes",
    "env_eia": "partly",
    "env_eia_mitigation": "partly",
    "env_permits": "yes",
    "env_emissions_monitoring": "yes",
    "env_emissions_exceedances": "yes",
    "env_water_management": "partly",
    "env_hazardous_substances": "yes",
    "env_hazardous_waste": "yes",
    "env_tailings": "yes",
    "env_tailings_standard": "no",
    "env_transboundary_waste": "yes",
    "env_basel": "partly",
    "env_protected_areas": "unknown",
    "env_biodiversity_plan": "no",
    "env_mine_closure": "partly",
    "env_communities": "partly",
    "env_iso14001": "yes",
    # circularity
    "circ_recycled_content": 6,
    "circ_recycled_verification": "no",
    "circ_recycling_inputs": ["production_scrap", "black_mass"],
    "circ_take_back": "no",
    "circ_waste_targets": "partly",
    # due-diligence management
    "dd_policy": "yes",
    "dd_policy_scope": [
        "serious_abuses",
        "forced_labour",
        "armed_groups",
        "bribery",
        "environment",
    ],
    "dd_senior_owner": "yes",
    "dd_supplier_requirements": "partly",
    "dd_risk_assessment": "yes",
    "dd_risk_assessment_date": "2023-11-30",
    "dd_corrective_action": "partly",
    "dd_security_forces": "yes",
    "dd_security_human_rights": "partly",
    "dd_armed_groups": "no",
    "dd_anti_bribery": "yes",
    "dd_third_party_audit": "partly",
    "dd_audit_schemes": ["rmap"],
    "dd_annual_report": "no",
}

#: Evidence attached per question: (file name, valid until or None).
_EVIDENCE: dict[str, list[tuple[str, str | None]]] = {
    "trace_smelter_list": [("smelter-list-2025.xlsx", None)],
    "trace_custody_documents": [("shipment-KOL-2025-014.pdf", None)],
    "lr_foa_policy": [("labour-rights-policy.pdf", None)],
    "lr_child_labour_policy": [("child-labour-policy.pdf", None)],
    "lr_child_labour_remediation": [("remediation-plan-2024.pdf", None)],
    "lr_discrimination_policy": [("non-discrimination-policy.pdf", None)],
    "lr_osh_management": [("iso45001-certificate.pdf", _EXPIRED)],
    "fl_policy": [("forced-labour-policy.pdf", None)],
    "fl_fee_reimbursement": [("fee-repayments-2024.xlsx", None)],
    "fl_accommodation_standards": [("dormitory-inspection-2025.pdf", None)],
    "cw_payslips": [("sample-payslip.pdf", None)],
    "vr_grievance_mechanism": [("grievance-procedure.pdf", None)],
    "vr_non_retaliation": [("whistleblowing-policy.pdf", None)],
    "vr_remediation": [("remediation-log.xlsx", None)],
    "env_eia": [("eia-ganzhou-expansion.pdf", None)],
    "env_permits": [
        ("discharge-permit-ganzhou.pdf", _EXPIRED),
        ("air-permit-morowali.pdf", _EXPIRED),
    ],
    "env_mine_closure": [("closure-plan-kolwezi.pdf", None)],
    "env_iso14001": [("iso14001-certificate.pdf", _CURRENT)],
    "dd_policy": [("responsible-sourcing-policy.pdf", None)],
    "dd_risk_assessment": [("risk-assessment-2023.pdf", None)],
    "dd_audit_report": [("rmap-assessment-2024.pdf", _CURRENT)],
}


def _file(name: str, valid_until: str | None) -> dict[str, Any]:
    digest = hashlib.sha256(name.encode()).hexdigest()
    return {"name": name, "sha256": digest, "valid_until": valid_until}


def full_answers_document() -> dict[str, Any]:
    """Return a new fully answered answers document for ``critical-minerals-dd`` 1.0.

    Every question shown for these answers is answered; lr_age_verification and
    dd_corrective_action lack their required evidence and two claims rest on
    expired evidence at :data:`SCORING_DATE`.
    """
    return {
        "questionnaire": QUESTIONNAIRE[0],
        "version": QUESTIONNAIRE[1],
        "answers": copy.deepcopy(_ANSWERS),
        "evidence": {
            question: [_file(name, valid_until) for name, valid_until in files]
            for question, files in _EVIDENCE.items()
        },
    }
