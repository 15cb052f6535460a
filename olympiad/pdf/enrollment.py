"""Registration papers: attendance sheets, cipher labels and key, access-code slips."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from olympiad.pdf.cards import (
    CODE_FONT,
    AccessSlipsData,
    CipherLabelsData,
    Label,
    SchoolSlips,
    Slip,
    alpha_key,
    build_access_slips,
    build_cipher_labels,
)
from olympiad.pdf.fonts import SANS, SANS_BOLD, register_fonts
from olympiad.pdf.markup import para, text
from olympiad.pdf.markup import table as flowing_table

__all__ = [  # the canvas-drawn sheets live in cards.py; this is the enrollment papers' API
    "AccessSlipsData",
    "AttendanceData",
    "CipherKeyData",
    "CipherLabelsData",
    "KeyRow",
    "Label",
    "Person",
    "RoomGroup",
    "SchoolSlips",
    "Slip",
    "build_access_slips",
    "build_attendance_sheets",
    "build_cipher_key",
    "build_cipher_labels",
]

PAGE_W, PAGE_H = A4
MARGIN = 15 * mm


@dataclass(frozen=True)
class Person:
    full_name: str
    school: str
    grade: int  # grade studied


@dataclass(frozen=True)
class RoomGroup:
    room: str
    grade: int  # grade competed
    people: Sequence[Person]


@dataclass(frozen=True)
class AttendanceData:
    olympiad: str
    date: date | str
    groups: Sequence[RoomGroup]


@dataclass(frozen=True)
class KeyRow:
    cipher: str
    full_name: str
    school: str
    grade: int  # grade competed


@dataclass(frozen=True)
class CipherKeyData:
    olympiad: str
    date: date | str
    rows: Sequence[KeyRow]


def _day(value: date | str) -> str:
    return value.strftime("%d.%m.%Y") if isinstance(value, date) else value


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=SANS_BOLD, fontSize=13, leading=16),
        "info": ParagraphStyle("info", fontName=SANS, fontSize=10.5, leading=14, spaceAfter=6),
        "cell": ParagraphStyle("cell", fontName=SANS, fontSize=9.5, leading=11.5),
        "head": ParagraphStyle("head", fontName=SANS_BOLD, fontSize=9.5, leading=11.5),
        "secret": ParagraphStyle(
            "secret", fontName=SANS_BOLD, fontSize=12, leading=15, textColor=colors.darkred
        ),
    }


class _Mark(Flowable):
    """Invisible: tells the page-end callback which group the page belongs to."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = 0

    def draw(self) -> None:
        if getattr(self.canv, "_group", None) != self.text:
            self.canv._group, self.canv._group_page = self.text, 0


def _table(
    rows: list[list], widths: Sequence[float], row_height: float = 0, centred: Sequence[int] = ()
) -> Table:
    table = flowing_table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
    ]
    style += [("ALIGN", (c, 1), (c, -1), "CENTER") for c in centred]
    if row_height:
        style += [("TOPPADDING", (0, 1), (-1, -1), row_height)]
        style += [("BOTTOMPADDING", (0, 1), (-1, -1), row_height)]
    table.setStyle(TableStyle(style))
    return table


def _document(story: list, footer, *, stamp: str = "", continued: bool = False) -> bytes:
    out = io.BytesIO()
    frame = Frame(
        MARGIN, MARGIN + 6 * mm, PAGE_W - 2 * MARGIN, PAGE_H - 2 * MARGIN - 6 * mm, id="f"
    )

    def page_end(canvas: Canvas, doc) -> None:
        canvas.saveState()
        canvas._group_page = getattr(canvas, "_group_page", 0) + 1
        canvas.setFont(SANS, 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(MARGIN, MARGIN, footer(canvas))
        if continued and canvas._group_page > 1:
            canvas.setFont(SANS_BOLD, 9)
            canvas.setFillColor(colors.black)
            label = f"{getattr(canvas, '_group', '')} (продолжение)"
            canvas.drawString(MARGIN, PAGE_H - MARGIN + 4 * mm, label)
        if stamp:
            canvas.setFont(SANS_BOLD, 9)
            canvas.setFillColor(colors.darkred)
            canvas.drawRightString(PAGE_W - MARGIN, PAGE_H - MARGIN + 4 * mm, stamp)
        canvas.restoreState()

    doc = BaseDocTemplate(out, pagesize=A4, title=stamp or "Списки участников")
    doc.addPageTemplates([PageTemplate(id="p", frames=[frame], onPageEnd=page_end)])
    doc.build(story)
    return out.getvalue()


def build_attendance_sheets(data: AttendanceData) -> bytes:
    """Per room and grade: № / ФИО / Школа / Класс / Подпись; never a cipher."""
    st = _styles()
    story: list = []
    for group in data.groups:
        label = f"Аудитория {group.room} · {group.grade} класс"
        rows = [[Paragraph(h, st["head"]) for h in ("№", "ФИО", "Школа", "Класс", "Подпись")]]
        for n, p in enumerate(sorted(group.people, key=lambda p: alpha_key(p.full_name)), 1):
            cells = [n, para(p.full_name, st["cell"]), para(p.school, st["cell"])]
            rows.append([*cells, p.grade, ""])
        story += [
            _Mark(label),
            para(data.olympiad, st["title"]),
            Paragraph(f"Лист регистрации участников · {text(_day(data.date))}", st["info"]),
            Paragraph(f"<b>{text(label)}</b> · участников: {len(group.people)}", st["info"]),
            _table(rows, (10, 62, 62, 14, 32), row_height=5, centred=(0, 3)),
            Spacer(1, 10 * mm),
            Paragraph("Явились: ______ чел.  Не явились: ______ чел.", st["info"]),
            Paragraph(
                "Организатор в аудитории: ________________ / ______________________ /",
                st["info"],
            ),
            PageBreak(),
        ]
    story = story[:-1]  # no blank page after the last group
    if not story:
        story.append(Paragraph("Нет участников.", st["info"]))
    return _document(
        story,
        lambda c: f"{getattr(c, '_group', '')} · лист {c._group_page} · {data.olympiad}",
        continued=True,
    )


def build_cipher_key(data: CipherKeyData) -> bytes:
    """Cipher -> name, school, grade: for the organizer only."""
    st = _styles()
    rows = [[Paragraph(h, st["head"]) for h in ("Шифр", "ФИО", "Школа", "Класс")]]
    for r in sorted(data.rows, key=lambda r: r.cipher):
        cells = [para(r.full_name, st["cell"]), para(r.school, st["cell"]), r.grade]
        rows.append([r.cipher, *cells])
    table = _table(rows, (24, 70, 70, 16), centred=(3,))
    table.setStyle(TableStyle([("FONTNAME", (0, 1), (0, -1), CODE_FONT)]))
    story = [
        Paragraph("КОНФИДЕНЦИАЛЬНО", st["secret"]),
        para(data.olympiad, st["title"]),
        Paragraph(
            f"Ключ шифров · {text(_day(data.date))} · участников: {len(data.rows)}. "
            "Хранится у организатора; жюри не передаётся до окончания проверки.",
            st["info"],
        ),
        table,
    ]
    return _document(
        story, lambda c: f"Ключ шифров · лист {c._group_page}", stamp="Конфиденциально"
    )
