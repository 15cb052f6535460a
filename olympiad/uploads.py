"""Every uploaded spreadsheet and document passes here before any parser sees it.

One size check, one archive check (the ZIP directory alone: member count, total unpacked
size, compression ratio) for XLSX and DOCX, and one `read_grid(filename, data)` that turns
an XLSX or CSV file into rows of cell strings within limits on rows, columns and cell size.
Errors are `UploadRefused` with a Russian message safe to show as it is.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime

import openpyxl

MAX_BYTES = 5 * 1024 * 1024
MAX_LINES = 20_000  # lines read from one sheet, blank ones included
MAX_COLUMNS = 40  # cells right of this are never read
MAX_CELL = 32_767  # Excel's own limit for the text of one cell
MAX_SHEETS = 5
MAX_MEMBERS = 200
MAX_UNPACKED = 25 * 1024 * 1024  # 10,000 rows unpack to under 10 MB even with inline strings
MAX_RATIO = 100  # ordinary XML parts compress 5-20 times; bombs hundreds of times
MAX_PARAGRAPHS = 20_000
MAX_DEPTH = 32  # nesting of a JSON document; ours goes 5 deep
MAX_DIGITS = 30  # a year's plan has a few hundred
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, .doc, and password-protected Office files

# A field may be as long as the file; MAX_CELL then refuses it with a message.
csv.field_size_limit(MAX_BYTES + 1)


class UploadRefused(ValueError):
    """A file-level problem; the message is in Russian and safe to show to the user."""


def size_text(n: int) -> str:
    if n < 2**20:
        return f"{math.ceil(n / 1024)} КБ"
    return f"{math.ceil(n * 10 / 2**20) / 10:g} МБ".replace(".", ",")


def check_size(data: bytes, max_bytes: int = MAX_BYTES) -> None:
    """Refuse an empty or too large file: the first check of every upload."""
    if not data:
        raise UploadRefused("Файл пуст.")
    if len(data) > max_bytes:
        raise UploadRefused(
            f"Файл слишком большой: {size_text(len(data))} "
            f"(можно не больше {size_text(max_bytes)})."
        )


_KINDS = {
    "xlsx": ("[Content_Types].xml", "книга Excel (.xlsx)", "Файл XLSX"),
    "docx": ("word/document.xml", "документ Word (.docx)", "Документ .docx"),
}


_MARKERS = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml"}


def check_archive(data: bytes, kind: str = "xlsx") -> None:
    """Refuse ZIP bombs and foreign archives from the directory alone, before any XML is
    unpacked. `kind` is "xlsx" or "docx"."""
    part, name, title = _KINDS[kind]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UploadRefused(f"Файл повреждён: это не {name}.") from exc
    names = {m.filename for m in members}
    if len(members) > MAX_MEMBERS:
        raise UploadRefused(f"{title} устроен подозрительно (слишком много частей).")
    for other, marker in _MARKERS.items():
        if other != kind and marker in names:
            raise UploadRefused(f"Это {_KINDS[other][1]}, а не {name}.")
    if part not in names:
        if "mimetype" in names or "content.xml" in names:
            raise UploadRefused(
                "Это документ OpenDocument (.ods, .odt). Сохраните его в формате Microsoft "
                "Office (.xlsx, .docx) или как CSV/текст."
            )
        raise UploadRefused(f"Это архив ZIP, а не {name}.")
    unpacked = sum(m.file_size for m in members)
    squeezed = any(
        m.file_size > 2**20 and m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members
    )
    if unpacked > MAX_UNPACKED or squeezed:
        raise UploadRefused(
            f"{title} после распаковки слишком велик или подозрительно сильно сжат; "
            "обработка отменена. Загрузите обычный файл."
        )


def check_document(data: bytes) -> None:
    """A .docx that python-docx may open: the archive check, then a bound on paragraphs
    counted in the raw XML (a document of 400,000 empty paragraphs is no plan)."""
    check_size(data, 8 * 1024 * 1024)
    check_archive(data, "docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = archive.read("word/document.xml")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError) as exc:
        raise UploadRefused("Документ .docx повреждён и не открывается.") from exc
    if len(re.findall(rb"<w:(?:p|tr)[\s>/]", body)) > MAX_PARAGRAPHS:
        raise UploadRefused(
            f"В документе больше {MAX_PARAGRAPHS} абзацев и строк таблиц: это не план работы."
        )


class _BadNumber(ValueError):
    pass


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _BadNumber(text)
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(text)
    return value


def _constant(text: str):
    raise _BadNumber(text)  # NaN and Infinity are not JSON


def read_json(data: bytes, *, max_bytes: int = 8 * 1024 * 1024):
    """A JSON document in UTF-8, refused with a Russian message when it is too large, too
    deep, holds an absurd number (Python refuses ints of 4,300+ digits) or is no JSON."""
    check_size(data, max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRefused("Файл не в кодировке UTF-8: это не файл JSON.") from None
    if _depth(text) > MAX_DEPTH:
        raise UploadRefused("Файл JSON слишком глубоко вложен: это не файл программы.")
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except _BadNumber as error:
        raise UploadRefused(
            f"В файле JSON недопустимое число «{str(error)[:20]}…»: это не файл программы."
        ) from None
    except json.JSONDecodeError as error:
        raise UploadRefused(
            f"Файл не читается как JSON: строка {error.lineno}, позиция {error.colno}."
        ) from None
    except (RecursionError, ValueError):
        raise UploadRefused("Файл не читается как JSON.") from None


def _depth(text: str) -> int:
    """The deepest nesting of brackets outside strings (checked before the parser recurses)."""
    depth = deepest = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        char = token.group()
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


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
            "Это файл старого формата Excel (.xls) или книга с паролем. "
            "Сохраните её как «Книга Excel (.xlsx)» или CSV без пароля и загрузите снова."
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
            raise UploadRefused("В книге нет ни одного листа.")
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
        "Не удалось прочитать файл XLSX: он повреждён или создан не Excel-совместимой "
        "программой. Сохраните его в Excel или LibreOffice как .xlsx и попробуйте снова."
    )


def _too_many_lines(max_lines: int) -> UploadRefused:
    return UploadRefused(f"В файле больше {max_lines} строк: разделите его на несколько.")


def _cell_too_long(where: str) -> UploadRefused:
    return UploadRefused(
        f"{where}: в ячейке больше {MAX_CELL} символов. Проверьте, тот ли это файл."
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
                    f"Ячейка {cell.coordinate} содержит формулу. Формулы не принимаются: "
                    "замените их значениями (Копировать → Специальная вставка → Значения)."
                )
            text = _cell_text(cell.value)
            if len(text) > MAX_CELL:
                raise _cell_too_long(f"Ячейка {cell.coordinate}")
            values.append(text)
        yield line_no, values


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def _csv_grid(filename: str, data: bytes, max_lines: int, known=None) -> list:
    text = decode_text(data)
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text[:65536]):
        raise UploadRefused(
            f"Файл «{filename[:80]}» не похож на таблицу: загрузите .xlsx или .csv."
        )
    grid = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, known))
    try:
        for line_no, row in enumerate(reader, start=1):
            if line_no > max_lines:
                raise _too_many_lines(max_lines)
            if any(len(value) > MAX_CELL for value in row):
                raise _cell_too_long(f"Строка {reader.line_num}")
            grid.append((line_no, row[:MAX_COLUMNS]))
    except csv.Error as exc:
        raise UploadRefused(f"Ошибка в CSV около строки {reader.line_num}: {exc}.") from exc
    return grid


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM ("Unicode text" from Excel), else cp1251."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UploadRefused("Не удалось прочитать файл в кодировке UTF-16.") from exc
    for encoding in ("utf-8", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UploadRefused(
        "Не удалось определить кодировку файла: сохраните CSV в UTF-8 или Windows-1251."
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
