"""The part of a design that every document shares: frame, header, titles, signature lines.

It is drawn once per design and file, into a form XObject that each page then places.
"""

from __future__ import annotations

import math
from functools import lru_cache

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfgen.canvas import Canvas

from olympiad.pdf.certificates.images import draw_image
from olympiad.pdf.certificates.layout import LOGO_SIZE, STAMP_SIZE, Plan, letter_spacing
from olympiad.pdf.certificates.model import Design
from olympiad.pdf.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC

INK = HexColor("#1E1E1E")
GREY = HexColor("#3C3C3C")
MM = 72 / 25.4


def tint(color: Color, share: float) -> Color:
    """`color` mixed with white: share 1 is the colour itself."""
    return Color(*(1 - share * (1 - c) for c in color.rgb()))


def draw_static(canvas: Canvas, design: Design, plan: Plan) -> None:
    accent = HexColor(design.accent)
    _frame(canvas, plan, accent)
    if design.logo:
        top = plan.height - 21 * MM
        draw_image(canvas, design.logo, plan.left, top - LOGO_SIZE, LOGO_SIZE, LOGO_SIZE)
    canvas.setFillColor(GREY)
    y = plan.issuer_top
    for fit in plan.issuer:
        canvas.setFont(SERIF, fit.size)
        for line in fit.lines:
            canvas.drawCentredString(plan.centre, y, line)
            y -= fit.size * 1.3
    _divider(canvas, plan.centre, plan.divider_y, accent)
    _title(canvas, plan, accent)
    if design.subtitle:
        canvas.setFillColor(accent)
        canvas.setFont(SERIF_ITALIC, plan.sizes.subtitle)
        canvas.drawCentredString(plan.centre, plan.subtitle_y, design.subtitle)
    _signatories(canvas, design, plan)
    canvas.setFillColor(INK)
    canvas.setFont(SERIF, 12)
    canvas.drawString(plan.city_x, plan.city_y, design.city)


def _title(canvas: Canvas, plan: Plan, accent: Color) -> None:
    size, lines = plan.title
    canvas.setFillColor(accent)
    canvas.setFont(SERIF_BOLD, size)
    width = plan.right - plan.left
    y = plan.title_y
    spacing = letter_spacing(lines, size, width)
    for line in lines:
        canvas.drawCentredString(plan.centre, y, line, charSpace=spacing)
        y -= size * 1.05


def _divider(canvas: Canvas, x: float, y: float, accent: Color) -> None:
    """A short rule with a diamond in the middle, under the header."""
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(0.6)
    canvas.line(x - 70, y, x - 7, y)
    canvas.line(x + 7, y, x + 70, y)
    _diamond(canvas, x, y, 3.2, accent)


def _diamond(canvas: Canvas, x: float, y: float, r: float, color: Color) -> None:
    p = canvas.beginPath()
    p.moveTo(x, y + r)
    p.lineTo(x + r, y)
    p.lineTo(x, y - r)
    p.lineTo(x - r, y)
    p.close()
    canvas.setFillColor(color)
    canvas.drawPath(p, stroke=0, fill=1)


def _frame(canvas: Canvas, plan: Plan, accent: Color) -> None:
    """A heavy outer rule, a thin one, a guilloche band and an inner rule with notched
    corners; diamonds at the corners."""
    w, h = plan.width, plan.height
    canvas.saveState()
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(2.4)
    canvas.rect(8 * MM, 8 * MM, w - 16 * MM, h - 16 * MM)
    canvas.setLineWidth(0.7)
    canvas.rect(10 * MM, 10 * MM, w - 20 * MM, h - 20 * MM)
    canvas.setStrokeColor(tint(accent, 0.45))
    canvas.setLineWidth(0.35)
    canvas.addLiteral(_guilloche(12 * MM, w, h))
    canvas.setStrokeColor(accent)
    canvas.setLineWidth(0.6)
    _notched_rect(canvas, 14 * MM, w, h, 5 * MM)
    for cx, cy in ((12, 12), (12, None), (None, 12), (None, None)):
        x = 12 * MM if cx else w - 12 * MM
        y = 12 * MM if cy else h - 12 * MM
        canvas.setFillColor(Color(1, 1, 1))
        canvas.rect(x - 2.6 * MM, y - 2.6 * MM, 5.2 * MM, 5.2 * MM, stroke=0, fill=1)
        _diamond(canvas, x, y, 2.4 * MM, accent)
    canvas.restoreState()


