"""The association's annual work plan as a printable A4 document, laid out like the original."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import partial

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from olympiad.pdf.fonts import SANS, SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from olympiad.pdf.markup import plain
from olympiad.pdf.markup import table as flowing_table

MEETING_HEADERS = (
    "№",
    "Дата проведения",
    "Место проведения",
    "Тема заседания",
    "Практическая часть",
    "Теоретическая часть",
)
# Russian office documents leave the wide margin on the left, for the binder.
_MARGINS = {"leftMargin": 25 * mm, "rightMargin": 15 * mm, "topMargin": 18 * mm}
_BOTTOM = 20 * mm
_WIDTH = A4[0] - _MARGINS["leftMargin"] - _MARGINS["rightMargin"]
_COLUMNS = [w * mm for w in (9, 24, 30, 35, 31, 41)]  # 170 mm; 24 fits «проведения» in bold
_COLUMNS_7 = [w * mm for w in (7, 22, 26, 29, 26, 31, 29)]  # with «Ответственные»
_DATE_BLANK = "«____» ______________ 20____ г."


@dataclass
class DirectionBlock:
    number: str  # "4.1"
    title: str
    items: list[str] = field(default_factory=list)


@dataclass
class MeetingRow:
    number: int | str
    planned_when: str
    venue: str
    topic: str  # the table adds «» unless they are already there
    practical_part: str
    theoretical_points: list[str] = field(default_factory=list)
    responsible: str = ""


@dataclass
class PlanDocument:
    title: str
    academic_year: str  # "2020-2021", for the footer and the file's metadata
    theme: str  # the document adds «» unless they are already there
    goal: str
    objectives: list[str]
    directions: list[DirectionBlock]
    meetings: list[MeetingRow]
    between_meetings: list[str]
    # under «УТВЕРЖДАЮ»: position lines, then the name and the date; blank lines when empty
    approved_by: list[str] = field(default_factory=list)
    approver_name: str = ""
    approved_on: str = ""
    # the plan's own headings ("theme", "goal", …) where it has them; sections after the sixth
    headings: dict[str, str] = field(default_factory=dict)
    chapters: list[DirectionBlock] = field(default_factory=list)
    author: str = ""  # «Руководитель РМО …» from the signature, printed at the end


def build_plan_pdf(plan: PlanDocument) -> bytes:
    """A4 portrait, ready to sign: «УТВЕРЖДАЮ», sections 1–6, «Стр. N из M» in the footer."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        bottomMargin=_BOTTOM,
        title=plan.title,
        subject=f"План работы РМО на {plan.academic_year} учебный год",
        lang="ru-RU",
        **_MARGINS,
    )
    footer = f"План работы РМО на {plan.academic_year} учебный год"
    doc.build(_story(plan), canvasmaker=partial(_NumberedCanvas, footer=footer))
    return buffer.getvalue()


def _style(name: str, **overrides) -> ParagraphStyle:
    base = {"fontName": SERIF, "fontSize": 12, "leading": 15.5, "alignment": TA_JUSTIFY}
    return ParagraphStyle(name, **(base | overrides))


