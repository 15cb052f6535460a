"""Cut a plan's lines into its sections: the headings 1–6 as people write them, the numbered
sections after the sixth («7. Самообразование»), and the signature under the last one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from olympiad.plan.ledger import Ledger
from olympiad.plan.reading import Line
from olympiad.plan.wording import strip_end

# (key, label for messages, heading words); the number is optional because Word's
# automatic numbering may not reach the text (a .txt saved from Word).
_NUMBERED = r"^(?:(?P<n>\d{1,2})\s*[.)]\s*)?"
SECTIONS = [
    (key, label, n, re.compile(_NUMBERED + rf"(?P<head>{kw})(?P<rest>.*)$", re.I))
    for key, label, n, kw in (
        ("theme", "1. Методическая тема", 1, r"(?:(?:единая|общая)\s+)?(?:методическая\s+)?тема\b"),
        ("goal", "2. Цель", 2, r"(?:основная\s+)?цел[ьи]\b"),
        ("objectives", "3. Задачи", 3, r"(?:основные\s+)?задачи\b"),
        ("directions", "4. Основные направления деятельности", 4,
         r"(?:основные\s+)?направления\b"),
        ("meetings", "5. План заседаний", 5,
         r"(?:(?:план|график|тематика|содержание)\s+)?заседани[йя]\b"),
        ("between", "6. Работа между заседаниями", 6,
         r"(?:работа\s+(?:между\s+заседаниями|в\s+межсекционный\s+период)|межсекционная\s+работа)"),
    )
]  # fmt: skip
_CHAPTER = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s*(?P<head>[А-ЯЁA-Z«\"].{0,150})(?P<rest>)$")
_ITEM_NO = re.compile(r"^(\d{1,2})\s*[.)]")
_SIGNATURE = re.compile(
    r"^(?:руководител|председател|составил|исполнител|заведующ|секретар)\w*\b"
    r"|/\s*подпись\s*/|\(подпись\)|_{3,}",
    re.IGNORECASE,
)


@dataclass
class Section:
    key: str  # a key of SECTIONS, or "chapter"
    number: str
    heading: str
    inline: str
    body: list[Line] = field(default_factory=list)

    def lines(self) -> list[Line]:
        """The section's text: what follows its heading on the heading's line, then the body."""
        head = [Line(self.inline, None, _("заголовок раздела"))] if self.inline else []
        return head + self.body


def _heading(match: re.Match, line: Line) -> Section:
    rest = match["rest"]
    head, inline = (match["head"] + rest).strip(), ""
    if ":" in rest:
        before, inline = rest.split(":", 1)
        head = (match["head"] + before).strip()
    return Section("", match["n"] or "", strip_end(head.rstrip(":").strip()), inline.strip())


def split(lines: list[Line], ledger: Ledger) -> tuple[list[Line], list[Section]]:
    """Cut the document at the headings 1–6 (each looked for after the previous one) and at
    the numbered headings that follow them («7. …», «8. …»)."""
    preamble: list[Line] = []
    sections: list[Section] = []
    body, start, last_item = preamble, 0, 0
    for line in lines:
        found = None
        for index in range(start, len(SECTIONS)) if line.cells is None else ():
            key, _label, number, pattern = SECTIONS[index]
            match = pattern.match(line.text)
            if match and (not match["n"] or int(match["n"]) == number):
                found, start = _heading(match, line), index + 1
                found.key, found.number = key, found.number or str(number)
                break
        if found is None and sections and line.cells is None:
            next_number = int(sections[-1].number) + 1 if sections[-1].number.isdigit() else 0
            match = _CHAPTER.match(line.text)
            if match and int(match["n"]) == next_number >= 7 and last_item != next_number - 1:
                found = _heading(match, line)
                found.key, start = "chapter", len(SECTIONS)
        if found is not None:
            if found.inline:
                role = _("заголовок раздела %(number)s и текст раздела", number=found.number)
            else:
                role = _("заголовок раздела %(number)s", number=found.number)
            ledger.store(line, role)
            sections.append(found)
            body, last_item = found.body, 0
            continue
        if line.cells is None and (item_no := _ITEM_NO.match(line.text)):
            last_item = int(item_no[1])
        body.append(line)
    return preamble, sections


def signature(sections: list[Section], ledger: Ledger) -> str:
    """Lines from the first signature line to the end of the last section: the author."""
    if not sections:
        return ""
    body = sections[-1].body
    start = next(
        (
            i
            for i, line in enumerate(body)
            if _SIGNATURE.search(line.text) and all(len(other.text) <= 100 for other in body[i:])
        ),
        None,
    )
    if start is None:
        return ""
    tail, body[start:] = body[start:], []
    parts = []
    for line in tail:
        text = re.sub(r"/\s*подпись\s*/|\(подпись\)|_{2,}", " ", line.text, flags=re.IGNORECASE)
        text = " ".join(text.replace("/", " ").split()).strip(" :–-")
        parts += [text] if text else []
        ledger.store(line, _("подпись: составитель плана"))
    return "; ".join(parts)
