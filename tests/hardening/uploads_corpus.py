"""A corpus of hostile uploads: bombs, wrong encodings, truncated files, controls, huge
fields, markup, other scripts, empty files and wrong types renamed. Each item is
(name, bytes); the name's extension is what a user would have given the file."""

from __future__ import annotations

import codecs
import io
import json
import struct
import zipfile
import zlib
from xml.sax.saxutils import escape

import docx
import openpyxl
from PIL import Image

HEADER = "Фамилия;Имя;Отчество;Класс обучения;Согласие на обработку ПДн"


def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def _xlsx(rows, far: int | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if far:
        sheet.cell(row=far, column=1, value="x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite(data: bytes, name: str, body) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    return _zip(
        {
            i.filename: body(source.read(i)) if i.filename == name else source.read(i)
            for i in source.infolist()
        }
    )


def docx_with(xml: bytes) -> bytes:
    """An empty Word document with `xml` put at the start of its body."""
    out = io.BytesIO()
    docx.Document().save(out)
    return _rewrite(
        out.getvalue(),
        "word/document.xml",
        lambda body: body.replace(b"<w:body>", b"<w:body>" + xml, 1),
    )


def _docx(paragraphs: list[str]) -> bytes:
    """A Word document of these paragraphs. They go into the body's XML at once: python-docx's
    add_paragraph looks for the body's end each time (7 s for 21,000 paragraphs)."""
    xml = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in paragraphs)
    return docx_with(xml.encode())


def _image(kind: str, size=(120, 120)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, kind)
    return out.getvalue()


def _broken_png() -> bytes:
    """A PNG whose chunk checksums are right but whose compressed pixels are garbage:
    Pillow's verify() passes it, decoding fails."""
    png = _image("PNG", (300, 300))
    at = png.index(b"IDAT")
    length = struct.unpack(">I", png[at - 4 : at])[0]
    body = bytearray(png[at + 4 : at + 4 + length])
    body[4:40] = b"\xff" * 36
    crc = struct.pack(">I", zlib.crc32(b"IDAT" + bytes(body)))
    return png[: at + 4] + bytes(body) + crc + png[at + 8 + length :]


def _png_bomb() -> bytes:
    """A tiny PNG that claims 30,000 × 30,000 pixels."""
    raw = zlib.compress(b"\x00" * 1000)
    ihdr = struct.pack(">IIBBBBB", 30_000, 30_000, 8, 0, 0, 0, 0)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _bomb_member(name: str, size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open(name, "w") as member:
            chunk = b"<w:p/>" * 10_000
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def _laughs(data: bytes, member: str) -> bytes:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<root>&lol3;</root>"
    )
    return _rewrite(data, member, lambda body: laughs)


