"""Where everything goes on the page: worked out once per design, used for every document."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from olympiad.pdf.certificates.fitting import Fit, fit_lines
from olympiad.pdf.certificates.model import Design
from olympiad.pdf.fonts import SERIF, SERIF_BOLD, register_fonts

QR_SIZE = 22 * mm
LOGO_SIZE = 24 * mm
STAMP_SIZE = 34 * mm


@dataclass(frozen=True)
class Sizes:
    """Type sizes of one orientation: (largest, smallest) where text may shrink."""

    issuer: tuple[float, float]
    title: tuple[float, float]
    subtitle: float
    lead: float
    name: tuple[float, float]
    body: tuple[float, float]
    body_width: float  # long lines are hard to read: the text block is narrower


LANDSCAPE = Sizes((12, 9), (52, 34), 25, 15, (34, 20), (15.5, 10.5), 176 * mm)
PORTRAIT = Sizes((11.5, 8.5), (36, 28), 22, 15, (32, 18), (16, 10), 160 * mm)


@dataclass(frozen=True)
class Signatory:
    """One row: the title on the left, the line to sign on, the name after it."""

    title: Fit
    title_x: float
    line: tuple[float, float, float]  # x0, x1, y
    name: Fit
    name_x: float


@dataclass(frozen=True)
class Plan:
    """Positions and fitted static texts of one design, in points from the lower left."""

    width: float
    height: float
    left: float
    right: float
    sizes: Sizes
    issuer: list[Fit]
    issuer_top: float
    divider_y: float
    title: Fit
    title_y: float  # baseline of the first line
    subtitle_y: float
    body_top: float  # the lead, name and body go between these two
    body_bottom: float
    signatories: list[Signatory]
    city_x: float
    city_y: float  # the date goes one line below
    qr: tuple[float, float]  # lower-left corner, QR_SIZE wide
    caption_y: float  # baseline of the serial line; two more below it
    caption_width: float

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


@lru_cache(maxsize=32)
def plan(design: Design) -> Plan:
    register_fonts()
    w, h = landscape(A4) if design.landscape else A4
    sizes = LANDSCAPE if design.landscape else PORTRAIT
    left, right = 24 * mm, w - 24 * mm
    top, bottom = h - 21 * mm, 19 * mm
    centre = w / 2

    inset = LOGO_SIZE + 4 * mm if design.logo else 0
    issuer_width = right - left - 2 * inset
    lines = [x.strip() for x in design.issuer.splitlines() if x.strip()]
    fits = [fit_lines(x, SERIF, *sizes.issuer, issuer_width, 2) for x in lines]
    size = min((f.size for f in fits), default=sizes.issuer[0])  # one size for the header
    issuer = [fit_lines(x, SERIF, size, size, issuer_width, 2) for x in lines]
    y = top - size
    issuer_top = y
    y -= size * 1.3 * (sum(len(f.lines) for f in issuer) - 1)
    divider_y = y - 12
    title = _title(design.title, sizes, right - left)
    title_y = divider_y - 12 - title.size * 0.9
    if design.logo:  # a wide title must clear the logo at the top left
        widest = title_width(title.lines, title.size, right - left)
        if centre - widest / 2 - 14 < left + LOGO_SIZE:
            drop = max(0.0, title_y + title.size * 0.75 - (top - LOGO_SIZE - 6))
            divider_y, title_y = divider_y - drop, title_y - drop
    subtitle_y = title_y - title.size * 1.05 * (len(title.lines) - 1)
    if design.subtitle:
        subtitle_y -= sizes.subtitle * 1.25
    qr_y = bottom + 26
    caption_y = qr_y - 13  # the serial, clear of the QR's quiet zone
    zone_top = qr_y + QR_SIZE
    if design.landscape:  # signatures to the right of the QR code
        rows = _signatories(design, centre + 58, right, bottom + 26)
        caption_width = 2 * 52
    else:  # signatures above it
        rows = _signatories(design, left, right, zone_top + 30)
        caption_width = 62 * mm
    sig_top = max(r.line[2] + 8 * len(r.title.lines) + 12 for r in rows)
    return Plan(
        width=w,
        height=h,
        left=left,
        right=right,
        sizes=sizes,
        issuer=issuer,
        issuer_top=issuer_top,
        divider_y=divider_y,
        title=title,
        title_y=title_y,
        subtitle_y=subtitle_y,
        body_top=subtitle_y - (22 if design.subtitle else 14),
        body_bottom=max(zone_top, sig_top) + 10,
        signatories=rows,
        city_x=left,
        city_y=bottom + 40,
        qr=(centre - QR_SIZE / 2, qr_y),
        caption_y=caption_y,
        caption_width=caption_width,
    )


def letter_spacing(lines: list[str], size: float, width: float) -> float:
    """Capitals of a title are spaced out, alike on every line, as far as the width allows."""
    room = [(width * 0.9 - stringWidth(x, SERIF_BOLD, size)) / max(len(x) - 1, 1) for x in lines]
    return max(0.0, min([size * 0.14, *room]))


def title_width(lines: list[str], size: float, width: float) -> float:
    spacing = letter_spacing(lines, size, width)
    return max(stringWidth(x, SERIF_BOLD, size) + spacing * (len(x) - 1) for x in lines)


def _title(text: str, sizes: Sizes, width: float) -> Fit:
    """A line break typed in the title is kept; otherwise it wraps only when it must."""
    if "\n" in text:
        parts = [x.strip() for x in text.splitlines() if x.strip()]
        fits = [fit_lines(x, SERIF_BOLD, *sizes.title, width * 0.9) for x in parts]
        return Fit(min(f.size for f in fits), [x for f in fits for x in f.lines])
    return fit_lines(text, SERIF_BOLD, *sizes.title, width * 0.9, 2)


def _signatories(design: Design, x0: float, x1: float, y: float) -> list[Signatory]:
    """Rows from the bottom up: title, a line to sign on, the name; the first on top."""
    span = x1 - x0
    title_w, line_w = span * 0.45, span * 0.24
    line_x = x0 + title_w + 8
    name_x = line_x + line_w + 6
    rows = []
    for title, name in reversed(design.signatories):
        rows.append(
            Signatory(
                title=fit_lines(title, SERIF, 10.5, 8, title_w, 2, balanced=False),
                title_x=x0,
                line=(line_x, line_x + line_w, y),
                name=fit_lines(name, SERIF, 11, 8, x1 - name_x, 1),
                name_x=name_x,
            )
        )
        y += 34
    return rows[::-1]