_BODY = _style("body", spaceAfter=5)
_TITLE = _style("title", fontName=SERIF_BOLD, fontSize=14, leading=18, alignment=TA_CENTER)
_HEADING = _style("heading", fontName=SERIF_BOLD, spaceBefore=8, spaceAfter=4, keepWithNext=1)
_TABLE_HEADING = _style("table_heading", fontName=SERIF_BOLD, spaceBefore=8, spaceAfter=4)
_SUBHEADING = _style("subheading", fontName=SERIF_BOLD, spaceBefore=4, spaceAfter=2, keepWithNext=1)
# ragged right: justified short lines full of long compound words open wide gaps
_LIST = _style(
    "list",
    alignment=TA_LEFT,
    leftIndent=9 * mm,
    bulletIndent=3 * mm,
    bulletFontName=SERIF,
    bulletFontSize=12,
    spaceAfter=2,
)
_APPROVE = _style("approve", fontSize=11, leading=14, alignment=TA_LEFT)
_CAPTION = _style("caption", fontName=SERIF_ITALIC, fontSize=7, leading=8, alignment=TA_CENTER)
_CELL = _style("cell", fontSize=10, leading=12, alignment=TA_LEFT)
_CELL_LIST = _style(
    "cell_list",
    fontSize=10,
    leading=12,
    alignment=TA_LEFT,
    leftIndent=4 * mm,
    bulletFontName=SERIF,
    bulletFontSize=10,
    spaceAfter=2,
)
_HEAD_CELL = _style("head", fontName=SERIF_BOLD, fontSize=10, leading=12, alignment=TA_CENTER)
# seven columns (with «Ответственные») are narrower: one point smaller keeps words whole
_CELL_7 = _style("cell7", fontSize=9, leading=11, alignment=TA_LEFT)
_CELL_LIST_7 = ParagraphStyle("cell_list7", parent=_CELL_LIST, fontSize=9, leading=11)
_HEAD_CELL_7 = _style("head7", fontName=SERIF_BOLD, fontSize=9, leading=11, alignment=TA_CENTER)


def _text(value: str) -> str:
    return plain(value)


def _quoted(text: str) -> str:
    """Wrap a title in «», unless it came with its quotes already."""
    text = _text(text)
    return text if not text or (text[0], text[-1]) == ("«", "»") else f"«{text}»"


def _ending(text: str, mark: str) -> str:
    """Close an item with `mark` unless the text already ends in punctuation or a quote."""
    text = _text(text)
    return (
        text if text.endswith((".", "!", "?", "…", ";", ":", "»", "&quot;", '"')) else text + mark
    )


def _story(plan: PlanDocument) -> list:
    def head(key: str, default: str) -> str:
        return _text(plan.headings.get(key) or default)

    story: list = [_approval_block(plan), Spacer(1, 8 * mm)]
    story.append(Paragraph(_ending(plan.title, ""), _TITLE))
    story.append(Spacer(1, 6 * mm))
    theme = head("theme", "Методическая тема РМО")
    story.append(Paragraph(f"<b>1. {theme}:</b> {_quoted(plan.theme)}.", _BODY))
    story.append(Paragraph(f"<b>2. {head('goal', 'Цель')}:</b> {_ending(plan.goal, '.')}", _BODY))
    story.append(Paragraph(f"3. {head('objectives', 'Задачи')}:", _HEADING))
    story += _numbered(plan.objectives)
    directions = head("directions", "Основные направления деятельности РМО")
    story.append(Paragraph(f"4. {directions}.", _HEADING))
    for direction in plan.directions:
        story.append(Paragraph(f"{_text(direction.number)}. {_text(direction.title)}", _SUBHEADING))
        last = len(direction.items) - 1
        story += [
            # a list of capitalised items is a list of sentences: each ends with a dot
            Paragraph(
                _ending(item, "." if i == last or item[:1].isupper() else ";"),
                _LIST,
                bulletText="–",
            )
            for i, item in enumerate(direction.items)
        ]
    # keepWithNext would drag the whole table to a new page; only avoid an orphaned heading
    story.append(CondPageBreak(45 * mm))
    story.append(Paragraph(f"5. {head('meetings', 'План заседаний РМО')}.", _TABLE_HEADING))
    story.append(_meetings_table(plan.meetings))
    story.append(Paragraph(f"6. {head('between', 'Работа между заседаниями')}.", _HEADING))
    story += _numbered(plan.between_meetings)
    for chapter in plan.chapters:
        story.append(Paragraph(f"{_text(chapter.number)}. {_text(chapter.title)}.", _HEADING))
        story += _numbered(chapter.items)
    if plan.author:
        story += [Spacer(1, 8 * mm), Paragraph(_text(plan.author), _BODY)]
    return story


