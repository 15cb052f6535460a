"""The answer sheet participants fill in (by cipher) and the key with criteria for the jury."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from olympiad.domain.task_keys import LETTERS, MODE_LABELS, key_answer
from olympiad.domain.typed_answers import format_answer
from olympiad.pdf.fonts import SANS
from olympiad.pdf.markup import plain as escape
from olympiad.pdf.markup import table as flowing_table
from olympiad.pdf.paper_parts import (
    WIDTH,
    Boxes,
    CipherBox,
    Lines,
    PaperData,
    PaperItem,
    WriteField,
    document,
    number_text,
    points_word,
    styles,
    text_flowables,
)

HINTS = {
    "single_choice": "одна буква",
    "multiple_choice": "буквы всех верных ответов, по одной в клетке",
    "matching": "под каждой цифрой — буква из правого столбца",
    "ordering": "буквы в правильном порядке",
    "short_answer": "слово или словосочетание",
    "number": "число",
}
SCORING = {
    ("multiple_choice", "partial"): "частичный: доля верных отмеченных, неверные вычитаются",
    ("multiple_choice", "all_or_nothing"): "только полностью верный набор",
    ("matching", "per_pair"): "поровну за каждую верную пару",
    ("matching", "all_or_nothing"): "только все пары верны",
    ("ordering", "partial"): "за каждый элемент на своём месте",
    ("ordering", "all_or_nothing"): "только полностью верный порядок",
}
ANSWER_COLUMNS = (11 * mm, 119 * mm, 20 * mm, 24 * mm)
GRID = [
    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
    ("FONTNAME", (0, 0), (-1, -1), SANS),
    ("FONTSIZE", (0, 0), (-1, -1), 10),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("ALIGN", (0, 0), (0, -1), "CENTER"),
]


def build_answer_sheet(data: PaperData) -> bytes:
    """Part 1: the cipher box and one row per task, the jury's column on the right.
    Part 2: ruled space for each open task. No names: the work is marked by cipher."""
    st = styles()
    title = [
        Paragraph("БЛАНК ОТВЕТОВ", st["title"]),
        Spacer(1, 2 * mm),
        Paragraph(escape(data.olympiad), st["subtitle"]),
        Paragraph(f"{data.year_label} · {data.group_label}", st["subtitle"]),
    ]
    top = flowing_table([[title, CipherBox()]], colWidths=[WIDTH - 78 * mm, 78 * mm])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story: list = [
        top,
        Spacer(1, 4 * mm),
        Paragraph(
            "Пишите разборчиво, буквами как в заданиях (А, Б, В …). Чтобы исправить ответ, "
            "зачеркните его и напишите верный рядом. <b>Не пишите на бланке фамилию и другие "
            "сведения о себе.</b>",
            st["note"],
        ),
        Spacer(1, 3 * mm),
        _answer_table(data, st),
        KeepTogether(
            [
                Spacer(1, 8 * mm),
                Paragraph(
                    "Проверили (члены жюри): ______________________   ______________________",
                    st["body"],
                ),
            ]
        ),
    ]
    opens = [item for item in data.items if item.type == "open"]
    if opens:
        story += [PageBreak(), Paragraph("Часть 2. Задания с развёрнутым ответом", st["title"])]
        story += [Spacer(1, 3 * mm)]
        for item in opens:
            story += [CondPageBreak(70 * mm), *_open_space(item, st)]
    header = f"Бланк ответов · {data.group_label} · шифр: ______________"
    return document(
        story,
        f"Бланк ответов — {data.group_label}",
        header,
        lambda page: f"Бланк ответов · {data.group_label} · лист {page}",
    )


def _answer_table(data: PaperData, st) -> Table:
    rows: list[list] = [
        [Paragraph(h, st["head"]) for h in ("№", "Ответ", "Макс. балл", "Балл (жюри)")]
    ]
    for item in data.items:
        rows.append([str(item.number), _answer_cell(item, st), number_text(item.max_points), ""])
    rows.append(["", Paragraph("<b>Итого</b>", st["cell"]), number_text(data.max_total), ""])
    table = flowing_table(rows, colWidths=ANSWER_COLUMNS, repeatRows=1)
    style = [*GRID, ("ALIGN", (2, 1), (2, -1), "CENTER")]
    style += [("TOPPADDING", (0, 1), (-1, -1), 4), ("BOTTOMPADDING", (0, 1), (-1, -1), 4)]
    table.setStyle(TableStyle(style))
    return table


def _answer_cell(item: PaperItem, st) -> list:
    key = item.key
    if item.type == "open":
        return [Paragraph("развёрнутый ответ — во второй части бланка", st["note"])]
    if item.type == "single_choice":
        field = Boxes(1)
    elif item.type == "multiple_choice":
        field = Boxes(len(key["options"]))
    elif item.type == "matching":
        field = Boxes(len(key["left"]), [str(i + 1) for i in range(len(key["left"]))])
    elif item.type == "ordering":
        field = Boxes(len(key["items"]), [str(i + 1) for i in range(len(key["items"]))])
    elif item.type == "number":
        field = WriteField(40 * mm)
    else:
        field = WriteField(72 * mm)
    hint = Table(
        [[field, Paragraph(HINTS[item.type], st["small"])]],
        colWidths=[field.width + 4 * mm, ANSWER_COLUMNS[1] - field.width - 16 * mm],
    )
    hint.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [hint]


def _open_space(item: PaperItem, st) -> list:
    lines = max(8, min(24, 4 + int(1.5 * item.max_points)))
    return [
        KeepTogether(
            [
                Paragraph(f"Задание {item.number} ({points_word(item.max_points)})", st["heading"]),
                Spacer(1, 4 * mm),
                Lines(lines, step=7.5 * mm),
                Spacer(1, 3 * mm),
                Paragraph(
                    f"Балл жюри: ________ из {number_text(item.max_points)}"
                    "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;"
                    "Подпись: ______________",
                    st["body"],
                ),
            ]
        ),
        Spacer(1, 5 * mm),
    ]


def build_key(data: PaperData) -> bytes:
    """Every task's correct answer as it is typed in, how it is scored, and the criteria."""
    st = styles()
    rows: list[list] = [
        [Paragraph(h, st["head"]) for h in ("№", "Ответ", "Как оценивается", "Макс.")]
    ]
    for item in data.items:
        rows.append(
            [
                str(item.number),
                _key_cell(item, st),
                Paragraph(_scoring(item), st["cell"]),
                number_text(item.max_points),
            ]
        )
    rows.append(["", Paragraph("<b>Итого</b>", st["cell"]), "", number_text(data.max_total)])
    table = flowing_table(rows, colWidths=(11 * mm, 92 * mm, 55 * mm, 16 * mm), repeatRows=1)
    table.setStyle(TableStyle([*GRID, ("ALIGN", (3, 1), (3, -1), "CENTER")]))
    story: list = [
        Paragraph("КОНФИДЕНЦИАЛЬНО · ТОЛЬКО ДЛЯ ЖЮРИ", st["secret"]),
        Spacer(1, 2 * mm),
        Paragraph("Ключи и критерии оценивания", st["title"]),
        Paragraph(escape(data.olympiad), st["subtitle"]),
        Paragraph(
            f"{data.year_label} · {data.group_label} · максимальный балл "
            f"{number_text(data.max_total)}",
            st["subtitle"],
        ),
        Spacer(1, 5 * mm),
        table,
        Spacer(1, 3 * mm),
        Paragraph(
            "Частичные баллы округляются вниз до 0,5. Краткие ответы сравниваются без учёта "
            "регистра, букв ё/е, кавычек, лишних пробелов, вида тире и точки в конце.",
            st["note"],
        ),
    ]
    opens = [item for item in data.items if item.type == "open"]
    if opens:
        story += [
            Spacer(1, 4 * mm),
            Paragraph("Критерии оценивания развёрнутых ответов", st["title"]),
        ]
        for item in opens:
            story += _criteria(item, st)
    return document(
        story,
        f"Ключи — {data.group_label}",
        f"Ключи и критерии · {data.group_label} · конфиденциально",
        lambda page: f"Ключи · {data.group_label} · лист {page}",
    )


