"""The report's story, part one: shared building blocks, the cover and the summary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.styles import StyleSheet1
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, Table, TableStyle

from .chart import category_chart
from .data import RATINGS, ReportData, VersionRef
from .fonts import FontSet, font_for, markup
from .formatting import Formatter
from .labels import code_label, label

#: What a table cell may hold.
Cell = Flowable | list[Flowable] | str
#: Sites named on the cover; the answers appendix lists them all.
COVER_SITES = 10


@dataclass
class StoryContext:
    """What every part of the story needs: the data, the language and the look."""

    data: ReportData
    lang: str
    styles: StyleSheet1
    fonts: FontSet
    fmt: Formatter
    #: Width of the page's frame, in points.
    width: float
    rating_colors: Mapping[str, Color]
    accent: Color
    rule_color: Color
    shade: Color

    def label(self, key: str, **params: object) -> str:
        """Return a fixed label in the report's language."""
        return label(key, self.lang, **params)

    def rating(self, code: str) -> str:
        """Return the localised name of a rating or severity."""
        return code_label("rating", code, self.lang)

    def para(self, text: str, style: str = "Body") -> Paragraph:
        """Return a paragraph of plain text, escaped for markup."""
        sheet_style = self.styles[style]
        return Paragraph(markup(text, sheet_style.fontName), sheet_style)

    def rich(self, markup_text: str, style: str = "Body") -> Paragraph:
        """Return a paragraph of markup that is already escaped."""
        return Paragraph(markup_text, self.styles[style])

    def esc(self, text: str, style: str = "Body") -> str:
        """Return user text escaped for use inside markup set in ``style``."""
        return markup(text, self.styles[style].fontName)

    def strong(self, text: str) -> str:
        """Return user text escaped as bold markup, for use inside a paragraph."""
        bold = self.fonts.bold
        return f'<font face="{bold}">{markup(text, bold)}</font>'

    def heading(self, key: str, style: str = "H1") -> Paragraph:
        """Return a heading from a label."""
        return self.para(self.label(key), style)

    def table(
        self,
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float],
        *,
        header: bool = False,
        commands: Sequence[tuple] = (),
        ruled: Sequence[int] | None = None,
    ) -> Table:
        """Return a full-width, wrapping table; rows may split across pages.

        Column widths are fixed shares of the frame, never measured from the text, and a
        long table measures only the rows that fit on the page it is being split for, so
        layout time grows with the text, not with its square.

        :param ruled: the rows with a rule below them (every row when ``None``).
        """
        total = sum(widths)
        table = LongTable(
            [list(row) for row in rows],
            colWidths=[self.width * w / total for w in widths],
            repeatRows=1 if header else 0,
            splitInRow=24,
            hAlign="LEFT",
        )
        style = [
            # Cells hold paragraphs; the table's own font would otherwise be Helvetica.
            ("FONT", (0, 0), (-1, -1), self.fonts.regular),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if ruled is None:
            style.append(("LINEBELOW", (0, 0), (-1, -1), 0.25, self.rule_color))
        else:
            style += [("LINEBELOW", (0, r), (-1, r), 0.25, self.rule_color) for r in ruled]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), self.accent))
        table.setStyle(TableStyle(style + list(commands)))
        return table

    def rating_cell(self, code: str, text: str | None = None, style: str = "Badge") -> Table:
        """Return a small coloured box naming a rating or severity."""
        text = text or self.rating(code)
        sheet_style = self.styles[style]
        font = font_for(text, sheet_style.fontName)
        width = stringWidth(text, font, sheet_style.fontSize) + 12
        box = Table([[self.para(text, style)]], colWidths=[width], hAlign="LEFT")
        box.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), self.fonts.regular),
                    ("BACKGROUND", (0, 0), (-1, -1), self.rating_colors[code]),
                    ("LEFTPADDING", (0, 0), (-1, -1), 5),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return box


def labelled_rows(ctx: StoryContext, rows: Sequence[tuple[str, Cell]]) -> list[list[Cell]]:
    """Return table rows of a label (by key) and a value; string values become paragraphs."""
    return [
        [ctx.para(ctx.label(key), "CellLabel"), ctx.para(v, "Cell") if isinstance(v, str) else v]
        for key, v in rows
    ]


def key_values(ctx: StoryContext, rows: Sequence[tuple[str, Cell]]) -> Table:
    """Return a two-column table of labels (by key) and values."""
    return ctx.table(labelled_rows(ctx, rows), (34, 66))


