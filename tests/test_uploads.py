"""The shared upload checks (olympiad.uploads, olympiad.images), on the files that used to
cost minutes, gigabytes or a 500."""

import codecs
import io

import docx
import openpyxl
import pytest
from PIL import Image

from olympiad import uploads
from olympiad.tasks.images import ImageRefused, checked_image
from olympiad.uploads import (
    UploadRefused,
    check_document,
    grid,  # noqa: F401 - patched below
    read_grid,
    read_json,
)
from tests.hardening.uploads_corpus import _broken_png, docx_with


def _xlsx(far: int | None = None, rows=(("Шифр", "1"),)) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    if far:
        book.active.cell(row=far, column=1, value="x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def refused(call, *words):
    with pytest.raises(UploadRefused) as caught:
        call()
    message = str(caught.value)
    assert all(word in message for word in words), message
    return message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "utf-16"])
def test_csv_in_every_usual_encoding(encoding):
    data = "Фамилия;Имя\nЁлкин;Пётр\n".encode(encoding)
    assert read_grid("x.csv", data) == [(1, ["Фамилия", "Имя"]), (2, ["Ёлкин", "Пётр"])]


def test_a_long_csv_field_is_read_up_to_the_cell_limit_and_refused_beyond():
    long = "Ж" * 200_000  # over the csv module's default limit of 128 KiB
    refused(lambda: read_grid("x.csv", f"Шифр;1\nKMT;{long}\n".encode()), "32767 символов")
    refused(lambda: read_grid("x.csv", f"{long};Имя\n".encode()), "Строка 1")
    fits = "ж" * uploads.MAX_CELL
    assert read_grid("x.csv", f"Шифр;{fits}\n".encode())[0][1][1] == fits


def test_rows_columns_and_cells_are_bounded(monkeypatch):
    far = _xlsx(far=1_000_000)
    refused(lambda: read_grid("x.xlsx", far), "больше 20000 строк")
    many = ("1\n" * (uploads.MAX_LINES + 1)).encode()
    refused(lambda: read_grid("x.csv", many), "больше 20000 строк")
    wide = read_grid("x.csv", (";".join(map(str, range(500))) + "\n").encode())
    assert len(wide[0][1]) == uploads.MAX_COLUMNS
    monkeypatch.setattr(uploads.grid, "MAX_CELL", 10)  # Excel itself writes no longer cells
    refused(lambda: read_grid("x.xlsx", _xlsx(rows=[("Шифр", "ж" * 11)])), "Ячейка B1")


def test_foreign_and_broken_files():
    refused(lambda: read_grid("x.csv", b""), "пуст")
    refused(lambda: read_grid("x.csv", b"x" * (uploads.MAX_BYTES + 1)), "слишком большой")
    refused(lambda: read_grid("x.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 600), ".xls")
    refused(lambda: read_grid("x.csv", bytes(range(256))), "кодировку")
    refused(lambda: read_grid("x.csv", bytes(range(1, 32)) * 9), "не похож на таблицу")
    refused(lambda: read_grid("x.csv", codecs.BOM_UTF16_LE + b"\x00\xd8"), "UTF-16")
    docx_file = io.BytesIO()
    docx.Document().save(docx_file)
    refused(lambda: read_grid("x.xlsx", docx_file.getvalue()), "не книга Excel")


def test_a_docx_bomb_and_a_docx_of_empty_paragraphs_are_refused_before_parsing():
    bomb = docx_with(b"<w:p><w:r><w:t>" + b"a" * 300_000_000 + b"</w:t></w:r></w:p>")
    assert len(bomb) < 400_000
    refused(lambda: check_document(bomb), "слишком велик")
    empty = docx_with(b"<w:p/>" * 400_000)
    refused(lambda: check_document(empty), "сжат")
    varied = docx_with(b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % n for n in range(21_000)))
    refused(lambda: check_document(varied), "больше 20000 абзацев")
    check_document(docx_with(b"<w:p><w:r><w:t>\xd0\x9f\xd0\xbb\xd0\xb0\xd0\xbd</w:t></w:r></w:p>"))


def test_json_deep_huge_numbers_and_nan_are_refused():
    refused(lambda: read_json(b"[" * 100_000 + b"]" * 100_000), "вложен")
    refused(lambda: read_json(b'{"n": ' + b"9" * 5000 + b"}"), "недопустимое число")
    refused(lambda: read_json(b'{"n": 1e999}'), "недопустимое число")
    refused(lambda: read_json(b'{"n": NaN}'), "недопустимое число")
    refused(lambda: read_json(b"\xff\xfe"), "UTF-8")
    refused(lambda: read_json(b'{"a": [1, 2'), "строка 1")
    assert read_json(codecs.BOM_UTF8 + b'{"a": ["[{", 2.5, -12]}') == {"a": ["[{", 2.5, -12]}


def _jpeg(**extra) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (200, 100), "teal").save(out, "JPEG", **extra)
    return out.getvalue()


def test_task_pictures_are_decoded_in_full_and_lose_their_metadata():
    with pytest.raises(ImageRefused, match="не открывается"):
        checked_image(_broken_png())
    jpeg = _jpeg()
    with pytest.raises(ImageRefused, match="не открывается"):
        checked_image(jpeg[: len(jpeg) // 2])
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS latitude
    stored, kind = checked_image(_jpeg(exif=exif.tobytes()))
    assert kind == "image/jpeg"
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif() and image.size == (200, 100)
    assert checked_image(jpeg) == (jpeg, "image/jpeg")  # nothing to remove: kept as it is
