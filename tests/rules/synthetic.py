"""A small synthetic questionnaire and rule set for engine tests."""

from __future__ import annotations

import copy

from rules.questions import QuestionSpec

MINERALS = frozenset({"cobalt", "graphite", "lithium", "manganese", "nickel"})
STAGES = frozenset({"extraction", "processing", "recycling", "end_of_life"})

QUESTIONS = {
    spec.id: spec
    for spec in (
        QuestionSpec("org_countries", "countries", required=True),
        QuestionSpec("org_minerals", "multiple", options=MINERALS | {"unknown"}),
        QuestionSpec("fl_fees", "yes_no", required=True),
        QuestionSpec("fl_documents", "yes_no"),
        QuestionSpec("cl_min_age", "number"),
        QuestionSpec("policy", "single", options=frozenset({"none", "draft", "published"})),
        QuestionSpec("eia_done", "yes_no", evidence_when=frozenset({"yes"})),
        QuestionSpec("audit_date", "date"),
        QuestionSpec("note", "text"),
        QuestionSpec(
            "trace_materials",
            "table",
            columns={
                "mineral": QuestionSpec("mineral", "single", options=MINERALS),
                "stage": QuestionSpec("stage", "single", options=STAGES),
                "country": QuestionSpec("country", "country"),
                "smelter_identified": QuestionSpec("smelter_identified", "yes_no"),
                "recycled_share": QuestionSpec("recycled_share", "percentage"),
            },
        ),
    )
}

CATALOGUE = {
    "ILO-FPRW-FL": "rules",
    "ILO-FPRW-CL": "rules",
    "US-ILAB-LIST": "rules",
    "OECD-S1": "rules",
    "USJP-4.4": "rules",
    "USJP-4.3": "questions",
}


def _text(en: str) -> dict[str, str]:
    return {"en": en, "ja": f"{en}（日本語）"}


def _rule(rule_id, category, severity, when, references=("OECD-S1",), **extra):
    return {
        "id": rule_id,
        "category": category,
        "severity": severity,
        "title": _text(f"Finding {rule_id}"),
        "action": _text(f"Action {rule_id}"),
        "references": list(references),
        "when": when,
        **extra,
    }


_RULESET = {
    "id": "synthetic",
    "version": "1.0",
    "questionnaire": {"id": "synthetic-q", "version": "1.0"},
    "categories": [
        {"id": "forced_labour", "name": _text("Forced labour"), "weight": 2},
        {"id": "child_labour", "name": _text("Child labour"), "weight": 2},
        {"id": "environment", "name": _text("Environment"), "weight": 1},
        {"id": "due_diligence", "name": _text("Due diligence"), "weight": 1},
    ],
    "scoring": {
        "severity_points": {"low": 10, "medium": 25, "high": 50, "critical": 80},
        "unknown_severity": {"critical": "high", "high": "medium", "medium": "low", "low": "low"},
        "severity_floor": {"critical": "high", "high": "medium"},
        "category_floor": {"critical": "high"},
        "rating_thresholds": {"medium": 25, "high": 50, "critical": 75},
        "incomplete_floor": "medium",
        "inherent_weight": 0.3,
        "worst_category_share": 0.5,
        "unknown_text": {
            "title": _text("Cannot be ruled out: {title}"),
            "action": _text("Establish the facts; if confirmed: {action}"),
        },
    },
    "inherent": {
        "table": "trace_materials",
        "columns": {"mineral": "mineral", "stage": "stage", "country": "country"},
        "fallback_countries": "org_countries",
        "governance": {"indicators": ["rl", "cc", "va"], "weight": 0.8, "missing": 50},
        "undeclared": 60,
        "relation_weights": {"direct": 1.0, "related": 0.7, "downstream": 0.5},
        "stage_weights": {"extraction": 1.0, "processing": 0.9, "recycling": 0.5},
        "goods": {
            "cobalt": [
                {"good": "Cobalt Ore (Heterogenite)", "relation": "direct"},
                {"good": "Copper", "relation": "related"},
                {
                    "good": "Lithium-Ion Batteries",
                    "relation": "downstream",
                    "stages": ["processing"],
                },
            ],
            "manganese": [{"good": "Manganese Ore", "relation": "direct"}],
        },
    },
    "evidence_rules": [
        {
            "id": "evidence_missing",
            "kind": "missing",
            "category": "due_diligence",
            "severity": "medium",
            "title": _text("Evidence missing"),
            "action": _text("Upload evidence"),
            "references": ["OECD-S1"],
        },
        {
            "id": "evidence_expired",
            "kind": "expired",
            "category": "due_diligence",
            "severity": "low",
            "title": _text("Evidence expired"),
            "action": _text("Renew evidence"),
            "references": ["OECD-S1"],
        },
    ],
    "rules": [
        _rule(
            "fl_fees",
            "forced_labour",
            "critical",
            {"question": "fl_fees", "in": ["yes", "partly"]},
            references=["ILO-FPRW-FL"],
            red_flag={"floor": "critical"},
        ),
        _rule(
            "fl_documents",
            "forced_labour",
            "high",
            {"question": "fl_documents", "equals": "yes"},
            references=["ILO-FPRW-FL"],
        ),
        _rule(
            "cl_young",
            "child_labour",
            "critical",
            {"question": "cl_min_age", "lt": 15},
            references=["ILO-FPRW-CL"],
            red_flag={"floor": "critical"},
        ),
        _rule(
            "ilab_child",
            "child_labour",
            "high",
            {
                "question": "trace_materials",
                "rows": {"ilab_listed": {"kinds": ["child_labor", "forced_child_labor"]}},
            },
            references=["US-ILAB-LIST"],
        ),
        _rule(
            "no_eia",
            "environment",
            "high",
            {"question": "eia_done", "equals": "no"},
            references=["USJP-4.4"],
            red_flag={"floor": "high"},
        ),
        _rule(
            "no_policy",
            "due_diligence",
            "medium",
            {
                "any": [
                    {"question": "policy", "in": ["none", "draft"]},
                    {"question": "policy", "unanswered": True},
                ]
            },
        ),
        _rule(
            "smelters_unknown",
            "due_diligence",
            "medium",
            {
                "question": "trace_materials",
                "rows": {"column": "smelter_identified", "in": ["no", "partly"]},
            },
        ),
        _rule(
            "weak_rule_of_law",
            "due_diligence",
            "low",
            {"question": "org_countries", "wgi_below": {"indicator": "rl", "percentile": 25}},
        ),
        _rule(
            "old_audit",
            "due_diligence",
            "low",
            {"not": {"question": "audit_date", "gte": "2023-01-01"}},
        ),
    ],
}


def ruleset_data() -> dict:
    """Return a fresh copy of the synthetic rule-set data."""
    return copy.deepcopy(_RULESET)


def document(answers=None, evidence=None) -> dict:
    """Return an answers document for the synthetic questionnaire."""
    doc = {"questionnaire": "synthetic-q", "version": "1.0", "answers": answers or {}}
    if evidence is not None:
        doc["evidence"] = evidence
    return doc
