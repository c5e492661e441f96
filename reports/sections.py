"""The report's story, part two: findings, answers with evidence, audit trail, integrity."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from .data import Answer, AnswerSection, Finding
from .parts import listing_line
from .story import Cell, StoryContext, category_name, key_values, labelled_rows
from .translation import N_


def findings(ctx: StoryContext) -> list[Flowable]:
    """Return every finding, red flags first, with its evidence trail and review."""
    story: list[Flowable] = [ctx.heading(N_("Findings"))]
    ordered = ctx.data.ordered_findings()
    if not ordered:
        story.append(ctx.para(ctx._("The rule set raised no findings.")))
    for number, finding in enumerate(ordered, start=1):
        # A finding moves to the next page whole unless it is longer than a page.
        story.append(KeepTogether([_finding(ctx, number, finding), Spacer(0, 8)]))
    return story


def _finding(ctx: StoryContext, number: int, finding: Finding) -> Flowable:
    """Return one finding as a bordered table with a severity strip."""
    fmt = ctx.fmt
    title = f"{number}. {fmt.text(finding.title)}"
    badges: list[Flowable] = [ctx.rating_cell(finding.severity)]
    if finding.red_flag:
        badges.append(Spacer(0, 2))
        badges.append(ctx.rating_cell("critical", ctx._("RED FLAG"), "BadgeSmall"))

    triggers: list[Flowable] = [
        ctx.rich(
            f"{ctx.esc(fmt.text(t.question), 'Cell')} → {ctx.strong(clip(fmt.text(t.answer)))}",
            "Cell",
        )
        for t in finding.triggered_by
    ]
    references: list[Flowable] = []
    for ref in finding.references:
        text = f"{ref.code} — {fmt.text(ref.title)}"
        if locator := fmt.text(ref.locator):
            text = ctx._("%(reference)s (%(locator)s)", reference=text, locator=locator)
        references.append(ctx.para(text, "Cell"))

    rows: list[tuple[str, Cell]] = [
        (N_("Rule"), f"{finding.rule_id} · {category_name(ctx, finding.category)}"),
        (N_("Triggered by"), triggers or "—"),
    ]
    if finding.listings:
        listed: list[Flowable] = [
            ctx.para(listing_line(item, fmt.lang, ctx.translations.gettext), "Cell")
            for item in finding.listings
        ]
        rows.append((N_("Reference data"), listed))
    rows += [
        (N_("References"), references or "—"),
        (N_("Recommended action"), fmt.text(finding.action) or "—"),
        (N_("Reviewer decision"), _review(ctx, finding)),
    ]
    body = [[badges, ctx.para(title, "FindingTitle")], *labelled_rows(ctx, rows)]
    color = ctx.rating_colors[finding.severity]
    return ctx.table(
        body,
        (22, 78),
        commands=[
            ("BOX", (0, 0), (-1, -1), 0.5, ctx.rule_color),
            ("LINEBEFORE", (0, 0), (0, -1), 3, color),
            ("BACKGROUND", (0, 0), (-1, 0), ctx.shade),
        ],
    )


def _review(ctx: StoryContext, finding: Finding) -> Cell:
    """Return the reviewer's decision on a finding and its justification."""
    review = finding.review
    if review is None:
        return ctx._("Not reviewed yet")
    by = ctx._(
        "%(status)s by %(reviewer)s, %(date)s",
        status=ctx.code("review", review.status),
        reviewer=review.reviewer,
        date=ctx.fmt.date(review.at),
    )
    cell: list[Flowable] = [ctx.para(by, "CellBold")]
    if review.justification:
        # The label is bold and the justification is not: both go into the pattern as markup.
        line = ctx._(
            "%(label)s: %(value)s",
            label=ctx.strong(ctx._("Justification")),
            value=ctx.esc(review.justification, "Cell"),
        )
        cell.append(ctx.rich(line, "Cell"))
    return cell


def answers(ctx: StoryContext) -> list[Flowable]:
    """Return the answers appendix, section by section, with evidence files."""
    story: list[Flowable] = [ctx.heading(N_("Appendix: answers and evidence"))]
    if not ctx.data.sections:
        story.append(ctx.para(ctx._("No answers.")))
    for section in ctx.data.sections:
        story += _section(ctx, section)
    return story


#: Most characters of an answer set in one table row; longer answers continue on more rows.
CELL_CHARS = 400


def clip(text: str, size: int = CELL_CHARS) -> str:
    """Return *text* cut to *size* characters with an ellipsis (the appendix has it whole)."""
    return text if len(text) <= size else text[: size - 1] + "…"


