"""The rating tables and the per-school summary as XLSX workbooks.

Numbers stay numbers (halves included) so that the organizer can sort and sum them; every
text cell goes through `neutralize`, since names and reasons are typed in by people.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
from flask_babel import gettext as _
from flask_babel import pgettext
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from olympiad.domain.awards import Status
from olympiad.enrollment.workbooks import neutralize
from olympiad.models import Olympiad, School
from olympiad.results.labels import (
    BLANK_SIGNATURE,
    counts_line,
    day,
    override_note,
    signatures,
    state_line,
    status_name,
    table_title,
)
from olympiad.results.tables import Line, Table

_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_GREY = PatternFill("solid", fgColor="E8E8E8")
_HEAD = Alignment(horizontal="center", vertical="center", wrap_text=True)
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

# Cells of the tables get a named style each: one look-up per cell instead of a font, a
# border and an alignment each hashed into the workbook's style lists (5x faster).
N, T, P, S = "Результаты: число", "Результаты: текст", "Результаты: процент", "Результаты: статус"
_STYLES = {
    N: (Alignment(horizontal="center", vertical="top"), "General"),
    T: (Alignment(vertical="top", wrap_text=True), "General"),
    P: (Alignment(horizontal="center", vertical="top"), "0.0"),
    S: (Alignment(vertical="top"), "General"),
}


def _book() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    for name, (alignment, number_format) in _STYLES.items():
        book.add_named_style(
            NamedStyle(name=name, border=_BOX, alignment=alignment, number_format=number_format)
        )
    return book


def _save(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_titles(names: Iterable[str]) -> list[str]:
    """Sheet names Excel accepts: no []:*?/\\, at most 31 characters, unique."""
    titles: list[str] = []
    for name in names:
        base = _FORBIDDEN.sub("-", name).strip("' ")[:31] or _("Лист")
        title, n = base, 2
        while title.casefold() in (t.casefold() for t in titles):
            suffix = f" ({n})"
            title, n = base[: 31 - len(suffix)] + suffix, n + 1
        titles.append(title)
    return titles


def _put(sheet: Worksheet, row: int, column: int, value, **style):
    cell = sheet.cell(row=row, column=column, value=neutralize(value))
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _row(sheet: Worksheet, row: int, values: Sequence, styles: Sequence[str]) -> None:
    for column, (value, style) in enumerate(zip(values, styles, strict=True), start=1):
        sheet.cell(row=row, column=column, value=neutralize(value)).style = style


def _heading(sheet: Worksheet, row: int, titles: Sequence[str]) -> None:
    for column, title in enumerate(titles, start=1):
        _put(sheet, row, column, title, font=_BOLD, alignment=_HEAD, fill=_GREY, border=_BOX)


def _page_setup(sheet: Worksheet, title_rows: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
    sheet.page_margins.left, sheet.page_margins.right = 0.8, 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    sheet.oddFooter.right.text = _("Стр. &P из &N")
    sheet.oddFooter.right.size = 8


def _widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _header_block(sheet: Worksheet, olympiad: Olympiad, lines: Sequence[str]) -> int:
    """The olympiad's title, the given lines, the state of the results in bold, from A1 down;
    returns the first row after a blank one."""
    _put(sheet, 1, 1, olympiad.title, font=_TITLE)
    row = 2
    for text in [line for line in lines if line]:
        _put(sheet, row, 1, text)
        row += 1
    _put(sheet, row, 1, state_line(olympiad), font=_BOLD)
    return row + 2


def _about(olympiad: Olympiad) -> str:
    parts = [_("%(year)s учебный год", year=olympiad.academic_year)]
    if olympiad.held_on:
        parts.append(_("дата проведения: %(date)s", date=day(olympiad.held_on)))
    if olympiad.venue.strip():
        parts.append(_("место проведения: %(venue)s", venue=" ".join(olympiad.venue.split())))
    return " · ".join(parts)


def rating_columns(table: Table) -> tuple[list[str], list[float | None]]:
    """The rating table's column titles, and under them the maxima (tasks and the total)."""
    before = [
        pgettext("rank", "Место"),
        _("Шифр"),
        _("ФИО"),
        _("Школа"),
        _("Класс обучения"),
        _("Класс выступления"),
    ]
    after = [_("Сумма"), _("% от максимума"), _("Статус")]
    titles = before + [str(item.position) for item in table.items] + after
    maxima = [None] * len(before) + [float(item.task_version.max_points) for item in table.items]
    maxima += [float(table.max_total), None, None]
    return titles, maxima


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _line_values(table: Table, line: Line) -> list:
    p = line.participant
    return [
        line.place,
        p.cipher,
        p.full_name,
        p.school.full_name,
        p.grade_studied,
        p.grade_competed,
        *(_number(line.points.get(item.id)) for item in table.items),
        float(line.total),
        float(line.percent),
        status_name(line.status),
        override_note(line),
    ]


