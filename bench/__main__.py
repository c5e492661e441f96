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
    started = time.perf_counter()
    for benchmark in (
        scoring.run,
        report.run,
        pages.run,
        portfolio.benchmark_buyer_portfolio,
    ):
        for comparison in benchmark():
            print(comparison.line(), flush=True)
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
