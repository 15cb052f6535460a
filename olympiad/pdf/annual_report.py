"""The association's annual report («Анализ работы РМО») as an A4 document.

The caller gives the content as a list of blocks (headings, paragraphs, tables, charts); this
module only lays them out, so the same blocks could feed another format."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from olympiad.pdf.fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD, register_fonts
from olympiad.pdf.markup import plain
from olympiad.pdf.markup import table as flowing_table

_MARGINS = {"leftMargin": 25 * mm, "rightMargin": 15 * mm, "topMargin": 18 * mm}
_BOTTOM = 18 * mm
WIDTH = A4[0] - _MARGINS["leftMargin"] - _MARGINS["rightMargin"]


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Text:
    text: str  # plain text; escaped here
    bold_lead: str = ""  # a bold beginning, e.g. «Тема:»


@dataclass
class TableBlock:
    headers: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # shares of the width
    caption: str = ""
    highlight: set[int] = field(default_factory=set)  # row indices shaded (flagged tasks)
    last_bold: bool = False  # a totals row


@dataclass
class Chart:
    drawing: Drawing
    caption: str = ""


@dataclass
class ChartRow:
    """Small charts side by side, two to a row."""

    drawings: list[Drawing]
    caption: str = ""


Block = Heading | Text | TableBlock | Chart | ChartRow


@dataclass
class Signature:
    """The signature block: position, name (blank: a line to write it on), date."""

    position: str
    name: str
    date: str


@dataclass
class AnnualReport:
    title: str  # «Анализ работы РМО ... за 2020-2021 учебный год»
    academic_year: str
    blocks: list[Block]
    signature: Signature | None = None


_PADDING = 12  # a cell's left and right padding together (ReportLab: 6 + 6)


def column_widths(
    headers: list[str],
    shares: list[float] | None,
    width: float,
    font: tuple[str, float, float] = (SANS_BOLD, 8.5, _PADDING),
    rows: list[list[str]] = (),
) -> list[float]:
    """The shares of the width, widened where a word of the header or of a cell would not
    fit (it would break mid-word: «Присутст/вовали»), the room taken from the columns that
    have it. `font`: the header's font, size and the cell's padding (both sides)."""
    name, size, padding = font
    count = len(headers)
    widths = [width * s for s in shares] if shares else [width / count] * count
    words = [[*h.split()] for h in headers]
    for row in rows:
        for i, cell in enumerate(row[:count]):
            words[i] += [w for w in str(cell).split() if len(w) <= 24]  # not a long code
    need = [
        max((stringWidth(w, name, size) for w in column), default=0) + padding + 1
        for column in words
    ]
    for _ in range(count):
        short = [i for i in range(count) if widths[i] < need[i]]
        if not short:
            break
        for i in short:
            lack = need[i] - widths[i]
            spare = {j: widths[j] - need[j] for j in range(count) if widths[j] > need[j]}
            total = sum(spare.values())
            if total <= 0:
                break
            take = min(lack, total)
            for j, room in spare.items():
                widths[j] -= take * room / total
            widths[i] += take
    return widths


class _NumberedCanvas(Canvas):
    """«стр. N из M»: pages are kept until the end, when their number is known."""

    footer_left = ""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.saveState()
            self.setFont(SANS, 8)
            self.drawString(_MARGINS["leftMargin"], 10 * mm, self.footer_left)
            self.drawRightString(
                A4[0] - _MARGINS["rightMargin"], 10 * mm, f"стр. {self._pageNumber} из {total}"
            )
            self.restoreState()
            super().showPage()
        super().save()


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=SERIF, fontSize=11, leading=14.5, alignment=TA_JUSTIFY)
    return {
        "title": ParagraphStyle(
            "title", base, fontName=SERIF_BOLD, fontSize=14, leading=18, alignment=TA_CENTER
        ),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName=SERIF_BOLD,
            fontSize=12.5,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=SERIF_BOLD,
            fontSize=11,
            spaceBefore=6,
            spaceAfter=3,
        ),
        "text": ParagraphStyle("text", base, spaceAfter=4, firstLineIndent=0),
        "caption": ParagraphStyle(
            "caption",
            base,
            fontName=SANS,
            fontSize=8.5,
            leading=10.5,
            alignment=TA_CENTER,
            spaceBefore=2,
            spaceAfter=8,
        ),
        "cell": ParagraphStyle("cell", fontName=SANS, fontSize=8.5, leading=10),
        "head": ParagraphStyle("head", fontName=SANS_BOLD, fontSize=8.5, leading=10),
    }


def _table(block: TableBlock, styles: dict[str, ParagraphStyle]) -> list:
    data = [[Paragraph(plain(h), styles["head"]) for h in block.headers]]
    data += [[Paragraph(plain(str(c)), styles["cell"]) for c in row] for row in block.rows]
    widths = column_widths(block.headers, block.widths, WIDTH, rows=block.rows)
    table = flowing_table(data, colWidths=widths, repeatRows=1)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for index in block.highlight:
        commands.append(
            ("BACKGROUND", (0, index + 1), (-1, index + 1), colors.Color(0.93, 0.93, 0.93))
        )
    if block.last_bold and block.rows:
        commands.append(("FONTNAME", (0, -1), (-1, -1), SANS_BOLD))
    table.setStyle(TableStyle(commands))
    flow = [table]
    if block.caption:
        flow.append(Paragraph(plain(block.caption), styles["caption"]))
    else:
        flow.append(Spacer(1, 6))
    return flow


def _chart_row(block: ChartRow, styles: dict[str, ParagraphStyle]) -> list:
    cells = list(block.drawings)
    rows = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[WIDTH / 2] * 2)
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)])
    )
    flow = [table]
    if block.caption:
        flow.append(Paragraph(plain(block.caption), styles["caption"]))
    return flow


def _flowables(report: AnnualReport) -> list:
    styles = _styles()
    story: list = [Paragraph(plain(report.title), styles["title"]), Spacer(1, 8)]
    for block in report.blocks:
        if isinstance(block, Heading):
            story.append(CondPageBreak(60 * mm if block.level == 1 else 35 * mm))
            story.append(Paragraph(plain(block.text), styles[f"h{min(block.level, 2)}"]))
        elif isinstance(block, Text):
            lead = f"<b>{plain(block.bold_lead)}</b> " if block.bold_lead else ""
            story.append(Paragraph(lead + plain(block.text), styles["text"]))
        elif isinstance(block, TableBlock):
            story.extend(_table(block, styles))
        elif isinstance(block, Chart):
            drawing = block.drawing
            scale = min(1.0, WIDTH / drawing.width)
            drawing.scale(scale, scale)
            drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
            drawing.hAlign = "CENTER"
            parts = [drawing]
            if block.caption:
                parts.append(Paragraph(plain(block.caption), styles["caption"]))
            story.append(KeepTogether(parts))
        elif isinstance(block, ChartRow):
            story.extend(_chart_row(block, styles))
    if report.signature:
        story += [Spacer(1, 24), _signature(report.signature, styles)]
    return story


def _signature(sign: Signature, styles: dict[str, ParagraphStyle]) -> Table:
    text = ParagraphStyle("sign", styles["text"], alignment=0)
    name = plain(sign.name) if sign.name else "____________________"
    table = flowing_table(
        [
            [
                Paragraph(plain(sign.position), text),
                Paragraph("______________", text),
                Paragraph(name, text),
            ],
            [Paragraph(plain(sign.date), text), "", ""],
        ],
        colWidths=[WIDTH * 0.45, WIDTH * 0.25, WIDTH * 0.30],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 10),
            ]
        )
    )
    return KeepTogether([table])


def build_annual_report(report: AnnualReport) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        bottomMargin=_BOTTOM,
        title=report.title,
        author="РМО педагогов-библиотекарей",
        **_MARGINS,
    )
    canvas = type(
        "ReportCanvas",
        (_NumberedCanvas,),
        {"footer_left": f"Анализ работы РМО, {report.academic_year}"},
    )
    doc.build(_flowables(report), canvasmaker=canvas)
    return buffer.getvalue()
