"""Every uploaded spreadsheet and document passes here before any parser sees it.

One size check, one archive check (the ZIP directory alone: member count, total unpacked
size, compression ratio) for XLSX and DOCX, and one `read_grid(filename, data)` that turns
an XLSX or CSV file into rows of cell strings within limits on rows, columns and cell size
(grid.py); JSON is read with bounded depth and numbers (jsonfile.py). Errors are
`UploadRefused` with a message safe to show as it is, translated when raised.

Flask-Babel's gettext needs no app context: outside one (a test calling `read_grid` bare)
it formats the Russian msgid with its placeholders, and a flask command gets the default
locale (Russian), so the same `_()` serves the web, the CLI and plain function calls.
"""

from __future__ import annotations

import io
import math
import re
import zipfile

from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

MAX_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT = 8 * 1024 * 1024  # a .docx or text plan, a JSON bank
MAX_LINES = 20_000  # lines read from one sheet, blank ones included
MAX_COLUMNS = 40  # cells right of this are never read
MAX_CELL = 32_767  # Excel's own limit for the text of one cell
MAX_MEMBERS = 200
MAX_UNPACKED = 25 * 1024 * 1024  # 10,000 rows unpack to under 10 MB even with inline strings
MAX_RATIO = 100  # ordinary XML parts compress 5-20 times; bombs hundreds of times
MAX_PARAGRAPHS = 20_000  # a year's plan has a few hundred
MAX_DEPTH = 32  # nesting of a JSON document; ours goes 5 deep
MAX_DIGITS = 30  # of a JSON integer: Python refuses to convert 4,300 and more
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, .doc, and password-protected Office files


class UploadRefused(ValueError):
    """A file-level problem; the message is in the user's language and safe to show."""


def size_text(n: int) -> str:
    """«340 КБ», «5,1 МБ»: rounded up, with the locale's decimal mark (Russian outside a
    request)."""
    if n < 2**20:
        return _("%(n)s КБ", n=math.ceil(n / 1024))
    megabytes = math.ceil(n * 10 / 2**20) / 10
    return _("%(n)s МБ", n=format_decimal(megabytes, "0.#", locale=get_locale() or "ru"))


def check_size(data: bytes, max_bytes: int = MAX_BYTES) -> None:
    """Refuse an empty or too large file: the first check of every upload."""
    if not data:
        raise UploadRefused(_("Файл пуст."))
    if len(data) > max_bytes:
        raise UploadRefused(
            _(
                "Файл слишком большой: %(size)s (можно не больше %(limit)s).",
                size=size_text(len(data)),
                limit=size_text(max_bytes),
            )
        )


_KINDS = {
    "xlsx": ("[Content_Types].xml", _l("книга Excel (.xlsx)"), _l("Файл XLSX")),
    "docx": ("word/document.xml", _l("документ Word (.docx)"), _l("Документ .docx")),
}


_MARKERS = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml"}


def check_archive(data: bytes, kind: str = "xlsx") -> None:
    """Refuse ZIP bombs and foreign archives from the directory alone, before any XML is
    unpacked. `kind` is "xlsx" or "docx"."""
    part, name, title = _KINDS[kind]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UploadRefused(_("Файл повреждён: это не %(kind)s.", kind=name)) from exc
    names = {m.filename for m in members}
    if len(members) > MAX_MEMBERS:
        raise UploadRefused(_("%(file)s устроен подозрительно (слишком много частей).", file=title))
    for other, marker in _MARKERS.items():
        if other != kind and marker in names:
            raise UploadRefused(
                _("Это %(other)s, а не %(kind)s.", other=_KINDS[other][1], kind=name)
            )
    if part not in names:
        if "mimetype" in names or "content.xml" in names:
            raise UploadRefused(
                _(
                    "Это документ OpenDocument (.ods, .odt). Сохраните его в формате Microsoft "
                    "Office (.xlsx, .docx) или как CSV/текст."
                )
            )
        raise UploadRefused(_("Это архив ZIP, а не %(kind)s.", kind=name))
    unpacked = sum(m.file_size for m in members)
    squeezed = any(
        m.file_size > 2**20 and m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members
    )
    if unpacked > MAX_UNPACKED or squeezed:
        raise UploadRefused(
            _(
                "%(file)s после распаковки слишком велик или подозрительно сильно сжат; "
                "обработка отменена. Загрузите обычный файл.",
                file=title,
            )
        )


def check_document(data: bytes) -> None:
    """A .docx that python-docx may open: the archive check, then a bound on paragraphs
    counted in the raw XML (a document of 400,000 empty paragraphs is no plan)."""
    check_size(data, MAX_DOCUMENT)
    check_archive(data, "docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = archive.read("word/document.xml")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError) as exc:
        raise UploadRefused(_("Документ .docx повреждён и не открывается.")) from exc
    if len(re.findall(rb"<w:(?:p|tr)[\s>/]", body)) > MAX_PARAGRAPHS:
        raise UploadRefused(
            _(
                "В документе больше %(n)s абзацев и строк таблиц: это не план работы.",
                n=MAX_PARAGRAPHS,
            )
        )


from olympiad.uploads.grid import decode_text, read_grid, read_sheets  # noqa: E402
from olympiad.uploads.jsonfile import read_json  # noqa: E402

__all__ = [
    "UploadRefused",
    "check_archive",
    "check_document",
    "check_size",
    "decode_text",
    "read_grid",
    "read_json",
    "read_sheets",
    "size_text",
]
