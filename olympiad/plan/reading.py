"""Turn an uploaded plan (text in any usual encoding, or .docx) into plain lines and rows."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import docx
from docx.table import Table

from olympiad.uploads import MAX_DOCUMENT, UploadRefused, check_document, check_size

NOT_A_DOCUMENT = "Файл не похож на текстовый документ или .docx"


class PlanImportError(ValueError):
    """The document cannot be read as a plan; `messages` say why, in Russian."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = list(messages)


@dataclass
class Line:
    text: str  # the cells of a row joined by spaces
    cells: list[str] | None  # a table row (tab-separated or a Word table), else None
    where: str = ""  # "строка 51 файла", for messages


def is_docx(filename: str, data: bytes) -> bool:
    """True for a .docx, False for anything that may be text; raise for other formats."""
    if not data.strip():
        raise PlanImportError(["Файл пуст"])
    try:
        check_size(data, MAX_DOCUMENT)
    except UploadRefused as exc:
        raise PlanImportError([str(exc)]) from exc
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise PlanImportError([f"Файл «{filename}» повреждён: архив не читается"]) from exc
        if "word/document.xml" not in names:
            raise PlanImportError([f"Файл «{filename}» — архив, но не документ .docx"])
        try:
            check_document(data)  # size, zip bomb and paragraph count, before python-docx
        except UploadRefused as exc:
            raise PlanImportError([str(exc)]) from exc
        return True
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlanImportError(
            [f"Файл «{filename}» в старом формате Word (.doc): сохраните его как .docx или .txt"]
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
    for number, raw in enumerate(text.splitlines(), 1):
        lines.extend(_to_lines(raw, f"строка {number} файла"))
    return lines


def docx_lines(data: bytes) -> list[Line]:
    """Paragraphs and table rows in document order."""
    try:
        check_document(data)
    except UploadRefused as exc:
        raise PlanImportError([str(exc)]) from exc
    try:
        document = docx.Document(io.BytesIO(data))
        document.element.body  # noqa: B018 - a foreign root element fails here, not later
    except Exception as exc:  # python-docx raises anything from KeyError to lxml errors
        raise PlanImportError(["Документ .docx повреждён и не открывается"]) from exc
    lines: list[Line] = []
    for block_no, block in enumerate(document.iter_inner_content(), 1):
        if isinstance(block, Table):
            for row in block.rows:
                cells, previous = [], None
                for cell in row.cells:
                    if cell is not previous:  # a merged cell comes once per spanned column
                        cells.append("\n".join(filter(None, map(clean, cell.text.split("\n")))))
                    previous = cell
                if any(cells):
                    lines.append(Line(" ".join(" ".join(c.split()) for c in cells if c), cells))
        else:
            for part in block.text.split("\n"):
                lines.extend(_to_lines(part, f"абзац {block_no}"))
    return lines


def clean(text: str) -> str:
    """Collapse runs of spaces (also non-breaking ones) into one space."""
    return " ".join(text.replace("\ufeff", "").split())


def _to_lines(raw: str, where: str) -> list[Line]:
    cells = [clean(cell) for cell in raw.split("\t")]
    # one filled cell is an indented paragraph, not a row of the table
    if sum(1 for cell in cells if cell) > 1:
        return [Line(" ".join(filter(None, cells)), cells, where)]
    text = clean(raw)
    return [Line(text, None, where)] if text else []
