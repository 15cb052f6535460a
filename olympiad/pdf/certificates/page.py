"""The part that changes from document to document: name, body, date, serial and QR."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from olympiad.pdf.certificates.fitting import Fit, fit_lines, fit_together
from olympiad.pdf.certificates.layout import QR_SIZE, Plan
from olympiad.pdf.certificates.model import Certificate, Design
from olympiad.pdf.certificates.qr import qr_path
from olympiad.pdf.certificates.static import GREY, INK
from olympiad.pdf.certificates.wording import russian_date, wording
from olympiad.pdf.fonts import SERIF, SERIF_BOLD, SERIF_ITALIC

CAPTION = "Проверить подлинность:"
MUTED = HexColor("#5A5A5A")


@dataclass(frozen=True)
class Block:
    font: str
    fit: Fit
    leading: float  # times the size
    space_after: float


def text_blocks(cert: Certificate, design: Design, plan: Plan) -> list[Block]:
    """Lead-in, name and body fitted to the text column, shrunk together until the whole
    stack fits between the subtitle and the signatures."""
    words = wording(cert, design)
    sizes = plan.sizes
    width = min(sizes.body_width, plan.right - plan.left)
    room = plan.body_top - plan.body_bottom
    lead = [
        Block(SERIF_ITALIC, fit_lines(p, SERIF_ITALIC, sizes.lead, sizes.body[1], width, 2), 1.3, 2)
        for p in words.lead
    ]
    blocks: list[Block] = []
    # the body gives way first, then the name, each in steps
    for name_max in _steps(*sizes.name, 2):
        name = fit_lines(words.name, SERIF_BOLD, name_max, sizes.name[1], width, 2)
        head = [*lead, Block(SERIF_BOLD, name, 1.12, name.size * 0.45)]
        for body_max in _steps(*sizes.body, 1):
            body = fit_together(words.body, SERIF, body_max, sizes.body[1], width, 4,
                                shrink_to=min(body_max, sizes.body[0] - 2.5))  # fmt: skip
            blocks = head + [Block(SERIF, fit, 1.3, fit.size * 0.25) for fit in body]
            if height(blocks) <= room:
                return blocks
    return blocks  # the smallest sizes: the caps on lines keep it on the page


def _steps(largest: float, smallest: float, step: float) -> list[float]:
    sizes = [largest]
    while sizes[-1] - step > smallest:
        sizes.append(sizes[-1] - step)
    return sizes if sizes[-1] == smallest else [*sizes, smallest]


def height(blocks: list[Block]) -> float:
    total = sum(b.fit.size * b.leading * len(b.fit.lines) + b.space_after for b in blocks)
    return total - (blocks[-1].space_after if blocks else 0)


def draw_page(canvas: Canvas, cert: Certificate, design: Design, plan: Plan) -> None:
    blocks = text_blocks(cert, design, plan)
    room = plan.body_top - plan.body_bottom
    # centred in the room, a little above the middle
    y = plan.body_top - max(0.0, (room - height(blocks)) * 0.45)
    for block in blocks:
        size = block.fit.size
        canvas.setFont(block.font, size)
        canvas.setFillColor(INK if block.font != SERIF_ITALIC else GREY)
        for line in block.fit.lines:
            y -= size * block.leading
            canvas.drawCentredString(plan.centre, y + size * (block.leading - 1) * 0.5, line)
        y -= block.space_after
    canvas.setFillColor(INK)
    canvas.setFont(SERIF, 12)
    canvas.drawString(plan.city_x, plan.city_y - 16, russian_date(cert.issued_on))
    _verification(canvas, cert, plan)


def _verification(canvas: Canvas, cert: Certificate, plan: Plan) -> None:
    """The QR code with the serial and the address under it."""
    x, y = plan.qr
    if cert.verify_url:
        qr_path(canvas, cert.verify_url, x, y, QR_SIZE)
    centre = x + QR_SIZE / 2
    lines = (
        (INK, fit_lines(f"№ {cert.serial}", SERIF, 8, 6, plan.caption_width)),
        (MUTED, fit_lines(CAPTION, SERIF, 6.5, 5, plan.caption_width)),
        (MUTED, fit_lines(cert.verify_url, SERIF, 6.5, 5, plan.caption_width)),
    )
    baseline = plan.caption_y
    for color, (size, text) in lines:
        canvas.setFillColor(color)
        canvas.setFont(SERIF, size)
        canvas.drawCentredString(centre, baseline, text[0] if text else "")
        baseline -= 8
