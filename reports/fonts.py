"""The report's embedded TrueType fonts, and text escaped for Paragraph markup.

Only TrueType fonts are used, so every font in a report is embedded (the PDF
standard fonts such as Helvetica are not). Registration happens once per
process: parsing IPAexGothic takes a noticeable fraction of a second.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path

# Only escapes text for ReportLab's paragraph markup; no XML is parsed.
from xml.sax.saxutils import escape  # nosec B406

from reportlab.lib.fonts import addMapping
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).with_name("fonts")

#: ReportLab font name -> file in :data:`FONT_DIR`.
FONT_FILES = {
    "IPAexGothic": "ipaexg.ttf",
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSansMono": "DejaVuSansMono.ttf",
}

_lock = threading.Lock()
_registered = False


@dataclass(frozen=True)
class FontSet:
    """The fonts a report in one language is set in."""

    regular: str
    bold: str
    mono: str


#: The font set of each report language.
FONT_SETS = {
    "en": FontSet("DejaVuSans", "DejaVuSans-Bold", "DejaVuSansMono"),
    # IPAexGothic has no bold face; Japanese headings rely on size and colour.
    "ja": FontSet("IPAexGothic", "IPAexGothic", "DejaVuSansMono"),
}

#: Fonts tried, in order, for a character the font of a paragraph cannot draw.
FALLBACKS = ("IPAexGothic", "DejaVuSans")


def register_fonts() -> None:
    """Register the report fonts with ReportLab, once per process."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, file_name in FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file_name)))
        # <b> and <i> in markup resolve through these mappings; the fonts have
        # no italic faces, so italic falls back to the upright ones.
        for family, bold in (
            ("DejaVuSans", "DejaVuSans-Bold"),
            ("IPAexGothic", "IPAexGothic"),
            ("DejaVuSansMono", "DejaVuSansMono"),
            ("DejaVuSans-Bold", "DejaVuSans-Bold"),
        ):
            addMapping(family, 0, 0, family)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, family)
            addMapping(family, 1, 1, bold)
        _registered = True


def font_set(lang: str) -> FontSet:
    """Return the font set for a report language."""
    return FONT_SETS[lang]


@cache
def _glyphs(font_name: str) -> frozenset[int]:
    """Return the code points ``font_name`` has glyphs for."""
    face = pdfmetrics.getFont(font_name).face
    return frozenset(face.charToGlyph)


def covers(font_name: str, char: str) -> bool:
    """Tell whether ``font_name`` can draw ``char``."""
    return char.isspace() or ord(char) in _glyphs(font_name)


def clean(text: str) -> str:
    """Return ``text`` without control characters other than newline and tab."""
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def _font_of(char: str, font: str) -> str:
    """Return the first of ``font`` and the fallbacks that can draw ``char``."""
    for candidate in (font, *FALLBACKS):
        if covers(candidate, char):
            return candidate
    return font


def markup(text: str, font: str) -> str:
    """Escape user text for a Paragraph set in ``font``.

    Markup characters are escaped so that HTML or script in an answer shows as
    text, newlines become line breaks, and runs of characters ``font`` cannot
    draw are set in a fallback font that can.
    """
    parts = []
    for run_font, run in groupby(clean(text), key=lambda ch: _font_of(ch, font)):
        chunk = escape("".join(run))
        parts.append(chunk if run_font == font else f'<font face="{run_font}">{chunk}</font>')
    return "".join(parts).replace("\n", "<br/>")


#: Scripts set without spaces between words, where a line may break between any two characters.
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


@cache
def _word_wrapped(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-words", parent=style, wordWrap=None)


def wrap_style(style: ParagraphStyle, text: str) -> ParagraphStyle:
    """Return *style*, or for text without CJK characters a copy that breaks lines only
    between words: CJK wrapping would cut a name or a Latin word anywhere ("Kabang/e")."""
    if style.wordWrap == "CJK" and not _CJK.search(text):
        return _word_wrapped(style)
    return style


def font_for(text: str, font: str) -> str:
    """Return ``font``, or the first fallback, that draws all of ``text`` (for canvas strings)."""
    for candidate in (font, *FALLBACKS):
        if all(covers(candidate, ch) for ch in text):
            return candidate
    return FALLBACKS[0]


def fit(text: str, font: str, size: float, width: float) -> str:
    """Return ``text``, shortened with an ellipsis if it is wider than ``width``."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    # No glyph is narrower than a fifth of the font size; start from what could fit.
    text = text[: int(width / (size * 0.2)) + 1]
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
