"""The jury's protocol per grade (or grade group) as PDF: A4 landscape, ready to sign.

Each grade's protocol starts on a new page and is numbered on its own («Стр. N из M»), since
each is signed and filed separately. Task columns narrow as the paper grows; when they would
get too narrow to read, the marks wrap into bands of two or more lines in one cell. A grade
that nobody came to gets no protocol.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from flask_babel import gettext as _
from flask_babel import pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from olympiad.domain.awards import Status
from olympiad.models import Olympiad
from olympiad.pdf.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, register_fonts
from olympiad.pdf.markup import plain
from olympiad.pdf.markup import table as flowing_table
from olympiad.results.labels import (
    BLANK_SIGNATURE,
    counts_line,
    day,
    override_note,
    percent,
    points,
    protocol_title,
    signatures,
    state_line,
    status_name,
    table_title,
)
from olympiad.results.tables import Line, Table

PAGE = landscape(A4)
# the wide margin on the left is for the binder, as in the plan
_MARGINS = {"leftMargin": 20 * mm, "rightMargin": 10 * mm, "topMargin": 12 * mm}
_BOTTOM = 14 * mm
WIDTH = PAGE[0] - _MARGINS["leftMargin"] - _MARGINS["rightMargin"]  # 267 mm

# mm: place, cipher, grade studied, grade competed, total, percent, status
_NARROW = (10, 17, 10, 10, 12, 11, 19)
_NAME_MIN, _SCHOOL_MIN = 32, 28  # mm; the rest of the width is shared 55 : 45
_TASK_MIN, _TASK_MAX = 5.4, 9  # a task column: "10,5" at 7 pt still fits at the minimum
_FONT = 8
_BAND_H = 9.5  # pt, a line of marks in a banded cell
_GRID = colors.Color(0.45, 0.45, 0.45)
_HEAD_FILL = colors.Color(0.9, 0.9, 0.9)
_STRIPE = colors.Color(0.965, 0.965, 0.965)


def _style(name: str, **overrides) -> ParagraphStyle:
    base = {"fontName": SERIF, "fontSize": 10.5, "leading": 13.5, "alignment": TA_LEFT}
    return ParagraphStyle(name, **(base | overrides))


_TITLE = _style("title", fontName=SERIF_BOLD, fontSize=13, leading=16.5, alignment=TA_CENTER)
_SUBTITLE = _style("subtitle", alignment=TA_CENTER, spaceAfter=3 * mm)
_INFO = _style("info", spaceAfter=1)
_STATE = _style("state", fontName=SERIF_BOLD, spaceBefore=2, spaceAfter=3 * mm)
_CELL = _style("cell", fontName=SANS, fontSize=_FONT, leading=9.5)
_HEAD = _style("head", fontName=SANS_BOLD, fontSize=7.5, leading=8.8, alignment=TA_CENTER)
_NOTE = _style("note", fontSize=9, leading=11.5, spaceBefore=1)
_SIGN = _style("sign", fontSize=11, leading=14)


@dataclass(frozen=True)
class _Layout:
    name_w: float  # mm
    school_w: float  # mm
    task_w: float  # mm, one task column
    bands: int  # lines of task marks per participant: 1 means a column per task
    per_band: int  # tasks per band

    @property
    def banded(self) -> bool:
        return self.bands > 1


def layout(tasks: int) -> _Layout:
    """Column widths for a paper of `tasks` tasks that fill the page's width: the tasks get
    up to their widest, the name and the school the rest; past the narrowest task columns
    the marks wrap into bands."""
    room = WIDTH / mm - sum(_NARROW)
    names = _NAME_MIN + _SCHOOL_MIN
    per_band = max(1, math.floor((room - names) / _TASK_MIN))
    bands = max(1, math.ceil(tasks / per_band))
    per_band = math.ceil(tasks / bands)
    task_w = min(_TASK_MAX, (room - names) / per_band) if tasks else 0
    rest = room - names - task_w * per_band
    return _Layout(_NAME_MIN + rest * 0.55, _SCHOOL_MIN + rest * 0.45, task_w, bands, per_band)


def _text(value: object) -> str:
    return plain(value)


def _head(text: str) -> Paragraph:
    return Paragraph(_text(text), _HEAD)


def _bands(values: Sequence, per_band: int) -> list[list]:
    return [list(values[i : i + per_band]) for i in range(0, len(values), per_band)]


class _Bands(Flowable):
    """A participant's marks (or the task numbers over their maxima) in lines of equal cells.

    Drawn directly: a nested Table per participant costs twice the time of the whole page.
    """

    def __init__(self, rows: list[list[str]], cell_w: float, bold_every: int = 0) -> None:
        super().__init__()
        self.rows, self.cell_w, self.bold_every = rows, cell_w * mm, bold_every
        self.width = self.cell_w * len(rows[0])
        self.height = _BAND_H * len(rows)

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(_GRID)
        canvas.setLineWidth(0.3)
        for n in range(1, len(self.rows)):
            canvas.line(0, n * _BAND_H, self.width, n * _BAND_H)
        for n in range(1, len(self.rows[0])):
            canvas.line(n * self.cell_w, 0, n * self.cell_w, self.height)
        for n, row in enumerate(self.rows):
            bold = self.bold_every and n % self.bold_every == 0
            canvas.setFont(SANS_BOLD if bold else SANS, 7)
            y = self.height - (n + 1) * _BAND_H + 2.6
            for k, value in enumerate(row):
                if value:
                    canvas.drawCentredString((k + 0.5) * self.cell_w, y, value)


def _padded(values: list, per_band: int, bands: int) -> list:
    return values + [""] * (per_band * bands - len(values))


def _header_row(table: Table, lay: _Layout) -> list:
    """Titles; each task's number over its maximum (all of them in bands when banded)."""
    before = [
        pgettext("rank", "Место"),
        _("Шифр"),
        _("ФИО"),
        _("Школа"),
        _("Класс обуч."),
        _("Класс выст."),
    ]
    numbers = [str(item.position) for item in table.items]
    maxima = [points(item.task_version.max_points) for item in table.items]
    if lay.banded:
        grid: list[list] = []
        for band_numbers, band_maxima in zip(
            _bands(_padded(numbers, lay.per_band, lay.bands), lay.per_band),
            _bands(_padded(maxima, lay.per_band, lay.bands), lay.per_band),
            strict=True,
        ):
            grid += [band_numbers, band_maxima]
        tasks = [_Bands(grid, lay.task_w, bold_every=2)]
    else:
        pairs = zip(numbers, maxima, strict=True)
        tasks = [_Bands([[n], [m]], lay.task_w, bold_every=2) for n, m in pairs]
    out_of = _text(_("из %(max)s", max=points(table.max_total)))
    total = Paragraph(f"{_text(_('Сумма'))}<br/><font name='{SANS}'>{out_of}</font>", _HEAD)
    after = [_head(_("% от макс.")), _head(_("Статус"))]
    return [*(_head(t) for t in before), *tasks, total, *after]


