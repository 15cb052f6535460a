"""XLSX exports never carry a formula, whatever the text."""

import io
import zipfile

import openpyxl
import pytest

from olympiad.enrollment.spreadsheet import export_xlsx, neutralize


@pytest.mark.parametrize(
    "text", ["=1+1", "+79001234567", "-2+3", "@SUM(A1)", "\t=cmd", "\r=x", '=HYPERLINK("x")']
)
def test_neutralize(text):
    assert neutralize(text) == "'" + text


def test_neutralize_leaves_the_rest():
    assert neutralize("Иванов") == "Иванов"
    assert neutralize(-5) == -5 and neutralize(2.5) == 2.5 and neutralize(None) is None
    assert neutralize("a\x00b\x07c") == "abc"  # control characters XLSX cannot hold


def test_export_has_no_formulas():
    rows = [["=1+1", "Иванов", -3, "@cmd"], ["+7 900", "-x", 4.5, None]]
    data = export_xlsx(["=Фамилия", "Имя", "Балл", "Примечание"], rows, sheet_title="Итоги")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Итоги"
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values == [
        ["'=Фамилия", "Имя", "Балл", "Примечание"],
        ["'=1+1", "Иванов", -3, "'@cmd"],
        ["'+7 900", "'-x", 4.5, None],
    ]
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