def _rating_sheet(sheet: Worksheet, olympiad: Olympiad, table: Table) -> None:
    head = [
        _("Рейтинговая таблица · %(title)s", title=table_title(table)),
        _about(olympiad),
        counts_line(table),
    ]
    top = _header_block(sheet, olympiad, head)
    titles, maxima = rating_columns(table)
    titles.append(_("Примечание"))
    maxima.append(None)
    n_tasks = len(table.items)
    total_column = 7 + n_tasks
    _heading(sheet, top, titles)
    for column, value in enumerate(maxima, start=1):
        below = _put(sheet, top + 1, column, value, alignment=_HEAD, fill=_GREY, border=_BOX)
        if column == total_column:
            below.number_format = '"из "General'
        elif value is None:  # a title without a maximum takes both rows
            sheet.merge_cells(
                start_row=top, end_row=top + 1, start_column=column, end_column=column
            )
    sheet.row_dimensions[top].height = 30
    styles = [N, N, T, T, N, N, *([N] * n_tasks), N, P, S, T]
    for row, line in enumerate(table.lines, start=top + 2):
        _row(sheet, row, _line_values(table, line), styles)
    _signature_block(sheet, top + 3 + len(table.lines), olympiad, table)
    sheet.freeze_panes = sheet.cell(row=top + 2, column=4)
    _widths(sheet, [7, 11, 32, 34, 9, 11, *([6] * n_tasks), 8, 10, 13, 40])
    _page_setup(sheet, f"{top}:{top + 1}")


def _signature_block(sheet: Worksheet, row: int, olympiad: Olympiad, table: Table) -> None:
    for role, name in signatures(olympiad, table):
        _put(sheet, row, 3, role, font=_BOLD)
        _put(sheet, row, 4, f"{BLANK_SIGNATURE} / {name} /")
        row += 2  # room to sign
    _put(sheet, row, 3, _("Дата: «____» ______________ 20____ г."))


def rating_xlsx(olympiad: Olympiad, tables: Sequence[Table]) -> bytes:
    """One sheet per grade (or grade group) that had participants: the rating table as the
    jury signs it."""
    book = _book()
    book.remove(book.active)
    tables = [t for t in tables if t.lines]
    for title, table in zip(sheet_titles(table_title(t) for t in tables), tables, strict=True):
        _rating_sheet(book.create_sheet(title), olympiad, table)
    if not tables:
        _put(book.create_sheet(_("Результаты")), 1, 1, _("Результатов нет."))
    return _save(book)


@dataclass
class _SchoolRow:
    school: School
    percents: list[Decimal] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    best: dict[str, int] = field(default_factory=dict)  # unit -> best place


def _school_rows(tables: Sequence[Table], school_id: int | None) -> list[_SchoolRow]:
    rows: dict[int, _SchoolRow] = {}
    for table in tables:
        for line in table.lines:
            school = line.participant.school
            if school_id is not None and school.id != school_id:
                continue
            row = rows.setdefault(school.id, _SchoolRow(school))
            row.percents.append(line.percent)
            row.statuses[line.status] += 1
            row.best[table.unit] = min(row.best.get(table.unit, line.place), line.place)
    return sorted(rows.values(), key=lambda r: r.school.full_name.casefold())