def _line_row(table: Table, line: Line, lay: _Layout, note: int | None) -> list:
    p = line.participant
    marks = [points(line.points.get(item.id)) for item in table.items]
    status = status_name(line.status)
    if note is not None:
        status = Paragraph(f"{_text(status)}<super>{note}</super>", _CELL)
    row = [
        line.place,
        p.cipher or "",
        Paragraph(_text(p.full_name), _CELL),
        Paragraph(_text(p.school.short_name), _CELL),
        p.grade_studied,
        p.grade_competed,
    ]
    if lay.banded:
        grid = _bands(_padded(marks, lay.per_band, lay.bands), lay.per_band)
        row.append(_Bands(grid, lay.task_w))
    else:
        row += marks
    return [*row, points(line.total), percent(line.percent), status]


def _runs(flags: Sequence[bool]) -> list[tuple[int, int]]:
    """(first, last) index of each run of True: one style command per run, not per row."""
    runs, start = [], None
    for n, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = n
        elif not flag and start is not None:
            runs.append((start, n - 1))
            start = None
    return runs


def _rating_table(table: Table, lay: _Layout, notes: dict[int, int]) -> PdfTable:
    """The rating table; a long one splits across pages with its header row on each.

    No spanned cells: ReportLab recomputes spans over the whole rest of the table at every
    page break (a second per 2,000 lines), so the header is one row.
    """
    rows = [_header_row(table, lay)]
    rows += [_line_row(table, line, lay, notes.get(n)) for n, line in enumerate(table.lines)]
    n_tasks = 1 if lay.banded else len(table.items)
    task_ws = [lay.task_w * lay.per_band] if lay.banded else [lay.task_w] * n_tasks
    place, cipher, studied, competed, total, percent, status = _NARROW
    widths = [place, cipher, lay.name_w, lay.school_w, studied, competed, *task_ws]
    widths += [total, percent, status]
    pdf_table = flowing_table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    first_task, total_column = 6, 6 + n_tasks
    last_task = total_column - 1
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("FONTSIZE", (0, 0), (-1, -1), _FONT),
        ("LEADING", (0, 0), (-1, -1), 9.5),
        ("BACKGROUND", (0, 0), (-1, 0), _HEAD_FILL),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("ALIGN", (2, 1), (3, -1), "LEFT"),
        ("ALIGN", (-1, 1), (-1, -1), "LEFT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, _STRIPE]),
        ("FONTNAME", (total_column, 1), (total_column, -1), SANS_BOLD),
    ]
    if table.items:
        # the drawn task cells meet the grid: no padding around them
        cells = ((first_task, 0), (last_task, -1 if lay.banded else 0))
        style += [(name, *cells, 0) for name in ("LEFTPADDING", "RIGHTPADDING")]
        style += [(name, *cells, 0) for name in ("TOPPADDING", "BOTTOMPADDING")]
    if table.items and not lay.banded:
        style += [
            ("LEFTPADDING", (first_task, 1), (last_task, -1), 0.5),
            ("RIGHTPADDING", (first_task, 1), (last_task, -1), 0.5),
        ]
        if lay.task_w < 7:
            style.append(("FONTSIZE", (first_task, 1), (last_task, -1), 7))
    awarded = [line.status in (Status.WINNER, Status.PRIZE_WINNER) for line in table.lines]
    style += [("FONTNAME", (-1, 1 + a), (-1, 1 + b), SANS_BOLD) for a, b in _runs(awarded)]
    pdf_table.setStyle(TableStyle(style))
    return pdf_table


