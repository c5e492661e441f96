"""The report's story, part one: shared building blocks, the cover and the summary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from gettext import NullTranslations

from reportlab.lib.colors import Color
from reportlab.lib.styles import StyleSheet1
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, Table, TableStyle

from .chart import category_chart
from .data import RATINGS, ReportData, VersionRef
from .fonts import FontSet, font_for, markup
from .formatting import Formatter
from .labels import code_name
from .translation import N_
from .visibility import visibility_rows

#: What a table cell may hold.
Cell = Flowable | list[Flowable] | str
#: Sites named on the cover; the answers appendix lists them all.
COVER_SITES = 10


@dataclass
class StoryContext:
    """What every part of the story needs: the data, the language and the look."""

    data: ReportData
    lang: str
    #: The catalogue of the report's language (not the user interface's).
    translations: NullTranslations
    styles: StyleSheet1
    fonts: FontSet
    fmt: Formatter
    #: Width of the page's frame, in points.
    width: float
    rating_colors: Mapping[str, Color]
    accent: Color
    rule_color: Color
    shade: Color

    def _(self, message: str, **params: object) -> str:
        """Return *message* in the report's language, with ``%(name)s`` placeholders filled."""
        text = self.translations.gettext(message)
        return text % params if params else text

    def code(self, kind: str, code: str) -> str:
        """Return the name of a code (``rating``, ``mineral``, ``state``, ...), or the code."""
        return code_name(kind, code, self.translations)

    def rating(self, code: str) -> str:
        """Return the localised name of a rating or severity."""
        return self.code("rating", code)

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

    def heading(self, message: str, style: str = "H1") -> Paragraph:
        """Return a heading from a msgid marked with :func:`~reports.translation.N_`."""
        return self.para(self._(message), style)

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
    """Return table rows of a label (a marked msgid) and a value; strings become paragraphs."""
    return [
        [ctx.para(ctx._(label), "CellLabel"), ctx.para(v, "Cell") if isinstance(v, str) else v]
        for label, v in rows
    ]


def key_values(ctx: StoryContext, rows: Sequence[tuple[str, Cell]]) -> Table:
    """Return a two-column table of labels (marked msgids) and values."""
    return ctx.table(labelled_rows(ctx, rows), (34, 66))


def cover(ctx: StoryContext) -> list[Flowable]:
    """Return the cover: who, what was asked, against which rules, and the outcome."""
    data, fmt = ctx.data, ctx.fmt
    supplier = data.supplier
    story: list[Flowable] = [
        Spacer(0, 18),
        ctx.para(ctx._("Due-diligence report"), "Title"),
        ctx.para(
            ctx._("Labour rights and environment in critical-minerals supply chains"), "Subtitle"
        ),
        Spacer(0, 10),
        ctx.para(supplier.name, "SupplierName"),
    ]
    if data.draft:
        notice = ctx._(
            "Draft: the submission has not been decided; ratings and findings may change."
        )
        story.append(ctx.para(notice, "Notice"))
    shown = supplier.sites[:COVER_SITES]
    sites = [ctx.para(f"{s.name} — {fmt.country(s.country)}", "Cell") for s in shown]
    if len(supplier.sites) > len(shown):
        more = ctx._(
            "… and %(n)s more, listed with the answers", n=len(supplier.sites) - len(shown)
        )
        sites.append(ctx.para(more, "CellSmall"))
    editions = [
        ctx.para(f"{name}: {edition}", "Cell") for name, edition in data.data_editions.items()
    ]
    countries = fmt.list([fmt.country(c) for c in supplier.countries])
    not_decided = ctx._("Not decided yet")
    decision = not_decided
    if data.decision is not None:
        decision = ctx._(
            "%(outcome)s by %(reviewer)s",
            outcome=ctx.code("decision", data.decision.outcome),
            reviewer=data.decision.reviewer,
        )
    decision_cell: list[Flowable] = [ctx.para(decision, "Cell")]
    if data.decision is not None and data.decision.reason:
        decision_cell.append(ctx.para(data.decision.reason, "CellSmall"))
    rated = data.reviewed_rating
    reviewed: Cell = ctx.rating_cell(rated) if rated is not None else ctx._("Unchanged")
    story += [
        Spacer(0, 10),
        key_values(
            ctx,
            [
                (N_("Country of registration"), fmt.country(supplier.country)),
                (N_("Sites"), sites or "—"),
                (N_("Countries of operation"), countries or "—"),
                (N_("Minerals"), _codes(ctx, "mineral", supplier.minerals)),
                (N_("Lifecycle stages"), _codes(ctx, "stage", supplier.lifecycle_stages)),
                (N_("Questionnaire"), _versioned(ctx, data.questionnaire)),
                (N_("Rule set"), _versioned(ctx, data.ruleset)),
                (N_("Reference data"), editions or "—"),
                (N_("Date submitted"), fmt.datetime(data.submitted_at, ctx._("Not submitted"))),
                (N_("Date decided"), fmt.datetime(data.decided_at, not_decided)),
                (N_("Reviewer decision"), decision_cell),
                (N_("Overall rating (computed)"), _rating_with_score(ctx)),
                (N_("Overall rating (reviewed)"), reviewed),
                *visibility_rows(ctx),
            ],
        ),
        Spacer(0, 14),
        key_values(
            ctx,
            [
                (N_("Document ID"), ctx.para(data.report_id, "Mono")),
                (N_("SHA-256 of the answers"), ctx.para(data.answers_sha256, "Mono")),
                (N_("Generated"), fmt.datetime(data.generated_at)),
            ],
        ),
    ]
    return story


