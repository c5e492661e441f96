"""Answers holding markup, scripts, control characters and mixed scripts render as text in PDFs."""

from __future__ import annotations

import dataclasses

import pytest

from demo.report import sample_report_data
from reports import DueDiligenceReport
from reports.data import Answer, AnswerSection
from tests.reports.pdf_inspect import page_texts, squash

HOSTILE_ANSWERS = {
    "markup": '<script>alert("x")</script> <b>bold</b> <font size=90>big</font> &amp; & <br/>',
    "controls": "line one\x07\x1b[31m\r\nline two\ttab\x00",
    "scripts": "مرحبا 株式会社コバルト שלום \u202edesrever",
    "unbalanced": "</para><para> <<<>>> a < b > c",
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_answers_with_markup_are_printed_as_text(lang):
    data = sample_report_data(n_findings=3)
    answers = [
        Answer(f"hostile_{key}", {"en": f"Hostile {key}", "ja": f"不正な入力 {key}"}, value)
        for key, value in HOSTILE_ANSWERS.items()
    ]
    section = AnswerSection({"en": "Hostile answers", "ja": "不正な入力"}, answers)
    data = dataclasses.replace(data, sections=[*data.sections, section])
    pdf = DueDiligenceReport().render(data, lang)
    text = squash("".join(page_texts(pdf)))
    assert squash('<script>alert("x")</script>') in text
    assert squash("<b>bold</b>") in text and squash("<font size=90>big</font>") in text
    assert squash("</para><para> <<<>>> a < b > c") in text
    assert "\x07" not in text and "\x00" not in text
