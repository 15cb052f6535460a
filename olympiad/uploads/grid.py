"""`read_grid(filename, data)`: an XLSX or CSV upload as rows of cell strings, within
limits on lines, columns and cell size, after the size and archive checks."""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Callable, Iterator
from datetime import date, datetime

import openpyxl
from flask_babel import gettext as _

from olympiad.uploads import (
    MAX_BYTES,
    MAX_CELL,
    MAX_COLUMNS,
    MAX_LINES,
    OLE_MAGIC,
    ZIP_MAGIC,
    UploadRefused,
    check_archive,
    check_size,
)

# A field may be as long as the file; MAX_CELL then refuses it with a message.
csv.field_size_limit(MAX_BYTES + 1)


def read_grid(
    filename: str,
    data: bytes,
    *,
    max_bytes: int = MAX_BYTES,
    max_lines: int = MAX_LINES,
    known: Callable[[str], object] | None = None,
) -> list[tuple[int, list[str]]]:
    """The first sheet of an XLSX file or a CSV file (told apart by content, not by name)
    as (line number, cell texts)."""
    sheets = read_sheets(filename, data, max_bytes=max_bytes, max_lines=max_lines, known=known)
    try:
        return next(sheets)
    finally:
        sheets.close()


def read_sheets(
    filename: str,
    data: bytes,
    *,
    max_bytes: int = MAX_BYTES,
    max_lines: int = MAX_LINES,
    max_sheets: int = 1,
    known: Callable[[str], object] | None = None,
) -> Iterator[list[tuple[int, list[str]]]]:
    """Each sheet in turn (a CSV file has one), read as `read_grid` reads the first.
    `known` tells the caller's column headers, to choose the CSV delimiter by."""
    check_size(data, max_bytes)
    if data.startswith(OLE_MAGIC):
        raise UploadRefused(
            _(
                "Это файл старого формата Excel (.xls) или книга с паролем. "
                "Сохраните её как «Книга Excel (.xlsx)» или CSV без пароля и загрузите снова."
            )
        )
    if not data.startswith(ZIP_MAGIC):
        yield _csv_grid(filename, data, max_lines, known)
        return
    check_archive(data, "xlsx")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles/extensions it drops
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
    except Exception as exc:  # hostile or broken XML: any parser error means "refuse"
        raise _unreadable() from exc
    try:
        if not book.worksheets:
            raise UploadRefused(_("В книге нет ни одного листа."))
        for sheet in book.worksheets[:max_sheets]:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    grid = list(_xlsx_grid(sheet, max_lines))
            except UploadRefused:
                raise
            except Exception as exc:
                raise _unreadable() from exc
            yield grid
    finally:
        book.close()


def _unreadable() -> UploadRefused:
    return UploadRefused(
        _(
            "Не удалось прочитать файл XLSX: он повреждён или создан не Excel-совместимой "
            "программой. Сохраните его в Excel или LibreOffice как .xlsx и попробуйте снова."
        )
    )


def _too_many_lines(max_lines: int) -> UploadRefused:
    return UploadRefused(_("В файле больше %(n)s строк: разделите его на несколько.", n=max_lines))


def _cell_too_long(where: str) -> UploadRefused:
    return UploadRefused(
        _(
            "%(where)s: в ячейке больше %(n)s символов. Проверьте, тот ли это файл.",
            where=where,
            n=MAX_CELL,
        )
    )


def _xlsx_grid(sheet, max_lines: int) -> Iterator[tuple[int, list[str]]]:
    if (sheet.max_row or 0) > max_lines:  # the stored dimension: refused before any row
        raise _too_many_lines(max_lines)
    sheet.reset_dimensions()  # the stored dimension may lie; read what is really there
    # rows come in order and gaps are filled, so a cell at row 1,000,000 stops us at max_lines
    for line_no, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        if line_no > max_lines:
            raise _too_many_lines(max_lines)
        values = []
        for cell in row:
            if cell.data_type == "f":
                raise UploadRefused(
                    _(
                        "Ячейка %(cell)s содержит формулу. Формулы не принимаются: замените "
                        "их значениями (Копировать → Специальная вставка → Значения).",
                        cell=cell.coordinate,
                    )
                )
            text = _cell_text(cell.value)
            if len(text) > MAX_CELL:
                raise _cell_too_long(_("Ячейка %(cell)s", cell=cell.coordinate))
            values.append(text)
        yield line_no, values


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"  # data the importers read, not interface text
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _csv_grid(filename: str, data: bytes, max_lines: int, known=None) -> list:
    text = decode_text(data)
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text[:65536]):
        raise UploadRefused(
            _(
                "Файл «%(name)s» не похож на таблицу: загрузите .xlsx или .csv.",
                name=filename[:80],
            )
        )
    grid = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, known))
    try:
        for line_no, row in enumerate(reader, start=1):
            if line_no > max_lines:
                raise _too_many_lines(max_lines)
            if any(len(value) > MAX_CELL for value in row):
                raise _cell_too_long(_("Строка %(line)s", line=reader.line_num))
            grid.append((line_no, row[:MAX_COLUMNS]))
    except csv.Error as exc:
        raise UploadRefused(
            _("Ошибка в CSV около строки %(line)s: %(error)s.", line=reader.line_num, error=exc)
        ) from exc
    return grid


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM ("Unicode text" from Excel), else cp1251."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UploadRefused(_("Не удалось прочитать файл в кодировке UTF-16.")) from exc
    for encoding in ("utf-8", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UploadRefused(
        _("Не удалось определить кодировку файла: сохраните CSV в UTF-8 или Windows-1251.")
    )


def _delimiter(text: str, known: Callable[[str], object] | None) -> str:
    """The delimiter under which the first lines show the most known headers (when the
    caller knows its headers), then the most filled cells; ties go to «;», the Russian
    Excel's choice."""
    head = text.splitlines()[:10]

    def score(delimiter: str) -> tuple[int, int]:
        try:
            rows = list(csv.reader(head, delimiter=delimiter))
        except csv.Error:
            return -1, -1
        headers = max((sum(1 for v in row if known(v)) for row in rows), default=0) if known else 0
        filled = max((sum(1 for v in row if v.strip()) for row in rows), default=0)
        return headers, filled

    return max((";", ",", "\t"), key=score)
