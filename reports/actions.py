"""The report's "Corrective actions" section: each plan the buyer asked for, its dates, plan,
evidence and verification."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from .data import CorrectiveAction
from .sections import clip, pieces
from .story import Cell, StoryContext, labelled_rows
from .translation import N_

#: How each basis of due dates is named in the report.
BASIS = {
    "default": N_("Assay's default"),
    "buyer": N_("Set by the buyer"),
    "reviewer": N_("Set by the reviewer"),
}


def corrective_actions(ctx: StoryContext) -> list[Flowable]:
    """Return the plans, on a page of their own, as a summary table and one block each;
    nothing when there are none."""
    plans = sorted(ctx.data.corrective_actions, key=lambda p: p.number)
    if not plans:
        return []
    fmt = ctx.fmt
    head = (N_("Corrective action"), N_("Severity"), N_("Status"), N_("Plan due by"))
    rows: list[list[Cell]] = [
        [ctx.para(ctx._(h), "CellHead") for h in (*head, N_("Closure due by"))]
    ]
    for plan in plans:
        rows.append(
            [
                ctx.para(f"#{plan.number} {clip(fmt.text(plan.title), 200)}", "Cell"),
                ctx.rating_cell(plan.severity),
                ctx.para(_status(ctx, plan), "Cell"),
                ctx.para(fmt.date(plan.plan_due), "Cell"),
                ctx.para(fmt.date(plan.due), "Cell"),
            ]
        )
    story: list[Flowable] = [
        PageBreak(),
        ctx.heading(N_("Corrective actions")),
        ctx.para(
            ctx._(
                "Plans the buyer asked of the supplier, each from its request to verified "
                "closure; overdue as of the date the report was generated."
            )
        ),
        Spacer(0, 6),
        ctx.table(rows, (40, 13, 19, 14, 14), header=True),
        Spacer(0, 10),
    ]
    for plan in plans:
        story.append(KeepTogether([_plan(ctx, plan), Spacer(0, 8)]))
    return story


def _status(ctx: StoryContext, plan: CorrectiveAction) -> str:
    text = ctx.code("action_state", plan.status)
    if plan.overdue:
        text = ctx._("%(status)s (overdue)", status=text)
    return text


def _long(ctx: StoryContext, text: str) -> Cell:
    """Return a text of up to the longest allowed as paragraphs of bounded size, so that the
    table row can split across pages; a dash when there is none."""
    return [ctx.para(piece, "Cell") for piece in pieces(text)] if text else "—"


def _plan(ctx: StoryContext, plan: CorrectiveAction) -> Flowable:
    """Return one plan as a bordered table with a severity strip."""
    fmt = ctx.fmt
    title = ctx._(
        "%(label)s: %(value)s",
        label=ctx._("Corrective action #%(id)s", id=plan.number),
        value=fmt.text(plan.title),
    )
    dates = [
        ctx.para(ctx._("Requested on %(date)s", date=fmt.date(plan.requested_on)), "Cell"),
        ctx.para(ctx._("Plan due by %(date)s", date=fmt.date(plan.plan_due)), "Cell"),
        ctx.para(ctx._("Closure due by %(date)s", date=fmt.date(plan.due)), "Cell"),
        ctx.para(
            ctx._("%(label)s: %(value)s", label=ctx._("Basis"), value=ctx._(BASIS[plan.due_basis])),
            "CellSmall",
        ),
    ]
    status: list[Flowable] = [ctx.para(_status(ctx, plan), "CellBold")]
    if plan.recurs:
        status.append(ctx.para(ctx._("The finding fires again in a later round."), "CellAlert"))
    verification: list[Flowable] = [ctx.para(ctx.code("verification", plan.verification), "Cell")]
    if plan.closed is not None:
        verification.append(
            ctx.para(ctx._("Verified and closed on %(date)s", date=fmt.date(plan.closed)), "Cell")
        )
    evidence: list[Flowable] = []
    for item in plan.evidence:
        evidence += [
            ctx.para(item.file_name, "CellSmall"),
            ctx.para(f"SHA-256 {item.sha256}", "Mono"),
        ]
    rows: list[tuple[str, Cell]] = []
    if plan.rule_id:
        rows.append((N_("Rule"), plan.rule_id))
    rows += [
        (N_("What the buyer asks"), _long(ctx, plan.request)),
        (N_("Status"), status),
        (N_("Dates"), dates),
        (N_("Root cause"), _long(ctx, plan.root_cause)),
        (N_("Corrective action"), _long(ctx, plan.corrective_action)),
        (N_("Preventive action"), _long(ctx, plan.preventive_action)),
        (N_("Person responsible"), plan.responsible or "—"),
        (N_("Start date"), fmt.date(plan.start)),
        (N_("Evidence of implementation"), evidence or "—"),
        (N_("Verification"), verification),
        (N_("Reviewer decision"), _long(ctx, plan.decision_reason)),
    ]
    body = [
        [ctx.rating_cell(plan.severity), ctx.para(title, "FindingTitle")],
        *labelled_rows(ctx, rows),
    ]
    return ctx.table(
        body,
        (22, 78),
        commands=[
            ("BOX", (0, 0), (-1, -1), 0.5, ctx.rule_color),
            ("LINEBEFORE", (0, 0), (0, -1), 3, ctx.rating_colors[plan.severity]),
            ("BACKGROUND", (0, 0), (-1, 0), ctx.shade),
        ],
    )
