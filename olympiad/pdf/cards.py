"""Sheets drawn straight on the canvas: cipher stickers and access-code slips."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from olympiad.pdf.certificates.qr import qr_path
from olympiad.pdf.fonts import SANS, SANS_BOLD, register_fonts

PAGE_W, PAGE_H = A4
MARGIN = 15 * mm
CODE_FONT = "Courier-Bold"  # codes are ASCII: a built-in monospace keeps 8 and B apart


@dataclass(frozen=True)
class Label:
    cipher: str
    grade: int  # grade competed


@dataclass(frozen=True)
class CipherLabelsData:
    olympiad: str
    labels: Sequence[Label]
    copies: int = 1  # stickers per participant: title page, answer sheets ...


@dataclass(frozen=True)
class Slip:
    full_name: str
    grade: int
    access_code: str
    qr_url: str = ""  # the sign-in page with this code filled in; empty: no QR code


@dataclass(frozen=True)
class SchoolSlips:
    school: str
    slips: Sequence[Slip]


@dataclass(frozen=True)
class AccessSlipsData:
    olympiad: str
    login_url: str
    schools: Sequence[SchoolSlips]


def alpha_key(name: str) -> tuple[str, str]:
    """Russian alphabetical order: ё sorts with е, not after я."""
    return name.casefold().replace("ё", "е"), name


LABEL_COLS, LABEL_ROWS = 3, 8  # A4 sheet of 24 stickers 70 × 37 mm
LABEL_W, LABEL_H = PAGE_W / LABEL_COLS, PAGE_H / LABEL_ROWS


def build_cipher_labels(data: CipherLabelsData) -> bytes:
    """Stickers for the coding commission: the cipher large, the grade small; no names."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setTitle("Наклейки с шифрами")
    labels = sorted(data.labels, key=lambda x: (x.grade, x.cipher))
    stickers = [x for x in labels for _ in range(max(data.copies, 1))]
    per_page = LABEL_COLS * LABEL_ROWS
    for start in range(0, len(stickers), per_page) or [0]:
        for i, label in enumerate(stickers[start : start + per_page]):
            col, row = i % LABEL_COLS, i // LABEL_COLS
            x, y = col * LABEL_W, PAGE_H - (row + 1) * LABEL_H
            canvas.setStrokeColor(colors.lightgrey)
            canvas.setLineWidth(0.3)
            canvas.rect(x + 1 * mm, y + 1 * mm, LABEL_W - 2 * mm, LABEL_H - 2 * mm)
            cx = x + LABEL_W / 2
            canvas.setFont(SANS, 6.5)
            canvas.setFillColor(colors.grey)
            title = simpleSplit(data.olympiad, SANS, 6.5, LABEL_W - 8 * mm)[:1]
            canvas.drawCentredString(cx, y + LABEL_H - 6 * mm, title[0] if title else "")
            canvas.setFillColor(colors.black)
            canvas.setFont(SANS_BOLD, 28)
            canvas.drawCentredString(cx, y + LABEL_H / 2 - 4 * mm, label.cipher)
            canvas.setFont(SANS, 10)
            canvas.drawCentredString(cx, y + 5 * mm, f"{label.grade} класс")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


SLIP_COLS, SLIP_ROWS = 2, 5
SLIP_TOP = 12 * mm  # room for the school's name above the grid
SLIP_W, SLIP_H = PAGE_W / SLIP_COLS, (PAGE_H - SLIP_TOP - 6 * mm) / SLIP_ROWS


