"""Charts of the analysis as ReportLab Drawings: drawn once, served as SVG on the web and
placed as they are in the PDF. Greys, outlines and labels only, so they print in black and
white; flagged tasks are dark, the bounds of "too easy" and "too hard" dashed lines."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from olympiad.domain.statistics import HISTOGRAM_STEP, TOO_EASY, TOO_HARD, Count, UnitAnalysis
from olympiad.pdf.fonts import SANS, register_fonts

LIGHT = colors.Color(0.82, 0.82, 0.82)
MID = colors.Color(0.55, 0.55, 0.55)
DARK = colors.Color(0.2, 0.2, 0.2)
WIDTH = 440


def decimal(value: float, digits: int = 1) -> str:
    """Russian decimals: 43,8."""
    return f"{value:.{digits}f}".replace(".", ",")


_TEXT = re.compile(
    r"<text ([^>]*?font-family: ([\w-]+); font-size: ([\d.]+)px[^>]*)>([^<]*)</text>"
)


def _keep_width(found: re.Match) -> str:
    attributes, font, size, body = found.groups()
    width = stringWidth(html.unescape(body), font, float(size))
    return (
        f'<text textLength="{width:.2f}" lengthAdjust="spacingAndGlyphs" {attributes}>{body}</text>'
    )


def svg(drawing: Drawing) -> str:
    """The chart as SVG for the web. A browser draws it with whatever font it has (an SVG
    in an <img> cannot use the page's fonts), so every text keeps the width it was laid out
    with in PT Sans: a wider fallback font can no longer run school names into the bars."""
    return _TEXT.sub(_keep_width, renderSVG.drawToString(drawing))


def _style(chart, labels: Sequence[str], font_size: int = 8) -> None:
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = font_size
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = font_size
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = font_size - 1
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.5
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = LIGHT
    chart.valueAxis.gridStrokeWidth = 0.3


def _title(drawing: Drawing, text: str) -> None:
    drawing.add(String(0, drawing.height - 11, text, fontName=SANS, fontSize=9))


def distribution(unit: UnitAnalysis, title: str, axis: str, width: int = WIDTH) -> Drawing:
    """How many participants scored 0–10%, 10–20%, ... of the maximum."""
    register_fonts()
    drawing = Drawing(width, 170)
    _title(drawing, title)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 24, 30, width - 30, 115
    chart.data = [list(unit.histogram)]
    bins = len(unit.histogram)
    narrow = width < WIDTH
    labels = [
        str(i * HISTOGRAM_STEP) if narrow else f"{i * HISTOGRAM_STEP}–{(i + 1) * HISTOGRAM_STEP}"
        for i in range(bins)
    ]
    _style(chart, labels, font_size=7 if narrow else 8)
    chart.bars[0].fillColor = MID
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = max(1, (max(unit.histogram) + 4) // 5)
    chart.barLabelFormat = lambda v: str(int(v)) if v else ""
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(width / 2, 4, axis, fontName=SANS, fontSize=8, textAnchor="middle"))
    return drawing


def completion(unit: UnitAnalysis, title: str) -> Drawing:
    """Completion of every task (% of its maximum); flagged tasks dark."""
    register_fonts()
    drawing = Drawing(WIDTH, 170)
    _title(drawing, title)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34, 22, WIDTH - 44, 123
    chart.data = [[round(t.completion, 1) for t in unit.tasks] or [0]]
    _style(chart, [t.task.label for t in unit.tasks] or [""])
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.bars[0].fillColor = LIGHT
    for index, stats in enumerate(unit.tasks):
        if stats.flags:
            chart.bars[(0, index)].fillColor = DARK
    drawing.add(chart)
    for bound in (TOO_HARD, TOO_EASY):
        y = chart.y + chart.height * bound / 100
        drawing.add(
            Line(
                chart.x,
                y,
                chart.x + chart.width,
                y,
                strokeColor=colors.black,
                strokeWidth=0.6,
                strokeDashArray=[3, 2],
            )
        )
    return drawing


def schools(counts: Sequence[Count], average: float | None, title: str) -> Drawing:
    """The average % of the maximum per school, with the district average dashed."""
    register_fonts()
    rows = list(counts)
    height = 40 + 16 * max(1, len(rows))
    drawing = Drawing(WIDTH, height)
    _title(drawing, title)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 150, 16, WIDTH - 170, height - 36
    chart.data = [[round(c.average_percent or 0, 1) for c in reversed(rows)] or [0]]
    _style(chart, [c.name for c in reversed(rows)] or [""], font_size=7)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.bars[0].fillColor = MID
    chart.barLabelFormat = decimal
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    # the labels stand on white, over the average line drawn first: the line never crosses them
    chart.barLabels.boxFillColor = colors.white
    if average is not None:
        x = chart.x + chart.width * average / 100
        drawing.add(
            Line(
                x,
                chart.y,
                x,
                chart.y + chart.height,
                strokeColor=colors.black,
                strokeWidth=0.8,
                strokeDashArray=[3, 2],
            )
        )
    drawing.add(chart)
    return drawing


def school_against_district(
    mine: Sequence[Count], district: Sequence[Count], title: str, legend: tuple[str, str]
) -> Drawing:
    """Per grade: the school's average % beside the district's."""
    register_fonts()
    by_grade = {c.name: c for c in district}
    grades = [c.name for c in mine if c.name in by_grade]
    drawing = Drawing(WIDTH, 180)
    _title(drawing, title)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 34, 36, WIDTH - 44, 112
    chart.data = [
        [round(c.average_percent or 0, 1) for c in mine if c.name in by_grade] or [0],
        [round(by_grade[g].average_percent or 0, 1) for g in grades] or [0],
    ]
    _style(chart, grades or [""])
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.bars[0].fillColor = DARK
    chart.bars[1].fillColor = LIGHT
    chart.barLabelFormat = lambda v: decimal(v, 0)
    chart.barLabels.nudge = 6
    drawing.add(chart)
    for n, (text, fill) in enumerate(zip(legend, (DARK, LIGHT), strict=True)):
        x = 40 + n * 180
        drawing.add(Rect(x, 6, 10, 8, fillColor=fill, strokeColor=colors.black, strokeWidth=0.5))
        drawing.add(String(x + 14, 7, text, fontName=SANS, fontSize=8))
    return drawing