def _key_cell(item: PaperItem, st) -> list:
    key = dict(item.key)
    if item.type == "open":
        return [Paragraph("по критериям — см. ниже", st["cell"])]
    if item.type == "short_answer":
        variants = " / ".join(f"<b>{escape(a)}</b>" for a in key["accepted"])
        return [Paragraph(variants, st["cell"])]
    typed = format_answer(item.type, key, key_answer(item.type, key))
    cell = [Paragraph(f"<b>{escape(typed)}</b>", st["cell"])]
    if item.type in ("single_choice", "multiple_choice"):
        chosen = [key["correct"]] if item.type == "single_choice" else key["correct"]
        names = "; ".join(f"{LETTERS[i]} — {escape(key['options'][i])}" for i in sorted(chosen))
        cell.append(Paragraph(names, st["small"]))
    return cell


def _scoring(item: PaperItem) -> str:
    key = item.key
    if item.type == "open":
        return f"жюри, по {len(key['criteria'])} критериям"
    if item.type == "number":
        tolerance = number_text(key["tolerance"])
        return "точное значение" if tolerance == "0" else f"допускается ± {tolerance}"
    if item.type == "short_answer":
        return "любой из вариантов"
    if "mode" in key:
        return SCORING.get((item.type, key["mode"]), MODE_LABELS.get(key["mode"], key["mode"]))
    return "верный ответ — весь балл"


def _criteria(item: PaperItem, st) -> list:
    rows: list[list] = [
        [Paragraph(h, st["head"]) for h in ("№", "Критерий", "Что оценивается", "Баллы")]
    ]
    for n, criterion in enumerate(item.key["criteria"], start=1):
        rows.append(
            [
                str(n),
                Paragraph(escape(criterion["title"]), st["cell"]),
                Paragraph(escape(criterion["description"]), st["cell"]),
                f"0–{number_text(criterion['max'])}",
            ]
        )
    rows.append(["", Paragraph("<b>Всего</b>", st["cell"]), "", number_text(item.max_points)])
    table = flowing_table(rows, colWidths=(11 * mm, 45 * mm, 100 * mm, 18 * mm), repeatRows=1)
    table.setStyle(
        TableStyle(
            [*GRID, ("VALIGN", (0, 1), (-1, -1), "TOP"), ("ALIGN", (3, 1), (3, -1), "CENTER")]
        )
    )
    code = f" <font size=8 color='#777777'>{escape(item.code)}</font>" if item.code else ""
    return [
        CondPageBreak(50 * mm),
        Paragraph(f"Задание {item.number} ({points_word(item.max_points)}){code}", st["heading"]),
        *text_flowables(item.text, st, small=True),
        Spacer(1, 2 * mm),
        table,
    ]
