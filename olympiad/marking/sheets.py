"""Marks from a spreadsheet: a template per grade group (cipher, then one column per task of
the paper), and an upload checked row by row, then saved all or nothing.

Closed tasks take the answer as typed from the sheet (as in the grid, "-" for no answer);
open tasks take the total points of one jury member, named with the upload. An empty cell
changes nothing. The file is read by olympiad.uploads.read_grid (size, zip bomb,
formula and cell checks); nothing is kept between the preview and the save, which reads the file
again against the database as it is then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from olympiad.domain.codes import normalize_cipher
from olympiad.enrollment.spreadsheet import SpreadsheetError, export_xlsx
from olympiad.enrollment.values import fold
from olympiad.marking.access import may_mark, member_of
from olympiad.marking.answers import InvalidEntry, answer_of, read_typed
from olympiad.marking.labels import FORMATS, show_points
from olympiad.marking.marks import checked_total, marks_of, own_mark
from olympiad.marking.works import Work, is_open, works_of
from olympiad.models import GradeGroup, Olympiad, Paper, PaperTask, User
from olympiad.uploads import read_grid

CIPHER = "Шифр"
MAX_ROWS = 5000
HEADER_SCAN_ROWS = 10
_NUMBER = re.compile(r"\D{0,12}?(\d{1,3})")


def column_title(item: PaperTask) -> str:
    """'3 (одна буква)', '18 (баллы 0–6)': the task's number in the paper comes first."""
    if is_open(item):
        hint = _("баллы 0–%(max)s", max=show_points(item.task_version.max_points))
    else:
        hint = str(FORMATS[item.task_version.type])
    return f"{item.position} ({hint})"


def template_xlsx(olympiad: Olympiad, group: GradeGroup, paper: Paper) -> bytes:
    headers = [CIPHER] + [column_title(item) for item in paper.items]
    rows = [[work.cipher] for work in works_of(olympiad, group)]
    return export_xlsx(headers, rows, sheet_title=_("Группа %(name)s", name=group.name))


@dataclass
class Cell:
    item: PaperTask
    text: str
    value: object = None  # the answer, or the total of an open task
    change: bool = False  # replaces a value already entered


@dataclass
class Row:
    line_no: int
    cipher: str
    work: Work | None = None
    cells: list[Cell] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class Preview:
    columns: list[PaperTask]
    rows: list[Row]
    errors: list[str] = field(default_factory=list)  # about the whole file

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors and not any(r.errors for r in self.rows)

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if r.errors)

    @property
    def changes(self) -> int:
        return sum(c.change for r in self.rows for c in r.cells)

    @property
    def cell_count(self) -> int:
        return sum(len(r.cells) for r in self.rows)


def _header(grid, paper: Paper) -> tuple[int, int, dict[int, PaperTask]]:
    """(header line, cipher column, column -> task) from the first rows."""
    by_position = {item.position: item for item in paper.items}
    for line_no, row in grid[:HEADER_SCAN_ROWS]:
        folded = [fold(v) for v in row]
        if fold(CIPHER) not in folded:
            continue
        columns = {}
        for index, text in enumerate(row):
            match = _NUMBER.match(text.strip())
            if index == folded.index(fold(CIPHER)) or not text.strip():
                continue
            item = by_position.get(int(match.group(1))) if match else None
            if item is None:
                raise SpreadsheetError(
                    _("Столбец «%(h)s»: в варианте нет задания с таким номером.", h=text[:40])
                )
            if item in columns.values():
                raise SpreadsheetError(_("Задание %(n)s встречается дважды.", n=item.position))
            columns[index] = item
        return line_no, folded.index(fold(CIPHER)), columns
    raise SpreadsheetError(
        _("Не найдена строка заголовков со столбцом «Шифр». Скачайте шаблон и заполните его.")
    )


def preview_marks(
    olympiad: Olympiad,
    group: GradeGroup,
    paper: Paper,
    filename: str,
    content: bytes,
    juror: User | None,
    reason: str = "",
) -> Preview:
    """Check every row and cell; raises SpreadsheetError for a file that cannot be read."""
    grid = read_grid(filename, content, max_lines=MAX_ROWS + HEADER_SCAN_ROWS)
    header_line, cipher_column, columns = _header(grid, paper)
    preview = Preview(columns=list(columns.values()), rows=[])
    works = {work.cipher: work for work in works_of(olympiad, group)}
    member = member_of(olympiad, juror) if juror else None
    seen: set[str] = set()
    for line_no, values in grid:
        if line_no <= header_line or not any(v.strip() for v in values):
            continue
        cipher = values[cipher_column].strip() if cipher_column < len(values) else ""
        row = Row(line_no, cipher, work=works.get(normalize_cipher(cipher) or ""))
        if row.work is None:
            row.errors.append(
                _("Шифра «%(c)s» нет среди присутствовавших участников группы.", c=cipher[:20])
            )
        elif row.work.cipher in seen:
            row.errors.append(_("Шифр %(c)s встречается в файле дважды.", c=row.work.cipher))
        else:
            seen.add(row.work.cipher)
        for index, item in columns.items():
            text = values[index].strip() if index < len(values) else ""
            if text:
                _check_cell(row, item, text, juror, member)
        preview.rows.append(row)
    if not preview.rows:
        preview.errors.append(_("В файле нет ни одной строки с шифром."))
    if preview.changes and not reason.strip():
        preview.errors.append(
            _(
                "Файл меняет уже введённые ответы или оценки (%(n)s): укажите причину изменения.",
                n=preview.changes,
            )
        )
    return preview


def _check_cell(row: Row, item: PaperTask, text: str, juror, member) -> None:
    cell = Cell(item, text)
    try:
        if not is_open(item):
            cell.value, cell.text = read_typed(item, text)
        elif juror is None:
            raise InvalidEntry(_("укажите, чьи это оценки (член жюри)."))
        elif not may_mark(member, item):
            raise InvalidEntry(_("%(name)s не проверяет это задание.", name=juror.full_name))
        else:
            cell.value = checked_total(item, text)
    except InvalidEntry as error:
        row.errors.append(_("Задание %(n)s: %(e)s", n=item.position, e=error))
        return
    if row.work is not None:
        cell.change = _changes(row.work, item, cell, juror)
    row.cells.append(cell)


def _changes(work: Work, item: PaperTask, cell: Cell, juror) -> bool:
    if not is_open(item):
        answer = answer_of(work, item)
        return bool(answer and answer.text and answer.text != cell.text)
    mark = own_mark(marks_of(work, item), juror)
    return mark is not None and mark.total != cell.value