@lru_cache(maxsize=4)
def _guilloche(inset: float, w: float, h: float) -> str:
    """Two sine waves in antiphase round the band, a Bézier curve each half wave, as path
    operators: some 800 curves, built once per page size rather than once per file."""
    bump, half = 1.35 * MM * 4 / 3, 2.6 * MM  # a cubic with both handles at 4/3 peaks at 1
    ops = []
    for phase in (1, -1):
        for (x0, y0), (x1, y1) in _sides(inset, w, h):
            length = math.hypot(x1 - x0, y1 - y0)
            n = max(2, round(length / half))
            step = length / n
            dx, dy = (x1 - x0) / length, (y1 - y0) / length  # along the side
            ops.append(f"{x0:.2f} {y0:.2f} m")
            for i in range(n):
                s = bump * (phase if i % 2 == 0 else -phase)  # off the side, to the left
                a, b = i * step, (i + 1) * step
                c1, c2 = a + step / 3, b - step / 3
                ops.append(
                    f"{x0 + dx * c1 - dy * s:.2f} {y0 + dy * c1 + dx * s:.2f} "
                    f"{x0 + dx * c2 - dy * s:.2f} {y0 + dy * c2 + dx * s:.2f} "
                    f"{x0 + dx * b:.2f} {y0 + dy * b:.2f} c"
                )
    return " ".join(ops) + " S"


def _sides(inset: float, w: float, h: float):
    """The centre line of the band, side by side, short of the corner diamonds."""
    a = inset + 2.6 * MM
    return [((a, inset), (w - a, inset)), ((w - inset, a), (w - inset, h - a)),
            ((w - a, h - inset), (a, h - inset)), ((inset, h - a), (inset, a))]  # fmt: skip


def _notched_rect(canvas: Canvas, inset: float, w: float, h: float, r: float) -> None:
    """A rectangle whose corners are cut inwards by quarter circles."""
    x0, y0, x1, y1 = inset, inset, w - inset, h - inset
    p = canvas.beginPath()
    p.moveTo(x0 + r, y0)
    p.lineTo(x1 - r, y0)
    p.arcTo(x1 - r, y0 - r, x1 + r, y0 + r, startAng=180, extent=-90)
    p.lineTo(x1, y1 - r)
    p.arcTo(x1 - r, y1 - r, x1 + r, y1 + r, startAng=270, extent=-90)
    p.lineTo(x0 + r, y1)
    p.arcTo(x0 - r, y1 - r, x0 + r, y1 + r, startAng=0, extent=-90)
    p.lineTo(x0, y0 + r)
    p.arcTo(x0 - r, y0 - r, x0 + r, y0 + r, startAng=90, extent=-90)
    p.close()
    canvas.drawPath(p, stroke=1, fill=0)


def _signatories(canvas: Canvas, design: Design, plan: Plan) -> None:
    canvas.setLineWidth(0.5)
    canvas.setStrokeColor(INK)
    for row in plan.signatories:
        x0, x1, y = row.line
        canvas.line(x0, y, x1, y)
        canvas.setFillColor(INK)
        size, lines = row.title
        canvas.setFont(SERIF, size)
        ty = y + (len(lines) - 1) * size * 1.2 / 2
        for line in lines:
            canvas.drawString(row.title_x, ty, line)
            ty -= size * 1.2
        if row.name.lines:
            canvas.setFont(SERIF, row.name.size)
            canvas.drawString(row.name_x, y, row.name.lines[0])
    first = plan.signatories[0]
    x0, x1, y = first.line
    if design.signature:
        draw_image(canvas, design.signature, x0, y - 4 * MM, x1 - x0, 16 * MM)
    if design.stamp:
        half = STAMP_SIZE / 2
        draw_image(canvas, design.stamp, x0 - half, y - half, STAMP_SIZE, STAMP_SIZE)
