"""Answers documents for the shipped questionnaire: an exemplary supplier and variants."""

from __future__ import annotations

import copy
import hashlib
from typing import Any

from rules.bench import full_answers_document

CURRENT = "2027-03-31"

_EXEMPLARY_ANSWERS: dict[str, Any] = {
    "org_countries": ["AU", "JP"],
    "org_sites": [
        {"name": "Pilbara mine", "country": "AU", "stage": "extraction", "workers": 300},
        {"name": "Niihama refinery", "country": "JP", "stage": "processing", "workers": 400},
        {
            "name": "Kitakyushu recycling plant",
            "country": "JP",
            "stage": "recycling",
            "workers": 60,
        },
    ],
    "org_special_zone": "no",
    "org_headcount": 760,
    "org_migrant_workers": "no",
    "org_agency_workers": "yes",
    "org_young_workers": "no",
    "trace_materials": [
        {
            "mineral": "lithium",
            "stage": "extraction",
            "country": "AU",
            "smelter_identified": "yes",
            "recycled_share": 0,
        },
        {
            "mineral": "nickel",
            "stage": "extraction",
            "country": "CA",
            "smelter_identified": "yes",
            "recycled_share": 0,
        },
        {
            "mineral": "cobalt",
            "stage": "processing",
            "country": "FI",
            "smelter_identified": "yes",
            "recycled_share": 10,
        },
        {
            "mineral": "graphite",
            "stage": "processing",
            "country": "JP",
            "smelter_identified": "yes",
            "recycled_share": 0,
        },
        {
            "mineral": "manganese",
            "stage": "extraction",
            "country": "AU",
            "smelter_identified": "yes",
            "recycled_share": 0,
        },
        {
            "mineral": "cobalt",
            "stage": "recycling",
            "country": "JP",
            "smelter_identified": "yes",
            "recycled_share": 100,
        },
    ],
    "trace_supplier_survey": "yes",
    "trace_survey_response_rate": 96,
    "trace_cobalt_cahra": "no",
    "trace_cobalt_smelters_identified": "yes",
    "trace_graphite_smelters_identified": "yes",
    "trace_nickel_cahra": "no",
    "trace_nickel_smelters_identified": "yes",
    "trace_mines_identified": "yes",
    "trace_chain_of_custody": "segregated",
    "trace_custody_documents": "yes",
    "trace_asm": "no",
    "trace_xinjiang": "no",
    "lr_worker_representation": "yes",
    "lr_employer_neutrality": "yes",
    "lr_minimum_age": 18,
    "lr_age_verification": "yes",
    "lr_child_labour_found": "no",
    "lr_discrimination_grounds": [
        "sex",
        "sexual_harassment",
        "pregnancy",
        "sexual_orientation",
        "gender_identity",
        "caregiving",
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
    "lr_osh_risk_assessment": "yes",
    "lr_osh_fatalities": 0,
    "fl_written_contract": "yes",
    "fl_identity_documents": "no",
    "fl_migrant_recruitment_fees": None,
    "fl_accommodation": "no",
    "fl_forced_overtime": "no",
    "cw_lowest_wage_ratio": 135,
    "cw_wage_benefits": "yes",
    "cw_normal_hours": 40,
    "cw_max_weekly_hours": 52,
    "cw_overtime_voluntary": "yes",
    "cw_social_protection": "yes",
    "vr_non_retaliation": "yes",
    "vr_remediation": "yes",
    "env_significant_projects": "no",
    "env_emissions_exceedances": "no",
    "env_water_management": "yes",
    "env_tailings_standard": "yes",
    "env_transboundary_waste": "no",
    "env_protected_areas": "no",
    "env_mine_closure": "yes",
    "env_communities": "yes",
    "circ_recycled_content": 24,
    "circ_recycled_verification": "yes",
    "circ_take_back": "yes",
    "circ_waste_targets": "yes",
    "dd_policy_scope": [
        "serious_abuses",
        "forced_labour",
        "worst_forms_child_labour",
        "armed_groups",
        "security_forces",
        "bribery",
        "money_laundering",
        "taxes_royalties",
        "environment",
    ],
    "dd_supplier_requirements": "yes",
    "dd_risk_assessment_date": "2025-03-01",
    "dd_corrective_action": "yes",
    "dd_security_forces": "no",
    "dd_third_party_audit": "yes",
    "dd_audit_schemes": ["rmap", "irma"],
    "dd_annual_report": "yes",
}


def evidence_file(name: str, valid_until: str | None = None) -> dict[str, Any]:
    """Return an evidence file entry with a digest derived from its name."""
    return {
        "name": name,
        "sha256": hashlib.sha256(name.encode()).hexdigest(),
        "valid_until": valid_until,
    }


def exemplary_document() -> dict[str, Any]:
    """Return a complete document with good answers and current evidence for every claim."""
    doc = full_answers_document()
    for question, value in _EXEMPLARY_ANSWERS.items():
        if value is None:
            doc["answers"].pop(question, None)
        else:
            doc["answers"][question] = copy.deepcopy(value)
    for hidden in (
        "org_migrant_share",
        "lr_zone_rights",
        "lr_under18_hazardous",
        "lr_child_labour_remediation",
        "fl_identity_documents_access",
        "fl_fee_reimbursement",
        "fl_accommodation_standards",
        "cw_migrant_equal_treatment",
        "cw_migrant_recruiters",
        "env_eia",
        "env_eia_mitigation",
        "env_basel",
        "env_biodiversity_plan",
        "dd_security_human_rights",
    ):
        doc["answers"].pop(hidden)
    doc["evidence"] = {
        question: [evidence_file(f"{question}.pdf", CURRENT)]
        for question in (
            "trace_smelter_list",
            "trace_custody_documents",
            "lr_foa_policy",
            "lr_child_labour_policy",
            "lr_age_verification",
            "lr_discrimination_policy",
            "lr_osh_management",
            "fl_policy",
            "cw_payslips",
            "vr_grievance_mechanism",
            "vr_non_retaliation",
            "vr_remediation",
            "env_permits",
            "env_mine_closure",
            "env_iso14001",
            "dd_policy",
            "dd_risk_assessment",
            "dd_corrective_action",
            "dd_audit_report",
            "dd_annual_report",
        )
    }
    return doc


def with_answers(doc: dict[str, Any], **answers: Any) -> dict[str, Any]:
    """Return a copy of ``doc`` with some answers replaced (None removes one)."""
    doc = copy.deepcopy(doc)
    for question, value in answers.items():
        if value is None:
            doc["answers"].pop(question, None)
        else:
            doc["answers"][question] = value
    return doc


DRC_COBALT = {
    "mineral": "cobalt",
    "stage": "extraction",
    "country": "CD",
    "smelter_identified": "yes",
    "recycled_share": 0,
}