def category_name(ctx: StoryContext, category_id: str) -> str:
    """Return a category's name from the rule set, or the report's own name for its id."""
    category = ctx.data.category(category_id)
    name = ctx.fmt.text(category.name) if category is not None else ""
    return name or ctx.code("category", category_id)


def summary(ctx: StoryContext) -> list[Flowable]:
    """Return the summary: category chart, findings by severity and the red flags."""
    data = ctx.data
    story: list[Flowable] = [
        ctx.heading(N_("Summary")),
        ctx.heading(N_("Category scores"), "H2"),
    ]
    categories = data.categories
    if categories:
        story.append(
            category_chart(
                [category_name(ctx, c.id) for c in categories],
                [c.score for c in categories],
                [c.rating for c in categories],
                width=ctx.width,
                fonts=ctx.fonts,
                rating_colors=ctx.rating_colors,
                axis_title=ctx._("Score (0–100)"),
            )
        )
        head = (N_("Category"), N_("Score"), N_("Rating"))
        rows: list[list[Cell]] = [[ctx.para(ctx._(h), "CellHead") for h in head]]
        rows += [
            [
                ctx.para(category_name(ctx, c.id), "Cell"),
                ctx.para(ctx.fmt.number(c.score), "Cell"),
                ctx.rating_cell(c.rating),
            ]
            for c in categories
        ]
        story += [Spacer(0, 6), ctx.table(rows, (60, 15, 25), header=True)]

    story += [Spacer(0, 8), ctx.heading(N_("Findings by severity"), "H2")]
    head = (N_("Severity"), N_("Findings"), N_("Red flags"))
    rows = [[ctx.para(ctx._(h), "CellHead") for h in head]]
    for severity in reversed(RATINGS):
        found = [f for f in data.findings if f.severity == severity]
        counts = (len(found), sum(f.red_flag for f in found))
        rows.append([ctx.rating_cell(severity), *(ctx.para(str(n), "Cell") for n in counts)])
    counts = (len(data.findings), sum(f.red_flag for f in data.findings))
    total = ctx.para(ctx._("Total"), "CellLabel")
    rows.append([total, *(ctx.para(str(n), "CellLabel") for n in counts)])
    story.append(ctx.table(rows, (40, 30, 30), header=True))

    story += [Spacer(0, 8), ctx.heading(N_("Red flags"), "H2")]
    red_flags = [f for f in data.ordered_findings() if f.red_flag]
    if not red_flags:
        story.append(ctx.para(ctx._("No red flags were raised.")))
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


def _codes(ctx: StoryContext, kind: str, codes: Sequence[str]) -> str:
    """Return coded values (minerals, stages) as a localised list."""
    return ctx.fmt.list([ctx.code(kind, code) for code in codes]) or "—"


def _versioned(ctx: StoryContext, ref: VersionRef) -> str:
    """Return "id, version x" for the questionnaire or the rule set."""
    return ctx._("%(id)s, version %(version)s", id=ref.id, version=ref.version)


def _rating_with_score(ctx: StoryContext) -> Table:
    """Return the computed overall rating with its score."""
    text = ctx._(
        "%(rating)s (score %(score)s)",
        rating=ctx.rating(ctx.data.rating),
        score=ctx.fmt.number(ctx.data.score),
    )
    return ctx.rating_cell(ctx.data.rating, text)
