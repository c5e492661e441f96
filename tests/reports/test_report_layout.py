"""Layout under stress: long texts wrap inside the margins, empty reports still render."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from demo.report import sample_report_data
from reports.data import Answer, AnswerSection, Evidence, Finding, TriggeringAnswer
from reports.renderer import DueDiligenceReport
from tests.reports.pdf_inspect import fonts, page_texts, squash, word_boxes

LONG_WORD = "x" * 400
LONG_TEXT = " ".join(["Workers reported that the agency kept their passports"] * 300)
LONG_JA = "派遣会社がパスポートを保管していると労働者が報告した。" * 150


def stressed_data():
    """Return the sample with very long answers, names and an unbroken word."""
    data = sample_report_data(n_findings=40)
    long_answer = Answer(
        "LONG-01",
        {"en": "Describe everything " + LONG_WORD, "ja": "すべて説明してください" + LONG_WORD},
        {"en": LONG_TEXT, "ja": LONG_JA},
        [Evidence("file_" + "n" * 200 + ".pdf", "ab" * 32, date(2030, 1, 1))],
    )
    finding = dataclasses.replace(
        data.findings[0],
        rule_id="LONG-RULE",
        action={"en": LONG_TEXT, "ja": LONG_JA},
        triggered_by=[TriggeringAnswer(long_answer.text, long_answer.answer)],
    )
    supplier = dataclasses.replace(data.supplier, name="Very Long Supplier Name " * 12)
    return dataclasses.replace(
        data,
        supplier=supplier,
        findings=[finding, *data.findings],
        sections=[AnswerSection({"en": "Long", "ja": "長文"}, [long_answer]), *data.sections],
    )


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_long_texts_wrap_inside_the_margins(renderer, lang, tmp_path):
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(renderer.render(stressed_data(), lang))
    left = DueDiligenceReport.left_margin
    right = DueDiligenceReport.right_margin
    words = word_boxes(pdf)
    assert words
    outside = [
        (page, word[:20], round(x0), round(x1))
        for page, width, x0, x1, _y0, _y1, word in words
        if x0 < left - 2 or x1 > width - right + 2
    ]
    assert outside == []
    text = squash("".join(page_texts(pdf.read_bytes())))
    assert squash(LONG_WORD) in text


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_sample_stays_inside_the_margins(rendered, lang, tmp_path):
    pdf = tmp_path / "sample.pdf"
    pdf.write_bytes(rendered(lang))
    left = DueDiligenceReport.left_margin
    right = DueDiligenceReport.right_margin
    for page, width, x0, x1, _y0, _y1, word in word_boxes(pdf):
        assert left - 2 <= x0 and x1 <= width - right + 2, (page, word)


def test_japanese_text_in_an_english_report_uses_an_embedded_japanese_font(renderer):
    data = sample_report_data(n_findings=2)
    name = "コバルト精錬株式会社"
    data = dataclasses.replace(data, supplier=dataclasses.replace(data.supplier, name=name))
    data = dataclasses.replace(
        data,
        findings=[dataclasses.replace(data.findings[0], title={"ja": "英語なしの指摘"})],
    )
    pdf = renderer.render(data, "en")
    text = "".join(page_texts(pdf))
    assert name in text
    assert "英語なしの指摘" in text
    found = fonts(pdf)
    assert any("IPAexGothic" in font for font in found)
    assert all(found.values())


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_report_with_nothing_in_it_renders(renderer, lang):
    data = dataclasses.replace(
        sample_report_data(n_findings=0, draft=True),
        categories=[],
        sections=[],
        audit=[],
        data_editions={},
        submitted_at=None,
    )
    pdf = renderer.render(data, lang)
    pages = page_texts(pdf)
    assert len(pages) >= 4
    assert all(fonts(pdf).values())


def test_findings_are_ordered_red_flags_first_then_by_severity():
    findings = sample_report_data().ordered_findings()
    keys = [
        (not f.red_flag, -["low", "medium", "high", "critical"].index(f.severity)) for f in findings
    ]
    assert keys == sorted(keys)
    assert findings[0].red_flag


def test_a_finding_may_name_an_unknown_category(renderer):
    data = sample_report_data(n_findings=1)
    finding = Finding(
        rule_id="X-1",
        severity="low",
        category="not_a_category",
        title={"en": "Odd", "ja": "奇妙"},
        action={"en": "Act", "ja": "対応"},
    )
    text = "".join(page_texts(renderer.render(dataclasses.replace(data, findings=[finding]), "en")))
    assert "not_a_category" in text
