"""Section 5, the meetings: a table of any reasonable shape, or labelled paragraphs
(«Заседание № 1», «Дата проведения: ноябрь», «Место проведения: …», «Тема: …»)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import groupby

from flask_babel import gettext as _

from olympiad.plan.ledger import Ledger
from olympiad.plan.reading import Line
from olympiad.plan.tables import MEETING_MEANINGS, cell, meaning_of, read_table
from olympiad.plan.wording import points, quotes_ok, unquote

_LABELS = {key: label for key, label, _ in MEETING_MEANINGS}
_NUMBER = re.compile(r"^\s*(?:№\s*)?(\d{1,3})\s*[.)]?\s*$")
_START = re.compile(
    r"^(?:заседание\s*(?:№\s*)?(?P<a>\d{1,2})|(?P<b>\d{1,2})\s*[-–]?\s*(?:е|ое)?\s*заседание)"
    r"(?:\s*[.:)–-])?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_LABELLED = re.compile(r"^(?P<label>[А-ЯЁа-яё][^:«»\"]{1,40}?)\s*:\s*(?P<value>.*)$")
_STANDARD = ("number", "planned_when", "venue_text", "topic", "practical_part")
_STANDARD += ("theoretical_points", "responsible")


@dataclass
class ParsedMeeting:
    number: int
    planned_when: str
    venue_text: str
    topic: str
    practical_part: str
    theoretical_points: list[str] = field(default_factory=list)
    responsible: str = ""


def _flat(text: str) -> str:
    return " ".join(text.split())


def _people(text: str) -> str:
    return ", ".join(part for part in (_flat(p).strip(" ,;") for p in text.split("\n")) if part)


def read_meetings(
    body: list[Line], ledger: Ledger, warnings: list[str], errors: list[str], docx: bool
) -> list[ParsedMeeting]:
    meetings: list[ParsedMeeting] = []
    count = len(errors)
    for is_table, group in groupby(body, key=lambda line: (line.cells is not None, line.table)):
        group = list(group)
        if is_table[0]:
            _from_table(group, ledger, meetings, warnings, errors, docx)
        else:
            _from_paragraphs(group, ledger, meetings)
    if not meetings and len(errors) == count:
        errors.append(
            _(
                "В разделе «5. План заседаний» нет ни одного заседания: нужна таблица "
                "(№, дата, место, тема…) или абзацы «Заседание № 1», «Дата проведения: …»"
            )
        )
    used: set[int] = set()
    for meeting in meetings:  # numbers as written, unless missing or repeated
        if meeting.number in used or meeting.number <= 0:
            new = max(used, default=0) + 1
            if meeting.number > 0:
                warnings.append(
                    _(
                        "Заседание № %(number)s встречается дважды: второе получит № %(new)s",
                        number=meeting.number,
                        new=new,
                    )
                )
            meeting.number = new
        used.add(meeting.number)
    for meeting in meetings:
        for key in ("planned_when", "venue_text", "topic", "practical_part"):
            if not quotes_ok(getattr(meeting, key)):
                warnings.append(
                    _(
                        "Заседание %(number)s, «%(label)s»: непарные кавычки в тексте "
                        "«%(text)s»; текст сохранён как написан",
                        number=meeting.number,
                        label=_LABELS[key],
                        text=getattr(meeting, key),
                    )
                )
        if not meeting.topic:
            warnings.append(_("Заседание %(number)s: тема не найдена", number=meeting.number))
    return meetings


def _default_columns(width: int) -> list[str | None]:
    """A table without a header: the seed's order, and the people responsible after it."""
    return list(_STANDARD[:width]) if width in (6, 7) else [None] * width


