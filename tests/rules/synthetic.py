"""A small synthetic questionnaire and rule set for engine tests."""

from __future__ import annotations

import copy

from questionnaires import build_questionnaire

MINERALS = ("cobalt", "graphite", "lithium", "manganese", "nickel")
STAGES = ("extraction", "processing", "recycling", "end_of_life")


def _options(*values: str) -> list[dict]:
    return [{"value": value, "label": {"en": value, "ja": value}} for value in values]


def _question(question_id: str, kind: str, **extra) -> dict:
    return {
        "id": question_id,
        "type": kind,
        "text": {"en": question_id, "ja": question_id},
        "help": {"en": "", "ja": ""},
        "references": ["ILO-FLI-09"],
        **extra,
    }


def _column(column_id: str, kind: str, **extra) -> dict:
    return {"id": column_id, "type": kind, "label": {"en": column_id, "ja": column_id}, **extra}


def definition_data() -> dict:
    """Return the definition of the synthetic questionnaire the synthetic rule set targets."""
    return {
        "id": "synthetic-q",
        "version": "1.0",
        "title": {"en": "Synthetic", "ja": "合成"},
        "sections": [
            {
                "id": "all",
                "title": {"en": "All", "ja": "全部"},
                "questions": [
                    _question("org_countries", "countries", required=True),
                    _question("org_minerals", "multiple", options=_options(*MINERALS, "unknown")),
                    _question("fl_fees", "yes_no", required=True),
                    _question("fl_documents", "yes_no"),
                    _question("cl_min_age", "number"),
                    _question("policy", "single", options=_options("none", "draft", "published")),
                    _question(
                        "eia_done",
                        "yes_no",
                        evidence={
                            "required_when": ["yes"],
                            "description": {"en": "EIA", "ja": "EIA"},
                        },
                    ),
                    _question("audit_date", "date"),
                    _question("note", "text"),
                    _question(
                        "trace_materials",
                        "table",
                        columns=[
                            _column("mineral", "single", options=_options(*MINERALS)),
                            _column("stage", "single", options=_options(*STAGES)),
                            _column("country", "country"),
                            _column("smelter_identified", "yes_no"),
                            _column("recycled_share", "percentage"),
                        ],
                    ),
                ],
            }
        ],
    }


#: The synthetic questionnaire, built without the checks that tie question ids to section
#: ids, so the ids stay short.
QUESTIONNAIRE = build_questionnaire(definition_data())

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
