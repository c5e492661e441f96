"""What changed between two stored results of the same answers (a re-score)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FindingChange:
    """A finding present in both results whose severity or red flag changed."""

    before: Mapping[str, Any]
    after: Mapping[str, Any]


@dataclass(frozen=True)
class ResultChange:
    """Two results (``RiskResult.to_dict()``) side by side: rating, score, visibility, and
    the findings added, gone and changed, matched by rule id."""

    before: Mapping[str, Any]
    after: Mapping[str, Any]
    added: tuple[Mapping[str, Any], ...]
    removed: tuple[Mapping[str, Any], ...]
    changed: tuple[FindingChange, ...]

    @property
    def visibility_before(self) -> int | None:
        """Return the earlier result's visibility score, if it measured one."""
        return (self.before.get("visibility") or {}).get("score")

    @property
    def visibility_after(self) -> int | None:
        """Return the later result's visibility score, if it measured one."""
        return (self.after.get("visibility") or {}).get("score")

    @property
    def unchanged(self) -> bool:
        """Whether rating, score, visibility and every finding are the same."""
        return (
            not (self.added or self.removed or self.changed)
            and self.before["rating"] == self.after["rating"]
            and self.before["score"] == self.after["score"]
            and self.visibility_before == self.visibility_after
        )


def compare(before: Mapping[str, Any], after: Mapping[str, Any]) -> ResultChange:
    """Return what changed from result *before* to result *after*."""
    old = {f["rule_id"]: f for f in before.get("findings", ())}
    new = {f["rule_id"]: f for f in after.get("findings", ())}
    return ResultChange(
        before=before,
        after=after,
        added=tuple(f for rule_id, f in new.items() if rule_id not in old),
        removed=tuple(f for rule_id, f in old.items() if rule_id not in new),
        changed=tuple(
            FindingChange(old[rule_id], f)
            for rule_id, f in new.items()
            if rule_id in old
            and (old[rule_id]["severity"], old[rule_id]["red_flag"])
            != (f["severity"], f["red_flag"])
        ),
    )