def _from_table(rows, ledger: Ledger, meetings: list, warnings, errors, docx: bool) -> None:
    table = read_table(rows, MEETING_MEANINGS, ledger, _default_columns)
    needed = max(table.columns.values(), default=-1) + 1
    data = {id(line) for line in table.rows}
    short = False
    for row_no, line in enumerate(rows, 1):
        width = len(line.cells)
        while width and not line.cells[width - 1].strip():
            width -= 1
        if id(line) in data and width < needed:
            where = _("Строка %(row)s таблицы заседаний", row=row_no)
            if line.where and not docx:
                where += f" ({line.where})"
            if docx:
                fix = _("добавьте недостающие ячейки")
            else:
                fix = _("проверьте табуляции между столбцами")
            errors.append(
                _(
                    "%(where)s: ожидалось %(needed)s столбцов, найдено %(width)s; %(fix)s",
                    where=where,
                    needed=needed,
                    width=width,
                    fix=fix,
                )
            )
            short = True
    if short:
        return
    if not table.columns:
        warnings.append(
            _(
                "В таблице заседаний не найдена строка заголовков (№, Дата проведения, Место "
                "проведения, Тема заседания…): её ячейки не распознаны. Добавьте строку "
                "заголовков."
            )
        )
        return
    for line in table.rows:
        written = cell(line, table, "number")
        number = _NUMBER.match(written)
        meeting = ParsedMeeting(
            number=int(number[1]) if number else 0,
            planned_when=_flat(cell(line, table, "planned_when")),
            venue_text=_flat(cell(line, table, "venue_text")),
            topic=unquote(_flat(cell(line, table, "topic"))),
            practical_part=_flat(cell(line, table, "practical_part")),
            theoretical_points=points(cell(line, table, "theoretical_points")),
            responsible=_people(cell(line, table, "responsible")),
        )
        if not meeting.number:
            meeting.number = max((m.number for m in meetings), default=0) + 1
        meetings.append(meeting)
        for key, column in table.columns.items():
            if key == "number" and written and not number:
                ledger.report(line, _("номер заседания не распознан"), column)
            else:
                ledger.store(
                    line,
                    _("заседание %(number)s: %(label)s", number=meeting.number, label=_LABELS[key]),
                    column,
                )


def _from_paragraphs(lines: list[Line], ledger: Ledger, meetings: list[ParsedMeeting]) -> None:
    """«Заседание № 1» opens a meeting; «Метка: текст» fills a field; lines without a label
    continue the field above. Anything else stays unclaimed (and so is reported)."""
    meeting: ParsedMeeting | None = None
    key: str | None = None
    for line in lines:
        if start := _START.match(line.text):
            meeting = ParsedMeeting(int(start["a"] or start["b"]), "", "", "", "")
            meetings.append(meeting)
            key = None
            if rest := start["rest"].strip():
                labelled = _LABELLED.match(rest)
                if labelled and meaning_of(labelled["label"], MEETING_MEANINGS):
                    key = meaning_of(labelled["label"], MEETING_MEANINGS)
                    _add(meeting, key, labelled["value"])
                else:
                    key = "topic"
                    _add(meeting, key, rest)
            ledger.store(line, _("заседание %(number)s", number=meeting.number))
            continue
        if meeting is None:
            continue
        labelled = _LABELLED.match(line.text)
        found = meaning_of(labelled["label"], MEETING_MEANINGS) if labelled else None
        if labelled and found and found != "number":
            key = found
            _add(meeting, key, labelled["value"])
        elif labelled:
            key = None  # an unknown label: reported, and the lines below it too
            continue
        elif key is not None:
            _add(meeting, key, line.text)
        else:
            continue
        ledger.store(
            line, _("заседание %(number)s: %(label)s", number=meeting.number, label=_LABELS[key])
        )


def _add(meeting: ParsedMeeting, key: str, text: str) -> None:
    text = _flat(text)
    if not text:
        return
    if key == "theoretical_points":
        meeting.theoretical_points.extend(points(text))
    elif key == "topic":
        meeting.topic = unquote(f"{meeting.topic} {text}".strip())
    elif key == "responsible":
        meeting.responsible = ", ".join(filter(None, [meeting.responsible, text.strip(" ,;")]))
    else:
        setattr(meeting, key, f"{getattr(meeting, key)} {text}".strip())
