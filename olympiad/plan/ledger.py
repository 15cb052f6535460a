"""Account for every piece of the source: each non-empty line or table cell either goes to a
field of the plan, is recognised as structure (a heading, a column header), or is reported
as not recognised. Nothing can fall through: whatever no reader claimed is reported."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from olympiad.plan.reading import Line

STORED, STRUCTURE, REPORTED = "stored", "structure", "reported"


@dataclass
class Fragment:
    where: str  # "абзац 12", "таблица 1, строка 3, столбец 4"
    text: str
    kind: str = ""  # STORED, STRUCTURE or REPORTED
    role: str = ""  # what it became, in the user's language: "заседание 1: тема"


class Ledger:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self._roles: dict[tuple[int, int], tuple[str, str]] = {}
        for index, line in enumerate(lines):
            line.index = index

    @staticmethod
    def keys(line: Line) -> list[tuple[int, int]]:
        """The pieces of a line: the line itself, or the cells that begin in it."""
        if line.cells is None:
            return [(line.index, -1)]
        fresh = line.fresh or [True] * len(line.cells)
        return [
            (line.index, column)
            for column, (cell, new) in enumerate(zip(line.cells, fresh, strict=True))
            if new and cell.strip()
        ]

    def _mark(self, line: Line, column: int | None, kind: str, role: str) -> None:
        keys = self.keys(line) if column is None else [(line.index, column)]
        for key in keys:
            if key in self.keys(line):
                self._roles.setdefault(key, (kind, role))

    def store(self, line: Line, role: str, column: int | None = None) -> None:
        self._mark(line, column, STORED, role)

    def structure(self, line: Line, role: str, column: int | None = None) -> None:
        self._mark(line, column, STRUCTURE, role)

    def report(self, line: Line, reason: str, column: int | None = None) -> None:
        self._mark(line, column, REPORTED, reason)

    def claimed(self, line: Line) -> bool:
        return all(key in self._roles for key in self.keys(line))

    def fragments(self) -> list[Fragment]:
        """Every piece in document order; the unclaimed ones as not recognised."""
        out = []
        for line in self.lines:
            for index, column in self.keys(line):
                kind, role = self._roles.get((index, column), (REPORTED, _("не распознано")))
                text = line.text if column < 0 else line.cells[column]
                where = line.where or _("строка %(number)s", number=index + 1)
                if column >= 0:
                    where = _("%(where)s, столбец %(column)s", where=where, column=column + 1)
                out.append(Fragment(where, text, kind, role))
        return out
