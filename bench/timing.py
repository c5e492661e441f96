"""Timing helpers: best-of-rounds seconds per call, and SQL statements counted per block."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import event

#: How far a ratio may stray beyond its target before ``make bench`` fails: figures move by up
#: to a third between runs on a shared 2-core machine (see the README's Performance section).
NOISE = 0.35


def per_call(fn: Callable[[], object], seconds: float = 1.0, rounds: int = 3) -> float:
    """Return the best, over *rounds*, of the mean seconds per call of *fn* in ~*seconds*."""
    fn()  # warm caches (templates, fonts, compiled statements)
    best = float("inf")
    for _ in range(rounds):
        calls, started = 0, time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - started
            if elapsed >= seconds / rounds:
                break
        best = min(best, elapsed / calls)
    return best


@dataclass
class Comparison:
    """One benchmark beside its reference."""

    name: str
    value: float
    reference_name: str
    reference: float
    unit: str
    #: True when bigger is better (a rate), False for times
    rate: bool = False
    #: The ratio this figure must stay within (at most, or at least for a rate), if any
    target: float | None = None

    @property
    def ratio(self) -> float:
        return self.value / self.reference if self.reference else float("nan")

    def missed(self, noise: float = NOISE) -> bool:
        """Whether the ratio misses its target by more than *noise* (a fraction of it)."""
        if self.target is None:
            return False
        if self.rate:
            return self.ratio < self.target * (1 - noise)
        return self.ratio > self.target * (1 + noise)

    def line(self) -> str:
        """Return the printed line: value, reference, their ratio and the target."""
        what = "as fast as" if self.rate else "the time of"
        line = (
            f"{self.name}: {self.value:,.1f} {self.unit}  |  {self.reference_name}: "
            f"{self.reference:,.1f} {self.unit}  |  {self.ratio:.2f}× {what} the reference"
        )
        if self.target is not None:
            bound = "≥" if self.rate else "≤"
            verdict = "MISSED" if self.missed() else "met"
            line += f"  |  target {bound} {self.target:g}×: {verdict}"
        return line


@contextmanager
def counted_statements(engine):
    """Collect the SQL statements (text, parameters) executed on *engine* inside the block."""
    statements: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", keep)
