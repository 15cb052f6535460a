"""Read enrollment spreadsheets (XLSX or CSV) safely, refusing hostile files before parsing."""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime

import openpyxl

from olympiad.enrollment.validation import (
    FIELDS,
    HEADERS,
    LINE_KEY,
    ImportPreview,
    RowResult,
    StudentData,
    validate_rows,
)
from olympiad.enrollment.values import fold
from olympiad.enrollment.workbooks import export_xlsx, neutralize, template_xlsx

__all__ = [  # the import API in one place; validation and workbooks live next door
    "ImportPreview",
    "RowResult",
    "SpreadsheetError",
    "StudentData",
    "check_zip",
    "csv_grid",
    "export_xlsx",
    "field_for",
    "neutralize",
    "read_rows",
    "template_xlsx",
    "validate_rows",
    "xlsx_grid",
]

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 40  # cells right of this are never read
MAX_ZIP_MEMBERS = 200
MAX_UNPACKED = 25 * 1024 * 1024  # 10,000 rows unpack to under 10 MB even with inline strings
MAX_RATIO = 100  # ordinary XLSX parts compress 5-20 times; bombs hundreds of times
HEADER_SCAN_ROWS = 10

REQUIRED_COLUMNS = ("grade_studied", "consent_processing")


class SpreadsheetError(ValueError):
    """A file-level problem; the message is in Russian and safe to show to the user."""


def read_rows(
    filename: str, data: bytes, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS
) -> list[dict[str, str]]:
    """Rows keyed by FIELDS (plus LINE_KEY), from XLSX or CSV told apart by content."""
    if not data:
        raise SpreadsheetError("Файл пуст.")
    if len(data) > max_bytes:
        raise SpreadsheetError(
            f"Файл слишком большой: {_size(len(data))} (можно не больше {_size(max_bytes)})."
        )
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, max_rows)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError(
            "Это файл старого формата Excel (.xls) или книга с паролем. "
            "Сохраните её как «Книга Excel (.xlsx)» или CSV без пароля и загрузите снова."
        )
    return _records(csv_grid(filename, data), max_rows)


def _size(n: int) -> str:
    if n < 2**20:
        return f"{math.ceil(n / 1024)} КБ"
    return f"{math.ceil(n * 10 / 2**20) / 10:g} МБ".replace(".", ",")


