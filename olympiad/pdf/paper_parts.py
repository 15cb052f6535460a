"""What the three papers of a grade group share: their data, styles, page frame and boxes."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from olympiad.domain.task_text import to_reportlab
from olympiad.pdf.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
WIDTH = PAGE_W - 2 * MARGIN
MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа")
MONTHS += ("сентября", "октября", "ноября", "декабря")


@dataclass(frozen=True)
class PaperItem:
    """One task of a paper, numbered as on paper; `key` follows olympiad.domain.task_keys."""

    number: int
    code: str
    type: str
    text: str
    max_points: float
    key: Mapping[str, Any]
    image: bytes | None = None


@dataclass(frozen=True)
class PaperData:
    olympiad: str  # its title
    academic_year: str  # "2020-2021"
    group: str  # "7–8"
    time_limit_minutes: int
    items: Sequence[PaperItem]
    instructions: str = ""
    held_on: date | None = None
    grades: Sequence[int] = field(default_factory=tuple)

    @property
    def max_total(self) -> Decimal:
        return sum((Decimal(repr(item.max_points)) for item in self.items), Decimal(0))

    @property
    def group_label(self) -> str:
        many = len(self.grades) > 1 if self.grades else any(c in self.group for c in "-–,")
        return f"{self.group} {'классы' if many else 'класс'}"

    @property
    def year_label(self) -> str:
        return self.academic_year.replace("-", "–") + " учебный год"


def number_text(value: object) -> str:
    """2.5 -> '2,5', 3.0 -> '3'."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = format(number.normalize(), "f")
    return text.replace(".", ",")


def plural(n: int, one: str, few: str, many: str) -> str:
    """1 балл, 2 балла, 5 баллов, 21 балл."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    return few if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else many


def points_word(value: object) -> str:
    """1 балл, 2 балла, 5 баллов, 2,5 балла, 21 балл."""
    text = number_text(value)
    word = "балла" if "," in text else plural(int(text), "балл", "балла", "баллов")
    return f"{text} {word}"


def minutes_word(n: int) -> str:
    return f"{n} {plural(n, 'минута', 'минуты', 'минут')}"


def date_text(value: date | None) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year} г." if value else ""


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=SERIF, fontSize=11, leading=14.5)

    def style(name: str, **changes) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "body": base,
        "text": style("text", spaceAfter=3),
        "bullet": style("bullet", leftIndent=14, bulletIndent=4, spaceAfter=2),
        "small_text": style("small_text", fontSize=9.5, leading=12, spaceAfter=2),
        "small_bullet": style(
            "small_bullet", fontSize=9.5, leading=12, leftIndent=14, bulletIndent=4
        ),
        "option": style(
            "option", leftIndent=26, bulletIndent=8, bulletFontName=SERIF_BOLD, spaceAfter=1.5
        ),
        "title": style("title", fontName=SERIF_BOLD, fontSize=14, leading=18, alignment=TA_CENTER),
        "subtitle": style("subtitle", fontSize=12, leading=16, alignment=TA_CENTER),
        "heading": style("heading", fontName=SANS_BOLD, fontSize=11, leading=14, spaceBefore=9),
        "note": style("note", fontName=SERIF_ITALIC, fontSize=10, leading=13, spaceAfter=2),
        "cell": style("cell", fontSize=10, leading=12.5),
        "small": style("small", fontName=SANS, fontSize=8, leading=9.5, textColor=colors.grey),
        "head": style("head", fontName=SANS_BOLD, fontSize=9, leading=11, alignment=TA_CENTER),
        "secret": style("secret", fontName=SANS_BOLD, fontSize=11, textColor=colors.darkred),
    }


def text_flowables(text: str, st: dict[str, ParagraphStyle], small: bool = False) -> list:
    """A task's markdown-lite text as Paragraphs: paragraphs and bulleted items."""
    plain, bullet = ("small_text", "small_bullet") if small else ("text", "bullet")
    return [
        Paragraph(p.markup, st[bullet], bulletText="•")
        if p.bullet
        else Paragraph(p.markup, st[plain])
        for p in to_reportlab(text)
    ]


class Boxes(Flowable):
    """A row of squares to write one letter or digit in each, with small captions above."""

    def __init__(self, count: int, captions: Sequence[str] = (), size: float = 7 * mm) -> None:
        super().__init__()
        self.count, self.captions, self.size = count, list(captions), size
        self.top = 3.2 * mm if self.captions else 0
        self.width = count * (size + 1.2 * mm)
        self.height = size + self.top

    def draw(self) -> None:
        canvas = self.canv
        canvas.setLineWidth(0.7)
        for i in range(self.count):
            x = i * (self.size + 1.2 * mm)
            canvas.rect(x, 0, self.size, self.size)
            if i < len(self.captions):
                canvas.setFont(SANS, 7)
                canvas.drawCentredString(x + self.size / 2, self.size + 1 * mm, self.captions[i])


class WriteField(Flowable):
    """A long empty box for a word or a number."""

    def __init__(self, width: float, height: float = 8 * mm) -> None:
        super().__init__()
        self.width, self.height = width, height

    def draw(self) -> None:
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, 0, self.width, self.height)


class Lines(Flowable):
    """Ruled lines for a written answer."""

    def __init__(self, count: int, width: float = WIDTH, step: float = 8 * mm) -> None:
        super().__init__()
        self.count, self.width, self.step = count, width, step
        self.height = count * step

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.HexColor("#9a9a9a"))
        self.canv.setLineWidth(0.5)
        for i in range(self.count):
            self.canv.line(0, i * self.step, self.width, i * self.step)


class CipherBox(Flowable):
    """The cipher box: room for the 70 × 37 mm cipher sticker, or cells to write it in."""

    def __init__(self, width: float = 74 * mm, height: float = 30 * mm) -> None:
        super().__init__()
        self.width, self.height = width, height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setLineWidth(1.4)
        canvas.rect(0, 0, self.width, self.height)
        canvas.setFont(SANS_BOLD, 10)
        canvas.drawString(3 * mm, self.height - 5.5 * mm, "ШИФР")
        canvas.setFont(SANS, 7)
        canvas.setFillColor(colors.grey)
        canvas.drawString(16 * mm, self.height - 5.3 * mm, "заполняет организатор (наклейка)")
        canvas.setFillColor(colors.black)
        cell, gap = 8 * mm, 1.5 * mm
        x = (self.width - (6 * cell + 5 * gap + 4 * mm)) / 2
        canvas.setLineWidth(0.8)
        for i in range(6):
            canvas.rect(x, 5 * mm, cell, cell * 1.25)
            x += cell + gap
            if i == 2:
                canvas.line(x, 5 * mm + cell * 0.62, x + 2.5 * mm, 5 * mm + cell * 0.62)
                x += 4 * mm


def document(story: list, title: str, header: str, footer: Callable[[int], str]) -> bytes:
    """A4 portrait with a small running header and a footer with the sheet number."""
    out = io.BytesIO()
    frame = Frame(MARGIN, MARGIN, WIDTH, PAGE_H - 2 * MARGIN, id="f")

    def page_end(canvas: Canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(MARGIN, PAGE_H - MARGIN + 6 * mm, header)
        canvas.drawRightString(PAGE_W - MARGIN, MARGIN - 8 * mm, footer(doc.page))
        canvas.restoreState()

    doc = BaseDocTemplate(out, pagesize=A4, title=title, author="", subject=header)
    doc.addPageTemplates([PageTemplate(id="p", frames=[frame], onPageEnd=page_end)])
    doc.build(story)
    return out.getvalue()
