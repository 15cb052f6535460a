"""Lists of the plan: objectives, the directions 4.1, 4.2… with their items, the work between
meetings and the sections after the sixth; written as paragraphs or as a table."""

from __future__ import annotations

import re
from itertools import groupby

from flask_babel import gettext as _

from olympiad.plan.ledger import Ledger
from olympiad.plan.reading import Line
from olympiad.plan.tables import ITEM_MEANINGS, cell, read_table
from olympiad.plan.wording import ParsedItem, has_marker, inline_points, item, same_case

_DIRECTION = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s*(\S.*)$")
_LABELS = {key: label for key, label, _ in ITEM_MEANINGS}
_A_NUMBER = re.compile(r"^\s*(?:№\s*)?\d{1,3}\s*[.)]?\s*$")


def _item_columns(width: int) -> list[str | None]:
    """A list written as a table without a header: text, or number and text."""
    return ["text"] if width == 1 else ["number", "text"] + [None] * (width - 2)


def read_items(body: list[Line], ledger: Ledger, role: str, warnings: list[str]) -> list:
    items: list[ParsedItem] = []
    marked = False  # the item above began with "1." or "–": an unmarked line continues it
    for is_table, group in groupby(body, key=lambda line: (line.cells is not None, line.table)):
        group = list(group)
        if is_table[0]:
            _table_items(group, ledger, role, items)
            marked = False
            continue
        for line in group:
            text = line.text
            if items and marked and not has_marker(text) and text[:1].islower():
                last = items[-1]
                items[-1] = ParsedItem(item(f"{last} {text}"), last.planned_when, last.responsible)
                ledger.store(
                    line, _("%(role)s %(number)s (продолжение)", role=role, number=len(items))
                )
                continue
            new = [ParsedItem(point) for point in inline_points(text)]
            if new:
                span = f"{len(items) + 1}–{len(items) + len(new)}" if len(new) > 1 else ""
                ledger.store(line, f"{role} {span or len(items) + 1}")
                items.extend(new)
            marked = has_marker(text)
    return _one_case(items)


def _one_case(items: list[ParsedItem]) -> list[ParsedItem]:
    return [
        ParsedItem(text, old.planned_when, old.responsible)
        for text, old in zip(same_case([str(i) for i in items]), items, strict=True)
    ]


def _table_items(rows: list[Line], ledger: Ledger, role: str, items: list) -> None:
    table = read_table(rows, ITEM_MEANINGS, ledger, _item_columns)
    for line in table.rows:
        text = item(cell(line, table, "text"))
        if not text:
            continue
        new = ParsedItem(
            text,
            " ".join(cell(line, table, "planned_when").split()),
            ", ".join(
                filter(None, (p.strip(" ,;") for p in cell(line, table, "responsible").split("\n")))
            ),
        )
        items.append(new)
        for key, column in table.columns.items():
            written = cell(line, table, key)
            if key == "number" and written and not _A_NUMBER.match(written):
                continue  # not a number: stays unclaimed, so it is reported
            ledger.store(line, f"{role} {len(items)}: {_LABELS[key].lower()}", column)


def read_directions(section, ledger: Ledger, warnings: list[str]):
    """(number, title, items) of each direction «4.1. Название» and the lines below it."""
    lines = section.lines()
    number = section.number or "4"
    found: list[tuple[str, str, list[Line]]] = []
    for index, line in enumerate(lines):
        match = _DIRECTION.match(line.text) if line.cells is None else None
        if match and match[1] == number:
            title = match[3].strip().rstrip(".:").strip()
            found.append((f"{number}.{match[2]}", title, []))
        elif line.cells is None and _unnumbered_title(lines, index, bool(found)):
            found.append((f"{number}.{len(found) + 1}", line.text.rstrip(".:").strip(), []))
        elif found:
            found[-1][2].append(line)
            continue
        else:
            ledger.report(line, _("текст до первого направления («4.1. Название»)"))
            continue
        ledger.store(line, _("направление %(code)s: название", code=found[-1][0]))
    directions = []
    for position, (code, title, body) in enumerate(found, 1):
        items = read_items(body, ledger, _("направление %(code)s, пункт", code=code), warnings)
        if code != f"{number}.{position}":
            warnings.append(
                _(
                    "Направление %(code)s стоит %(position)s-м по порядку",
                    code=code,
                    position=position,
                )
            )
        if not items:
            warnings.append(
                _("Направление %(code)s «%(title)s» без пунктов", code=code, title=title)
            )
        directions.append((code, title, items))
    return directions


def _unnumbered_title(lines: list[Line], index: int, started: bool) -> bool:
    """A title whose «4.2.» Word numbering was lost: an unmarked line between lists."""
    text = lines[index].text
    if has_marker(text) or index + 1 >= len(lines):
        return False
    following = lines[index + 1].text
    if not has_marker(following) or _DIRECTION.match(following):
        return False
    if text[:1].islower() or len(text) > 120:
        return False
    return not started or has_marker(lines[index - 1].text)
