"""Appeal protocols: one per appeal (A4 portrait) and one per grade (A4 landscape), with
the signature lines of the jury chair and members. Works appear by cipher only."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from olympiad.pdf.fonts import SANS, SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from olympiad.pdf.markup import table, text

_MARGINS = {"leftMargin": 25 * mm, "rightMargin": 15 * mm, "topMargin": 15 * mm}
_BOTTOM = 15 * mm
_BLANK = "_" * 28
_FRAME_PADDING = 6  # points: a SimpleDocTemplate frame's own padding on each side
MEMBER_LINES = 3


@dataclass(frozen=True)
class AppealRecord:
    """One appeal as the protocols print it: every value already a string."""

    number: int
    cipher: str
    grade: int  # grade competed
    task: str  # "№ 7 (развёрнутый ответ), максимум 10 б."
    task_short: str  # "№ 7, макс. 10": for the grade table
    filed_on: str
    filed_by: str  # "участник" or "координатор школы"
    reasoning: str
    old_points: str
    new_points: str = ""  # empty while pending
    outcome: str = ""  # "отклонена, оценка сохранена"; empty while pending
    reason: str = ""
    decided_on: str = ""
    accepted: bool = False  # decided with a new mark
    decided_by: str = ""  # the name of the one who decided (the chair)
    contested: str = ""  # what the appeal quotes from the work

    @property
    def decided(self) -> bool:
        return bool(self.outcome)


@dataclass(frozen=True)
class AppealProtocol:
    olympiad: str
    academic_year: str
    held_on: str
    chair: str  # the chair's name, for the signature
    appeal: AppealRecord


@dataclass(frozen=True)
class GradeProtocol:
    olympiad: str
    academic_year: str
    held_on: str
    chair: str
    grade: int
    printed_on: str
    appeals: list[AppealRecord] = field(default_factory=list)


def _style(name: str, **overrides) -> ParagraphStyle:
    base = {"fontName": SERIF, "fontSize": 12, "leading": 15, "alignment": TA_LEFT}
    return ParagraphStyle(name, **(base | overrides))


_TITLE = _style("title", fontName=SERIF_BOLD, fontSize=14, leading=18, alignment=TA_CENTER)
_SUBTITLE = _style("subtitle", alignment=TA_CENTER, spaceAfter=2)
_BODY = _style("body", spaceAfter=4)
_LABEL = _style("label", fontName=SERIF_BOLD, spaceBefore=6, spaceAfter=2)
_TEXT = _style("text", leftIndent=5 * mm, spaceAfter=4)
_CELL = _style("cell", fontSize=9.5, leading=11.5)
_HEAD = _style("head", fontName=SERIF_BOLD, fontSize=9.5, leading=11.5, alignment=TA_CENTER)
_CAPTION = _style("caption", fontName=SERIF_ITALIC, fontSize=7, leading=8, alignment=TA_CENTER)
_NOTE = _style("note", fontName=SERIF_ITALIC, fontSize=10, leading=12, spaceBefore=3 * mm)


def _text(value) -> str:
    """Escaped, with the line breaks the author typed kept."""
    return text(value, empty="—")


def _header(olympiad: str, academic_year: str, held_on: str) -> list:
    parts = [_text(olympiad)]
    when = ", ".join(p for p in (f"{academic_year} учебный год", held_on) if p)
    return [Paragraph(parts[0], _SUBTITLE), Paragraph(_text(when), _SUBTITLE)]


def _fields(rows: list[tuple[str, str]], width: float) -> Table:
    fields = table(
        [
            [Paragraph(f"<b>{text(label)}</b>", _BODY), Paragraph(_text(value), _BODY)]
            for label, value in rows
        ],
        colWidths=[62 * mm, width - 62 * mm],
    )
    fields.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return fields


def _signatures(chair: str, width: float) -> KeepTogether:
    """The chair's line with the name, then blank lines for the members present."""
    rows = [
        [Paragraph("Председатель жюри", _BODY), "", "", Paragraph(_text(chair or " "), _BODY)],
        ["", Paragraph("(подпись)", _CAPTION), "", Paragraph("(расшифровка подписи)", _CAPTION)],
    ]
    for n in range(MEMBER_LINES):
        label = Paragraph("Члены жюри", _BODY) if n == 0 else ""
        rows.append([label, "", "", ""])
        rows.append(
            ["", Paragraph("(подпись)", _CAPTION), "", Paragraph("(расшифровка подписи)", _CAPTION)]
        )
    style = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for row in range(0, len(rows), 2):
        style.append(("LINEBELOW", (1, row), (1, row), 0.6, colors.black))
        style.append(("LINEBELOW", (3, row), (3, row), 0.6, colors.black))
        style.append(("TOPPADDING", (0, row), (-1, row), 5 * mm))
    first = 50 * mm
    block = table(rows, colWidths=[first, 40 * mm, 8 * mm, min(70 * mm, width - first - 48 * mm)])
    block.hAlign = "LEFT"
    block.setStyle(TableStyle(style))
    return KeepTogether([Spacer(1, 3 * mm), block])


def _outcome(record: AppealRecord) -> str:
    if not record.decided:
        return "апелляция ждёт решения: " + _BLANK
    return record.outcome