def build_access_slips(data: AccessSlipsData) -> bytes:
    """Per school, a fresh page: slips with the access code, dashed lines to cut along."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    canvas.setTitle("Коды доступа участников")
    per_page = SLIP_COLS * SLIP_ROWS
    pages = 0
    for school in data.schools:
        slips = sorted(school.slips, key=lambda s: (s.grade, alpha_key(s.full_name)))
        total = max(1, -(-len(slips) // per_page))
        for n, start in enumerate(range(0, len(slips), per_page), 1):
            canvas.setFont(SANS_BOLD, 10)
            head = _fit(school.school, SANS_BOLD, 10, PAGE_W - 45 * mm)
            canvas.drawString(10 * mm, PAGE_H - 8 * mm, head)
            canvas.setFont(SANS, 8)
            canvas.drawRightString(PAGE_W - 10 * mm, PAGE_H - 8 * mm, f"лист {n} из {total}")
            chunk = slips[start : start + per_page]
            for i, slip in enumerate(chunk):
                x = (i % SLIP_COLS) * SLIP_W
                y = PAGE_H - SLIP_TOP - (i // SLIP_COLS + 1) * SLIP_H
                _slip(canvas, x, y, slip, school.school, data)
            _cut_lines(canvas, -(-len(chunk) // SLIP_COLS))
            canvas.showPage()
            pages += 1
    if not pages:
        canvas.setFont(SANS, 10)
        canvas.drawString(MARGIN, PAGE_H - MARGIN, "Нет участников.")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The first line of `text` that fits `width`, with an ellipsis when cut."""
    lines = simpleSplit(text, font, size, width - size) or [""]
    return lines[0] + ("…" if len(lines) > 1 else "")


QR_SIZE = 24 * mm  # a phone reads it from a desk; ~4 mm of quiet zone is kept around


def _slip(canvas: Canvas, x: float, y: float, slip: Slip, school: str, data) -> None:
    pad = 6 * mm
    qr = QR_SIZE + 4 * mm if slip.qr_url else 0
    left, width = x + pad, SLIP_W - 2 * pad - qr
    floor = y + pad + 46  # the top block stops above the code line
    lines = [(SANS, 7.5, colors.grey, t) for t in simpleSplit(data.olympiad, SANS, 7.5, width)[:2]]
    lines += [
        (SANS_BOLD, 12.5, colors.black, t)
        for t in simpleSplit(slip.full_name, SANS_BOLD, 12.5, width)[:2]
    ]
    lines.append((SANS, 9, colors.black, f"{slip.grade} класс"))
    lines += [(SANS, 8, colors.black, t) for t in simpleSplit(school, SANS, 8, width)[:2]]
    top = y + SLIP_H - pad
    for font, size, color, text in lines:
        top -= size + 3
        if top < floor:
            break
        canvas.setFont(font, size)
        canvas.setFillColor(color)
        canvas.drawString(left, top, text)
    if slip.qr_url:
        qr_path(
            canvas, slip.qr_url, x + SLIP_W - pad - QR_SIZE, y + SLIP_H - pad - QR_SIZE, QR_SIZE
        )
    full = SLIP_W - 2 * pad
    canvas.setFillColor(colors.black)
    canvas.setFont(SANS, 9)
    canvas.drawString(left, y + pad + 28, "Код доступа:")
    canvas.setFont(CODE_FONT, 19)
    canvas.drawString(left + 21 * mm, y + pad + 27, slip.access_code)
    canvas.setFont(SANS, 8.5)
    canvas.drawString(left, y + pad + 10, _fit(f"Вход: {data.login_url}", SANS, 8.5, full))
    canvas.setFont(SANS, 7)
    canvas.setFillColor(colors.grey)
    hint = "Никому не сообщайте код: по нему видны ваши результаты."
    if slip.qr_url:
        hint = "QR-код открывает вход с вашим кодом. Никому не показывайте листок."
    canvas.drawString(left, y + pad, hint)
    canvas.setFillColor(colors.black)


def _cut_lines(canvas: Canvas, rows: int) -> None:
    canvas.saveState()
    canvas.setDash(4, 3)
    canvas.setLineWidth(0.5)
    canvas.setStrokeColor(colors.grey)
    top = PAGE_H - SLIP_TOP
    bottom = top - rows * SLIP_H
    for r in range(rows + 1):
        canvas.line(0, top - r * SLIP_H, PAGE_W, top - r * SLIP_H)
    canvas.line(SLIP_W, top, SLIP_W, bottom)
    canvas.restoreState()
