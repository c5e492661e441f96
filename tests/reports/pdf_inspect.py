"""Read back what a rendered PDF contains: text, fonts, word positions."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


def page_texts(pdf: bytes) -> list[str]:
    """Return the extracted text of every page."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def squash(text: str) -> str:
    """Remove all whitespace, so that text wrapped across lines still matches."""
    return re.sub(r"\s+", "", text)


def _font_is_embedded(font: DictionaryObject) -> bool:
    """Tell whether a font, or every descendant of a Type0 font, carries its font program."""
    if font.get("/Subtype") == "/Type0":
        return all(_font_is_embedded(d.get_object()) for d in font["/DescendantFonts"])
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def fonts(pdf: bytes) -> dict[str, bool]:
    """Return every font used on any page (base font name -> embedded)."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        for ref in (font_dict.get_object() if font_dict else {}).values():
            font = ref.get_object()
            found[str(font.get("/BaseFont"))] = _font_is_embedded(font)
    return found


def word_boxes(pdf_path: Path) -> list[tuple[int, float, float, float, float, float, str]]:
    """Return (page, page width, xMin, xMax, yMin, yMax, word) for every word, via pdftotext."""
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is required"
    html = subprocess.run(
        [tool, "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = []
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", html, re.S), start=1):
        width = float(re.search(r'width="([\d.]+)"', page).group(1))
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            page,
        ):
            words.append((number, width, float(x0), float(x1), float(y0), float(y1), word))
    return words
