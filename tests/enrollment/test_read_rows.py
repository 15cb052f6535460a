"""read_rows: XLSX and CSV told apart by content, Russian Excel encodings, hostile files."""

import codecs
import io
import os
import zipfile

import openpyxl
import pytest

from olympiad import uploads
from olympiad.enrollment.columns import HEADERS
from olympiad.enrollment.spreadsheet import SpreadsheetError, read_rows, template_xlsx

HEADER = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Школа",
    "Класс обучения",
    "Класс участия",
    "Наставник",
    "Согласие на обработку ПДн",
    HEADERS["consent_publication"],
    "Согласие на публикацию работы",
]
ROWS = [
    ["Иванов", "Пётр", "Сергеевич", "МБОУ «СОШ № 1»", 7, 8, "Петрова А. С.", "да", "ФИО", "нет"],
    ["Ёлкина", "Анна", "", "Гимназия № 3", 9, "", "", "+", "только шифр", "-"],
]


def make_xlsx(rows, header=HEADER, title_rows=()):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [*title_rows, header, *rows]:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_csv(rows, *, encoding="utf-8", delimiter=",", bom=False, header=HEADER):
    lines = []
    for row in [header, *rows]:
        cells = [str(v) for v in row]
        lines.append(delimiter.join(f'"{c}"' if delimiter in c else c for c in cells))
    data = "\r\n".join(lines).encode(encoding)
    return (codecs.BOM_UTF8 if bom else b"") + data


def check_good(rows):
    assert [r["surname"] for r in rows] == ["Иванов", "Ёлкина"]
    first, second = rows
    assert first["grade_studied"] == "7" and first["grade_competed"] == "8"
    assert first["school"] == "МБОУ «СОШ № 1»"
    assert first["consent_publication"] == "ФИО"
    assert second["consent_processing"] == "+" and second["grade_competed"] == ""
    assert [r["_line"] for r in rows] == ["2", "3"]


def test_good_xlsx():
    check_good(read_rows("список.xlsx", make_xlsx(ROWS)))


def test_utf8_bom_csv_with_commas():
    check_good(read_rows("список.csv", make_csv(ROWS, bom=True, delimiter=",")))


def test_utf8_csv_without_bom_and_semicolons():
    check_good(read_rows("список.csv", make_csv(ROWS, delimiter=";")))


def test_cp1251_csv_with_semicolons():
    data = make_csv(ROWS, encoding="cp1251", delimiter=";")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    check_good(read_rows("список.csv", data))


def test_content_decides_not_the_name():
    check_good(read_rows("list.csv", make_xlsx(ROWS)))
    check_good(read_rows("list.xlsx", make_csv(ROWS, delimiter=";")))


def test_header_variants_title_rows_and_fio_column():
    header = [
        "№",
        "ФИО",
        "класс",
        "Выступает за класс",
        "согласие на обработку персональных данных",
    ]
    rows = [[1, "Сидоров Иван Петрович", "8", "9", "да"]]
    data = make_xlsx(rows, header=header, title_rows=[["Список участников"], []])
    (row,) = read_rows("x.xlsx", data)
    assert (row["surname"], row["name"], row["patronymic"]) == ("Сидоров", "Иван", "Петрович")
    assert (row["grade_studied"], row["grade_competed"], row["consent_processing"]) == (
        "8",
        "9",
        "да",
    )
    assert row["_line"] == "4" and row["school"] == ""


def test_blank_rows_skipped_but_line_numbers_kept():
    rows = read_rows("x.xlsx", make_xlsx([ROWS[0], [], [None] * 3, ROWS[1]]))
    assert [r["_line"] for r in rows] == ["2", "5"]


def test_template_reads_back():
    (row,) = read_rows("шаблон.xlsx", template_xlsx())
    assert row["surname"] == "Образцова"
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    assert book.sheetnames == ["Ученики", "Инструкция"]
    assert [c.value for c in book["Ученики"][1]] == list(HEADERS.values())


def refused(data, *words, filename="x.xlsx", **kwargs):
    with pytest.raises(SpreadsheetError) as info:
        read_rows(filename, data, **kwargs)
    message = str(info.value)
    assert any("а" <= ch.lower() <= "я" for ch in message), message  # Russian
    for word in words:
        assert word in message
    return message


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\x00\x01\x02",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        os.urandom(2000),
        "Просто текст без таблицы.\nВторая строка.".encode(),
    ],
    ids=["pdf", "png", "random", "text"],
)
def test_not_a_spreadsheet(data):
    refused(data, filename="x.csv")


def test_empty_and_too_large():
    refused(b"", "пуст")
    refused(make_csv(ROWS) + b" " * 100, "слишком большой", max_bytes=100)
    refused(b"x" * (5 * 2**20 + 1), "слишком большой")


def test_old_xls_ods_and_plain_zip():
    refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".xls")
    for names, word in ((["mimetype", "content.xml"], ".ods"), (["readme.txt"], "ZIP")):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for name in names:
                archive.writestr(name, "x")
        refused(out.getvalue(), word)


def bomb(size: int, *, member_count: int = 1) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(member_count):
            with archive.open(f"xl/worksheets/sheet{i + 1}.xml", "w") as member:
                chunk = b"<row><c><v>0</v></c></row>" * 4096
                for _ in range(size // len(chunk)):
                    member.write(chunk)
    return out.getvalue()


def test_zip_bomb_refused_from_directory_without_unpacking(monkeypatch):
    data = bomb(60 * 2**20)
    assert len(data) < 2**20

    def unpacking(*args, **kwargs):
        raise AssertionError("a member was unpacked before the refusal")

    monkeypatch.setattr(zipfile.ZipExtFile, "read", unpacking)
    refused(data, "распаковки")


def test_high_ratio_refused_even_below_the_size_limit():
    refused(bomb(3 * 2**20), "сжат")


def test_too_many_members():
    refused(bomb(0, member_count=uploads.MAX_MEMBERS + 1), "частей")


def test_formula_cell_refused_and_never_evaluated():
    rows = [[*ROWS[0][:4], "=2+5", *ROWS[0][5:]]]
    message = refused(make_xlsx(rows), "E2", "формул")
    assert "7" not in message


def test_too_many_rows():
    refused(make_xlsx(ROWS * 3), "больше 5 строк", max_rows=5)
    assert len(read_rows("x.xlsx", make_xlsx(ROWS * 3), max_rows=6)) == 6


def test_no_header_or_missing_required_columns():
    refused(make_xlsx([["a", "b"]], header=["x", "y"]), "заголовков")
    refused(make_csv([["Иванов", "Иван"]], header=["Фамилия", "Имя"]), "Класс обучения")
    refused(make_xlsx([], header=[*HEADER, "Фамилия"]), "дважды")
    refused(make_xlsx([], header=HEADER), "нет ни одной строки")


def test_lying_dimension_does_not_hide_rows():
    data = make_xlsx(ROWS)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                assert b'<dimension ref="A1:J3"/>' in body
                body = body.replace(b'<dimension ref="A1:J3"/>', b'<dimension ref="A1"/>')
            target.writestr(item, body)
    check_good(read_rows("x.xlsx", out.getvalue()))


def test_broken_xlsx_refused():
    data = bytearray(make_xlsx(ROWS))
    data[len(data) // 2 : len(data) // 2 + 200] = b"\x00" * 200
    refused(bytes(data))


def test_entity_expansion_refused():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    source = zipfile.ZipFile(io.BytesIO(make_xlsx(ROWS)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            target.writestr(item, laughs if item.filename.endswith("sheet1.xml") else body)
    refused(out.getvalue(), "XLSX")