def _footer(text: str):
    """Draws the document's name and the page number at the foot of every page."""

    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 8)
        canvas.setFillColor(colors.Color(0.35, 0.35, 0.35))
        canvas.drawString(doc.leftMargin, _BOTTOM / 2, text)
        canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, _BOTTOM / 2, f"Стр. {doc.page}")
        canvas.restoreState()

    return draw


def build_appeal_protocol(data: AppealProtocol) -> bytes:
    """One appeal: what was appealed and why, the marks before and after, the decision."""
    register_fonts()
    record = data.appeal
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        bottomMargin=_BOTTOM,
        title=f"Протокол рассмотрения апелляции № {record.number}",
        subject=data.olympiad,
        lang="ru-RU",
        **_MARGINS,
    )
    width = doc.width - 2 * _FRAME_PADDING
    story: list = [
        Paragraph(f"ПРОТОКОЛ № {text(record.number)}", _TITLE),
        Paragraph("рассмотрения апелляции участника олимпиады", _SUBTITLE),
        *_header(data.olympiad, data.academic_year, data.held_on),
        Spacer(1, 6 * mm),
        _fields(
            [
                ("Дата рассмотрения", record.decided_on or _BLANK),
                ("Шифр работы", record.cipher),
                ("Класс", f"{record.grade} (за который выступает участник)"),
                ("Задание", record.task),
                ("Апелляция подана", f"{record.filed_on}, {record.filed_by}"),
            ],
            width,
        ),
        Paragraph("Содержание апелляции", _LABEL),
        *(
            [Paragraph(_text("Оспаривается: " + record.contested), _TEXT)]
            if record.contested
            else []
        ),
        Paragraph(_text(record.reasoning), _TEXT),
        Paragraph("Решение жюри", _LABEL),
        _fields(
            [
                ("Оценка до апелляции", f"{record.old_points} б."),
                ("Оценка после апелляции", f"{record.new_points} б." if record.decided else _BLANK),
                ("Решение", _outcome(record)),
                ("Обоснование", record.reason or _BLANK * 2),
                ("Решение принял(а)", record.decided_by or _BLANK),
            ],
            width,
        ),
        Paragraph("Критерии оценивания и ключи предметом апелляции не являются.", _NOTE),
        _signatures(data.chair, width),
        Spacer(1, 8 * mm),
        Paragraph(
            f"С решением ознакомлен(а) участник (шифр {text(record.cipher)}):<br/>"
            f"{'_' * 24} «____» ______________ 20____ г.",
            _BODY,
        ),
    ]
    footer = _footer(f"Протокол рассмотрения апелляции № {record.number}")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


GRADE_HEADERS = (
    "№",
    "Шифр",
    "Задание",
    "Подана",
    "Содержание апелляции",
    "Было, б.",
    "Стало, б.",
    "Решение",
    "Обоснование",
)
_GRADE_COLUMNS = [w * mm for w in (10, 20, 22, 20, 64, 14, 14, 30, 63)]  # 257 mm


def build_grade_protocol(data: GradeProtocol) -> bytes:
    """Every appeal of one grade in a table, a count, and the signatures."""
    register_fonts()
    page = landscape(A4)
    margins = {"leftMargin": 25 * mm, "rightMargin": 15 * mm, "topMargin": 15 * mm}
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page,
        bottomMargin=_BOTTOM,
        title=f"Протокол рассмотрения апелляций, {data.grade} класс",
        subject=data.olympiad,
        lang="ru-RU",
        **margins,
    )
    width = doc.width - 2 * _FRAME_PADDING
    story: list = [
        Paragraph("ПРОТОКОЛ", _TITLE),
        Paragraph(f"рассмотрения апелляций участников олимпиады, {data.grade} класс", _SUBTITLE),
        *_header(data.olympiad, data.academic_year, data.held_on),
        Spacer(1, 5 * mm),
        _grade_table(data.appeals),
        Spacer(1, 3 * mm),
        Paragraph(_count(data.appeals), _BODY),
        Paragraph(f"Дата: {text(data.printed_on)}", _BODY),
        _signatures(data.chair, width),
    ]
    footer = _footer(f"Протокол рассмотрения апелляций, {data.grade} класс, {data.academic_year}")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _grade_table(appeals: list[AppealRecord]) -> Table | Paragraph:
    if not appeals:
        return Paragraph("Апелляций по этому классу не подавали.", _BODY)
    rows = [[Paragraph(h, _HEAD) for h in GRADE_HEADERS]]
    for record in appeals:
        cells = [
            str(record.number),
            record.cipher,
            record.task_short,
            record.filed_on,
            record.reasoning,
            record.old_points,
            record.new_points if record.decided else "",
            record.outcome or "ждёт решения",
            record.reason,
        ]
        rows.append([Paragraph(_text(c) if c else "", _CELL) for c in cells])
    grid = table(rows, colWidths=_GRADE_COLUMNS, repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return grid


def _count(appeals: list[AppealRecord]) -> str:
    accepted = sum(r.accepted for r in appeals)
    pending = sum(not r.decided for r in appeals)
    rejected = len(appeals) - accepted - pending
    text = f"Подано апелляций: {len(appeals)}; удовлетворено: {accepted}; отклонено: {rejected}"
    return text + (f"; ждут решения: {pending}." if pending else ".")
