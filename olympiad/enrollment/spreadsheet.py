"""Enrollment spreadsheets (XLSX or CSV, read by olympiad.uploads): header, rows, warnings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from flask_babel import gettext as _

from olympiad.enrollment.columns import FIELDS, HEADERS, LINE_KEY
from olympiad.enrollment.validation import ImportPreview, RowResult, StudentData, validate_rows
from olympiad.enrollment.values import fold
from olympiad.enrollment.workbooks import export_xlsx, neutralize, template_xlsx
from olympiad.uploads import MAX_BYTES, MAX_LINES, UploadRefused, read_sheets

__all__ = [  # the import API in one place; validation and workbooks live next door
    "ImportPreview",
    "RowResult",
    "SpreadsheetError",
    "StudentData",
    "export_xlsx",
    "field_for",
    "neutralize",
    "read_rows",
    "read_table",
    "template_xlsx",
    "validate_rows",
]

MAX_ROWS = 10_000
HEADER_SCAN_ROWS = 10

REQUIRED_COLUMNS = ("grade_studied", "consent_processing")
SpreadsheetError = UploadRefused  # the name the areas know


def read_rows(
    filename: str, data: bytes, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS
) -> list[dict[str, str]]:
    """Rows keyed by FIELDS (plus LINE_KEY), from XLSX or CSV told apart by content."""
    return read_table(filename, data, max_bytes=max_bytes, max_rows=max_rows).rows


def read_table(
    filename: str, data: bytes, *, max_bytes: int = MAX_BYTES, max_rows: int = MAX_ROWS
) -> Table:
    """The rows, and what the header left out: the first of five sheets with a header."""
    sheets = read_sheets(
        filename,
        data,
        max_bytes=max_bytes,
        max_lines=max(MAX_LINES, 2 * max_rows),
        max_sheets=5,
        known=field_for,
    )
    try:
        for grid in sheets:
            try:
                return _records(grid, max_rows)
            except _NoHeaderError:
                continue
    finally:
        sheets.close()
    raise _NoHeaderError()


# words of a consent header before what it is about: «Согласие родителя на …», «Разрешение на …»
_CONSENT_WORDS = frozenset(
    [
        "согласие",
        "согласия",
        "разрешение",
        "разрешения",
        "письменное",
        "родителя",
        "родителей",
        "родительское",
        "законного",
        "законных",
        "представителя",
        "представителей",
        "на",
    ]
)
_CONSENT_TOPICS = ("обработ", "пдн", "персональн", "публик", "опубл", "размещ", "согласи", "разреш")
OPTIONAL_CONSENTS = ("consent_publication", "consent_work_publication")


def field_for(header: str) -> str | None:
    """Which field a header names, tolerant of case, ё, spacing, punctuation and the wordings
    people use («Согласие на публикацию работы», «Публикация результатов», «ПДн»)."""
    h = " ".join(re.sub(r"[^\w]+", " ", fold(header)).split())
    if not h:
        return None
    if h.replace(" ", "_") in FIELDS:
        return h.replace(" ", "_")
    if any(topic in h for topic in _CONSENT_TOPICS):
        return _consent_for(h)
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


def _consent_for(h: str) -> str | None:
    words = h.split()
    while words and words[0] in _CONSENT_WORDS:
        words.pop(0)
    rest = " ".join(words)
    if "обработ" in rest or "пдн" in words or "персональн" in rest:
        return "consent_processing"
    if not any(w in rest for w in ("публик", "опубл", "размещ")):
        return None  # a bare «Согласие» names no consent
    if "результат" in rest:
        return "consent_publication"
    return "consent_work_publication" if "работ" in rest else "consent_publication"


@dataclass(frozen=True)
class Table:
    """The rows of an enrollment file, and what its header left out."""

    rows: list[dict[str, str]]
    ignored: list[str] = field(default_factory=list)  # unrecognised non-empty columns
    missing_consents: list[str] = field(default_factory=list)  # OPTIONAL_CONSENTS absent


class _NoHeaderError(SpreadsheetError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Не найдена строка заголовков. В первой строке должны быть столбцы "
                "%(columns)s. Скачайте шаблон и заполните его.",
                columns=", ".join(
                    f"«{HEADERS[f]}»" for f in ("surname", "name", *REQUIRED_COLUMNS)
                ),
            )
        )


def _header(row: Sequence[str]) -> dict[int, str] | None:
    columns = {i: f for i, f in enumerate(map(field_for, row)) if f}
    found = set(columns.values())
    if not ({"surname", "name"} <= found or "fio" in found):
        return None
    for name in found:
        if list(columns.values()).count(name) > 1:
            label = "ФИО" if name == "fio" else HEADERS[name]  # as the header has it
            raise SpreadsheetError(
                _("Столбец «%(name)s» встречается в заголовке дважды.", name=label)
            )
    missing = [HEADERS[f] for f in REQUIRED_COLUMNS if f not in found]
    if missing:
        raise SpreadsheetError(
            _("В файле нет столбцов: %(columns)s", columns=", ".join(f"«{m}»" for m in missing))
        )
    if "fio" in found and "surname" in found:
        columns = {i: f for i, f in columns.items() if f != "fio"}
    return columns


def _records(grid: Iterable[tuple[int, list[str]]], max_rows: int) -> Table:
    columns = None
    header: Sequence[str] = ()
    records = []
    filled: set[int] = set()  # columns with any text below the header
    for line_no, row in grid:
        if columns is None:
            if line_no > HEADER_SCAN_ROWS:
                break
            columns, header = _header(row), row
            continue
        if not any(v.strip() for v in row):
            continue
        if len(records) >= max_rows:
            raise SpreadsheetError(_("В файле больше %(count)s строк с учениками.", count=max_rows))
        filled.update(i for i, v in enumerate(row) if v.strip())
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
        raise SpreadsheetError(_("В файле нет ни одной строки с учениками."))
    found = set(columns.values())
    ignored = [
        " ".join(header[i].split())[:80] if i < len(header) and header[i].strip() else _letter(i)
        for i in sorted(filled | {i for i, v in enumerate(header) if v.strip()})
        if i not in columns
    ]
    missing = [name for name in OPTIONAL_CONSENTS if name not in found]
    return Table(records, ignored, missing)


def _letter(index: int) -> str:
    """The spreadsheet's name of a column without a header: A, B, ..., AN."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return _("столбец %(letter)s", letter=name)