def cover(ctx: StoryContext) -> list[Flowable]:
    """Return the cover: who, what was asked, against which rules, and the outcome."""
    data, fmt = ctx.data, ctx.fmt
    supplier = data.supplier
    story: list[Flowable] = [
        Spacer(0, 18),
        ctx.heading("title", "Title"),
        ctx.heading("subtitle", "Subtitle"),
        Spacer(0, 10),
        ctx.para(supplier.name, "SupplierName"),
    ]
    if data.draft:
        story.append(ctx.para(ctx.label("draft_notice"), "Notice"))
    shown = supplier.sites[:COVER_SITES]
    sites = [ctx.para(f"{s.name} — {fmt.country(s.country)}", "Cell") for s in shown]
    if len(supplier.sites) > len(shown):
        more = ctx.label("more_sites", n=len(supplier.sites) - len(shown))
        sites.append(ctx.para(more, "CellSmall"))
    editions = [
        ctx.para(f"{name}: {edition}", "Cell") for name, edition in data.data_editions.items()
    ]
    decision = ctx.label("not_decided")
    if data.decision is not None:
        outcome = ctx.label(f"decision.{data.decision.outcome}")
        decision = ctx.label("decision_by", outcome=outcome, reviewer=data.decision.reviewer)
    decision_cell: list[Flowable] = [ctx.para(decision, "Cell")]
    if data.decision is not None and data.decision.reason:
        decision_cell.append(ctx.para(data.decision.reason, "CellSmall"))
    reviewed = ctx.label("same_as_computed")
    if data.reviewed_rating is not None:
        reviewed = ctx.rating_cell(data.reviewed_rating)
    story += [
        Spacer(0, 10),
        key_values(
            ctx,
            [
                ("country", fmt.country(supplier.country)),
                ("sites", sites or "—"),
                ("countries", fmt.list([fmt.country(c) for c in supplier.countries]) or "—"),
                ("minerals", _codes(ctx, "mineral", supplier.minerals)),
                ("lifecycle_stages", _codes(ctx, "stage", supplier.lifecycle_stages)),
                ("questionnaire", _versioned(ctx, data.questionnaire)),
                ("ruleset", _versioned(ctx, data.ruleset)),
                ("data_editions", editions or "—"),
                ("submitted_at", fmt.datetime(data.submitted_at, ctx.label("not_submitted"))),
                ("decided_at", fmt.datetime(data.decided_at, ctx.label("not_decided"))),
                ("decision", decision_cell),
                ("rating", _rating_with_score(ctx)),
                ("reviewed_rating", reviewed),
            ],
        ),
        Spacer(0, 14),
        key_values(
            ctx,
            [
                ("report_id", ctx.para(data.report_id, "Mono")),
                ("answers_sha256", ctx.para(data.answers_sha256, "Mono")),
                ("generated_at", fmt.datetime(data.generated_at)),
            ],
        ),
    ]
    return story


def summary(ctx: StoryContext) -> list[Flowable]:
    """Return the summary: category chart, findings by severity and the red flags."""
    data = ctx.data
    story: list[Flowable] = [ctx.heading("summary"), ctx.heading("category_scores", "H2")]
    categories = data.categories
    if categories:
        story.append(
            category_chart(
                [
                    ctx.fmt.text(c.name) or code_label("category", c.id, ctx.lang)
                    for c in categories
                ],
                [c.score for c in categories],
                [c.rating for c in categories],
                width=ctx.width,
                fonts=ctx.fonts,
                rating_colors=ctx.rating_colors,
                axis_title=ctx.label("chart_axis"),
            )
        )
        rows: list[list[Cell]] = [
            [ctx.para(ctx.label(k), "CellHead") for k in ("category", "score", "rating_column")]
        ]
        for c in categories:
            name = ctx.fmt.text(c.name) or code_label("category", c.id, ctx.lang)
            rows.append(
                [
                    ctx.para(name, "Cell"),
                    ctx.para(ctx.fmt.number(c.score), "Cell"),
                    ctx.rating_cell(c.rating),
                ]
            )
        story += [Spacer(0, 6), ctx.table(rows, (60, 15, 25), header=True)]

    story += [Spacer(0, 8), ctx.heading("findings_by_severity", "H2")]
    head = [ctx.para(ctx.label(k), "CellHead") for k in ("severity", "count", "of_which_red_flags")]
    rows = [head]
    for severity in reversed(RATINGS):
        found = [f for f in data.findings if f.severity == severity]
        red = sum(f.red_flag for f in found)
        rows.append(
            [
                ctx.rating_cell(severity),
                ctx.para(str(len(found)), "Cell"),
                ctx.para(str(red), "Cell"),
            ]
        )
    total_red = sum(f.red_flag for f in data.findings)
    rows.append(
        [
            ctx.para(ctx.label("total"), "CellLabel"),
            ctx.para(str(len(data.findings)), "CellLabel"),
            ctx.para(str(total_red), "CellLabel"),
        ]
    )
    story.append(ctx.table(rows, (40, 30, 30), header=True))

    story += [Spacer(0, 8), ctx.heading("red_flags", "H2")]
    red_flags = [f for f in data.ordered_findings() if f.red_flag]
    if not red_flags:
        story.append(ctx.para(ctx.label("no_red_flags")))
    else:
        rows = [
            [
                ctx.rating_cell(f.severity),
                ctx.para(ctx.fmt.text(f.title), "Cell"),
                ctx.para(f.rule_id, "CellSmall"),
            ]
            for f in red_flags
        ]
        story.append(ctx.table(rows, (16, 66, 18)))
    return story


def _codes(ctx: StoryContext, prefix: str, codes: Sequence[str]) -> str:
    """Return coded values (minerals, stages) as a localised list."""
    return ctx.fmt.list([code_label(prefix, code, ctx.lang) for code in codes]) or "—"


def _versioned(ctx: StoryContext, ref: VersionRef) -> str:
    """Return "id, version x" for the questionnaire or the rule set."""
    return ctx.label("versioned", id=ref.id, version=ref.version)


def _rating_with_score(ctx: StoryContext) -> Table:
    """Return the computed overall rating with its score."""
    text = ctx.label(
        "rating_with_score",
        rating=ctx.rating(ctx.data.rating),
        score=ctx.fmt.number(ctx.data.score),
    )
    return ctx.rating_cell(ctx.data.rating, text)
