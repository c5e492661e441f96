"""The full due-diligence report against a plain-text PDF of the same text."""

from __future__ import annotations

import dataclasses

import questionnaires as qn
from bench.timing import Comparison, per_call
from demo.report import plain_text_pdf, report_text, sample_report_data
from reports import DueDiligenceReport, ReportData
from reports.data import Answer, AnswerSection, Site

#: The report of the longest answers may take this many times its plain-text PDF.
LONGEST_TARGET = 5.0


def longest_answers_data(rows: int = qn.MAX_TABLE_ROWS) -> ReportData:
    """Return the sample report with *rows* sites whose names are as long as allowed."""
    unit = "第二工場 Lualaba refinery "
    names = [
        (f"{n:03d} " + unit * (qn.SHORT_TEXT_LENGTH // len(unit) + 1))[: qn.SHORT_TEXT_LENGTH]
        for n in range(rows)
    ]
    narrative = (
        "労働者の苦情処理制度を整備しています。 Grievances are answered in writing. " * 80
    )[: qn.LONG_TEXT_LENGTH]
    data = sample_report_data()
    section = AnswerSection(
        {"en": "Longest answers", "ja": "最長の回答"},
        [
            Answer(
                "org_sites",
                {"en": "List your operational sites", "ja": "事業所"},
                "\n".join(f"{name} · DR Congo · Processing" for name in names),
            ),
            Answer("notes", {"en": "Describe", "ja": "説明"}, narrative),
        ],
    )
    supplier = dataclasses.replace(data.supplier, sites=[Site(name, "CD") for name in names])
    return dataclasses.replace(data, supplier=supplier, sections=[*data.sections, section])


#: The full report may take at most this many times the plain-text PDF of the same text.
REPORT_TARGET = 1.5


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
                target=REPORT_TARGET,
            )
        )
    return found + longest_answers()


def longest_answers() -> list[Comparison]:
    """Measure the report of the longest allowed answers, and how it grows with the rows."""
    found = []
    longest, half = longest_answers_data(), longest_answers_data(qn.MAX_TABLE_ROWS // 2)
    for lang in ("en", "ja"):
        text = report_text(longest, lang)
        report = per_call(lambda lang=lang: DueDiligenceReport().render(longest, lang), 6.0)
        smaller = per_call(lambda lang=lang: DueDiligenceReport().render(half, lang), 3.0)
        plain = per_call(lambda text=text: plain_text_pdf(text), 3.0)
        found += [
            Comparison(
                f"longest answers report PDF ({lang}; target ≤ {LONGEST_TARGET:g}×)",
                report * 1000,
                "plain-text PDF of the same text",
                plain * 1000,
                "ms",
                target=LONGEST_TARGET,
            ),
            Comparison(
                f"the same with twice the rows ({lang}; target ≈ 2× if linear, 4× if quadratic)",
                report * 1000,
                f"{qn.MAX_TABLE_ROWS // 2} rows",
                smaller * 1000,
                "ms",
            ),
        ]
    return found
