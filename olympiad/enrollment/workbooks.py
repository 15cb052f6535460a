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

from olympiad.enrollment.validation import EXAMPLE_ROW, FIELDS, HEADERS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def export_xlsx(
    headers: Sequence[str], rows: Iterable[Sequence[object]], *, sheet_title: str = "Лист1"
) -> bytes:
    """A plain table: bold header, frozen first row, every text cell neutralised."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    for i, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(max(len(header) + 2, 10), 50)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=neutralize(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([neutralize(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_INSTRUCTIONS = (
    "Как заполнить список участников",
    "1. Одна строка — один ученик. Не меняйте названия столбцов и не добавляйте формулы.",
    "2. Фамилия и имя обязательны; отчество — если есть.",
    "3. Школа: полное или краткое название из реестра. Координатор школы может оставить "
    "столбец пустым — ученики будут записаны в его школу.",
    "4. Класс обучения: число от 7 до 11. Класс участия — не ниже класса обучения; "
    "если пусто, ученик выступает за свой класс.",
    "5. Согласия даёт родитель (законный представитель). Без согласия на обработку "
    "персональных данных ученика записать нельзя.",
    "6. Форма публикации результатов: «ФИО», «Фамилия и инициалы», «Только шифр» или «Нет».",
    "7. Согласия отмечайте словами «да» или «нет» (можно «+» и «-»).",
    "8. Строку-образец (Образцова Мария) удалите перед загрузкой.",
    "9. Сохраните файл как .xlsx или .csv (UTF-8 или Windows-1251, разделитель «;» или «,»).",
)


def template_xlsx() -> bytes:
    """The downloadable template: Russian headers, one example row, an instruction sheet."""
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
    grades = DataValidation(type="whole", operator="between", formula1="7", formula2="11")
    sheet.add_data_validation(grades)
    grades.add("E2:F1000")
    help_sheet = book.create_sheet("Инструкция")
    for line in _INSTRUCTIONS:
        help_sheet.append([line])
    help_sheet["A1"].font = Font(bold=True, size=13)
    help_sheet.column_dimensions["A"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
