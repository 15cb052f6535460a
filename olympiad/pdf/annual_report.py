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
class AnnualReport:
    title: str  # «Анализ работы РМО ... за 2020-2021 учебный год»
    academic_year: str
    blocks: list[Block]
    signature: str = ""  # «Руководитель РМО ____ Фамилия И. О.»


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
    widths = [WIDTH * w for w in block.widths] if block.widths else None
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
        story += [Spacer(1, 18), Paragraph(plain(report.signature), styles["text"])]
    return story


def build_annual_report(report: AnnualReport) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        bottomMargin=_BOTTOM,
        title=report.title,
        author="РМО школьных библиотекарей",
        **_MARGINS,
    )

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 8)
        canvas.drawString(
            _MARGINS["leftMargin"], 10 * mm, f"Анализ работы РМО, {report.academic_year}"
        )
        canvas.drawRightString(A4[0] - _MARGINS["rightMargin"], 10 * mm, f"Стр. {document.page}")
        canvas.restoreState()

    doc.build(_flowables(report), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
