"""The category-score bar chart of the report's summary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import Color

from .fonts import FontSet, fit, font_for


def category_chart(
    names: Sequence[str],
    scores: Sequence[float],
    ratings: Sequence[str],
    *,
    width: float,
    fonts: FontSet,
    rating_colors: Mapping[str, Color],
    axis_title: str,
    bar_height: float = 16,
    label_width: float = 150,
    font_size: float = 8,
) -> Drawing:
    """Return a horizontal bar chart of category scores (0–100), one bar per category.

    Bars are coloured by the category's rating; categories run from top to
    bottom in the given order.
    """
    rows = max(len(names), 1)
    plot_height = rows * bar_height
    height = plot_height + 34
    drawing = Drawing(width, height)
    # Without this the drawing starts in Helvetica, which is not embedded.
    drawing.initialFontName = fonts.regular

    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 24
    chart.width = width - label_width - 24
    chart.height = plot_height
    chart.data = [[max(0.0, min(100.0, float(s))) for s in scores] or [0.0]]
    chart.barSpacing = 0
    chart.groupSpacing = bar_height * 0.3
    chart.bars.strokeColor = None
    for index, rating in enumerate(ratings):
        chart.bars[(0, index)].fillColor = rating_colors[rating]

    label_font = font_for("".join(names), fonts.regular)
    axis = chart.categoryAxis
    axis.categoryNames = [fit(n, label_font, font_size, label_width - 8) for n in names] or [""]
    axis.reverseDirection = 1
    axis.labels.fontName = label_font
    axis.labels.fontSize = font_size
    axis.labels.boxAnchor = "e"
    axis.labels.dx = -4
    axis.strokeWidth = 0.5

    values = chart.valueAxis
    values.valueMin = 0
    values.valueMax = 100
    values.valueStep = 20
    values.labels.fontName = fonts.regular
    values.labels.fontSize = font_size
    values.strokeWidth = 0.5
    values.visibleGrid = True
    values.gridStrokeWidth = 0.25
    values.gridStrokeColor = Color(0.8, 0.8, 0.8)

    chart.barLabelFormat = "%.0f"
    chart.barLabels.fontName = fonts.regular
    chart.barLabels.fontSize = font_size
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3

    drawing.add(chart)
    drawing.add(
        String(
            chart.x + chart.width / 2,
            2,
            axis_title,
            fontName=font_for(axis_title, fonts.regular),
            fontSize=font_size,
            textAnchor="middle",
        )
    )
    return drawing
