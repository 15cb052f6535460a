"""Read a table of the plan by the meaning of its columns, whatever their order and wording.

One or two header rows (a merged «Содержание заседания» over «Тема», «Практическая часть»…),
title rows across the table, columns nobody expected: each header is matched to a meaning by
the words people use; a column without a meaning is reported, cell by cell, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import gettext as _

from olympiad.plan.ledger import Ledger
from olympiad.plan.reading import Line

Meaning = tuple[str, str, re.Pattern]  # (field, label for people, header pattern)


def _meanings(*rows: tuple[str, str, str]) -> tuple[Meaning, ...]:
    return tuple((key, label, re.compile(pattern, re.IGNORECASE)) for key, label, pattern in rows)


_NUMBER = ("number", "№", r"^(?:№|n\b|no\b|номер|п\s*/\s*п)")
_RESPONSIBLE = ("responsible", "Ответственные", r"ответств|исполнител|выступа|докладчик")
MEETING_MEANINGS = _meanings(
    _NUMBER,
    ("planned_when", "Дата проведения", r"дата|срок|время|месяц|когда"),
    ("venue_text", "Место проведения", r"место|база|площадк|где\b"),
    ("topic", "Тема заседания", r"тема"),
    ("practical_part", "Практическая часть", r"практ"),
    ("theoretical_points", "Теоретическая часть", r"теорет|вопрос|повестк"),
    _RESPONSIBLE,
)
ITEM_MEANINGS = _meanings(
    _NUMBER,
    (
        "text",
        "Содержание",
        r"содержани|мероприят|наименовани|вид\w*\s+(?:работ|деятельн)|направлени|задач"
        r"|форм\w*\s+работ|тема|дел[оа]\b|работ[аы]\b",
    ),
    ("planned_when", "Сроки", r"дата|срок|время|месяц|когда"),
    _RESPONSIBLE,
)
_A_NUMBER = re.compile(r"^\s*(?:№\s*)?\d{1,3}\s*[.)]?\s*$")


@dataclass
class ReadTable:
    columns: dict[str, int] = field(default_factory=dict)  # field -> grid column
    rows: list[Line] = field(default_factory=list)  # the data rows
    headers: dict[int, str] = field(default_factory=dict)  # grid column -> header as written


def meaning_of(text: str, meanings: tuple[Meaning, ...]) -> str | None:
    text = " ".join(text.lower().split())
    return next((key for key, _, pattern in meanings if pattern.search(text)), None)


def _fresh_cells(line: Line) -> list[tuple[int, str]]:
    fresh = line.fresh or [True] * len(line.cells or [])
    return [(i, c) for i, (c, new) in enumerate(zip(line.cells or [], fresh, strict=True)) if new]


def is_title_row(line: Line) -> bool:
    """One filled cell spanning at least half of a table of two or more columns."""
    cells = line.cells or []
    filled = [(i, c) for i, c in _fresh_cells(line) if c.strip()]
    if len(cells) < 2 or len(filled) != 1:
        return False
    start = filled[0][0]
    fresh = line.fresh or [True] * len(cells)
    span = 1
    while start + span < len(cells) and not fresh[start + span]:
        span += 1
    return span * 2 >= len(cells) or all(not c.strip() for i, c in enumerate(cells) if i != start)


def _is_header(line: Line, meanings: tuple[Meaning, ...]) -> bool:
    cells = [c for _, c in _fresh_cells(line) if c.strip()]
    if not cells or _A_NUMBER.match(line.cells[0] or ""):
        return False
    return sum(1 for c in cells if meaning_of(c, meanings) and len(c) < 60) >= min(2, len(cells))


def read_table(
    rows: list[Line],
    meanings: tuple[Meaning, ...],
    ledger: Ledger,
    defaults: Callable[[int], list[str | None]],
    on_title: Callable[[Line, str], bool] = lambda line, text: False,
) -> ReadTable:
    """The columns of `rows` (one table) and its data rows; headers and title rows accounted.

    `defaults(width)` gives the fields of the columns when the table has no header row."""
    labels = {key: label for key, label, _ in meanings}
    result = ReadTable()
    header_rows: list[Line] = []
    for line in rows:
        if result.rows or (header_rows and not _is_header(line, meanings)):
            result.rows.append(line)
        elif _is_header(line, meanings):
            header_rows.append(line)
        elif is_title_row(line):
            _title(line, ledger, on_title)
        else:
            result.rows.append(line)
    width = max((len(line.cells or []) for line in rows), default=0)
    for column in range(width):
        for line in reversed(header_rows):
            text = line.cells[column] if column < len(line.cells) else ""
            key = meaning_of(text, meanings) if text else None
            if key and key not in result.columns:
                result.columns[key] = column
                result.headers[column] = text
                break
    for line in header_rows:
        for column, text in _fresh_cells(line):
            if not text.strip():
                continue
            key = meaning_of(text, meanings)
            if result.headers.get(column) == text or (key and result.columns.get(key) == column):
                ledger.structure(
                    line, _("заголовок столбца «%(label)s»", label=labels[key]), column
                )
            elif any(c in result.headers for c in _span(line, column)):
                ledger.structure(line, _("общий заголовок столбцов"), column)
            else:
                result.headers.setdefault(column, text)
                ledger.report(line, _("столбец «%(header)s» не распознан", header=text), column)
    if not header_rows:
        for column, key in enumerate(defaults(width)):
            if key is not None:
                result.columns[key] = column
    known = set(result.columns.values())
    data = []
    for line in result.rows:
        if is_title_row(line):
            _title(line, ledger, on_title)
            continue
        data.append(line)
        for column, text in _fresh_cells(line):
            if column not in known and text.strip():
                header = result.headers.get(column) or _("%(number)s-й", number=column + 1)
                ledger.report(line, _("столбец «%(header)s» не распознан", header=header), column)
    result.rows = data
    return result


def _span(line: Line, column: int) -> list[int]:
    fresh = line.fresh or [True] * len(line.cells)
    span = [column]
    while span[-1] + 1 < len(fresh) and not fresh[span[-1] + 1]:
        span.append(span[-1] + 1)
    return span


def _title(line: Line, ledger: Ledger, on_title: Callable[[Line, str], bool]) -> None:
    text = next(c for _, c in _fresh_cells(line) if c.strip())
    if not on_title(line, text):
        ledger.report(line, _("строка-заголовок внутри таблицы"))


def cell(line: Line, table: ReadTable, key: str) -> str:
    column = table.columns.get(key)
    if column is None or column >= len(line.cells or []):
        return ""
    return line.cells[column]