def _about(olympiad: Olympiad, table: Table) -> str:
    parts = [f"<b>{_text(table_title(table))}</b>"]
    if olympiad.held_on:
        parts.append(_("дата проведения: %(date)s", date=day(olympiad.held_on)))
    if olympiad.venue.strip():
        parts.append(_("место проведения: %(venue)s", venue=_text(olympiad.venue)))
    return " · ".join(parts)


def _signature_block(olympiad: Olympiad, table: Table) -> KeepTogether:
    rows = [
        [Paragraph(f"<b>{_text(role)}</b>", _SIGN) if role else "", BLANK_SIGNATURE, f"/ {name} /"]
        for role, name in signatures(olympiad, table)
    ]
    rows.append([_("Дата: «____» ______________ 20____ г."), "", ""])
    block = flowing_table(rows, colWidths=[48 * mm, 45 * mm, 70 * mm], hAlign="LEFT")
    block.setStyle(
        TableStyle(
            [
                ("SPAN", (0, -1), (-1, -1)),
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("FONTSIZE", (0, 0), (-1, -1), 11),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("TOPPADDING", (0, 0), (-1, -1), 5 * mm),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([Spacer(1, 4 * mm), block])


class _Unit(Flowable):
    """Invisible: tells the canvas which protocol the page belongs to (its own page count)."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv._unit = self.label


def _protocol(olympiad: Olympiad, table: Table) -> list:
    lines = table.lines
    overridden = [n for n, line in enumerate(lines) if line.override is not None]
    notes = {n: k for k, n in enumerate(overridden, start=1)}
    story: list = [
        _Unit(table_title(table)),
        Paragraph(_text(protocol_title(olympiad)), _TITLE),
        Paragraph(_("%(year)s учебный год", year=_text(olympiad.academic_year)), _SUBTITLE),
        Paragraph(_about(olympiad, table), _INFO),
        Paragraph(counts_line(table), _INFO),
        Paragraph(_text(state_line(olympiad)), _STATE),
    ]
    story.append(_rating_table(table, layout(len(table.items)), notes))
    if overridden:
        story.append(Spacer(1, 2 * mm))
    for n in overridden:
        line = lines[n]
        who = line.override.set_by.full_name if line.override.set_by else ""
        text = f"<super>{notes[n]}</super> {_text(line.participant.cipher or '')}: "
        text += _text(override_note(line))
        if who:
            text += " " + _text(_("(%(who)s)", who=who))
        story.append(Paragraph(text, _NOTE))
    story.append(_signature_block(olympiad, table))
    return story


def rating_pdf(olympiad: Olympiad, tables: Sequence[Table]) -> bytes:
    """The protocols of all grades (or groups) in one file, each from a new page."""
    register_fonts()
    buffer = io.BytesIO()
    title = protocol_title(olympiad)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        bottomMargin=_BOTTOM,
        title=title,
        subject=state_line(olympiad),
        lang="ru-RU",
        **_MARGINS,
    )
    story: list = []
    for table in [t for t in tables if t.lines]:  # no protocol for a grade nobody came to
        if story:
            story.append(PageBreak())
        story += _protocol(olympiad, table)
    if not story:
        story.append(Paragraph(_("Результатов нет."), _INFO))
    footer = f"{_('Протокол жюри')} · {olympiad.academic_year} · {state_line(olympiad)}"
    doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=footer))
    return buffer.getvalue()


class _NumberedCanvas(Canvas):
    """Holds the pages back until the end, so each footer can say «из M» of its protocol."""

    def __init__(self, *args, footer: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._unit = ""
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totals: dict[str, int] = {}
        for state in self._pages:
            totals[state["_unit"]] = totals.get(state["_unit"], 0) + 1
        seen: dict[str, int] = {}
        for state in self._pages:
            unit = state["_unit"]
            seen[unit] = seen.get(unit, 0) + 1
            self.__dict__.update(state)
            self.setFont(SANS, 8)
            self.setFillColor(colors.Color(0.35, 0.35, 0.35))
            y = _BOTTOM / 2
            left = f"{unit} · {self._footer}" if unit else self._footer
            self.drawString(_MARGINS["leftMargin"], y, left)
            number = _("Стр. %(n)s из %(m)s", n=seen[unit], m=totals[unit])
            self.drawRightString(PAGE[0] - _MARGINS["rightMargin"], y, number)
            super().showPage()
        super().save()
