"""Latency percentiles and throughput of a load run."""

from __future__ import annotations

from collections import Counter


def percentile(values: list[float], share: float) -> float:
    """Return the value below which *share* of *values* lie (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def describe(backend: str, agents, seconds: float) -> str:
    """Return the report of one run: requests, statuses, throughput, p50 and p95 by kind."""
    by_kind: dict[str, list[float]] = {}
    statuses: Counter = Counter()
    for agent in agents:
        statuses.update(agent.tally.statuses)
        for kind, values in agent.tally.latencies.items():
            by_kind.setdefault(kind, []).extend(values)
    everything = [v for values in by_kind.values() for v in values]
    lines = [
        f"{backend}: {len(everything)} requests in {seconds:.1f} s = "
        f"{len(everything) / seconds:.1f} requests/s; statuses {dict(sorted(statuses.items()))}",
        f"  {'all':<14} p50 {percentile(everything, 0.5) * 1000:7.1f} ms"
        f"   p95 {percentile(everything, 0.95) * 1000:7.1f} ms",
    ]
    for kind, values in sorted(by_kind.items()):
        lines.append(
            f"  {kind:<14} p50 {percentile(values, 0.5) * 1000:7.1f} ms"
            f"   p95 {percentile(values, 0.95) * 1000:7.1f} ms   ({len(values)} requests)"
        )
    return "\n".join(lines)
