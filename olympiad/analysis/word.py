"""The annual report as a Word document, from the same blocks as the PDF, for the
methodologists who add their own paragraphs before signing. Charts stay in the PDF: Word gets
a line pointing there (drawing them as pictures would need a raster renderer on the server)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from olympiad.pdf.annual_report import AnnualReport, Chart, ChartRow, Heading, TableBlock, Text

FONT = "PT Serif"


def _table(document, block: TableBlock) -> None:
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for index, row in enumerate(block.rows):
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)
            if block.last_bold and index == len(block.rows) - 1:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    if block.caption:
        document.add_paragraph(block.caption).alignment = WD_ALIGN_PARAGRAPH.CENTER


def build_annual_docx(report: AnnualReport) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(12)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title_run = title.add_run(report.title)
    title_run.bold, title_run.font.size = True, Pt(14)
    charts_noted = False
    for block in report.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Text):
            paragraph = document.add_paragraph()
            if block.bold_lead:
                paragraph.add_run(block.bold_lead + " ").bold = True
            paragraph.add_run(block.text)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif isinstance(block, TableBlock):
            _table(document, block)
        elif isinstance(block, Chart | ChartRow) and not charts_noted:
            note = document.add_paragraph("Диаграммы — в PDF-версии отчёта.")
            note.runs[0].italic = True
            charts_noted = True
    if report.signature:
        document.add_paragraph()
        document.add_paragraph(report.signature)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
