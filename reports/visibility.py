"""The visibility of a result on the report's cover: its score, verdict and make-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from .translation import N_

if TYPE_CHECKING:  # the story imports this module
    from .story import StoryContext


def visibility_cell(ctx: StoryContext) -> list[Flowable]:
    """Return the visibility score, its verdict and what it is made of."""
    seen = ctx.data.visibility
    text = ctx._("%(score)s / 100", score=ctx.fmt.number(seen.score))
    if seen.insufficient:
        text = ctx._("%(score)s: insufficient information", score=text)
    if seen.reviewed_score is not None and seen.reviewed_score != seen.score:
        text = ctx._(
            "%(computed)s (reviewed: %(reviewed)s / 100)",
            computed=text,
            reviewed=ctx.fmt.number(seen.reviewed_score),
        )
    detail = ctx._(
        "Answered “unknown”: %(n)s · not answered: %(m)s · “not applicable”: %(k)s",
        n=seen.unknown,
        m=seen.unanswered,
        k=seen.not_applicable,
    )
    return [ctx.para(text, "Cell"), ctx.para(detail, "CellSmall")]


def visibility_rows(ctx: StoryContext) -> list[tuple[str, list[Flowable]]]:
    """Return the cover's visibility row, when the rule set measures visibility."""
    return [(N_("Visibility"), visibility_cell(ctx))] if ctx.data.visibility is not None else []
