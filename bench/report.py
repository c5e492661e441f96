"""The full due-diligence report against a plain-text PDF of the same text."""

from __future__ import annotations

from bench.timing import Comparison, per_call
from reports import DueDiligenceReport
from reports.sample import plain_text_pdf, report_text, sample_report_data


def run() -> list[Comparison]:
    """Measure milliseconds per report in English and Japanese, beside the plain-text PDF."""
    data = sample_report_data()
    found = []
    for lang in ("en", "ja"):
        text = report_text(data, lang)
        report = per_call(lambda lang=lang: DueDiligenceReport().render(data, lang), 6.0)
        plain = per_call(lambda text=text: plain_text_pdf(text), 3.0)
        found.append(
            Comparison(
                f"full report PDF ({lang})",
                report * 1000,
                "plain-text PDF of the same text",
                plain * 1000,
                "ms",
            )
        )
    return found