def _average(percents: Sequence[Decimal]) -> float | None:
    if not percents:
        return None
    return round(float(sum(percents) / len(percents)), 1)


def school_summary_xlsx(
    olympiad: Olympiad, tables: Sequence[Table], *, school_id: int | None = None
) -> bytes:
    """Per school: present, winners, prize-winners, best place per grade, average %; then every
    line sorted by school. With `school_id`, only that school (a coordinator's copy)."""
    tables = [t for t in tables if t.lines]
    book = _book()
    sheet = book.active
    sheet.title = _("Сводка по школам")
    top = _header_block(sheet, olympiad, [_("Сводка по школам"), _about(olympiad)])
    titles = [_("Школа"), _("Участников"), _("Победителей"), _("Призёров")]
    titles += [_("Лучшее место: %(unit)s", unit=table_title(t)) for t in tables]
    _heading(sheet, top, [*titles, _("Средний % от максимума")])
    sheet.row_dimensions[top].height = 45
    rows = _school_rows(tables, school_id)
    styles = [T, N, N, N, *([N] * len(tables)), P]
    for row, data in enumerate(rows, start=top + 1):
        values = [
            data.school.full_name,
            len(data.percents),
            data.statuses[Status.WINNER],
            data.statuses[Status.PRIZE_WINNER],
            *(data.best.get(t.unit) for t in tables),
            _average(data.percents),
        ]
        _row(sheet, row, values, styles)
    if len(rows) > 1:
        every = [p for r in rows for p in r.percents]
        totals = [
            _("Итого"),
            len(every),
            sum(r.statuses[Status.WINNER] for r in rows),
            sum(r.statuses[Status.PRIZE_WINNER] for r in rows),
            *([None] * len(tables)),
            _average(every),
        ]
        total_row = top + 1 + len(rows)
        _row(sheet, total_row, totals, styles)
        for cell in sheet[total_row]:
            cell.font = _BOLD
    sheet.freeze_panes = sheet.cell(row=top + 1, column=2)
    _widths(sheet, [44, 12, 12, 12, *([12] * len(tables)), 14])
    _page_setup(sheet, f"{top}:{top}")
    _lines_sheet(book.create_sheet(_("Участники по школам")), tables, school_id)
    return _save(book)


def _lines_sheet(sheet: Worksheet, tables: Sequence[Table], school_id: int | None) -> None:
    _heading(
        sheet,
        1,
        [
            _("Школа"),
            _("Класс (группа)"),
            pgettext("rank", "Место"),
            _("Шифр"),
            _("ФИО"),
            _("Класс обучения"),
            _("Класс выступления"),
            _("Наставник"),
            _("Сумма"),
            _("Максимум"),
            _("% от максимума"),
            _("Статус"),
        ],
    )
    order = {t.unit: n for n, t in enumerate(tables)}
    lines = [
        (table, line)
        for table in tables
        for line in table.lines
        if school_id is None or line.participant.school_id == school_id
    ]
    lines.sort(
        key=lambda tl: (
            tl[1].participant.school.full_name.casefold(),
            order[tl[0].unit],
            tl[1].place,
            tl[1].participant.full_name.casefold(),
        )
    )
    styles = [T, N, N, N, T, N, N, T, N, N, P, S]
    for row, (table, line) in enumerate(lines, start=2):
        p = line.participant
        values = [
            p.school.full_name,
            table_title(table),
            line.place,
            p.cipher,
            p.full_name,
            p.grade_studied,
            p.grade_competed,
            p.mentor,
            float(line.total),
            float(table.max_total),
            float(line.percent),
            status_name(line.status),
        ]
        _row(sheet, row, values, styles)
    sheet.freeze_panes = "A2"
    _widths(sheet, [36, 14, 7, 11, 30, 9, 11, 28, 8, 10, 10, 13])
    _page_setup(sheet, "1:1")
