"""Word's automatic numbering: the "1.", "4.2." a reader sees but the paragraph text lacks.

A numbered paragraph carries only `w:numPr` (a list id and a level); the label is computed
from `word/numbering.xml` (start value, number format and a template such as "%1.%2.").
Counters follow Word: lists that share an abstract definition continue one another, a
`w:startOverride` restarts a level, and a new item of a level resets the deeper levels.
"""

from __future__ import annotations

from docx.oxml.ns import qn

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC = "абвгдежзиклмнопрстуфхцчшщэюя"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"))
_ROMAN += ((40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _format(number: int, kind: str) -> str:
    if kind in ("lowerLetter", "upperLetter"):
        text = _LETTERS[(number - 1) % 26]
        return text.upper() if kind == "upperLetter" else text
    if kind in ("russianLower", "russianUpper"):
        text = _CYRILLIC[(number - 1) % len(_CYRILLIC)]
        return text.upper() if kind == "russianUpper" else text
    if kind in ("lowerRoman", "upperRoman"):
        return _roman(number).upper() if kind == "upperRoman" else _roman(number)
    return str(number)


def _val(element, tag: str, default: str | None = None) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


class Numbering:
    """Label the numbered paragraphs of one document, in document order."""

    def __init__(self, document) -> None:
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        self._style_numbers: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            self._read(root)
        for style in document.styles.element.findall(qn("w:style")):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None and _val(num_pr, "w:numId"):
                level = int(_val(num_pr, "w:ilvl", "0") or 0)
                self._style_numbers[style.get(qn("w:styleId"))] = (_val(num_pr, "w:numId"), level)

    def _read(self, root) -> None:
        for abstract in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                start = int(_val(lvl, "w:start", "1") or 1)
                kind = _val(lvl, "w:numFmt", "decimal") or "decimal"
                text = _val(lvl, "w:lvlText", "") or ""
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (start, kind, text)
            self._levels[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            overrides = {}
            for override in num.findall(qn("w:lvlOverride")):
                start = _val(override, "w:startOverride")
                if start is not None:
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            abstract = _val(num, "w:abstractNumId")
            if abstract is not None:
                self._nums[num.get(qn("w:numId"))] = (abstract, overrides)

    def label(self, paragraph) -> str:
        """The label Word shows before the paragraph (`w:p`), "" if it is not numbered."""
        num_pr = paragraph.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num_id, level = None, 0
        if num_pr is not None:
            num_id, level = _val(num_pr, "w:numId"), int(_val(num_pr, "w:ilvl", "0") or 0)
        else:
            style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is not None and style.get(qn("w:val")) in self._style_numbers:
                num_id, level = self._style_numbers[style.get(qn("w:val"))]
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract, overrides = self._nums[num_id]
        levels = self._levels.get(abstract, {})
        if level not in levels:
            return ""
        counters = self._counters.setdefault(abstract, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for overridden, start in overrides.items():
                counters[overridden] = start - 1
        start = levels[level][0]
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]
        _, kind, template = levels[level]
        if kind == "bullet":
            return "–"
        if kind == "none":
            return ""
        for shown in range(level + 1):
            value = counters.get(shown, levels.get(shown, (1, "", ""))[0])
            shown_kind = levels.get(shown, (1, "decimal", ""))[1]
            template = template.replace(f"%{shown + 1}", _format(value, shown_kind))
        return template.strip()
