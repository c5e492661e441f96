"""Errors raised by the rules package."""

from __future__ import annotations

from collections.abc import Iterable


class RuleSetError(ValueError):
    """A rule set (or the reference data it needs) is invalid; ``problems`` lists every issue."""

    def __init__(self, problems: Iterable[str], source: str | None = None) -> None:
        self.problems = list(problems)
        self.source = source
        where = f"{source}: " if source else ""
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"{where}{len(self.problems)} problem(s)\n{lines}")


class DocumentError(ValueError):
    """An answers document is malformed; ``field`` names the offending document field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")
