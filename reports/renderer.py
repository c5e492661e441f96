"""The PDF due-diligence report, in English or Japanese.

The renderer is pure: it reads a prepared :class:`~reports.data.ReportData`
and returns PDF bytes. It imports neither Flask nor the database layer.
"""

from __future__ import annotations

import io
import math
from functools import partial
from gettext import NullTranslations
from pathlib import Path

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate

from . import actions, sections
from .canvas import numbered_canvas_maker
from .data import LANGUAGES, ReportData
from .fonts import fit, font_for, font_set, register_fonts
from .formatting import Formatter
from .story import StoryContext, cover, summary
from .translation import TRANSLATIONS_DIR, load


class ReportDocTemplate(SimpleDocTemplate):
    """A document template that carries the story context of one rendering."""

    context: StoryContext


class DueDiligenceReport:
    """Render a due-diligence report as a PDF.

    Layout lives in class attributes so that a subclass can change the look
    without touching the story. One instance may render many reports, in any
    language; each rendering keeps its state on its own document template.
    Fixed texts come from the gettext catalogue of the report's language, which
    is chosen per rendering and is independent of any user interface's locale.
    """

    #: The compiled catalogues the report's texts are translated from.
    translations_dir: Path = TRANSLATIONS_DIR

    pagesize = A4
    left_margin = 18 * mm
    right_margin = 18 * mm
    top_margin = 24 * mm
    bottom_margin = 20 * mm
    #: Distance of the header's baseline from the top edge, and of the footer's from the bottom.
    header_offset = 13 * mm
    footer_offset = 11 * mm
    header_font_size = 7.5
    base_font_size = 9.0

    text_color = HexColor("#1d2327")
    muted_color = HexColor("#5f6b70")
    accent = HexColor("#1f4e5f")
    rule_color = HexColor("#b8c4c9")
    shade = HexColor("#eef2f3")
    notice_color = HexColor("#fdecea")
    rating_colors: dict[str, Color] = {
        "low": HexColor("#2e7d32"),
        "medium": HexColor("#a66a00"),
        "high": HexColor("#d84315"),
        "critical": HexColor("#b71c1c"),
    }
    watermark_color = HexColor("#b71c1c")
    watermark_alpha = 0.12
    watermark_size = 110

    def __init__(self) -> None:
        self._register_fonts()

    def _register_fonts(self) -> None:
        """Register the embedded TrueType fonts (once per process)."""
        register_fonts()

    def _get_translations(self, lang: str) -> NullTranslations:
        """Return the message catalogue of a report language (loaded once per process)."""
        return load(lang, self.translations_dir)

    def _get_stylesheet(self, lang: str) -> StyleSheet1:
        """Return the paragraph styles for a report language."""
        fonts = font_set(lang)
        cjk = lang == "ja"
        # Japanese glyphs are taller than Latin ones and need more leading.
        spacing = 1.55 if cjk else 1.35
        base = self.base_font_size
        sheet = StyleSheet1()

        def add(name: str, size: float, bold: bool = False, **kwargs: object) -> None:
            kwargs.setdefault("textColor", self.text_color)
            # Japanese line breaking lets a closing mark such as 。 hang past the line's
            # end; an indent of one character keeps it inside the box.
            kwargs.setdefault("rightIndent", size if cjk else 0)
            sheet.add(
                ParagraphStyle(
                    name,
                    fontName=fonts.bold if bold else fonts.regular,
                    fontSize=size,
                    leading=round(size * spacing, 1),
                    wordWrap="CJK" if cjk else None,
                    **kwargs,
                )
            )

        add("Body", base, spaceAfter=4)
        add("Small", base - 1.5, textColor=self.muted_color)
        add("Title", base + 17, bold=True, textColor=self.accent, spaceAfter=10)
        add("Subtitle", base + 2, textColor=self.muted_color, spaceAfter=6)
        add("SupplierName", base + 8, bold=True, spaceBefore=6, spaceAfter=8)
        add("H1", base + 6, bold=True, textColor=self.accent, spaceAfter=8)
        add("H2", base + 2.5, bold=True, textColor=self.accent, spaceBefore=8, spaceAfter=5)
        add("FindingTitle", base + 1, bold=True)
        add("Cell", base - 0.5)
        add("CellBold", base - 0.5, bold=True)
        add("CellSmall", base - 1.5)
        add("CellAlert", base - 1.5, bold=True, textColor=self.rating_colors["critical"])
        add("CellLabel", base - 1, bold=True, textColor=self.muted_color)
        add("CellHead", base - 1, bold=True, textColor=white)
        add("Badge", base - 1, bold=True, textColor=white, rightIndent=0)
        add("BadgeSmall", base - 2.5, bold=True, textColor=white, rightIndent=0)
        add(
            "Notice",
            base,
            textColor=self.rating_colors["critical"],
            backColor=self.notice_color,
            borderPadding=5,
            spaceBefore=6,
            spaceAfter=8,
        )
        sheet.add(
            ParagraphStyle(
                "Mono",
                parent=sheet["CellSmall"],
                fontName=fonts.mono,
                fontSize=base - 1.5,
                leading=round((base - 1.5) * 1.35, 1),
            )
        )
        return sheet

    def _on_first_page(self, canvas: Canvas, doc: ReportDocTemplate) -> None:
        """Draw the cover page's furniture."""
        self._draw_page(canvas, doc)

    def _on_other_page(self, canvas: Canvas, doc: ReportDocTemplate) -> None:
        """Draw every later page's furniture."""
        self._draw_page(canvas, doc)

    def _draw_page(self, canvas: Canvas, doc: ReportDocTemplate) -> None:
        """Draw the watermark of a draft, the header and the footer (but the page number)."""
        ctx = doc.context
        width, height = self.pagesize
        right = width - self.right_margin
        canvas.saveState()
        if ctx.data.draft:
            self._draw_watermark(canvas, ctx)
        size = self.header_font_size
        canvas.setFillColor(self.muted_color)
        canvas.setStrokeColor(self.rule_color)
        canvas.setLineWidth(0.5)

        top = height - self.header_offset
        report_id = ctx.data.report_id
        id_font = font_for(report_id, ctx.fonts.regular)
        id_text = fit(report_id, id_font, size, doc.width * 0.4)
        canvas.setFont(id_font, size)
        canvas.drawRightString(right, top, id_text)
        name_width = doc.width - stringWidth(id_text, id_font, size) - 12
        name_font = font_for(ctx.data.supplier.name, ctx.fonts.bold)
        canvas.setFont(name_font, size)
        canvas.drawString(
            self.left_margin, top, fit(ctx.data.supplier.name, name_font, size, name_width)
        )
        canvas.line(self.left_margin, top - 2.5 * mm, right, top - 2.5 * mm)

        bottom = self.footer_offset
        canvas.line(self.left_margin, bottom + 3.5 * mm, right, bottom + 3.5 * mm)
        generated = ctx._(
            "Generated %(datetime)s", datetime=ctx.fmt.datetime(ctx.data.generated_at)
        )
        canvas.setFont(font_for(generated, ctx.fonts.regular), size)
        canvas.drawString(self.left_margin, bottom, generated)
        canvas.restoreState()

    def _draw_watermark(self, canvas: Canvas, ctx: StoryContext) -> None:
        """Draw the diagonal "DRAFT" mark under the page's content."""
        width, height = self.pagesize
        text = ctx._("DRAFT")
        font = font_for(text, ctx.fonts.bold)
        diagonal = math.hypot(width, height)
        size = min(self.watermark_size, 0.55 * diagonal / stringWidth(text, font, 1))
        canvas.saveState()
        canvas.setFillColor(self.watermark_color)
        canvas.setFillAlpha(self.watermark_alpha)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(math.degrees(math.atan2(height, width)))
        canvas.setFont(font, size)
        canvas.drawCentredString(0, -size / 3, text)
        canvas.restoreState()

    def _paint_page_number(
        self, doc: ReportDocTemplate, canvas: Canvas, page: int, pages: int
    ) -> None:
        """Draw "page x of y" in the footer once the page count is known."""
        ctx = doc.context
        text = ctx._("Page %(page)s of %(pages)s", page=page, pages=pages)
        canvas.saveState()
        canvas.setFillColor(self.muted_color)
        canvas.setFont(font_for(text, ctx.fonts.regular), self.header_font_size)
        canvas.drawRightString(self.pagesize[0] - self.right_margin, self.footer_offset, text)
        canvas.restoreState()

    def _get_story(self, doc: ReportDocTemplate) -> list[Flowable]:
        """Return the flowables of the whole report, cover to audit trail."""
        ctx = doc.context
        return [
            *cover(ctx),
            PageBreak(),
            *summary(ctx),
            PageBreak(),
            *sections.findings(ctx),
            *actions.corrective_actions(ctx),
            PageBreak(),
            *sections.answers(ctx),
            PageBreak(),
            *sections.audit(ctx),
            *sections.integrity(ctx),
        ]

    def render(self, data: ReportData, lang: str) -> bytes:
        """Render ``data`` as a PDF in ``lang`` ("en" or "ja") and return its bytes.

        :raises ValueError: if ``lang`` is not a report language.
        """
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported report language: {lang!r}")
        self._register_fonts()
        translations = self._get_translations(lang)
        buffer = io.BytesIO()
        report_title = translations.gettext("Due-diligence report")
        title = f"{report_title} — {data.supplier.name}"
        doc = ReportDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.left_margin,
            rightMargin=self.right_margin,
            topMargin=self.top_margin,
            bottomMargin=self.bottom_margin,
            title=title,
            author="Assay",
            creator="Assay",
            subject=data.report_id,
            lang=lang,
            # The canvas would otherwise start every page in Helvetica, which is not embedded.
            initialFontName=font_set(lang).regular,
        )
        doc.context = StoryContext(
            data=data,
            lang=lang,
            translations=translations,
            styles=self._get_stylesheet(lang),
            fonts=font_set(lang),
            fmt=Formatter(lang),
            width=doc.width,
            rating_colors=self.rating_colors,
            accent=self.accent,
            rule_color=self.rule_color,
            shade=self.shade,
        )
        doc.build(
            self._get_story(doc),
            onFirstPage=self._on_first_page,
            onLaterPages=self._on_other_page,
            canvasmaker=numbered_canvas_maker(partial(self._paint_page_number, doc)),
        )
        return buffer.getvalue()