def pieces(text: str, size: int = CELL_CHARS) -> list[str]:
    """Return *text* as its lines, each cut into pieces of at most *size* characters.

    A piece ends at the last space of its second half where there is one, so words stay
    whole; text without spaces (Japanese) is cut at *size*.
    """
    found: list[str] = []
    for line in text.split("\n"):
        while len(line) > size:
            cut = line.rfind(" ", size // 2, size)
            cut = size if cut < 0 else cut + 1
            found.append(line[:cut])
            line = line[cut:]
        found.append(line)
    return found


def _section(ctx: StoryContext, section: AnswerSection) -> list[Flowable]:
    """Return one questionnaire section's heading and answer table."""
    head = [ctx.para("#", "CellHead")]
    head += [ctx.para(ctx._(h), "CellHead") for h in (N_("Question"), N_("Answer"))]
    rows: list[list[Cell]] = [head]
    ruled = [0]
    for answer in section.answers:
        rows += _answer_rows(ctx, answer)
        ruled.append(len(rows) - 1)
    return [
        # Start a new page rather than leave a heading alone at the bottom of one.
        CondPageBreak(90),
        ctx.para(ctx.fmt.text(section.title), "H2"),
        ctx.table(rows, (7, 46, 47), header=True, ruled=ruled),
        Spacer(0, 6),
    ]


def _answer_rows(ctx: StoryContext, answer: Answer) -> list[list[Cell]]:
    """Return one answer's rows: question id, question and the answer's first piece, then a
    row per further piece and per evidence file, so that no row grows with the answer."""
    values: list[Cell] = [ctx.para(p, "Cell") for p in pieces(ctx.fmt.text(answer.answer) or "—")]
    for evidence in answer.evidence:
        name = ctx._("%(label)s: %(value)s", label=ctx._("Evidence"), value=evidence.file_name)
        value: list[Flowable] = [
            ctx.para(name, "CellSmall"),
            ctx.para(f"SHA-256 {evidence.sha256}", "Mono"),
        ]
        if evidence.valid_until is not None:
            day = ctx.fmt.date(evidence.valid_until)
            if evidence.valid_until < ctx.data.generated_at.date():
                value.append(ctx.para(ctx._("Expired on %(date)s", date=day), "CellAlert"))
            else:
                value.append(ctx.para(ctx._("Valid until %(date)s", date=day), "CellSmall"))
        values.append(value)
    first = [
        ctx.para(answer.number, "CellSmall"),
        ctx.para(ctx.fmt.text(answer.text), "Cell"),
        values[0],
    ]
    return [first, *([["", "", value] for value in values[1:]])]


def audit(ctx: StoryContext) -> list[Flowable]:
    """Return the audit trail as a table, oldest entry first."""
    story: list[Flowable] = [ctx.heading(N_("Audit trail"))]
    entries = sorted(ctx.data.audit, key=lambda e: e.at)
    if not entries:
        story.append(ctx.para(ctx._("No entries.")))
        return story
    head = (N_("Time (UTC)"), N_("By"), N_("Action"), N_("Status"), N_("Note"))
    rows: list[list[Cell]] = [[ctx.para(ctx._(h), "CellHead") for h in head]]
    for entry in entries:
        states = [ctx.code("state", s) for s in (entry.from_state, entry.to_state) if s]
        rows.append(
            [
                ctx.para(ctx.fmt.timestamp(entry.at), "CellSmall"),
                ctx.para(entry.actor, "CellSmall"),
                ctx.para(ctx.code("audit", entry.action), "CellSmall"),
                ctx.para(" → ".join(states) or "—", "CellSmall"),
                ctx.para(entry.note or "", "CellSmall"),
            ]
        )
    story.append(ctx.table(rows, (17, 15, 24, 22, 22), header=True))
    return story


def integrity(ctx: StoryContext) -> list[Flowable]:
    """Return the closing block naming the document and the answers it reflects."""
    data = ctx.data
    return [
        Spacer(0, 12),
        CondPageBreak(120),
        ctx.heading(N_("Document integrity"), "H2"),
        key_values(
            ctx,
            [
                (N_("Document ID"), ctx.para(data.report_id, "Mono")),
                (N_("SHA-256 of the answers"), ctx.para(data.answers_sha256, "Mono")),
                (N_("Generated"), ctx.fmt.datetime(data.generated_at)),
            ],
        ),
        Spacer(0, 4),
        ctx.para(
            ctx._(
                "The SHA-256 digest identifies the exact set of answers this report reflects: "
                "recomputing it from the stored submission shows whether any answer has "
                "changed since the report was generated."
            ),
            "Small",
        ),
    ]