def corpus() -> list[tuple[str, bytes]]:
    good_xlsx = _xlsx([HEADER.split(";"), ["Иванов", "Иван", "", "8", "да"]])
    good_docx = _docx(["План работы РМО на 2020-2021 учебный год", "Тема: чтение"])
    many_paragraphs = _docx([f"Абзац {n} {n * 7919 % 10007}" for n in range(21_000)])
    jpeg = _image("JPEG")
    huge_field = "Ж" * 200_000
    markup = "<script>alert(1)</script><b>Гимназия №2</b>&amp;{{ 7*7 }}"
    scripts = "Ἀθῆναι 北京 עברית Өлзий Үүрэг Һаша العربية"
    return [
        ("empty.csv", b""),
        ("blank.csv", b" \r\n\t\n"),
        ("bom-only.csv", codecs.BOM_UTF8),
        ("zip-bomb.xlsx", _bomb_member("xl/worksheets/sheet1.xml", 60 * 2**20)),
        ("zip-bomb.docx", _bomb_member("word/document.xml", 60 * 2**20)),
        ("many-members.xlsx", _zip({f"x/{n}.xml": b"<a/>" for n in range(300)})),
        ("far-row.xlsx", _xlsx([["Шифр", "Фамилия"]], far=1_000_000)),
        ("laughs.xlsx", _laughs(good_xlsx, "xl/worksheets/sheet1.xml")),
        ("laughs.docx", _laughs(good_docx, "word/document.xml")),
        ("many-paragraphs.docx", many_paragraphs),
        ("truncated.xlsx", good_xlsx[: len(good_xlsx) // 2]),
        ("truncated.docx", good_docx[: len(good_docx) // 2]),
        ("zeroed.xlsx", good_xlsx[:300] + b"\x00" * 500 + good_xlsx[800:]),
        ("ods.xlsx", _zip({"mimetype": b"application/vnd.oasis", "content.xml": b"<x/>"})),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("report.pdf.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"),
        ("huge-field-header.csv", f"Фамилия;{huge_field}\nИванов;Иван\n".encode()),
        ("huge-field-row.csv", f"{HEADER}\nИванов;{huge_field};;8;да\n".encode()),
        ("huge-field-marks.csv", f"Шифр;1\nKMT-101;{huge_field}\n".encode()),
        ("cp1251.csv", f"{HEADER}\nЁжиков;Пётр;;8;да\n".encode("cp1251")),
        ("utf16.csv", f"{HEADER}\nИванов;Иван;;8;да\n".encode("utf-16")),
        ("utf8-bom.csv", codecs.BOM_UTF8 + f"{HEADER}\nИванов;Иван;;8;да\n".encode()),
        ("mixed-bytes.csv", f"{HEADER}\n".encode() + bytes(range(128, 256)) * 4),
        ("koi8.csv", f"{HEADER}\nИванов;Иван;;8;да\n".encode("koi8-r")),
        ("controls.csv", f"{HEADER}\nИв\x00анов;И\x1bван;\u202eвонави;8;да\n".encode()),
        ("binary.csv", bytes(range(256)) * 16),
        ("markup.csv", f"{HEADER};Примечание\n{markup};Иван;;8;да;{markup}\n".encode()),
        ("formula.csv", f"{HEADER}\n=cmd|' /C calc'!A0;+Иван;-;@8;да\n".encode()),
        ("scripts.csv", f"{HEADER}\n{scripts};Иван;;8;да\n".encode()),
        (
            "unknown-columns.csv",
            "Фамилия;Имя;Класс;Согласие на обработку;Публикация результатов;"
            "Публикация работы;Телефон\nИванов;Иван;8;да;да;да;+7 900\n".encode(),
        ),
        ("quote.csv", f'{HEADER}\n"Иванов;Иван\n'.encode()),
        ("long-lines.csv", (HEADER + "\n" + "Иванов;Иван;;8;да\n" * 25_000).encode()),
        ("wide.csv", (";".join(f"к{n}" for n in range(5_000)) + "\n").encode()),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000),
        ("big-number.json", b'{"format": "olympiad-task-bank", "tasks": [' + b"9" * 5000 + b"]}"),
        ("nan.json", b'{"format": "olympiad-task-bank", "format_version": NaN, "tasks": []}'),
        ("bank-bad-image.json", _bank_with_image(_broken_png())),
        ("bank-truncated-image.json", _bank_with_image(jpeg[: len(jpeg) // 2])),
        ("not-json.json", b"{'format': 'olympiad-task-bank'"),
        ("broken-png.png", _broken_png()),
        ("truncated.jpg", jpeg[: len(jpeg) // 2]),
        ("truncated.png", _image("PNG")[:-40]),
        ("png-bomb.png", _png_bomb()),
        ("gif-renamed.png", _image("GIF")),
        ("bmp-renamed.jpg", _image("BMP")),
        ("svg.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("docx-renamed.png", good_docx),
        ("tiny.png", _image("PNG", (1, 1))),
        ("plan.txt", "План работы\tРМО\n\u202e\x00\x07 строка\n".encode()),
        ("plan-cp1251.txt", "План работы РМО на 2020-2021 учебный год\n".encode("cp1251")),
    ]


def _bank_with_image(picture: bytes) -> bytes:
    import base64

    task = {
        "code": "FUZZ-1",
        "type": "open",
        "topic": "book_library",
        "grades": [7, 8],
        "difficulty": 1,
        "author": "Авторова",
        "text": "Задание",
        "max_points": 5,
        "key": {"criteria": [{"title": "Всё", "max": 5, "description": ""}]},
        "image": {"type": "image/png", "data": base64.b64encode(picture).decode()},
    }
    document = {"format": "olympiad-task-bank", "format_version": 1, "tasks": [task]}
    return json.dumps(document, ensure_ascii=False).encode()
