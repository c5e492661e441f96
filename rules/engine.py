"""Evaluate a rule set against an answers document: a pure, deterministic function."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

import questionnaires as qn
from questionnaires import Scope, Truth

from .conditions import RuleData, fired_listings
from .document import read_document
from .exposure import inherent_rows, inherent_score
from .model import (
    CategoryScore,
    EvidenceRule,
    Finding,
    RiskResult,
    Rule,
    RuleSet,
    Text,
    TriggeredBy,
    Visibility,
)
from .refdata import ReferenceData, ReferenceLibrary
from .scoring import rate, score


def editions_for(ruleset: RuleSet, chosen: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return the editions ``ruleset`` names (``reference_data``) with ``chosen`` over them.

    Sources named by neither get the library's default edition when selected.
    """
    return {**ruleset.reference_data, **(chosen or {})}


def evaluate(
    ruleset: RuleSet,
    answers_document: object,
    refdata: ReferenceData | ReferenceLibrary,
    scoring_date: date,
) -> RiskResult:
    """Return the risk rating, category scores and findings for one answers document.

    Hidden questions (``show_if`` false) are neither scored nor reported incomplete.

    :param refdata: one edition of each source, used as given; or a library, from which
        the editions the rule set names (else the defaults) are taken. Either way the
        result records the one edition of each source it used.
    :raises DocumentError: when the answers document is malformed.
    :raises RuleSetError: when the library lacks an edition the rule set names.
    """
    if isinstance(refdata, ReferenceLibrary):
        refdata = refdata.select(editions_for(ruleset))
    document = read_document(ruleset, answers_document)
    visible = frozenset(qn.visible_question_ids(ruleset.questionnaire, document.answers))
    answers = {q: value for q, value in document.answers.items() if q in visible}
    data = RuleData(refdata, ruleset.inherent)
    scope = Scope(answers, visible, today=scoring_date, data=data)
    findings = [f for rule in ruleset.rules if (f := _fire(ruleset, rule, scope))]
    findings += _evidence_findings(ruleset, document, answers, visible, scoring_date)
    findings = _ordered(ruleset, findings)
    incomplete = tuple(
        item.question_id
        for item in qn.missing_items(ruleset.questionnaire, answers, document.evidence)
        if item.kind is qn.MissingKind.ANSWER
        or qn.answer_type(ruleset.questionnaire.question(item.question_id).type).shape
        is qn.Shape.FILES
    )
    rows = tuple(inherent_rows(refdata, ruleset.inherent, answers))
    inherent = inherent_score(ruleset.inherent, rows)
    overall, points, management = score(ruleset, inherent, findings)
    seen = visibility(ruleset, answers, visible)
    if seen is not None:
        seen = replace(seen, undecided=tuple(f.rule_id for f in findings if f.undecided))
    insufficient = seen is not None and seen.insufficient
    rating, ratings = rate(ruleset, overall, points, findings, bool(incomplete), insufficient)
    categories = tuple(
        CategoryScore(c.id, c.name, points[c.id], ratings[c.id]) for c in ruleset.categories
    )
    return RiskResult(
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        data_editions=refdata.data_editions,
        data_labels=refdata.data_labels,
        scoring_date=scoring_date,
        rating=rating,
        score=overall,
        categories=categories,
        findings=tuple(findings),
        incomplete=incomplete,
        inherent_score=round(inherent, 1),
        management_score=round(management, 1),
        inherent_rows=rows,
        visibility=seen,
    )


def visibility(
    ruleset: RuleSet, answers: Mapping[str, Any], visible: frozenset[str]
) -> Visibility | None:
    """Return how much of what the rules look at is known, when the rule set measures it.

    The score is the share of the visible questions the rules look at that have a decided
    answer: not unanswered, not "unknown" and not "not applicable" (a claim a reviewer
    weighs: its reason is shown beside it).
    """
    threshold = ruleset.scoring.visibility_threshold
    if threshold is None:
        return None
    asked = [q for q in ruleset.scored_questions if q in visible]
    unanswered = tuple(q for q in asked if q not in answers)
    unknown = tuple(q for q in asked if q in answers and qn.holds_unknown(answers[q]))
    not_applicable = tuple(q for q in asked if answers.get(q) == qn.NOT_APPLICABLE)
    decided = len(asked) - len(unanswered) - len(unknown) - len(not_applicable)
    score = round(100 * decided / len(asked)) if asked else 100
    return Visibility(
        score, unknown, unanswered, not_applicable, score < threshold, asked=len(asked)
    )


def _fire(ruleset: RuleSet, rule: Rule, scope: Scope) -> Finding | None:
    outcome = rule.when.evaluate(scope)
    if outcome.truth is Truth.TRUE:
        return Finding(
            rule_id=rule.id,
            severity=rule.severity,
            category=rule.category,
            title=rule.title,
            action=rule.action,
            references=rule.references,
            triggered_by=outcome.triggers,
            red_flag=rule.red_flag_floor is not None,
            listings=fired_listings(rule.when, scope),
        )
    if outcome.truth is Truth.UNKNOWN:
        scoring = ruleset.scoring
        return Finding(
            rule_id=rule.id,
            severity=scoring.unknown_severity[rule.severity],
            category=rule.category,
            title=rule.unknown_title or _fill(scoring.unknown_title, rule.title, rule.action),
            action=rule.unknown_action or _fill(scoring.unknown_action, rule.title, rule.action),
            references=rule.references,
            triggered_by=outcome.triggers,
            red_flag=False,
            undecided=True,
            listings=fired_listings(rule.when, scope),
        )
    return None


def _fill(template: Text, title: Text, action: Text) -> Text:
    def fill(text: str, lang: str) -> str:
        text = text.replace("{title}", getattr(title, lang))
        return text.replace("{action}", getattr(action, lang))

    return Text(en=fill(template.en, "en"), ja=fill(template.ja, "ja"))


def _evidence_findings(
    ruleset: RuleSet,
    document: qn.AnswersDocument,
    answers: Mapping[str, Any],
    visible: frozenset[str],
    scoring_date: date,
) -> list[Finding]:
    by_kind: dict[str, list[TriggeredBy]] = {"missing": [], "expired": []}
    for question in ruleset.questionnaire.questions:
        value = answers.get(question.id)
        if question.id not in visible or not qn.evidence_required(question, value):
            continue
        files = document.evidence.get(question.id, ())
        if not files:
            by_kind["missing"].append(TriggeredBy(question.id, value))
        elif not any(_current(file, scoring_date) for file in files):
            shown = value if value is not None else [f["name"] for f in files]
            by_kind["expired"].append(TriggeredBy(question.id, shown))
    return [
        _evidence_finding(rule, tuple(by_kind[rule.kind]))
        for rule in ruleset.evidence_rules
        if by_kind[rule.kind]
    ]


def _current(file: Mapping[str, Any], scoring_date: date) -> bool:
    valid_until = file["valid_until"]
    return valid_until is None or date.fromisoformat(valid_until) >= scoring_date


def _evidence_finding(rule: EvidenceRule, triggers: tuple[TriggeredBy, ...]) -> Finding:
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        category=rule.category,
        title=rule.title,
        action=rule.action,
        references=rule.references,
        triggered_by=triggers,
        red_flag=False,
    )


def _ordered(ruleset: RuleSet, findings: list[Finding]) -> list[Finding]:
    """Order findings: red flags first, then by severity, then in rule-set order."""
    position = {rule_id: i for i, rule_id in enumerate(ruleset.rule_ids)}
    return sorted(findings, key=lambda f: (not f.red_flag, -f.severity, position[f.rule_id]))
