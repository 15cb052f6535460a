"""How the importer cleans a piece of text: list markers, final punctuation, outer quotes,
inline numbered points, and one letter case per list."""

from __future__ import annotations

import re

MARKER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[-–—•·*▪◦○●]|[а-яa-z]\))\s*")
_POINT = re.compile(r"(?:^|(?<=\s))(\d{1,2})[.)]\s+")
# a final dot that belongs to an abbreviation or an ellipsis stays
_KEEP_DOT = re.compile(r"(?:\.\.|…|\bт\.\s?[дп]|\b(?:др|пр|г|гг|вв|см))\.$", re.IGNORECASE)


class ParsedItem(str):
    """An item's text; a plan written as a table adds its term and the people responsible.

    A `str`, so that lists of items compare with lists of their texts."""

    planned_when: str = ""
    responsible: str = ""

    def __new__(cls, text: str, planned_when: str = "", responsible: str = ""):
        item = super().__new__(cls, text)
        item.planned_when, item.responsible = planned_when, responsible
        return item

    @property
    def text(self) -> str:
        return str(self)


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def strip_end(text: str) -> str:
    text = text.strip()
    if text.endswith((";", ",")) or (text.endswith(".") and not _KEEP_DOT.search(text)):
        text = text[:-1].rstrip()
    return text


def item(text: str) -> str:
    return strip_end(MARKER.sub("", " ".join(text.split()), count=1))


def has_marker(text: str) -> bool:
    return bool(MARKER.match(text))


def unquote(text: str) -> str:
    """Drop a final "." and the outer quotes, if the first quote closes at the very end."""
    text = strip_end(text)
    if len(text) > 1 and text[0] == "«" and text[-1] == "»":
        depth = 0
        for position, char in enumerate(text):
            depth += {"«": 1, "»": -1}.get(char, 0)
            if depth == 0:
                return text[1:-1].strip() if position == len(text) - 1 else text
    if len(text) > 1 and (text[0], text[-1]) in {('"', '"'), ("“", "”"), ("„", "“")}:
        return text[1:-1].strip()
    return text


def quotes_ok(text: str) -> bool:
    return text.count("«") == text.count("»") and text.count('"') % 2 == 0


def points(text: str) -> list[str]:
    """Split "1. A 2. B." into ["A", "B"]; only a run numbered 1, 2, 3… from the start counts."""
    text = text.strip()
    cuts = []
    for match in _POINT.finditer(text):
        if int(match[1]) == len(cuts) + 1 and (cuts or match.start() == 0):
            cuts.append(match)
    if len(cuts) < 2 and "\n" in text:
        parts = text.split("\n")
    elif not cuts:
        parts = [text]
    else:
        ends = [cut.start() for cut in cuts[1:]] + [len(text)]
        parts = [text[cut.end() : end] for cut, end in zip(cuts, ends, strict=True)]
    return [point for point in map(item, parts) if point]


def inline_points(text: str) -> list[str]:
    """«1) A; 2) B; 3) C» written in one paragraph: the points; else the text as one item."""
    cuts = [m for m in _POINT.finditer(text)]
    run = [m for i, m in enumerate(cuts) if int(m[1]) == i + 1]
    if len(run) >= 2 and len(run) == len(cuts) and run[0].start() <= 3:
        return points(text)
    return [item(text)] if item(text) else []


def _is_abbreviation(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def same_case(items: list[str]) -> list[str]:
    """One letter case for the first letters of a list: the one most items use."""
    words = [text.split()[0] if text.split() else "" for text in items]
    counted = [w for w in words if w and w[0].isalpha() and not _is_abbreviation(w)]
    if not counted:
        return items
    upper = sum(1 for w in counted if w[0].isupper())
    wanted_upper = upper * 2 >= len(counted)
    fixed = []
    for text, word in zip(items, words, strict=True):
        if word and word[0].isalpha() and not _is_abbreviation(word):
            first = text[0].upper() if wanted_upper else text[0].lower()
            text = first + text[1:]
        fixed.append(text)
    return fixed
