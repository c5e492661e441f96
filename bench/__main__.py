"""Print the benchmarks, each beside its reference (``python -m bench``, ``make bench``)."""

from __future__ import annotations

import os
import platform
import sys
import time

from bench import pages, portfolio, report, scoring


def machine() -> str:
    """Return the cores, CPU model and Python version of this machine."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next(
                line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}"


def main() -> int:
    """Run every benchmark and print one line each."""
    print(f"Machine: {machine()}")
    started, missed = time.perf_counter(), []
    for benchmark in (
        scoring.run,
        report.run,
        pages.run,
        portfolio.benchmark_buyer_portfolio,
    ):
        for comparison in benchmark():
            print(comparison.line(), flush=True)
            if comparison.missed():
                missed.append(comparison.name)
    print(f"({time.perf_counter() - started:.0f} s)")
    for name in missed:
        print(f"MISSED its target beyond the noise band: {name}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
