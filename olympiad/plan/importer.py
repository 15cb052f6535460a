"""Read the association's annual work plan (text or .docx) into plain dataclasses.

What the result keeps, so that forms and the PDF can put the punctuation back uniformly:
- the theme and the meeting topics: the text inside their outer «» quotes, as written;
- objectives, direction items, work between meetings, theoretical points: without their
  list number or marker ("1.", "-", "•") and without one final "." / ";" / ",";
- the title and the goal: without a final "."; the venue: exactly as written (the caller
  matches it to the school registry with `match_school`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from olympiad.plan.matching import match_school
from olympiad.plan.reading import (
    Line,
    PlanImportError,
    decode_text,
    docx_lines,
    is_docx,
    text_lines,
)
from olympiad.text import check_text

__all__ = [
    "ParsedDirection",
    "ParsedMeeting",
    "ParsedPlan",
    "PlanImportError",
    "match_school",
    "parse_plan_docx",
    "parse_plan_file",
    "parse_plan_text",
]

MEETING_COLUMNS = (
    "№",
    "Дата проведения",
    "Место проведения",
    "Тема заседания",
    "Практическая часть",
    "Теоретическая часть",
)
_COLUMN_STEMS = ("№", "дата", "место", "тема", "практ", "теорет")

# (key, label for messages, heading pattern); the number is optional because Word's
# automatic numbering does not reach the paragraph text.
_SECTIONS = [
    (key, label, re.compile(rf"^(?:{n}\s*[.)]\s*)?{kw}(?P<rest>.*)$", re.IGNORECASE))
    for key, label, n, kw in (
        ("theme", "1. Методическая тема", 1, r"(?:методическая\s+)?тема\b"),
        ("goal", "2. Цель", 2, r"цель\b"),
        ("objectives", "3. Задачи", 3, r"задачи\b"),
        ("directions", "4. Основные направления деятельности", 4, r"(?:основные\s+)?направления\b"),
        ("meetings", "5. План заседаний", 5, r"план\s+заседаний\b"),
        ("between", "6. Работа между заседаниями", 6, r"работа\s+между\s+заседаниями\b"),
    )
]
_LABEL = {key: label for key, label, _ in _SECTIONS}
_DIRECTION = re.compile(r"^4\.(\d{1,2})\.?\s*(.+)$")
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*[-–—/]\s*(\d{4}|\d{2})(?!\d)")
_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[-–—•·*▪])\s*")
_POINT = re.compile(r"(?:^|(?<=\s))(\d{1,2})[.)]\s+")
# a final dot that belongs to an abbreviation or an ellipsis stays
_KEEP_DOT = re.compile(r"(?:\.\.|…|\bт\.\s?[дп]|\b(?:др|пр|г|гг|вв|см))\.$", re.IGNORECASE)


@dataclass
class ParsedDirection:
    number: str  # "4.1"
    title: str
    items: list[str] = field(default_factory=list)


@dataclass
class ParsedMeeting:
    number: int
    planned_when: str
    venue_text: str
    topic: str
    practical_part: str
    theoretical_points: list[str] = field(default_factory=list)


@dataclass
class ParsedPlan:
    title: str
    academic_year: str  # "2020-2021"
    theme: str
    goal: str
    objectives: list[str]
    directions: list[ParsedDirection]
    meetings: list[ParsedMeeting]
    between_meetings: list[str]
    warnings: list[str] = field(default_factory=list)


def parse_plan_file(filename: str, data: bytes) -> ParsedPlan:
    """Parse an uploaded plan; the content decides the format, not the file name."""
    if is_docx(filename, data):
        return parse_plan_docx(data)
    return parse_plan_text(decode_text(data))


def parse_plan_text(text: str) -> ParsedPlan:
    if not text.strip():
        raise PlanImportError(["Файл пуст"])
    return _parse(_checked(text_lines(text)))


def parse_plan_docx(data: bytes) -> ParsedPlan:
    lines = docx_lines(data)
    if not lines:
        raise PlanImportError(["Файл пуст"])
    return _parse(_checked(lines))


def _checked(lines: list[Line]) -> list[Line]:
    """Refuse the file when any line holds a character no database or document can take."""
    problems = [f"{problem}{_at(line)}" for line in lines if (problem := check_text(line.text))]
    if problems:
        raise PlanImportError(problems[:20])
    return lines


def _at(line: Line) -> str:
    return f" ({line.where})" if line.where else ""


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _strip_end(text: str) -> str:
    text = text.strip()
    if text.endswith((";", ",")) or (text.endswith(".") and not _KEEP_DOT.search(text)):
        text = text[:-1].rstrip()
    return text


def _item(text: str) -> str:
    return _strip_end(_MARKER.sub("", " ".join(text.split()), count=1))


def _unquote(text: str) -> str:
    """Drop a final "." and the outer quotes, if the first quote closes at the very end."""
    text = _strip_end(text)
    if len(text) > 1 and text[0] == "«" and text[-1] == "»":
        depth = 0
        for position, char in enumerate(text):
            depth += {"«": 1, "»": -1}.get(char, 0)
            if depth == 0:
                return text[1:-1].strip() if position == len(text) - 1 else text
    if len(text) > 1 and (text[0], text[-1]) in {('"', '"'), ("“", "”"), ("„", "“")}:
        return text[1:-1].strip()
    return text


def _quotes_ok(text: str) -> bool:
    return text.count("«") == text.count("»") and text.count('"') % 2 == 0


def _points(text: str) -> list[str]:
    """Split "1. A 2. B." into ["A", "B"]; only a run numbered 1, 2, 3… from the start counts."""
    text = text.strip()
    cuts = []
    for match in _POINT.finditer(text):
        if int(match[1]) == len(cuts) + 1 and (cuts or match.start() == 0):
            cuts.append(match)
    if not cuts:
        parts = text.split("\n")
    else:
        ends = [cut.start() for cut in cuts[1:]] + [len(text)]
        parts = [text[cut.end() : end] for cut, end in zip(cuts, ends, strict=True)]
    return [point for point in map(_item, parts) if point]


def _split_sections(lines: list[Line]) -> tuple[list[Line], dict[str, tuple[str, list[Line]]]]:
    """Cut the document at the headings 1–6; each heading is looked for after the previous."""
    preamble: list[Line] = []
    sections: dict[str, tuple[str, list[Line]]] = {}
    body, start = preamble, 0
    for line in lines:
        for index in range(start, len(_SECTIONS)) if line.cells is None else ():
            key, _, pattern = _SECTIONS[index]
            if match := pattern.match(line.text):
                rest = match["rest"]
                body, start = [], index + 1
                sections[key] = (rest.split(":", 1)[1].strip() if ":" in rest else "", body)
                break
        else:
            body.append(line)
    return preamble, sections


def _parse(lines: list[Line]) -> ParsedPlan:
    preamble, sections = _split_sections(lines)
    errors = [f"Не найден раздел «{label}»" for key, label, _ in _SECTIONS if key not in sections]
    warnings: list[str] = []
    title, year = _title_and_year(preamble, errors, warnings)
    texts = {
        key: ([inline] if inline else []) + [line.text for line in body]
        for key, (inline, body) in sections.items()
    }
    for key, parts in texts.items():
        if not parts:
            errors.append(f"Раздел «{_LABEL[key]}» пуст")
    theme = _unquote(" ".join(texts.get("theme", [])))
    goal = _strip_end(" ".join(texts.get("goal", [])))
    for label, text in (("Методическая тема", theme), ("Цель", goal)):
        if not _quotes_ok(text):
            warnings.append(f"{label}: непарные кавычки в тексте «{_short(text)}»")
    directions = (
        _directions(sections["directions"][1], errors, warnings) if "directions" in sections else []
    )
    meetings = (
        _meetings(sections["meetings"][1], errors, warnings) if "meetings" in sections else []
    )
    if errors:
        raise PlanImportError(errors)
    return ParsedPlan(
        title=title,
        academic_year=year,
        theme=theme,
        goal=goal,
        objectives=[item for item in map(_item, texts["objectives"]) if item],
        directions=directions,
        meetings=meetings,
        between_meetings=[item for item in map(_item, texts["between"]) if item],
        warnings=warnings,
    )


def _title_and_year(preamble: list[Line], errors: list[str], warnings: list[str]):
    texts = [line.text for line in preamble]
    index = next((i for i, text in enumerate(texts) if re.search(r"\bплан\b", text, re.I)), 0)
    if not texts:
        errors.append("Не найден заголовок плана («План работы … на 2020-2021 учебный год»)")
        return "", ""
    title = _strip_end(texts[index])
    warnings.extend(
        f"Пропущен текст перед разделом 1: «{_short(text)}»"
        for i, text in enumerate(texts)
        if i != index
    )
    match = _YEAR.search(title) or next(filter(None, map(_YEAR.search, texts)), None)
    if match is None:
        errors.append("В заголовке не найден учебный год (например, «2020-2021»)")
        return title, ""
    first, second = int(match[1]), int(match[2])
    second += first // 100 * 100 if second < 100 else 0
    if second != first + 1:
        errors.append(f"Учебный год «{match[0]}» указан неверно: годы должны идти подряд")
    return title, f"{first}-{second}"


def _directions(body: list[Line], errors: list[str], warnings: list[str]):
    label = _LABEL["directions"]
    directions: list[ParsedDirection] = []
    for line in body:
        if match := _DIRECTION.match(line.text):
            title = match[2].strip().rstrip(".:").strip()
            directions.append(ParsedDirection(f"4.{match[1]}", title))
        elif directions:
            if item := _item(line.text):
                directions[-1].items.append(item)
        else:
            errors.append(
                f"Раздел «{label}»{_at(line)}: текст «{_short(line.text)}» стоит до первого "
                "направления (ожидалось «4.1. Название направления»)"
            )
    if body and not directions:
        errors.append(f"В разделе «{label}» нет ни одного направления вида «4.1. Название»")
    for position, direction in enumerate(directions, 1):
        if direction.number != f"4.{position}":
            warnings.append(f"Направление {direction.number} стоит {position}-м по порядку")
        if not direction.items:
            warnings.append(f"Направление {direction.number} «{direction.title}» без пунктов")
    return directions


def _meetings(body: list[Line], errors: list[str], warnings: list[str]):
    label, errors_before = _LABEL["meetings"], len(errors)
    rows = [line for line in body if line.cells is not None]
    for line in body:
        if line.cells is None:
            errors.append(
                f"Раздел «{label}»{_at(line)}: «{_short(line.text)}» — не строка таблицы "
                "(столбцы разделяются табуляцией)"
            )
    header = rows[0].cells if rows and rows[0].cells[0].startswith("№") else None
    if header is not None:
        header = _trim(header)
        if len(header) != len(MEETING_COLUMNS):
            errors.append(
                f"Заголовок таблицы заседаний: ожидалось 6 столбцов, найдено {len(header)}"
            )
        for column, (cell, stem) in enumerate(zip(header, _COLUMN_STEMS, strict=False), 1):
            if not cell.lower().startswith(stem):
                errors.append(
                    f"Столбец {column} таблицы заседаний называется «{cell}», "
                    f"ожидалось «{MEETING_COLUMNS[column - 1]}»"
                )
    meetings: list[ParsedMeeting] = []
    first = 1 if header is not None else 0
    for row_no, line in enumerate(rows[first:], first + 1):
        where = f"Строка {row_no} таблицы заседаний{_at(line)}"
        cells = _trim(line.cells)
        if len(cells) != len(MEETING_COLUMNS):
            errors.append(f"{where}: ожидалось 6 столбцов, найдено {len(cells)}")
            continue
        number = re.fullmatch(r"(\d{1,3})\s*[.)]?", cells[0])
        if number is None:
            errors.append(f"{where}: номер заседания «{cells[0]}» — не число")
            continue
        if any(meeting.number == int(number[1]) for meeting in meetings):
            errors.append(f"{where}: заседание № {number[1]} уже есть в таблице")
            continue
        flat = [" ".join(cell.split()) for cell in cells]
        meeting = ParsedMeeting(
            int(number[1]), flat[1], flat[2], _unquote(flat[3]), flat[4], _points(cells[5])
        )
        meetings.append(meeting)
        for column, text in zip(MEETING_COLUMNS[1:], flat[1:], strict=True):
            if not _quotes_ok(text):
                warnings.append(
                    f"Заседание {meeting.number}, «{column}»: непарные кавычки в тексте "
                    f"«{text}»; текст сохранён как написан"
                )
    if not meetings and len(errors) == errors_before:
        errors.append(f"В разделе «{label}» нет ни одного заседания")
    return meetings


def _trim(cells: list[str]) -> list[str]:
    """Drop empty cells past the sixth: editors leave trailing tabs."""
    cells = list(cells)
    while len(cells) > len(MEETING_COLUMNS) and not cells[-1]:
        cells.pop()
    return cells