def _read_xlsx(data: bytes, max_rows: int) -> list[dict[str, str]]:
    check_zip(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles/extensions it drops
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
            try:
                for sheet in book.worksheets[:5]:
                    try:
                        return _records(xlsx_grid(sheet), max_rows)
                    except _NoHeaderError:
                        continue
            finally:
                book.close()
    except SpreadsheetError:
        raise
    except Exception as exc:  # hostile or broken XML: any parser error means "refuse"
        raise SpreadsheetError(
            "Не удалось прочитать файл XLSX: он повреждён или создан не Excel-совместимой "
            "программой. Сохраните его в Excel или LibreOffice как .xlsx и попробуйте снова."
        ) from exc
    raise _NoHeaderError()


def check_zip(data: bytes) -> None:
    """Refuse zip bombs from the directory alone, before any XML is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SpreadsheetError("Файл повреждён: это не книга Excel (.xlsx).") from exc
    names = {m.filename for m in members}
    if len(members) > MAX_ZIP_MEMBERS:
        raise SpreadsheetError("Файл XLSX устроен подозрительно (слишком много частей).")
    if "[Content_Types].xml" not in names:
        if "mimetype" in names or "content.xml" in names:
            raise SpreadsheetError(
                "Это таблица OpenDocument (.ods). Сохраните её как .xlsx или CSV."
            )
        raise SpreadsheetError("Это архив ZIP, а не книга Excel (.xlsx).")
    unpacked = sum(m.file_size for m in members)
    squeezed = any(
        m.file_size > 2**20 and m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members
    )
    if unpacked > MAX_UNPACKED or squeezed:
        raise SpreadsheetError(
            "Файл XLSX после распаковки слишком велик или подозрительно сильно сжат; "
            "обработка отменена. Загрузите обычную таблицу."
        )


def xlsx_grid(sheet) -> Iterator[tuple[int, list[str]]]:
    sheet.reset_dimensions()  # the stored dimension may lie; read what is really there
    for line_no, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        values = []
        for cell in row:
            if cell.data_type == "f":
                raise SpreadsheetError(
                    f"Ячейка {cell.coordinate} содержит формулу. Формулы не принимаются: "
                    "замените их значениями (Копировать → Специальная вставка → Значения)."
                )
            values.append(_cell_text(cell.value))
        yield line_no, values


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def csv_grid(filename: str, data: bytes) -> Iterator[tuple[int, list[str]]]:
    text = _decode(data)
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text[:65536]):
        raise SpreadsheetError(
            f"Файл «{filename[:80]}» не похож на таблицу: загрузите .xlsx или .csv."
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    try:
        for line_no, row in enumerate(reader, start=1):
            yield line_no, row[:MAX_COLUMNS]
    except csv.Error as exc:
        raise SpreadsheetError(f"Ошибка в CSV около строки {reader.line_num}: {exc}.") from exc


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM ("Unicode text" from Excel), else cp1251."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SpreadsheetError("Не удалось прочитать файл в кодировке UTF-16.") from exc
    for encoding in ("utf-8", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(
        "Не удалось определить кодировку файла: сохраните CSV в UTF-8 или Windows-1251."
    )


def _sniff_delimiter(text: str) -> str:
    """The delimiter under which the most known headers appear; ties by count in line one."""
    head = text.splitlines()[:HEADER_SCAN_ROWS]
    first = next((line for line in head if line.strip()), "")

    def score(delimiter: str) -> tuple[int, int]:
        rows = csv.reader(head, delimiter=delimiter)
        known = max((sum(map(bool, map(field_for, row))) for row in rows), default=0)
        return known, first.count(delimiter)

    return max((";", ",", "\t"), key=score)


def field_for(header: str) -> str | None:
    """Which field a header names, tolerant of case, spacing, punctuation and small variants."""
    h = " ".join(re.sub(r"[^\w]+", " ", fold(header)).split())
    if not h:
        return None
    if h.replace(" ", "_") in FIELDS:
        return h.replace(" ", "_")
    if h.startswith(("согласи", "соглас")):
        if "обработ" in h or "пдн" in h.split() or "персональн" in h:
            return "consent_processing"
        if "результат" in h:
            return "consent_publication"
        return "consent_work_publication" if "работ" in h else None
    if h in ("фио", "ф и о", "фамилия имя отчество", "фамилия имя отчество ученика"):
        return "fio"
    rules = (
        ("фамилия", "surname"),
        ("имя", "name"),
        ("отчество", "patronymic"),
    )
    for prefix, name in rules:
        if h.startswith(prefix):
            return name
    if "школ" in h or "образовательн" in h or h.split()[0] in ("оу", "оо", "учреждение"):
        return "school"
    if "класс" in h:
        competed = ("участ", "выступ", "олимпиад")
        return "grade_competed" if any(w in h for w in competed) else "grade_studied"
    if any(w in h for w in ("наставник", "учител", "педагог", "руководител")):
        return "mentor"
    if h.split()[0] == "пол":
        return "gender"
    return None


class _NoHeaderError(SpreadsheetError):
    def __init__(self) -> None:
        super().__init__(
            "Не найдена строка заголовков. В первой строке должны быть столбцы "
            + ", ".join(f"«{HEADERS[f]}»" for f in ("surname", "name", *REQUIRED_COLUMNS))
            + ". Скачайте шаблон и заполните его."
        )


def _header(row: Sequence[str]) -> dict[int, str] | None:
    columns = {i: f for i, f in enumerate(map(field_for, row)) if f}
    found = set(columns.values())
    if not ({"surname", "name"} <= found or "fio" in found):
        return None
    for name in found:
        if list(columns.values()).count(name) > 1:
            label = "ФИО" if name == "fio" else HEADERS[name]
            raise SpreadsheetError(f"Столбец «{label}» встречается в заголовке дважды.")
    missing = [HEADERS[f] for f in REQUIRED_COLUMNS if f not in found]
    if missing:
        raise SpreadsheetError("В файле нет столбцов: " + ", ".join(f"«{m}»" for m in missing))
    if "fio" in found and "surname" in found:
        columns = {i: f for i, f in columns.items() if f != "fio"}
    return columns


def _records(grid: Iterable[tuple[int, list[str]]], max_rows: int) -> list[dict[str, str]]:
    columns = None
    records = []
    for line_no, row in grid:
        if columns is None:
            if line_no > HEADER_SCAN_ROWS:
                break
            columns = _header(row)
            continue
        if line_no > 10 * max_rows:
            raise SpreadsheetError(f"В файле больше {max_rows} строк.")
        if not any(v.strip() for v in row):
            continue
        if len(records) >= max_rows:
            raise SpreadsheetError(f"В файле больше {max_rows} строк с учениками.")
        record = dict.fromkeys(FIELDS, "")
        for i, name in columns.items():
            value = row[i] if i < len(row) else ""
            if name == "fio":
                parts = value.split()
                record.update(surname=" ".join(parts[:1]), name=" ".join(parts[1:2]))
                record["patronymic"] = " ".join(parts[2:])
            else:
                record[name] = value
        record[LINE_KEY] = str(line_no)
        records.append(record)
    if columns is None:
        raise _NoHeaderError()
    if not records:
        raise SpreadsheetError("В файле нет ни одной строки с учениками.")
    return records
