"""The renderer's parts: code names, translations, fonts, formatting, sample data, and its
independence."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from demo.report import plain_text_pdf, report_text, report_text_length, sample_report_data
from reports import fonts, translation
from reports.formatting import Formatter
from reports.labels import CODES, code_label

ROOT = Path(__file__).resolve().parents[2]
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def test_every_code_name_has_a_japanese_translation():
    japanese = translation.load("ja")
    untranslated = [
        (kind, code)
        for kind, names in CODES.items()
        for code, message in names.items()
        if not JAPANESE.search(japanese.gettext(message))
    ]
    assert untranslated == []
    assert code_label("review", "dismissed", "en") == "Dismissed"


def test_code_names_cover_every_code_the_sample_uses():
    data = sample_report_data()
    for rating in ("low", "medium", "high", "critical"):
        assert rating in CODES["rating"]
    for entry in data.audit:
        assert entry.action in CODES["audit"]
        for state in (entry.from_state, entry.to_state):
            assert state is None or state in CODES["state"]
    for mineral in data.supplier.minerals:
        assert code_label("mineral", mineral, "ja") != mineral
    assert code_label("mineral", "unobtainium", "ja") == "unobtainium"


def test_translations_are_loaded_once_per_language_and_english_needs_none():
    assert translation.load("ja") is translation.load("ja")
    assert translation.load("ja").gettext("Due-diligence report") == "デュー・ディリジェンス報告書"
    assert translation.load("en").gettext("Due-diligence report") == "Due-diligence report"


def test_a_missing_catalogue_is_an_error_not_an_english_report(tmp_path):
    with pytest.raises(FileNotFoundError, match="pybabel compile"):
        translation.load("ja", tmp_path)


def test_fonts_and_their_licences_ship_with_the_renderer():
    for file_name in fonts.FONT_FILES.values():
        assert (fonts.FONT_DIR / file_name).stat().st_size > 100_000
    assert (fonts.FONT_DIR / "IPA_Font_License_Agreement_v1.0.txt").exists()
    assert (fonts.FONT_DIR / "DejaVu_LICENSE.txt").exists()
    assert "IPAexGothic" in (fonts.FONT_DIR / "README.md").read_text(encoding="utf-8")


def test_fonts_are_registered_once():
    from reportlab.pdfbase import pdfmetrics

    fonts.register_fonts()
    first = pdfmetrics.getFont("IPAexGothic")
    fonts.register_fonts()
    assert pdfmetrics.getFont("IPAexGothic") is first


def test_markup_escapes_user_text_and_falls_back_for_missing_glyphs():
    fonts.register_fonts()
    assert fonts.markup("<b>&</b>", "DejaVuSans") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert fonts.markup("a\nb", "DejaVuSans") == "a<br/>b"
    assert fonts.markup("bell\x07", "DejaVuSans") == "bell"
    assert (
        fonts.markup("Co 株式会社", "DejaVuSans") == 'Co <font face="IPAexGothic">株式会社</font>'
    )
    assert fonts.markup("株式会社", "IPAexGothic") == "株式会社"


def test_fit_shortens_text_to_a_width():
    fonts.register_fonts()
    short = fonts.fit("a" * 500, "DejaVuSans", 8, 100)
    assert short.endswith("…") and len(short) < 500
    assert fonts.fit("abc", "DejaVuSans", 8, 100) == "abc"


def test_formatter_localises_dates_countries_lists_and_texts():
    ja, en = Formatter("ja"), Formatter("en")
    day = datetime(2026, 11, 22, 10, 45, tzinfo=UTC)
    assert ja.date(date(2026, 11, 22)) == "2026年11月22日"
    assert ja.datetime(day) == "2026年11月22日 10:45 UTC"
    assert en.date(day) == "November 22, 2026"
    assert ja.country("cd").startswith("コンゴ民主共和国")
    assert en.country("JP") == "Japan"
    assert ja.list(["A", "B"]) == "A、B"
    assert en.text({"ja": "だけ"}) == "だけ"
    assert ja.text({"en": "only", "ja": ""}) == "only"
    assert en.text("plain") == "plain"
    assert en.date(None) == "—"


def test_sample_data_is_a_realistic_full_report():
    data = sample_report_data()
    assert len(data.findings) >= 30
    assert len(sample_report_data(n_findings=35).findings) == 35
    assert len(sample_report_data(n_findings=80).findings) == 80
    assert len({f.rule_id for f in sample_report_data(n_findings=80).findings}) == 80
    assert any(f.red_flag for f in data.findings)
    assert sum(len(s.answers) for s in data.sections) >= 40
    assert any(a.evidence for s in data.sections for a in s.answers)
    assert data.decision is not None and not data.draft
    draft = sample_report_data(draft=True)
    assert draft.draft and draft.decision is None
    text = report_text(data, "en")
    assert "<script>" in text and "&" in text
    assert report_text_length(data, "ja") == len(report_text(data, "ja"))


def test_plain_text_pdf_renders_the_reference_text():
    pdf = plain_text_pdf(report_text(sample_report_data(n_findings=5), "ja"))
    assert pdf.startswith(b"%PDF")


def test_renderer_and_sample_import_neither_flask_nor_sqlalchemy():
    code = (
        "import sys; import reports.renderer, demo.report; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', "
        "'flask_sqlalchemy')); print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("module", ["renderer", "story", "sections", "chart", "canvas", "fonts"])
def test_renderer_modules_stay_small(module):
    lines = (ROOT / "reports" / f"{module}.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 320


def test_report_data_rejects_unknown_ratings_and_naive_times():
    data = sample_report_data(n_findings=1)
    with pytest.raises(ValueError, match="severe"):
        dataclasses.replace(data.findings[0], severity="severe")
    with pytest.raises(ValueError, match="reviewed_rating"):
        dataclasses.replace(data, reviewed_rating="fine")
    with pytest.raises(ValueError, match="timezone"):
        dataclasses.replace(data, generated_at=datetime(2026, 1, 1))
