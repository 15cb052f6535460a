"""Turn an uploaded plan (text in any usual encoding, or .docx) into plain lines and rows."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from olympiad.plan.numbering import Numbering
from olympiad.uploads import MAX_DOCUMENT, UploadRefused, check_document, check_size

NOT_A_DOCUMENT = _l("Файл не похож на текстовый документ или .docx")


class PlanImportError(ValueError):
    """The document cannot be read as a plan; `messages` say why, in the user's language."""

    def __init__(self, messages: list[str]) -> None:
        messages = [str(message) for message in messages]  # lazy strings rendered now
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class Line:
    text: str  # the cells of a row joined by spaces
    cells: list[str] | None  # a table row (tab-separated or a Word table), else None
    where: str = ""  # "строка 51 файла", for messages
    # per cell: True where the cell begins (False: merged in from the left or from above)
    fresh: list[bool] | None = None
    table: int = 0  # rows of one table share the number
    index: int = -1  # the line's place in the document, set by the importer (-1: made up)


def is_docx(filename: str, data: bytes) -> bool:
    """True for a .docx, False for anything that may be text; raise for other formats."""
    if not data.strip():
        raise PlanImportError([_("Файл пуст")])
    try:
        check_size(data, MAX_DOCUMENT)
    except UploadRefused as exc:
        raise PlanImportError([str(exc)]) from exc
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise PlanImportError(
                [_("Файл «%(name)s» повреждён: архив не читается", name=filename)]
            ) from exc
        if "word/document.xml" not in names:
            raise PlanImportError(
                [_("Файл «%(name)s» — архив, но не документ .docx", name=filename)]
            )
        try:
            check_document(data)  # size, zip bomb and paragraph count, before python-docx
        except UploadRefused as exc:
            raise PlanImportError([str(exc)]) from exc
        return True
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlanImportError(
            [
                _(
                    "Файл «%(name)s» в старом формате Word (.doc): сохраните его как .docx "
                    "или .txt",
                    name=filename,
                )
            ]
        )
    return False


def decode_text(data: bytes) -> str:
    """UTF-8 with or without BOM, UTF-16 with BOM, else cp1251 (older Windows editors)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        raise PlanImportError([NOT_A_DOCUMENT])
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1251", errors="replace")
    # cp1251 decodes almost any bytes, so binary data is told apart by its control characters
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f\v") + text.count("\ufffd")
    if controls > len(text) / 200:
        raise PlanImportError([NOT_A_DOCUMENT])
    return text


def text_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    table, previous = 0, False
    for number, raw in enumerate(text.splitlines(), 1):
        for line in _to_lines(raw, _("строка %(number)s файла", number=number)):
            if line.cells is not None:
                table += 0 if previous else 1
                line.table = table
            previous = line.cells is not None
            lines.append(line)
        previous = previous and bool(raw.strip())
    return lines


def docx_lines(data: bytes) -> list[Line]:
    """Paragraphs (with Word's own numbering put in front) and table rows, in document order."""
    try:
        check_document(data)
    except UploadRefused as exc:
        raise PlanImportError([str(exc)]) from exc
    try:
        document = docx.Document(io.BytesIO(data))
        document.element.body  # noqa: B018 - a foreign root element fails here, not later
        numbering = Numbering(document)
    except Exception as exc:  # python-docx raises anything from KeyError to lxml errors
        raise PlanImportError([_("Документ .docx повреждён и не открывается")]) from exc
    lines: list[Line] = []
    counter = {"paragraph": 0, "table": 0}
    for block in _blocks(document.element.body):
        if block.tag == qn("w:tbl"):
            counter["table"] += 1
            lines.extend(_table_lines(block, numbering, counter["table"], document))
        else:
            counter["paragraph"] += 1
            text = _paragraph_text(block, numbering, document)
            for part in text.split("\n"):
                lines.extend(_to_lines(part, _("абзац %(number)s", number=counter["paragraph"])))
    return lines


def _blocks(parent):
    """Paragraphs and tables of the body, also those inside content controls (w:sdt)."""
    for child in parent:
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _paragraph_text(element, numbering: Numbering, document) -> str:
    label = numbering.label(element)
    text = Paragraph(element, document).text
    # Word shows the number of an empty numbered paragraph too (a «№» column numbered by Word)
    return f"{label} {text}".strip() if label else text


def _cell_text(tc, numbering: Numbering, document) -> str:
    paragraphs = [_paragraph_text(p, numbering, document) for p in tc.iter(qn("w:p"))]
    return "\n".join(filter(None, (clean(line) for p in paragraphs for line in p.split("\n"))))


def _table_lines(tbl, numbering: Numbering, table_no: int, document) -> list[Line]:
    """One line per row; a merged cell's text stands in every grid column it covers."""
    lines: list[Line] = []
    above: list[str] = []
    for row_no, tr in enumerate(tbl.findall(qn("w:tr")), 1):
        cells: list[str] = []
        fresh: list[bool] = []
        for tc in tr.findall(qn("w:tc")):
            span_el = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            span = int(span_el.get(qn("w:val"), "1")) if span_el is not None else 1
            merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            continued = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
            column = len(cells)
            if continued:
                text = above[column] if column < len(above) else ""
            else:
                text = _cell_text(tc, numbering, document)
            cells.extend([text] * max(span, 1))
            fresh.extend([not continued] + [False] * (max(span, 1) - 1))
        above = cells
        if any(cell for cell, new in zip(cells, fresh, strict=True) if new):
            joined = " ".join(
                " ".join(c.split()) for c, new in zip(cells, fresh, strict=False) if new and c
            )
            where = _("таблица %(table)s, строка %(row)s", table=table_no, row=row_no)
            lines.append(Line(joined, cells, where, fresh, table_no))
    return lines


def clean(text: str) -> str:
    """Collapse runs of spaces (also non-breaking ones) into one space."""
    return " ".join(text.replace("\ufeff", "").split())


def _to_lines(raw: str, where: str) -> list[Line]:
    cells = [clean(cell) for cell in raw.split("\t")]
    # one filled cell is an indented paragraph, not a row of the table
    if sum(1 for cell in cells if cell) > 1:
        return [Line(" ".join(filter(None, cells)), cells, where, [True] * len(cells))]
    text = clean(raw)
    return [Line(text, None, where)] if text else []
