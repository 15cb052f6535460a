"""Fit a paragraph into a width: shrink the font first, then wrap, never spill."""

from __future__ import annotations

import re
from typing import NamedTuple

from reportlab.pdfbase.pdfmetrics import stringWidth

ELLIPSIS = "…"
# breakable pieces: words, and hyphenated words after each hyphen ("Римская-", "Корсакова")
_PIECE = re.compile(r"[^ \t\r\n-]*-+|[^ \t\r\n-]+")
_SPACES = re.compile(r"[ \t\r\n]+")
_GLUED = re.compile(r"(?<!\w)(\w\.|№) (?=\w)")  # "Н. А. Петров", "№ 2" stay on one line
NBSP = "\u00a0"


class Fit(NamedTuple):
    size: float
    lines: list[str]


def fit_lines(
    text: str,
    font: str,
    max_size: float,
    min_size: float,
    width: float,
    max_lines: int = 1,
    *,
    step: float = 0.5,
    balanced: bool = True,
) -> Fit:
    """The largest size, from max_size down to min_size in `step`s, at which `text` fits
    `width` on the fewest lines (at most max_lines): it shrinks on one line first, then
    wraps. Balanced lines suit centred text. When even min_size needs more lines, the last
    one is cut with an ellipsis."""
    measured = Measured(text, font)
    if not measured.pieces:
        return Fit(max_size, [])
    sizes = _sizes(max_size, min_size, step)
    for n in range(1, max(max_lines, 1) + 1):
        for size in sizes:
            lines = measured.lines(size, width, n, balanced=balanced)
            if lines is not None:
                return Fit(size, lines)
    return Fit(min_size, _cut(text, font, min_size, width, max(max_lines, 1)))


def fit_together(
    texts: list[str],
    font: str,
    max_size: float,
    min_size: float,
    width: float,
    max_lines: int,
    *,
    shrink_to: float | None = None,
    step: float = 0.5,
) -> list[Fit]:
    """Paragraphs set in one size. Down to `shrink_to` the size goes to the largest one that
    needs the fewest lines in all; below it, only as far as each paragraph needs to fit in
    max_lines. A paragraph that cannot fit even at min_size is cut."""
    measured = [Measured(t, font) for t in texts]
    floor = max_size if shrink_to is None else shrink_to
    best: tuple[int, float, list[list[str]]] | None = None
    for size in _sizes(max_size, min_size, step):
        fits = [m.lines(size, width, max_lines) for m in measured]
        if all(f is not None for f in fits):
            count = sum(len(f) for f in fits)
            if best is None or count < best[0]:
                best = (count, size, fits)
        if best is not None and size <= floor:
            return [Fit(best[1], f) for f in best[2]]
    if best is not None:
        return [Fit(best[1], f) for f in best[2]]
    return [fit_lines(t, font, min_size, min_size, width, max_lines) for t in texts]


class Measured:
    """A paragraph cut into breakable pieces with their widths at size 1."""

    def __init__(self, text: str, font: str) -> None:
        self.pieces = _pieces(text)
        self.space = stringWidth(" ", font, 1)
        self.units = [stringWidth(p, font, 1) for p, _ in self.pieces]

    def lines(self, size: float, width: float, n: int, balanced: bool = True) -> list[str] | None:
        """The lines at `size`, or None when they would be more than n."""
        if not self.pieces:
            return []
        limit = width / size - 1e-6
        breaks = _wrap(self.units, self.pieces, self.space, limit)
        if breaks is None or len(breaks) > n:
            return None
        if balanced and len(breaks) > 1:
            breaks = _balance(self.units, self.pieces, self.space, limit, len(breaks))
        return _join(self.pieces, breaks)


def _pieces(text: str) -> list[tuple[str, bool]]:
    """(piece, space before it) for every breakable piece of the text."""
    out = []
    text = _GLUED.sub(lambda m: m.group(1) + NBSP, text.strip())
    for word in _SPACES.split(text):
        for i, m in enumerate(_PIECE.finditer(word)):
            out.append((m.group(), i == 0 and bool(out)))
    return out


def _sizes(max_size: float, min_size: float, step: float) -> list[float]:
    sizes, size = [], max_size
    while size > min_size + 1e-9:
        sizes.append(size)
        size = round(size - step, 3)
    sizes.append(min_size)
    return sizes


def _wrap(units, pieces, space, limit) -> list[int] | None:
    """Greedy line breaks (start index of each line), None when one piece is too wide."""
    starts, used = [0], 0.0
    for i, (w, (_, spaced)) in enumerate(zip(units, pieces, strict=True)):
        if w > limit:
            return None
        extra = w + (space if spaced else 0.0)
        if i and used + extra > limit:
            starts.append(i)
            used = w
        else:
            used += w if not i else extra
    return starts


def _balance(units, pieces, space, limit, lines) -> list[int]:
    """The narrowest limit that still gives the same number of lines: even line lengths."""
    low, high = max(units), limit
    best = _wrap(units, pieces, space, high)
    for _ in range(14):
        mid = (low + high) / 2
        breaks = _wrap(units, pieces, space, mid)
        if breaks is not None and len(breaks) <= lines:
            best, high = breaks, mid
        else:
            low = mid
    return best


def _join(pieces, starts) -> list[str]:
    bounds = [*starts, len(pieces)]
    lines = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        words = [
            (" " if spaced and i > a else "") + p for i, (p, spaced) in enumerate(pieces[a:b], a)
        ]
        lines.append("".join(words))
    return lines


def _cut(text: str, font: str, size: float, width: float, max_lines: int) -> list[str]:
    """Character-level wrapping at the minimum size; the last line ends with an ellipsis."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if stringWidth(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:
            if line and stringWidth(line + ch, font, size) > width:
                lines.append(line)
                line = ""
            line += ch
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and stringWidth(last + ELLIPSIS, font, size) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + ELLIPSIS]
    return lines
