"""The names of the codes a report's data carries, as msgids of the gettext catalogue.

Ratings, decisions, minerals, lifecycle stages, risk categories, kinds of labour, governance
indicators, submission states and audit actions arrive as codes (see :mod:`reports.data`). Each
maps to the English msgid the pages use for the same thing, so the catalogue holds one
translation for screen, e-mail and PDF. A code without a name is shown as it is.
"""

from __future__ import annotations

from gettext import NullTranslations

from .translation import N_, load

#: Where a corrective action plan stands (``models.ActionStatus``), by state code.
_ACTION_STATES = {
    "requested": N_("Plan requested"),
    "plan_submitted": N_("Plan submitted"),
    "plan_returned": N_("Plan returned"),
    "plan_accepted": N_("Plan accepted"),
    "in_progress": N_("In progress"),
    "evidence_submitted": N_("Evidence submitted"),
    "verified_closed": N_("Verified and closed"),
    "reopened": N_("Reopened"),
}
#: Kind of code -> code -> English msgid.
CODES: dict[str, dict[str, str]] = {
    "rating": {
        "low": N_("Low"),
        "medium": N_("Medium"),
        "high": N_("High"),
        "critical": N_("Critical"),
    },
    "decision": {"approved": N_("Approved"), "rejected": N_("Rejected")},
    # Documents named by id in stored data: the rule sets (questionnaires carry their title).
    "document": {
        "critical-minerals-risk": N_("Critical-minerals risk rules"),
        "critical-minerals-dd": N_("Critical-minerals due-diligence questionnaire"),
    },
    # Reference-data sources (rules/refdata), for results that recorded no edition label.
    "source": {
        "ilab": N_("US DOL List of Goods Produced by Child Labor or Forced Labor"),
        "wgi": N_("World Bank Worldwide Governance Indicators"),
    },
    "review": {"accepted": N_("Accepted"), "dismissed": N_("Dismissed")},
    "mineral": {
        "cobalt": N_("Cobalt"),
        "copper": N_("Copper"),
        "graphite": N_("Graphite"),
        "lithium": N_("Lithium"),
        "manganese": N_("Manganese"),
        "nickel": N_("Nickel"),
        "tin": N_("Tin"),
        "tantalum": N_("Tantalum"),
        "tungsten": N_("Tungsten"),
        "gold": N_("Gold"),
    },
    "stage": {
        "extraction": N_("Extraction"),
        "processing": N_("Processing and refining"),
        "recycling": N_("Recycling"),
        "end_of_life": N_("End-of-life disposal"),
        "trading": N_("Trading"),
    },
    # Used when the rule set gives a category no name in the report's language.
    "category": {
        "labour_rights": N_("Labour rights"),
        "forced_labour": N_("Forced labour"),
        "child_labour": N_("Child labour"),
        "conditions_of_work": N_("Conditions of work"),
        "voice_and_remedy": N_("Voice and remedy"),
        "environment": N_("Environment"),
        "traceability": N_("Traceability"),
        "circularity": N_("Circularity"),
        "due_diligence": N_("Due-diligence management"),
        "due_diligence_management": N_("Due-diligence management"),
    },
    # Kinds of labour a reference-data listing names (the ILAB List of Goods' columns).
    "labour": {
        "child_labor": N_("Child labour"),
        "forced_labor": N_("Forced labour"),
        "forced_child_labor": N_("Forced child labour"),
        "derived_labor_exploitation": N_("Made with inputs produced by child or forced labour"),
    },
    # Worldwide Governance Indicators a reference-data listing names, as the World Bank names them.
    "wgi": {
        "va": N_("Voice and Accountability"),
        "pv": N_("Political Stability and Absence of Violence/Terrorism"),
        "ge": N_("Government Effectiveness"),
        "rq": N_("Regulatory Quality"),
        "rl": N_("Rule of Law"),
        "cc": N_("Control of Corruption"),
    },
    # Where a corrective action plan stands, and how it is verified.
    "action_state": _ACTION_STATES,
    "verification": {
        "desk_review": N_("Desk review of the evidence"),
        "follow_up_audit": N_("Follow-up audit"),
    },
    "state": {
        "draft": N_("Draft"),
        "submitted": N_("Submitted"),
        "in_review": N_("In review"),
        "changes_requested": N_("Changes requested"),
        "approved": N_("Approved"),
        "rejected": N_("Rejected"),
        # Audit entries of corrective action plans record the plan's states.
        **_ACTION_STATES,
    },
    "audit": {
        "created": N_("Questionnaire started"),
        "saved": N_("Draft saved"),
        "answers_imported": N_("Answers imported"),
        "rmi_imported": N_("EMRT / AMRT workbook imported"),
        "evidence_uploaded": N_("Document uploaded"),
        "evidence_removed": N_("Document removed"),
        "shared": N_("Sharing changed"),
        "submitted": N_("Submitted"),
        "resubmitted": N_("Resubmitted"),
        "review_started": N_("Review started"),
        "commented": N_("Comment added"),
        "changes_requested": N_("Changes requested"),
        "scored": N_("Risk scored"),
        "rescored": N_("Risk re-scored"),
        "finding_accepted": N_("Finding accepted"),
        "finding_dismissed": N_("Finding dismissed"),
        "not_applicable_accepted": N_('"Not applicable" reason accepted'),
        "not_applicable_dismissed": N_('"Not applicable" reason not accepted'),
        "approved": N_("Approved"),
        "rejected": N_("Rejected"),
        "report_generated": N_("Report generated"),
        "cap_requested": N_("Corrective action requested"),
        "cap_submit_plan": N_("Corrective action plan submitted"),
        "cap_return_plan": N_("Corrective action plan returned"),
        "cap_accept_plan": N_("Corrective action plan accepted"),
        "cap_start_work": N_("Corrective action started"),
        "cap_submit_evidence": N_("Evidence of a corrective action submitted"),
        "cap_verify_close": N_("Corrective action verified and closed"),
        "cap_reopen": N_("Corrective action reopened"),
        "cap_comment": N_("Comment on a corrective action"),
        "cap_evidence_add": N_("Evidence of a corrective action uploaded"),
        "cap_evidence_remove": N_("Evidence of a corrective action removed"),
        "cap_carried_forward": N_("Corrective action carried forward"),
        "rerated": N_("Reviewed rating changed"),
    },
}


def versioned_name(ref, fmt, translations: NullTranslations) -> str:
    """Return "name, version x" of the questionnaire (its title) or the rule set (its name),
    never an internal id."""
    name = fmt.text(ref.title) if ref.title else code_name("document", ref.id, translations)
    return translations.gettext("%(id)s, version %(version)s") % {
        "id": name,
        "version": ref.version,
    }


def edition_name(source: str, edition: str, translations: NullTranslations) -> str:
    """Return a reference-data edition as people read it: its label (which names the source),
    or the source's name and the edition id for results stored before labels were."""
    if " " in edition:
        return edition
    return translations.gettext("%(label)s: %(value)s") % {
        "label": code_name("source", source, translations),
        "value": edition,
    }


def code_name(kind: str, code: str, translations: NullTranslations) -> str:
    """Return the name of a *kind* of code (``mineral``, ``stage``, ...) in *translations*'
    language, or the code itself when it has none."""
    message = CODES.get(kind, {}).get(code)
    return translations.gettext(message) if message else code


def code_label(kind: str, code: str, lang: str) -> str:
    """Return the name of a code in *lang* from the shipped catalogues, or the code itself."""
    return code_name(kind, code, load(lang))
