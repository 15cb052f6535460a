"""XLSX files the application writes: the enrollment template and table exports."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from olympiad.enrollment.columns import EXAMPLE_ROW, FIELDS, HEADERS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def _width(values: Iterable[object]) -> int:
    """A column as wide as its longest value (within 8 and 60 characters)."""
    longest = max((len(str(v)) for v in values if v is not None), default=0)
    return min(max(longest + 2, 8), 60)


def export_xlsx(
    headers: Sequence[str], rows: Iterable[Sequence[object]], *, sheet_title: str = "Лист1"
) -> bytes:
    """A plain table: bold header, frozen first row, an autofilter, columns as wide as their
    content, every text cell neutralised."""
    rows = [[neutralize(v) for v in row] for row in rows]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    for i, header in enumerate(headers):
        width = _width([header, *(row[i] for row in rows[:2000] if i < len(row))])
        sheet.column_dimensions[get_column_letter(i + 1)].width = width
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=neutralize(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_INSTRUCTIONS = (
    "Как заполнить список участников",
    "1. Одна строка — один ученик. Не меняйте названия столбцов и не добавляйте формулы.",
    "2. Фамилия и имя обязательны; отчество — если есть.",
    "3. Школа: полное или краткое название из реестра. Координатор школы может оставить "
    "столбец пустым — ученики будут записаны в его школу.",
    "4. Класс обучения: {grades}. Класс участия — не ниже класса обучения; "
    "если пусто, ученик выступает за свой класс.",
    "5. Согласия даёт родитель (законный представитель). Без согласия на обработку "
    "персональных данных ученика записать нельзя.",
    "6. Форма публикации результатов: «ФИО», «Фамилия и инициалы», «Только шифр» или «Нет».",
    "7. Согласия отмечайте словами «да» или «нет» (можно «+» и «-»).",
    "8. Строку-образец (Образцова Мария) удалите перед загрузкой.",
    "9. Сохраните файл как .xlsx или .csv (UTF-8 или Windows-1251, разделитель «;» или «,»).",
)


def _grades_text(grades: Sequence[int]) -> str:
    low, high = min(grades), max(grades)
    if list(grades) == list(range(low, high + 1)):
        return f"число от {low} до {high}"
    return "одно из чисел " + ", ".join(map(str, grades))


def template_xlsx(grades: Sequence[int] = (7, 8, 9, 10, 11)) -> bytes:
    """The downloadable template: Russian headers, one example row, an instruction sheet;
    the grade columns accept only the olympiad's grades."""
    grades = sorted(set(grades)) or [7, 8, 9, 10, 11]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Ученики"
    sheet.append([HEADERS[f] for f in FIELDS])
    sheet.append([int(v) if v.isdigit() else v for v in EXAMPLE_ROW.values()])
    for i, cell in enumerate(sheet[1], start=1):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(i)].width = 34 if i == 9 else 18
    sheet.row_dimensions[1].height = 48
    sheet.freeze_panes = "A2"
    lists = {
        '"да,нет"': ("H2:H1000", "J2:J1000"),
        '"ФИО,Фамилия и инициалы,Только шифр,Нет"': ("I2:I1000",),
    }
    for formula, ranges in lists.items():
        rule = DataValidation(type="list", formula1=formula, allow_blank=True)
        sheet.add_data_validation(rule)
        for cells in ranges:
            rule.add(cells)
    low, high = grades[0], grades[-1]
    if grades == list(range(low, high + 1)):
        rule = DataValidation(
            type="whole", operator="between", formula1=str(low), formula2=str(high)
        )
    else:
        rule = DataValidation(type="list", formula1='"' + ",".join(map(str, grades)) + '"')
    rule.error = f"Класс: {_grades_text(grades)}."
    rule.showErrorMessage = True
    sheet.add_data_validation(rule)
    rule.add("E2:F1000")
    help_sheet = book.create_sheet("Инструкция")
    for line in _INSTRUCTIONS:
        help_sheet.append([line.format(grades=_grades_text(grades))])
    help_sheet["A1"].font = Font(bold=True, size=13)
    help_sheet.column_dimensions["A"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
