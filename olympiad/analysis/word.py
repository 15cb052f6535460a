"""The annual report as a Word document, from the same blocks as the PDF, for the
methodologists who add their own paragraphs before signing.

Office-ready: Times New Roman throughout (every school PC has it), headings in the
document's own black style instead of Word's blue Calibri, page numbers «стр. N из M» in the
footer, table headers repeated on each page and columns as wide as in the PDF. The charts
stay in the PDF (a raster renderer for ReportLab drawings would need cairo on the server):
Word gets a line pointing there."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from olympiad.pdf.annual_report import (
    WIDTH,
    AnnualReport,
    Chart,
    ChartRow,
    Heading,
    Signature,
    TableBlock,
    Text,
    column_widths,
)
from olympiad.pdf.raster import drawing_png

FONT = "Times New Roman"
BLACK = RGBColor(0, 0, 0)
_POINT_TO_MM = 25.4 / 72
# Times New Roman bold has the metrics of ReportLab's Times-Bold; Word's cell margins are
# 0.19 cm a side (about 11 points together)
HEADER_FONT = ("Times-Bold", 9, 12)  # 9 pt in tables: seven columns fit whole words


def _font(style, size: float, bold: bool | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.color.rgb = BLACK
    if bold is not None:
        style.font.bold = bold
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)


def _styles(document) -> None:
    _font(document.styles["Normal"], 12)
    for level, size in ((1, 13), (2, 12)):
        style = document.styles[f"Heading {level}"]
        _font(style, size, bold=True)
        style.font.italic = False
        style.paragraph_format.space_before = Pt(10 if level == 1 else 6)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True


def _field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
        if kind == "separate":
            run._r.append(_text_element("1"))


def _text_element(text: str):
    element = OxmlElement("w:t")
    element.text = text
    return element


def _footer(section, academic_year: str) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run(f"Анализ работы РМО, {academic_year}    стр. ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" из ")
    _field(paragraph, "NUMPAGES")
    for run in paragraph.runs:
        run.font.size = Pt(9)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _cell_text(cell, text: str, bold: bool = False) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = Pt(9)


def _table(document, block: TableBlock) -> None:
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    fitted = column_widths(block.headers, block.widths, WIDTH, HEADER_FONT, block.rows)
    widths = [Mm(w * _POINT_TO_MM) for w in fitted]
    for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
        _cell_text(cell, text, bold=True)
    _repeat_header(table.rows[0])
    for index, row in enumerate(block.rows):
        cells = table.add_row().cells
        last = block.last_bold and index == len(block.rows) - 1
        for cell, text in zip(cells, row, strict=True):
            _cell_text(cell, str(text), bold=last)
    _widths(table, widths)
    if block.caption:
        caption = document.add_paragraph(block.caption)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.runs[0].font.size = Pt(10)
    else:
        document.add_paragraph()


def _widths(table, widths) -> None:
    """Word reads the cells' widths, LibreOffice the grid's: set both, and a fixed layout."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)


def _signature(document, sign: Signature) -> None:
    document.add_paragraph()
    table = document.add_table(rows=2, cols=3)
    texts = [sign.position, "______________", sign.name or "____________________"]
    for cell, text in zip(table.rows[0].cells, texts, strict=True):
        _cell_text(cell, text)
        cell.paragraphs[0].runs[0].font.size = Pt(12)
    _cell_text(table.rows[1].cells[0], sign.date)
    table.rows[1].cells[0].paragraphs[0].runs[0].font.size = Pt(12)
    _widths(table, (Mm(75), Mm(45), Mm(50)))


TEXT_WIDTH_MM = 170  # A4 less the margins


def _chart(document, block: Chart | ChartRow) -> None:
    """The same drawings as in the PDF, as pictures; small ones two to a line."""
    drawings = [block.drawing] if isinstance(block, Chart) else block.drawings
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    for drawing in drawings:
        width = min(TEXT_WIDTH_MM / (1 if len(drawings) == 1 else 2) - 2, drawing.width * 0.3528)
        paragraph.add_run().add_picture(io.BytesIO(drawing_png(drawing)), width=Mm(width))
    if block.caption:
        caption = document.add_paragraph(block.caption)
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption.runs[0].italic = True
        caption.runs[0].font.size = Pt(10)


def build_annual_docx(report: AnnualReport) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(15)
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    _styles(document)
    _footer(section, report.academic_year)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title_run = title.add_run(report.title)
    title_run.bold, title_run.font.size = True, Pt(14)
    for block in report.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=min(block.level, 2))
        elif isinstance(block, Text):
            paragraph = document.add_paragraph()
            if block.bold_lead:
                paragraph.add_run(block.bold_lead + " ").bold = True
            paragraph.add_run(block.text)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif isinstance(block, TableBlock):
            _table(document, block)
        elif isinstance(block, Chart | ChartRow):
            _chart(document, block)
    if report.signature:
        _signature(document, report.signature)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
