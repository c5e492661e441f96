"""The report names things as people do: no internal ids, and Latin words kept whole in the
Japanese report (citations in the report's language come from the catalogue's own locators)."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle

from demo.report import sample_report_data
from reports import DueDiligenceReport
from reports.fonts import wrap_style
from tests.reports.pdf_inspect import page_texts


def test_latin_text_wraps_between_words_in_japanese_cells():
    cjk = ParagraphStyle("Cell", wordWrap="CJK")
    assert wrap_style(cjk, "Jean-Pierre Kabange").wordWrap is None
    assert wrap_style(cjk, "提出済み → 審査中") is cjk
    assert wrap_style(ParagraphStyle("Cell"), "Kabange").wordWrap is None


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_cover_names_the_questionnaire_rule_set_and_sources(lang):
    data = sample_report_data()
    text = "\n".join(page_texts(DueDiligenceReport().render(data, lang)))
    first_page = text.split("\n\n")[0] if "\n\n" in text else text[:3000]
    assert "critical-minerals-dd" not in text
    assert "ilab:" not in text and "wgi:" not in text
    title = data.questionnaire.title[lang] if data.questionnaire.title else None
    if title:
        assert title.replace(" ", "")[:20] in first_page.replace(" ", "").replace("\n", "")
    rule_set = {"en": "Critical-minerals risk rules", "ja": "重要鉱物リスク評価ルール"}[lang]
    assert rule_set in text.replace("\n", "")
