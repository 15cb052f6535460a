"""The verification QR code drawn as one filled path of a few hundred rectangles."""

from __future__ import annotations

import re

import segno
from reportlab.pdfgen.canvas import Canvas

_DARK_RUN = re.compile(rb"\x01+")
# Choosing the mask by the standard's penalty scores is 80 % of segno's time (2.4 ms a code,
# 0.5 ms with the mask given). Every reader handles all eight masks; on verification URLs
# (300 random ones) mask 3 is the one the scoring picks most often (half of the time) and
# scores on average 2 % worse than the best, 16 % at worst.
MASK = 3


def qr_rects(payload: str) -> tuple[int, list[tuple[int, int, int, int]]]:
    """The symbol's side in modules (no quiet zone) and its dark modules as rectangles
    (x, y, width, height) in modules, y up: each row's dark runs, a run merged with the
    same run in the rows below it."""
    matrix = segno.make(payload, error="m", micro=False, mask=MASK).matrix
    n = len(matrix)
    rects: list[tuple[int, int, int, int]] = []
    open_runs: dict[tuple[int, int], int] = {}  # (start, end) -> first row
    for r, row in enumerate((*matrix, b"")):
        runs = {m.span() for m in _DARK_RUN.finditer(bytes(row))}
        for run in [run for run in open_runs if run not in runs]:
            top = open_runs.pop(run)
            rects.append((run[0], n - r, run[1] - run[0], r - top))
        for run in runs:
            open_runs.setdefault(run, r)
    return n, rects


def qr_path(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of `payload` as one black path, its lower-left corner at (x, y),
    `size` wide without the quiet zone: keep about 4/29 of `size` blank around it."""
    n, rects = qr_rects(payload)
    scale = size / n
    ops = " ".join(f"{a} {b} {w} {h} re" for a, b, w, h in rects)
    # integer module coordinates under one scaling matrix keep the path short
    canvas.addLiteral(f"q {scale:.4f} 0 0 {scale:.4f} {x:.2f} {y:.2f} cm 0 g {ops} f Q")
