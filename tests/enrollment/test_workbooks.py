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


def test_export_columns_fit_their_content_and_carry_an_autofilter():
    long_school = "МБОУ «Гусиноозёрская средняя общеобразовательная школа № 4»"
    data = export_xlsx(["№", "Школа"], [[1, long_school], [2, "СОШ"]])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.auto_filter.ref == "A1:B3"
    assert sheet.column_dimensions["B"].width >= len(long_school)
    assert sheet.column_dimensions["A"].width < 12


def test_the_template_accepts_only_the_olympiads_grades():
    from olympiad.enrollment.spreadsheet import template_xlsx

    def grade_rule(data):
        book = openpyxl.load_workbook(io.BytesIO(data))
        [rule] = [
            r for r in book["Ученики"].data_validations.dataValidation if "E2" in str(r.sqref)
        ]
        return rule, book["Инструкция"]["A5"].value

    rule, line = grade_rule(template_xlsx([5, 6, 7, 8, 9, 10, 11]))
    assert (rule.type, rule.formula1, rule.formula2) == ("whole", "5", "11")
    assert "число от 5 до 11" in line
    rule, line = grade_rule(template_xlsx([9, 11]))
    assert (rule.type, rule.formula1) == ("list", '"9,11"')
    assert "одно из чисел 9, 11" in line
