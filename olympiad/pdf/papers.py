"""The papers of a grade group: the task booklet (here), the answer sheet and the jury's key
(paper_sheets.py). Each builder takes plain data and returns PDF bytes."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from olympiad.domain.task_keys import LETTERS
from olympiad.pdf.markup import plain as escape
from olympiad.pdf.markup import table as flowing_table
from olympiad.pdf.paper_parts import (
    WIDTH,
    Lines,
    PaperData,
    PaperItem,
    date_text,
    document,
    minutes_word,
    number_text,
    points_word,
    styles,
    text_flowables,
)
from olympiad.pdf.paper_sheets import build_answer_sheet, build_key

__all__ = [
    "PaperData",
    "PaperItem",
    "build_answer_sheet",
    "build_booklet",
    "build_key",
]

IMAGE_MAX = (120 * mm, 75 * mm)
DRAFT_LINES = 4

DEFAULT_INSTRUCTIONS = (
    "Внимательно прочитайте каждое задание. Ответы на задания с выбором, на соответствие, "
    "на последовательность, с кратким и числовым ответом впишите в бланк ответов буквами "
    "или словами, как указано в бланке. Развёрнутые ответы пишите во второй части бланка.\n\n"
    "Не пишите на бланке фамилию, имя и другие сведения о себе: работа проверяется по шифру. "
    "Черновик не проверяется."
)


def build_booklet(data: PaperData) -> bytes:
    """Tasks for participants: the title block, then numbered tasks with points; never a key."""
    st = styles()
    story: list = [
        Paragraph(escape(data.olympiad), st["title"]),
        Spacer(1, 2 * mm),
        Paragraph(f"{data.year_label} · {data.group_label}", st["subtitle"]),
        Spacer(1, 5 * mm),
        _facts(data, st),
        Spacer(1, 4 * mm),
        Paragraph("Инструкция для участника", st["heading"]),
        *text_flowables(data.instructions or DEFAULT_INSTRUCTIONS, st),
        Spacer(1, 2 * mm),
    ]
    for item in data.items:
        story += _task(item, st)
    story += [Spacer(1, 8 * mm), Paragraph("Желаем успеха!", st["subtitle"])]
    header = f"{data.olympiad} · {data.year_label} · {data.group_label}"
    return document(
        story,
        f"Задания — {data.group_label}",
        header,
        lambda page: f"Задания · {data.group_label} · стр. {page}",
    )


def _facts(data: PaperData, st) -> Table:
    cells = [
        [
            Paragraph(
                f"Время выполнения:<br/><b>{minutes_word(data.time_limit_minutes)}</b>", st["cell"]
            ),
            Paragraph(f"Заданий:<br/><b>{len(data.items)}</b>", st["cell"]),
            Paragraph(f"Максимальный балл:<br/><b>{number_text(data.max_total)}</b>", st["cell"]),
            Paragraph(f"Дата:<br/><b>{date_text(data.held_on) or '—'}</b>", st["cell"]),
        ]
    ]
    table = Table(cells, colWidths=[WIDTH / 4] * 4)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _task(item: PaperItem, st) -> list:
    points = f"<font size=9 color='#555555'>({points_word(item.max_points)})</font>"
    head = Paragraph(f"Задание {item.number} {points}", st["heading"])
    body = text_flowables(item.text, st)
    if item.image:
        body.append(_image(item.image))
    body += _PARTS.get(item.type, lambda item, st: [])(item, st)
    # short tasks stay whole; a long one may break, but never right after its heading
    parts = [head, *body]
    if len(parts) <= 14:
        return [CondPageBreak(40 * mm), KeepTogether(parts)]
    return [CondPageBreak(60 * mm), *parts]


def _image(content: bytes) -> Image:
    reader = ImageReader(io.BytesIO(content))
    width, height = reader.getSize()
    scale = min(IMAGE_MAX[0] / width, IMAGE_MAX[1] / height, 1.0)  # never enlarged
    image = Image(io.BytesIO(content), width=width * scale, height=height * scale)
    image.hAlign = "CENTER"
    return image


def _lettered(values, st) -> list:
    return [
        Paragraph(escape(value), st["option"], bulletText=f"{LETTERS[i]})")
        for i, value in enumerate(values)
    ]


def _choice(item: PaperItem, st) -> list:
    return [Spacer(1, 1 * mm), *_lettered(item.key["options"], st)]


def _ordering(item: PaperItem, st) -> list:
    return [Spacer(1, 1 * mm), *_lettered(item.key["items"], st)]


def _matching(item: PaperItem, st) -> list:
    left, right = item.key["left"], item.key["right"]
    rows = []
    for i in range(max(len(left), len(right))):
        rows.append(
            [
                Paragraph(f"<b>{i + 1}.</b> {escape(left[i])}", st["cell"])
                if i < len(left)
                else "",
                Paragraph(f"<b>{LETTERS[i]})</b> {escape(right[i])}", st["cell"])
                if i < len(right)
                else "",
            ]
        )
    table = flowing_table(rows, colWidths=[WIDTH * 0.38, WIDTH * 0.62])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8c8c8c")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [Spacer(1, 1.5 * mm), table]


def _open(item: PaperItem, st) -> list:
    return [
        Paragraph("Ответ запишите во второй части бланка ответов.", st["note"]),
        Paragraph("Черновик:", st["small"]),
        Spacer(1, 6 * mm),
        Lines(DRAFT_LINES),
    ]


_PARTS = {
    "single_choice": _choice,
    "multiple_choice": _choice,
    "matching": _matching,
    "ordering": _ordering,
    "open": _open,
}