def _numbered(items: list[str]) -> list[Paragraph]:
    return [
        Paragraph(_ending(item, "."), _LIST, bulletText=f"{number}.")
        for number, item in enumerate(items, 1)
    ]


def _approval_block(plan: PlanDocument) -> Table:
    """«УТВЕРЖДАЮ» at the top right; a line to fill in by hand wherever data is missing."""
    rows: list[list] = []
    style: list[tuple] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]

    def whole_row(cell, *, underline: bool = False) -> None:
        rows.append([cell, "", ""])
        style.append(("SPAN", (0, len(rows) - 1), (2, len(rows) - 1)))
        if underline:
            style.append(("LINEBELOW", (0, len(rows) - 1), (2, len(rows) - 1), 0.6, colors.black))

    whole_row(Paragraph("<b>УТВЕРЖДАЮ</b>", _APPROVE))
    if plan.approved_by:
        for line in plan.approved_by:
            whole_row(Paragraph(_text(line), _APPROVE))
    else:
        whole_row(Spacer(1, 7 * mm), underline=True)
        whole_row(Paragraph("(должность)", _CAPTION))
    # signature, a gap, then the name (typed, or a line to write it on)
    name = _text(plan.approver_name)
    rows.append([Spacer(1, 9 * mm), "", Paragraph(name, _APPROVE) if name else ""])
    style.append(("LINEBELOW", (0, len(rows) - 1), (0, len(rows) - 1), 0.6, colors.black))
    if not name:
        style.append(("LINEBELOW", (2, len(rows) - 1), (2, len(rows) - 1), 0.6, colors.black))
    captions = ["(подпись)", "", "" if name else "(расшифровка подписи)"]
    rows.append([Paragraph(text, _CAPTION) if text else "" for text in captions])
    whole_row(Paragraph(_text(plan.approved_on) or _DATE_BLANK, _APPROVE))
    style.append(("TOPPADDING", (0, -1), (-1, -1), 3 * mm))
    block = flowing_table(rows, colWidths=[28 * mm, 4 * mm, 43 * mm], style=TableStyle(style))
    outer = flowing_table([["", block]], colWidths=[_WIDTH - 75 * mm, 75 * mm])
    outer.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    )
    return outer


def _meetings_table(meetings: list[MeetingRow]) -> Table | Paragraph:
    if not meetings:
        return Paragraph("Заседания не запланированы.", _BODY)
    people = any(meeting.responsible for meeting in meetings)
    headers = MEETING_HEADERS + (("Ответственные",) if people else ())
    head, body, listed = (
        (_HEAD_CELL_7, _CELL_7, _CELL_LIST_7) if people else (_HEAD_CELL, _CELL, _CELL_LIST)
    )
    rows = [[Paragraph(header, head) for header in headers]]
    for meeting in meetings:
        points = [
            Paragraph(_ending(point, "."), listed, bulletText=f"{number}.")
            for number, point in enumerate(meeting.theoretical_points, 1)
        ]
        cells = [
            f"{_text(meeting.number).rstrip('.')}.",
            _text(meeting.planned_when),
            _text(meeting.venue),
            _quoted(meeting.topic),
            _text(meeting.practical_part),
        ]
        row = [Paragraph(cell, body) for cell in cells] + [points]
        if people:
            row.append(Paragraph(_text(meeting.responsible), body))
        rows.append(row)
    table = flowing_table(rows, colWidths=_COLUMNS_7 if people else _COLUMNS, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("VALIGN", (0, 1), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


class _NumberedCanvas(Canvas):
    """Holds the pages back until the end, so each footer can say «из M»."""

    def __init__(self, *args, footer: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self.setFont(SANS, 8)
            self.setFillColor(colors.Color(0.35, 0.35, 0.35))
            y = _BOTTOM / 2
            self.drawString(_MARGINS["leftMargin"], y, self._footer)
            self.drawRightString(A4[0] - _MARGINS["rightMargin"], y, f"Стр. {number} из {total}")
            super().showPage()
        super().save()
