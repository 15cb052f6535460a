"""Read the association's annual work plan (text or .docx) into plain dataclasses.

What the result keeps, so that forms and the PDF can put the punctuation back uniformly:
- the theme and the meeting topics: the text inside their outer «» quotes, as written;
- objectives, direction items, work between meetings, theoretical points: without their
  list number or marker ("1.", "-", "•", "1)") and without one final "." / ";" / ",", the
  first letters of one list in one case;
- the title and the goal: without a final "."; the venue: exactly as written (the caller
  matches it to the school registry with `match_school`);
- the headings of the sections as written, sections after the sixth as chapters, and a
  signature after the last section («Руководитель РМО … /подпись/») as the plan's author.

Nothing is dropped silently: `ParsedPlan.fragments` lists every non-empty line or cell of
the source with what it became, and those not recognised are reported in the preview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from olympiad.plan import wording
from olympiad.plan.items import read_directions, read_items
from olympiad.plan.ledger import REPORTED, Fragment, Ledger
from olympiad.plan.matching import match_school
from olympiad.plan.meetings import ParsedMeeting, read_meetings
from olympiad.plan.reading import (
    Line,
    PlanImportError,
    decode_text,
    docx_lines,
    is_docx,
    text_lines,
)
from olympiad.plan.sections import SECTIONS, Section, signature, split
from olympiad.plan.wording import ParsedItem, strip_end, unquote
from olympiad.text import check_text

__all__ = [
    "ParsedChapter",
    "ParsedDirection",
    "ParsedItem",
    "ParsedMeeting",
    "ParsedPlan",
    "PlanImportError",
    "match_school",
    "parse_plan_docx",
    "parse_plan_file",
    "parse_plan_text",
]

_YEAR = re.compile(r"(?<!\d)(\d{4})\s*[-–—/]\s*(\d{4}|\d{2})(?!\d)")


@dataclass
class ParsedDirection:
    number: str  # "4.1"
    title: str
    items: list[str] = field(default_factory=list)


@dataclass
class ParsedChapter:
    """A section after the sixth («7. Самообразование»), kept with its heading as written."""

    number: str
    heading: str
    items: list[str] = field(default_factory=list)


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
    headings: dict[str, str] = field(default_factory=dict, compare=False)
    chapters: list[ParsedChapter] = field(default_factory=list, compare=False)
    author: str = field(default="", compare=False)
    fragments: list[Fragment] = field(default_factory=list, compare=False, repr=False)

    @property
    def unrecognised(self) -> list[Fragment]:
        return [fragment for fragment in self.fragments if fragment.kind == REPORTED]


def parse_plan_file(filename: str, data: bytes) -> ParsedPlan:
    """Parse an uploaded plan; the content decides the format, not the file name."""
    if is_docx(filename, data):
        return parse_plan_docx(data)
    return parse_plan_text(decode_text(data))


def parse_plan_text(text: str) -> ParsedPlan:
    if not text.strip():
        raise PlanImportError([_("Файл пуст")])
    return _parse(_checked(text_lines(text)), docx=False)


def parse_plan_docx(data: bytes) -> ParsedPlan:
    lines = docx_lines(data)
    if not lines:
        raise PlanImportError([_("Файл пуст")])
    return _parse(_checked(lines), docx=True)


def _at(line: Line) -> str:
    return f" ({line.where})" if line.where else ""


def _checked(lines: list[Line]) -> list[Line]:
    """Refuse the file when any line holds a character no database or document can take."""
    problems = [f"{problem}{_at(line)}" for line in lines if (problem := check_text(line.text))]
    if problems:
        raise PlanImportError(problems[:20])
    return lines


def _parse(lines: list[Line], *, docx: bool) -> ParsedPlan:
    ledger = Ledger(lines)
    preamble, sections = split(lines, ledger)
    errors: list[str] = []
    warnings: list[str] = []
    if not sections:
        headings = ("Методическая тема", "Цель", "Задачи", "Основные направления деятельности")
        headings += ("План заседаний", "Работа между заседаниями")  # what the file must hold
        errors.append(
            _(
                "Не найден ни один раздел плана. Разделы начинаются строками %(headings)s.",
                headings=", ".join(f"«{heading}»" for heading in headings),
            )
        )
    author = signature(sections, ledger)
    title, year = _title_and_year(preamble, ledger, errors, warnings)
    by_key = {section.key: section for section in sections if section.key != "chapter"}
    if sections:
        # a missing heading would pour its text into the section above: refuse, and say so
        for key, label, _number, _pattern in SECTIONS:
            if key not in by_key:
                errors.append(_("Не найден раздел «%(label)s»", label=label))
            elif not by_key[key].inline and not by_key[key].body:
                errors.append(_("Раздел «%(label)s» пуст", label=label))
    meetings = []
    if "meetings" in by_key:
        meetings = read_meetings(by_key["meetings"].body, ledger, warnings, errors, docx)
        _meeting_paragraphs(by_key["meetings"], ledger, docx)
    if errors:
        raise PlanImportError(errors)

    def text_of(key: str, role: str) -> str:
        section = by_key.get(key)
        if section is None:
            return ""
        for line in section.body:
            ledger.store(line, role)
        return " ".join([section.inline] + [line.text for line in section.body]).strip()

    theme = unquote(text_of("theme", _("методическая тема")))
    goal = strip_end(text_of("goal", _("цель")))
    for label, text in (("Методическая тема", theme), ("Цель", goal)):
        if not wording.quotes_ok(text):
            warnings.append(
                _(
                    "%(label)s: непарные кавычки в тексте «%(text)s»",
                    label=label,
                    text=wording.short(text),
                )
            )

    def items_of(key: str, role: str) -> list[ParsedItem]:
        section = by_key.get(key)
        if section is None:
            return []
        return read_items(section.lines(), ledger, role, warnings)

    directions = []
    if "directions" in by_key:
        directions = [
            ParsedDirection(number, title, items)
            for number, title, items in read_directions(by_key["directions"], ledger, warnings)
        ]
    chapters = [
        ParsedChapter(s.number, s.heading, read_items(
            s.lines(), ledger, _("раздел %(number)s, пункт", number=s.number), warnings))
        for s in sections if s.key == "chapter"
    ]  # fmt: skip
    plan = ParsedPlan(
        title=title,
        academic_year=year,
        theme=theme,
        goal=goal,
        objectives=items_of("objectives", _("задача")),
        directions=directions,
        meetings=meetings,
        between_meetings=items_of("between", _("работа между заседаниями")),
        warnings=warnings,
        headings={s.key: s.heading for s in sections if s.key != "chapter"},
        chapters=chapters,
        author=author,
    )
    plan.fragments = ledger.fragments()
    for fragment in plan.unrecognised:
        warnings.append(
            _(
                "Не распознано и не будет сохранено (%(where)s): «%(text)s» — %(role)s",
                where=fragment.where,
                text=wording.short(fragment.text, 80),
                role=fragment.role,
            )
        )
    return plan


def _meeting_paragraphs(section: Section, ledger: Ledger, docx: bool) -> None:
    """Say why a paragraph of section 5 was not taken, and for a text file how to fix it."""
    reason = _("не строка таблицы заседаний и не «Заседание № …»")
    if not docx:
        reason = _(
            "не строка таблицы заседаний и не «Заседание № …» (в текстовом файле столбцы "
            "таблицы разделяются табуляцией)"
        )
    for line in section.body:
        if line.cells is None and not ledger.claimed(line):
            ledger.report(line, reason)


def _title_and_year(preamble: list[Line], ledger: Ledger, errors, warnings):
    """The title may run over several lines («ПЛАН / работы РМО / на 2020-2021 учебный год»)."""
    texts = [line.text for line in preamble]
    if not texts:
        errors.append(_("Не найден заголовок плана («План работы … на 2020-2021 учебный год»)"))
        return "", ""
    start = next((i for i, text in enumerate(texts) if re.search(r"\bплан\b", text, re.I)), 0)
    end = start
    year_at = next(
        (i for i in range(start, min(start + 5, len(texts))) if _YEAR.search(texts[i])), None
    )
    if year_at is not None:
        end = year_at
    title = strip_end(" ".join(texts[start : end + 1]))
    first, _space, rest = title.partition(" ")
    if len(first) > 3 and first.isupper() and rest and not rest.isupper():
        title = f"{first.capitalize()} {rest}"
    for i, line in enumerate(preamble):
        if start <= i <= end:
            ledger.store(line, _("заголовок плана"))
        else:
            ledger.report(line, _("текст вне разделов плана (гриф, шапка)"))
    match = _YEAR.search(title) or next(filter(None, map(_YEAR.search, texts)), None)
    if match is None:
        errors.append(_("В заголовке не найден учебный год (например, «2020-2021»)"))
        return title, ""
    first_year, second = int(match[1]), int(match[2])
    second += first_year // 100 * 100 if second < 100 else 0
    if second != first_year + 1:
        errors.append(
            _("Учебный год «%(year)s» указан неверно: годы должны идти подряд", year=match[0])
        )
    return title, f"{first_year}-{second}"
