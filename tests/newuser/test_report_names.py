"""The report names things as people do: no internal ids, citations in the report's language,
and Latin words kept whole in the Japanese report."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle

from demo.report import sample_report_data
from reports import DueDiligenceReport
from reports.fonts import wrap_style
from reports.parts import locator_text
from tests.reports.pdf_inspect import page_texts


@pytest.mark.parametrize(
    ("locator", "japanese"),
    [
        ("Art. 5.6", "第5.6条"),
        ("Art. 5.4, footnote 6", "第5.4条、脚注6"),
        ("Arts. 6, 7(e) and 9", "第6条、第7条(e)、第9条"),
        ("Annex II, paras 11-12", "附属書II、第11～12項"),
        ("Chapter 1.2", "第1.2章"),
        ("Art. 9 (definitions: Art. 1)", "第9条（定義：第1条）"),
        ("2(b); C029 and its 2014 Protocol, C105", "2(b)；C029および2014年議定書、C105"),
    ],
)
def test_citations_are_japanese_in_the_japanese_report(locator, japanese):
    assert locator_text(locator, "ja") == japanese
    assert locator_text(locator, "en") == locator


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
