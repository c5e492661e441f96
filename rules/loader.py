"""Read and validate rule-set files (``rulesets/<id>/<version>.yaml``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

import questionnaires as qn
from questionnaires import version_key, yamlfile

from .conditions import rule_context
from .errors import RuleSetError
from .exposure import read_inherent
from .model import (
    Category,
    Escalation,
    EvidenceRule,
    Inherent,
    Level,
    Rule,
    RuleSet,
    Scoring,
    Text,
)
from .schema import shape_problems

RULESETS_DIR = Path(__file__).with_name("rulesets")


def list_rulesets(directory: Path = RULESETS_DIR) -> list[tuple[str, str]]:
    """Return ``(id, version)`` of every shipped rule set, oldest version first."""
    found = [
        (path.parent.name, path.stem)
        for path in directory.glob("*/*.yaml")
        if not path.stem.endswith(".golden") and version_key(path.stem)
    ]
    return sorted(found, key=lambda item: (item[0], version_key(item[1])))


def resolve_version(ruleset_id: str, version: str | None = None) -> str:
    """Return ``version``, or the latest shipped version when it is None.

    :raises RuleSetError: when no such rule set is shipped.
    """
    versions = [v for i, v in list_rulesets() if i == ruleset_id]
    if version is None and versions:
        version = versions[-1]
    if version not in versions:
        raise RuleSetError([f"no rule set {ruleset_id!r} version {version!r} (have {versions})"])
    return version


def load_ruleset(ruleset_id: str, version: str | None = None) -> RuleSet:
    """Load and validate a shipped rule set (``version=None``: the latest).

    The rule set is checked against its questionnaire and the reference catalogue;
    loaded rule sets are cached (they are immutable).

    :raises RuleSetError: listing every problem found.
    """
    return _load_shipped(ruleset_id, resolve_version(ruleset_id, version))


def shipped_rulesets() -> list[RuleSet]:
    """Load and return every shipped rule set, oldest version first."""
    return [load_ruleset(ruleset_id, version) for ruleset_id, version in list_rulesets()]


def ruleset_for(
    questionnaire_id: str, version: str, rulesets: Iterable[RuleSet] | None = None
) -> RuleSet | None:
    """Return the newest rule set (of ``rulesets``, or the shipped ones) that scores the
    questionnaire ``questionnaire_id`` at ``version``, or None when none does."""
    target = (questionnaire_id, version)
    candidates = [
        ruleset
        for ruleset in (shipped_rulesets() if rulesets is None else rulesets)
        if (ruleset.questionnaire_id, ruleset.questionnaire_version) == target
    ]
    return max(candidates, key=lambda r: version_key(r.version), default=None)


@lru_cache(maxsize=16)
def _load_shipped(ruleset_id: str, version: str) -> RuleSet:
    path = RULESETS_DIR / ruleset_id / f"{version}.yaml"
    data = read_yaml(path)
    target = data.get("questionnaire") if isinstance(data, dict) else None
    target = target if isinstance(target, dict) else {}
    questionnaire = qn.load_all().get((str(target.get("id")), str(target.get("version"))))
    if questionnaire is None:
        raise RuleSetError([f"questionnaire: no questionnaire {target!r}"], str(path))
    ruleset = parse_ruleset(data, questionnaire, catalogue_covers(), source=str(path))
    if (ruleset.id, ruleset.version) != (ruleset_id, version):
        raise RuleSetError([f"id/version {ruleset.id} {ruleset.version} differ from the file"])
    return ruleset


def read_yaml(path: Path) -> Any:
    """Return the data of a YAML file.

    :raises RuleSetError: when the file is not valid YAML.
    """
    try:
        return yamlfile.read_yaml(path)
    except yaml.YAMLError as error:
        raise RuleSetError([f"not valid YAML: {error}"], str(path)) from error


def catalogue_covers(catalogue: qn.Catalogue | None = None) -> dict[str, str]:
    """Return reference code -> ``cover`` (questions, rules, optional) of every catalogue entry."""
    catalogue = catalogue or qn.load_catalogue()
    return {code: str(entry.cover) for code, entry in catalogue.entries.items()}


def parse_ruleset(
    data: Any,
    questionnaire: qn.Questionnaire,
    catalogue: Mapping[str, str],
    source: str = "",
) -> RuleSet:
    """Build a rule set from its data, checking it against its questionnaire and references.

    :param questionnaire: the questionnaire version the rule set targets.
    :param catalogue: reference code -> ``cover`` of every catalogue entry.
    :raises RuleSetError: listing every problem found.
    """
    problems = list(shape_problems(data))
    if problems:
        raise RuleSetError(problems, source)
    reader = _Reader(questionnaire, catalogue, problems)
    categories = tuple(reader.category(item) for item in data["categories"])
    reader.category_ids = {c.id for c in categories}
    inherent = read_inherent(data["inherent"], questionnaire, problems)
    rules = tuple(reader.rule(item, i, inherent) for i, item in enumerate(data["rules"]))
    evidence_rules = tuple(
        reader.evidence_rule(item, i) for i, item in enumerate(data.get("evidence_rules", []))
    )
    ids = [r.id for r in rules] + [r.id for r in evidence_rules]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"rules: rule id {duplicate!r} is used more than once")
    if problems:
        raise RuleSetError(problems, source)
    named = {
        q for rule in rules if rule and rule.when for q in _questions_named(rule.when.to_dict())
    }
    return RuleSet(
        id=data["id"],
        version=data["version"],
        questionnaire_id=data["questionnaire"]["id"],
        questionnaire_version=data["questionnaire"]["version"],
        categories=categories,
        rules=rules,  # type: ignore[arg-type]
        evidence_rules=evidence_rules,
        scoring=_scoring(data["scoring"]),
        inherent=inherent,
        questionnaire=questionnaire,
        scored_questions=tuple(q.id for q in questionnaire.questions if q.id in named),
        source=source,
        data=data,
        reference_data=MappingProxyType(dict(data.get("reference_data", {}))),
    )


def _questions_named(node: Any) -> set[str]:
    """Return the question ids a condition (in its plain-data form) names."""
    if isinstance(node, dict):
        named = {node["question"]} if isinstance(node.get("question"), str) else set()
        return named.union(*(_questions_named(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_questions_named(item) for item in node))
    return set()


def _text(data: Mapping[str, str]) -> Text:
    return Text(en=data["en"], ja=data["ja"])


def _levels(data: Mapping[str, str]) -> Mapping[Level, Level]:
    return MappingProxyType({Level[k.upper()]: Level[v.upper()] for k, v in data.items()})


def _scoring(data: Mapping[str, Any]) -> Scoring:
    floor = data.get("incomplete_floor")
    visibility = data.get("visibility") or {}
    return Scoring(
        severity_points=MappingProxyType(
            {Level[k.upper()]: float(v) for k, v in data["severity_points"].items()}
        ),
        unknown_severity=_levels(data["unknown_severity"]),
        severity_floor=_levels(data["severity_floor"]),
        category_floor=_levels(data.get("category_floor", {})),
        rating_thresholds=MappingProxyType(
            {Level[k.upper()]: float(v) for k, v in data["rating_thresholds"].items()}
        ),
        incomplete_floor=Level[floor.upper()] if floor else None,
        inherent_weight=float(data["inherent_weight"]),
        worst_category_share=float(data["worst_category_share"]),
        unknown_title=_text(data["unknown_text"]["title"]),
        unknown_action=_text(data["unknown_text"]["action"]),
        undecided_counts=data.get("undecided", "severity") == "severity",
        visibility_threshold=float(visibility["threshold"]) if visibility else None,
        visibility_floor=Level[visibility["floor"].upper()] if visibility else None,
        escalation=tuple(
            Escalation(Level[e["severity"].upper()], e["categories"], Level[e["floor"].upper()])
            for e in data.get("escalation", ())
        ),
    )


class _Reader:
    """Turns validated-shape data into model objects, recording meaning problems."""

    def __init__(
        self, questionnaire: qn.Questionnaire, catalogue: Mapping[str, str], problems: list
    ) -> None:
        self.questions = {question.id: question for question in questionnaire.questions}
        self.catalogue = catalogue
        self.problems = problems
        self.category_ids: set[str] = set()

    def category(self, item: Mapping[str, Any]) -> Category:
        return Category(item["id"], _text(item["name"]), float(item["weight"]))

    def _common(self, item: Mapping[str, Any], where: str) -> None:
        if item["category"] not in self.category_ids:
            self.problems.append(f"{where}.category: unknown category {item['category']!r}")
        for code in item["references"]:
            if code not in self.catalogue:
                self.problems.append(f"{where}.references: unknown reference code {code!r}")

    def rule(self, item: Mapping[str, Any], index: int, inherent: Inherent) -> Rule | None:
        where = f"rules[{index}] ({item['id']})"
        self._common(item, where)
        context = rule_context(self.questions, inherent, self.problems)
        when = qn.read_condition(item["when"], f"{where}.when", context)
        floor = item.get("red_flag", {}).get("floor")
        unknown = item.get("if_unknown")
        return Rule(
            id=item["id"],
            category=item["category"],
            severity=Level[item["severity"].upper()],
            title=_text(item["title"]),
            action=_text(item["action"]),
            references=tuple(item["references"]),
            when=when,  # type: ignore[arg-type]
            red_flag_floor=Level[floor.upper()] if floor else None,
            unknown_title=_text(unknown["title"]) if unknown else None,
            unknown_action=_text(unknown["action"]) if unknown else None,
        )

    def evidence_rule(self, item: Mapping[str, Any], index: int) -> EvidenceRule:
        self._common(item, f"evidence_rules[{index}] ({item['id']})")
        return EvidenceRule(
            id=item["id"],
            kind=item["kind"],
            category=item["category"],
            severity=Level[item["severity"].upper()],
            title=_text(item["title"]),
            action=_text(item["action"]),
            references=tuple(item["references"]),
        )
