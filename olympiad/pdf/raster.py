"""A ReportLab drawing as a PNG picture, for the Word version of the reports.

ReportLab 5 draws bitmaps only through Cairo (rlPyCairo/pycairo, which has no wheels for
Linux); our charts use a handful of shapes (rectangles, lines, polylines, polygons, text), so
Pillow, which ReportLab already needs, draws them here. Dashed lines stay dashed and text is
set in the same PT fonts as in the PDF, so the Word charts read like the PDF's."""

from __future__ import annotations

import io
import math
from functools import cache

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
    UserNode,
    mmult,
)

from olympiad.pdf.fonts import _FILES, FONT_DIR, SANS

Transform = tuple[float, float, float, float, float, float]
IDENTITY: Transform = (1, 0, 0, 1, 0, 0)


@cache
def _font(name: str, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / _FILES.get(name, _FILES[SANS])), max(1, round(size)))


def _rgb(color) -> tuple[int, int, int] | None:
    if color is None:
        return None
    red, green, blue = color.rgb()
    return round(red * 255), round(green * 255), round(blue * 255)


class _Canvas:
    def __init__(self, drawing: Drawing, scale: float):
        self.scale = scale
        self.height = drawing.height
        size = (max(1, round(drawing.width * scale)), max(1, round(drawing.height * scale)))
        self.image = Image.new("RGB", size, "white")
        self.draw = ImageDraw.Draw(self.image)

    def point(self, t: Transform, x: float, y: float) -> tuple[float, float]:
        px, py = t[0] * x + t[2] * y + t[4], t[1] * x + t[3] * y + t[5]
        return px * self.scale, (self.height - py) * self.scale

    def width(self, t: Transform, w: float) -> int:
        return max(1, round((w or 0) * self.scale * math.sqrt(abs(t[0] * t[3] - t[1] * t[2]))))

    def line(self, points, color, width: int, dashes) -> None:
        if not dashes:
            self.draw.line(points, fill=color, width=width)
            return
        on, off = (d * self.scale for d in (list(dashes) * 2)[:2])
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
            length = math.hypot(x2 - x1, y2 - y1) or 1
            at = 0.0
            while at < length:
                end = min(at + on, length)
                a, b = at / length, end / length
                segment = [(x1 + (x2 - x1) * a, y1 + (y2 - y1) * a)]
                segment.append((x1 + (x2 - x1) * b, y1 + (y2 - y1) * b))
                self.draw.line(segment, fill=color, width=width)
                at = end + off

    def shape(self, node, t: Transform) -> None:
        stroke = _rgb(getattr(node, "strokeColor", None))
        width = self.width(t, getattr(node, "strokeWidth", 1))
        dashes = getattr(node, "strokeDashArray", None)
        if isinstance(node, Rect):
            x, y, w, h = node.x, node.y, node.width, node.height
            corners = [self.point(t, *p) for p in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))]
            fill = _rgb(node.fillColor)
            if fill:
                self.draw.polygon(corners, fill=fill)
            if stroke:
                self.line([*corners, corners[0]], stroke, width, dashes)
        elif isinstance(node, Line):
            if stroke:
                ends = [self.point(t, node.x1, node.y1), self.point(t, node.x2, node.y2)]
                self.line(ends, stroke, width, dashes)
        elif isinstance(node, PolyLine | Polygon):
            pts = node.points
            points = [self.point(t, pts[i], pts[i + 1]) for i in range(0, len(pts) - 1, 2)]
            if isinstance(node, Polygon):
                fill = _rgb(node.fillColor)
                if fill and len(points) > 2:
                    self.draw.polygon(points, fill=fill)
                points = [*points, points[0]] if points else points
            if stroke and len(points) > 1:
                self.line(points, stroke, width, dashes)
        elif isinstance(node, Circle):
            cx, cy = self.point(t, node.cx, node.cy)
            r = node.r * self.scale
            fill, box = _rgb(node.fillColor), (cx - r, cy - r, cx + r, cy + r)
            self.draw.ellipse(box, fill=fill, outline=stroke, width=width if stroke else 0)
        elif isinstance(node, String):
            self.text(node, t)

    def text(self, node: String, t: Transform) -> None:
        font = _font(node.fontName, node.fontSize * self.scale)
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}.get(node.textAnchor, "ls")
        color = _rgb(node.fillColor) or (0, 0, 0)
        angle = math.degrees(math.atan2(t[1], t[0]))
        x, y = self.point(t, node.x, node.y)
        if abs(angle) < 0.5:
            self.draw.text((x, y), node.text, font=font, fill=color, anchor=anchor)
            return
        # turned text: drawn flat on its own transparent tile, turned, then laid on
        left, top, right, bottom = font.getbbox(node.text, anchor=anchor)
        tile = Image.new("RGBA", (right - left + 4, bottom - top + 4), (255, 255, 255, 0))
        ImageDraw.Draw(tile).text(
            (2 - left, 2 - top), node.text, font=font, fill=color, anchor=anchor
        )
        turned = tile.rotate(angle, expand=True, resample=Image.BICUBIC)
        ox, oy = (2 - left), (2 - top)  # the anchor inside the tile, before turning
        cx, cy = tile.width / 2, tile.height / 2
        rad = math.radians(angle)
        dx, dy = ox - cx, oy - cy
        rx = dx * math.cos(rad) + dy * math.sin(rad)
        ry = -dx * math.sin(rad) + dy * math.cos(rad)
        place = (round(x - (turned.width / 2 + rx)), round(y - (turned.height / 2 + ry)))
        self.image.paste(turned, place, turned)

    def walk(self, node, t: Transform) -> None:
        if isinstance(node, UserNode):  # a chart: the shapes it draws
            node = node.provideNode()
        if isinstance(node, Group):
            inner = mmult(t, node.transform) if getattr(node, "transform", None) else t
            for child in node.contents:
                self.walk(child, inner)
        else:
            self.shape(node, t)


def drawing_png(drawing: Drawing, dpi: int = 200) -> bytes:
    """The drawing as a PNG at `dpi` (its size in points is kept: 72 points an inch)."""
    canvas = _Canvas(drawing, dpi / 72)
    canvas.walk(drawing, IDENTITY)
    out = io.BytesIO()
    canvas.image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()
