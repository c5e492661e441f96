"""The rendered report: content, fonts, page numbers, watermark, escaping, rasterising."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from demo.report import sample_report_data
from reports.translation import load
from tests.reports.pdf_inspect import fonts, page_texts, squash

LANGS = ["en", "ja"]
HEADINGS = [
    "Due-diligence report",
    "Summary",
    "Category scores",
    "Findings by severity",
    "Red flags",
    "Findings",
    "Appendix: answers and evidence",
    "Audit trail",
    "Document integrity",
]


@pytest.mark.parametrize("lang", LANGS)
def test_report_shows_headings_supplier_findings_and_references(rendered, lang):
    data = sample_report_data()
    text = "\n".join(page_texts(rendered(lang)))
    flat = squash(text)

    for heading in HEADINGS:
        assert squash(load(lang).gettext(heading)) in flat, heading
    assert data.supplier.name in text
    assert len(data.findings) >= 30
    for finding in data.findings:
        assert squash(finding.title[lang]) in flat, finding.rule_id
        assert squash(finding.rule_id) in flat
        for reference in finding.references:
            assert squash(reference.code) in flat
    for section in data.sections:
        for answer in section.answers:
            # each answer by its number as people cite it, never its internal id
            assert squash(f"{answer.number}{answer.text[lang]}"[:40]) in flat, answer.question_id
            quoted = [e.note for e in data.audit] + [f.rule_id for f in data.findings]
            if not any(answer.question_id in text for text in quoted):  # a rule's own name
                assert squash(answer.question_id) not in flat, answer.question_id
            for evidence in answer.evidence:
                assert evidence.sha256 in flat
    assert data.report_id in text
    assert data.answers_sha256 in flat


def test_japanese_report_uses_japanese_dates_and_country_names(rendered):
    text = "\n".join(page_texts(rendered("ja")))
    assert "2026年11月22日" in text
    assert "コンゴ民主共和国" in text
    assert "デュー・ディリジェンス報告書" in text
    assert "強制労働" in text and "児童労働" in text


def test_english_report_uses_english_dates_and_country_names(rendered):
    text = "\n".join(page_texts(rendered("en")))
    assert "November 22, 2026" in text
    assert "Indonesia" in text
    assert "Due-diligence report" in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("draft", [False, True])
def test_every_font_is_embedded(rendered, lang, draft):
    found = fonts(rendered(lang, draft))
    assert found
    assert all(found.values()), found


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_is_numbered_page_x_of_y(rendered, lang):
    pages = page_texts(rendered(lang))
    total = len(pages)
    assert total > 5
    for number, text in enumerate(pages, start=1):
        expected = load(lang).gettext("Page %(page)s of %(pages)s") % {
            "page": number,
            "pages": total,
        }
        assert expected in text, (number, text[-200:])
    pattern = {"en": r"Page (\d+) of (\d+)", "ja": r"(\d+) / (\d+) ページ"}[lang]
    assert {int(m.group(2)) for m in re.finditer(pattern, "\n".join(pages))} == {total}


@pytest.mark.parametrize("lang", LANGS)
def test_draft_is_watermarked_on_every_page(rendered, lang):
    pages = page_texts(rendered(lang, draft=True))
    assert all("DRAFT" in text for text in pages)


@pytest.mark.parametrize("lang", LANGS)
def test_approved_report_has_no_watermark(rendered, lang):
    assert not any("DRAFT" in text for text in page_texts(rendered(lang)))


@pytest.mark.parametrize("lang", LANGS)
def test_markup_in_user_text_is_shown_as_text(rendered, lang):
    text = "\n".join(page_texts(rendered(lang)))
    flat = squash(text)
    assert squash("<script>x()</script> & the shipment documents.") in flat
    assert squash("the supplier <b>at all</b>.") in flat
    assert squash("31 workers paid fees & receipts were seen.") in flat


@pytest.mark.parametrize("lang", LANGS)
def test_pages_rasterise_without_errors(rendered, lang, tmp_path):
    tool = shutil.which("pdftoppm")
    assert tool, "pdftoppm (poppler-utils) is required"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(rendered(lang, draft=True))
    result = subprocess.run(
        [tool, "-png", "-r", "30", str(pdf), str(tmp_path / "page")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(list(tmp_path.glob("page-*.png"))) == len(page_texts(pdf.read_bytes()))


def test_rejects_an_unknown_language(renderer):
    with pytest.raises(ValueError, match="fr"):
        renderer.render(sample_report_data(n_findings=1), "fr")


def test_one_renderer_renders_both_languages_independently(renderer):
    data = sample_report_data(n_findings=3)
    first_ja = page_texts(renderer.render(data, "ja"))
    english = page_texts(renderer.render(data, "en"))
    assert "指摘事項" in "".join(first_ja)
    assert "指摘事項" not in "".join(english)
    assert page_texts(renderer.render(data, "ja")) == first_ja


def test_the_japanese_report_cites_japanese_locators_and_the_english_one_english(rendered):
    data = sample_report_data()
    cited = {r.code for f in data.findings for r in f.references}
    assert {"USJP-4.4", "UKJP-2.2", "OECD-S1"} <= cited
    japanese = squash("".join(page_texts(rendered("ja"))))
    english = squash("".join(page_texts(rendered("en"))))
    for en, ja in [("Art. 4.4", "第4条4"), ("Para. 2.2", "第2.2項"), ("Step 1", "ステップ1")]:
        assert squash(ja) in japanese and squash(en) not in japanese, ja
        assert squash(en) in english and squash(ja) not in english, en
    assert "Art." not in japanese and "Para." not in japanese
