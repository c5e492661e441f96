"""Shared fixtures for the report tests: sample data and rendered PDFs, built once."""

from __future__ import annotations

import pytest

from demo.report import sample_report_data
from reports.renderer import DueDiligenceReport


@pytest.fixture(scope="session")
def renderer() -> DueDiligenceReport:
    return DueDiligenceReport()


@pytest.fixture(scope="session")
def rendered(renderer):
    """Return a function giving the PDF of the sample report, per language and draft flag."""
    cache: dict[tuple[str, bool], bytes] = {}

    def get(lang: str, draft: bool = False) -> bytes:
        key = (lang, draft)
        if key not in cache:
            cache[key] = renderer.render(sample_report_data(draft=draft), lang)
        return cache[key]

    return get
