"""Check a rule set against a questionnaire and the reference catalogue."""

from __future__ import annotations

from typing import Any

from .errors import RuleSetError
from .loader import catalogue_covers, parse_ruleset
from .model import RuleSet


def check_ruleset(ruleset: RuleSet, questionnaire: Any, catalogue: Any) -> list[str]:
    """Return every problem of ``ruleset`` against ``questionnaire`` and ``catalogue``.

    Besides what loading checks (question ids, value types, options, translations,
    categories, severities, reference codes), every catalogue entry with
    ``cover: rules`` must be cited by at least one rule. An empty list means the
    rule set is sound.
    """
    problems = []
    target = questionnaire.key
    if target != (ruleset.questionnaire_id, ruleset.questionnaire_version):
        problems.append(
            f"questionnaire: rule set targets {ruleset.questionnaire_id} "
            f"{ruleset.questionnaire_version}, given {target[0]} {target[1]}"
        )
    covers = catalogue_covers(catalogue)
    try:
        parse_ruleset(ruleset.data, questionnaire, covers)
    except RuleSetError as error:
        problems.extend(error.problems)
    cited = {code for rule in (*ruleset.rules, *ruleset.evidence_rules) for code in rule.references}
    problems.extend(
        f"references: catalogue entry {code} (cover: rules) is cited by no rule"
        for code, cover in covers.items()
        if cover == "rules" and code not in cited
    )
    return problems
