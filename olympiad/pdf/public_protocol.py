"""The public protocol of one grade: what a school may post on its site. Names only as each
parent's publication consent allows (the cipher otherwise), the school only next to a public
name; no marks per task, no grade studied. A4 portrait, rows split across pages."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle

from olympiad.pdf.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, register_fonts
from olympiad.pdf.markup import plain
from olympiad.pdf.markup import table as flowing_table


@dataclass(frozen=True)
class PublicRow:
    place: int | str
    name: str  # as consented, or the cipher
    school: str  # empty unless the name is public
    total: str
    percent: str
    status: str


@dataclass(frozen=True)
class PublicProtocol:
    title: str  # the olympiad
    academic_year: str
    unit: str  # "9 класс"
    order: str  # "Итоги утверждены приказом № 112-од от 22.03.2021"
    max_total: str
    rows: Sequence[PublicRow]
    note: str  # how names are shown


_TITLE = ParagraphStyle(
    "t", fontName=SERIF_BOLD, fontSize=13, leading=16, alignment=TA_CENTER, spaceAfter=2 * mm
)
_INFO = ParagraphStyle("i", fontName=SERIF, fontSize=10, leading=13, alignment=TA_CENTER)
_CELL = ParagraphStyle("c", fontName=SANS, fontSize=8.5, leading=10.5)
_NOTE = ParagraphStyle("n", fontName=SERIF, fontSize=8.5, leading=11, textColor=colors.grey)


def build_public_protocol(data: PublicProtocol) -> bytes:
    register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{data.title}, {data.unit}",
        lang="ru-RU",
    )
    head = ["Место", "Участник", "Школа", "Сумма", "%", "Статус"]
    body = [
        [
            str(r.place),
            Paragraph(plain(r.name), _CELL),
            Paragraph(plain(r.school), _CELL),
            plain(r.total),
            plain(r.percent),
            Paragraph(plain(r.status), _CELL),
        ]
        for r in data.rows
    ]
    widths = [14 * mm, 58 * mm, 52 * mm, 16 * mm, 14 * mm, 26 * mm]
    table = flowing_table([head, *body], colWidths=widths, repeatRows=1, splitByRow=True)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8.5),
                ("FONT", (0, 1), (-1, -1), SANS, 8.5),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (3, 0), (4, -1), "RIGHT"),
            ]
        )
    )
    story = [
        Paragraph(plain(data.title), _TITLE),
        Paragraph(plain(f"{data.academic_year} учебный год · {data.unit}"), _INFO),
        Paragraph(plain(f"Максимум {data.max_total} баллов. {data.order}"), _INFO),
        Spacer(1, 5 * mm),
        table if data.rows else Paragraph("Участников нет.", _CELL),
        Spacer(1, 4 * mm),
        Paragraph(plain(data.note), _NOTE),
    ]
    doc.build(story)
    return out.getvalue()
