"""The results' documents: the rating table as XLSX and PDF, the per-school summary, the
machine-readable export as CSV and JSON, and the CLI command that writes it."""

import csv
import io
import json
from datetime import date
from decimal import Decimal
from types import SimpleNamespace as NS

import openpyxl
import pytest
from pypdf import PdfReader

from olympiad.domain.awards import Status
from olympiad.extensions import db
from olympiad.models import JuryMember, OlympiadStatus, Role
from olympiad.results import labels
from olympiad.results.protocol_pdf import WIDTH, layout, rating_pdf
from olympiad.results.records import CSV_HEADERS, records, to_csv, to_json
from olympiad.results.tables import Line, Table
from olympiad.results.workbook import rating_xlsx, school_summary_xlsx, sheet_titles
from tests.results.conftest import FORMULA, REASON

RANKED = ["Первая", "Вторая", "Третья", "Четвёртая", FORMULA]


def _book(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def _table_rows(sheet) -> tuple[int, list[tuple]]:
    """The header row's number and the data rows under its second header row."""
    top = next(r[0].row for r in sheet.iter_rows() if r[0].value == "Место")
    rows = []
    for row in sheet.iter_rows(min_row=top + 2, values_only=True):
        if row[0] is None:
            break
        rows.append(row)
    return top, rows


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# XLSX


def test_rating_xlsx_has_a_sheet_per_grade_with_places_ties_and_statuses(documents_scene):
    o = documents_scene.olympiad
    book = _book(rating_xlsx(o, documents_scene.tables()))
    assert book.sheetnames == ["7 класс", "8 класс"]
    sheet = book["7 класс"]
    head = [sheet.cell(row=r, column=1).value for r in range(1, 7)]
    assert head[0] == o.title and "Предварительные результаты" in head
    assert any("Максимальный балл: 18" in (h or "") for h in head)
    top, rows = _table_rows(sheet)
    titles = [c.value for c in sheet[top]]
    assert titles == [
        "Место",
        "Шифр",
        "ФИО",
        "Школа",
        "Класс обучения",
        "Класс выступления",
        "1",
        "2",
        "3",
        "Сумма",
        "% от максимума",
        "Статус",
        "Примечание",
    ]
    assert [c.value for c in sheet[top + 1]][6:10] == [4, 4, 10, 18]  # the maxima
    assert [r[0] for r in rows] == [1, 2, 2, 4, 5]
    assert [r[9] for r in rows] == [17.5, 13, 13, 9, 2.5]
    assert rows[0][6:9] == (4, 4, 9.5) and rows[0][10] == 97.2
    assert [r[11] for r in rows] == ["победитель", "призёр", "призёр", "призёр", "участник"]
    assert REASON in rows[3][12] and "по правилам — участник" in rows[3][12]
    assert rows[0][12] is None
    assert sheet.freeze_panes == f"D{top + 2}"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert "Председатель жюри" in [c.value for c in sheet["C"]]


def test_rating_xlsx_keeps_a_formula_for_a_name_as_text(documents_scene):
    book = _book(rating_xlsx(documents_scene.olympiad, documents_scene.tables()))
    _top, rows = _table_rows(book["7 класс"])
    name = rows[4][2]
    assert name.startswith("'=HYPERLINK(")
    cell = next(c for c in book["7 класс"]["C"] if c.value == name)
    assert cell.data_type == "s"


def test_rating_xlsx_leaves_an_unmarked_task_empty(documents_scene):
    book = _book(rating_xlsx(documents_scene.olympiad, documents_scene.tables()))
    _top, rows = _table_rows(book["8 класс"])
    assert rows == [rows[0]] and rows[0][6:10] == (2, 2, None, 4)


def test_final_results_name_the_approving_order(documents_scene):
    o = documents_scene.olympiad
    o.status, o.final_order, o.final_order_date = OlympiadStatus.FINAL, "15-од", date(2021, 3, 25)
    db.session.commit()
    sheet = _book(rating_xlsx(o, documents_scene.tables()))["7 класс"]
    state = "Итоговые результаты (утверждены приказом № 15-од от 25.03.2021)"
    assert state in [c.value for c in sheet["A"]]
    assert state in _pdf_text(rating_pdf(o, documents_scene.tables()))


def test_school_summary(documents_scene):
    o = documents_scene.olympiad
    book = _book(school_summary_xlsx(o, documents_scene.tables()))
    assert book.sheetnames == ["Сводка по школам", "Участники по школам"]
    sheet = book["Сводка по школам"]
    top = next(r[0].row for r in sheet.iter_rows() if r[0].value == "Школа")
    assert [c.value for c in sheet[top]][4:] == [
        "Лучшее место: 7 класс",
        "Лучшее место: 8 класс",
        "Средний % от максимума",
    ]
    rows = [r for r in sheet.iter_rows(min_row=top + 1, values_only=True) if r[0]]
    # school, present, winners, prize-winners, best place in 7 and 8, average %
    assert rows[0][:6] == ("МАОУ «Гусиноозёрская гимназия»", 2, 0, 2, 2, None)
    assert rows[1][:6] == ("МБОУ «Селенгинская СОШ»", 4, 1, 1, 1, 1)
    assert rows[1][6] == pytest.approx((97.2 + 72.2 + 13.9 + 22.2) / 4, abs=0.05)
    assert rows[2][:4] == ("Итого", 6, 1, 3)
    lines = list(book["Участники по школам"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in lines] == ["МАОУ «Гусиноозёрская гимназия»"] * 2 + [
        "МБОУ «Селенгинская СОШ»"
    ] * 4
    assert [r[4] for r in lines[:2]] == ["Вторая Анна Петровна", "Четвёртая Анна Петровна"]


def test_school_summary_for_one_school(documents_scene):
    o, school = documents_scene.olympiad, documents_scene.schools[1]
    book = _book(school_summary_xlsx(o, documents_scene.tables(), school_id=school.id))
    names = [c.value for c in book["Сводка по школам"]["A"]]
    assert school.full_name in names and "МБОУ «Селенгинская СОШ»" not in names
    lines = list(book["Участники по школам"].iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in lines} == {school.full_name} and len(lines) == 2


def test_sheet_titles_are_safe_short_and_unique():
    titles = sheet_titles(["Группа 9/11: [старшие]?", "x" * 40, "x" * 40, ""])
    assert titles[0] == "Группа 9-11- -старшие--"
    assert all(len(t) <= 31 for t in titles)
    assert titles[1] != titles[2] and titles[2].endswith("(2)")
    assert titles[3] == "Лист"


# PDF


def test_rating_pdf_is_a_protocol_per_grade(documents_scene):
    o = documents_scene.olympiad
    juror = documents_scene.juror
    db.session.add(JuryMember(olympiad_id=o.id, user=juror, is_chair=True))
    db.session.commit()
    content = rating_pdf(o, documents_scene.tables())
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 2  # 7 and 8; nobody in 9–11
    box = reader.pages[0].mediabox
    assert box.width > box.height  # landscape
    first, second = (page.extract_text() for page in reader.pages)
    assert "Протокол жюри муниципального этапа олимпиады" in first
    assert "7 класс" in first and "8 класс" in second
    for name in ("Первая Анна Петровна", "Четвёртая Анна Петровна", "Восьмая Анна"):
        assert name in first + second
    assert "Отсутствующая" not in first + second
    for status in ("победитель", "призёр", "участник"):
        assert status in first
    assert "Статус изменён организатором" in first and REASON in first
    assert "Организаторова Ольга Петровна" in first
    assert "Предварительные результаты" in first and "Максимальный балл: 18" in first
    assert "Председатель жюри" in first and "Л. М. Андреева" in first
    assert "Стр. 1 из 1" in first and "Стр. 1 из 1" in second
    assert "17,5" in first and "9,5" in first and "97,2" in first


def _fake_tables(people: int, tasks: int) -> list[Table]:
    """Rating tables without a database: what the protocol reads from them, nothing more."""
    items = [NS(id=n, position=n, task_version=NS(max_points=5)) for n in range(1, tasks + 1)]
    table = Table("9", (9,), NS(items=items, group_id=None), Decimal(5 * tasks))
    school = NS(full_name="МБОУ «Тестовая СОШ»", short_name="Тестовая СОШ")
    for n in range(people):
        person = NS(
            full_name=f"Участникова{n} Анна Петровна",
            cipher=f"T-{n:04}",
            school=school,
            grade_studied=9,
            grade_competed=9,
        )
        marks = {item.id: Decimal(n % 11) / 2 for item in items}
        total = sum(marks.values(), Decimal(0))
        percent = (total * 100 / (table.max_total or 1)).quantize(Decimal("0.1"))
        status = Status.PARTICIPANT
        table.lines.append(Line(person, marks, total, percent, n + 1, status, status))
    return [table]


def test_rating_pdf_numbers_pages_and_repeats_the_header(documents_scene):
    content = rating_pdf(documents_scene.olympiad, _fake_tables(120, 10))
    reader = PdfReader(io.BytesIO(content))
    pages = len(reader.pages)
    assert pages > 2
    last = reader.pages[-1].extract_text()
    assert f"Стр. {pages} из {pages}" in last and "Шифр" in last and "Сумма" in last
    assert "Председатель жюри" in last


def test_a_long_paper_wraps_its_marks_into_bands(documents_scene):
    wide = layout(35)
    assert wide.bands == 2 and wide.per_band == 18
    narrow = layout(3)
    assert narrow.bands == 1
    for lay in (wide, narrow):
        total = lay.name_w + lay.school_w + lay.task_w * lay.per_band + 89
        assert total == pytest.approx(WIDTH / 2.834645669, abs=0.01)  # the page's width, mm
    text = _pdf_text(rating_pdf(documents_scene.olympiad, _fake_tables(3, 35)))
    assert "35" in text and "Участникова2 Анна" in text


def test_a_grade_without_a_paper_still_renders(documents_scene):
    o, tables = documents_scene.olympiad, _fake_tables(2, 0)
    assert "Участникова1 Анна" in _pdf_text(rating_pdf(o, tables))
    _top, rows = _table_rows(_book(rating_xlsx(o, tables))["9 класс"])
    assert [r[:3] for r in rows] == [
        (1, "T-0000", "Участникова0 Анна Петровна"),
        (2, "T-0001", "Участникова1 Анна Петровна"),
    ]


# CSV and JSON


def test_csv_opens_in_russian_excel_and_lists_everyone_enrolled(documents_scene):
    o = documents_scene.olympiad
    content = to_csv(records(o, documents_scene.tables()))
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert list(rows[0]) == [*CSV_HEADERS.values(), "Задание 1", "Задание 2", "Задание 3"]
    assert list(rows[0])[:3] == ["Шифр", "Фамилия", "Имя"]
    assert len(rows) == len(documents_scene.people) == 8
    by_surname = {r["Фамилия"]: r for r in rows}
    first = by_surname["Первая"]
    assert (first["Место"], first["Балл"], first["% от максимума"]) == ("1", "17,5", "97,2")
    assert (first["Задание 3"], first["Максимум"], first["Статус"]) == ("9,5", "18", "победитель")
    assert first["Статус изменён вручную"] == "нет" and first["Явка"] == "явился"
    assert by_surname["Четвёртая"]["Статус изменён вручную"] == "да"
    for surname, attendance in (
        ("Отсутствующая", "не явился"),
        ("Дисквалифицированная", "дисквалифицирован"),
    ):
        row = by_surname[surname]
        assert row["Явка"] == attendance
        assert row["Место"] == row["Статус"] == row["Балл"] == row["Задание 1"] == ""
    assert by_surname["Восьмая"]["Задание 3"] == ""  # not marked
    assert not any(v in ("winner", "present", "false", "true") for r in rows for v in r.values())
    assert "'" + FORMULA in by_surname  # neutralised, kept as text


def test_json_has_the_fields_and_numbers(documents_scene):
    o = documents_scene.olympiad
    document = json.loads(to_json(o, records(o, documents_scene.tables())))
    assert document["olympiad"]["title"] == o.title
    assert document["olympiad"]["academic_year"] == "2020-2021"
    assert document["olympiad"]["state"] == "preliminary"
    results = document["results"]
    assert len(results) == 8
    required = {"cipher", "surname", "name", "patronymic", "school", "grade", "grade_competed"}
    required |= {"attendance", "total", "max_total", "place", "status", "status_overridden"}
    assert all(required <= set(r) for r in results)
    first = results[0]
    assert first["surname"] == "Первая" and first["school"] == "МБОУ «Селенгинская СОШ»"
    assert first["total"] == 17.5 and first["percent"] == 97.2 and first["max_total"] == 18
    assert first["tasks"] == {"1": 4, "2": 4, "3": 9.5}
    assert [r["place"] for r in results[:6]] == [1, 2, 2, 4, 5, None]  # then grade 7's absent
    absent = results[5]
    assert absent["surname"] == "Отсутствующая" and absent["attendance"] == "absent"
    assert absent["total"] is absent["status"] is absent["tasks"] is None
    assert results[3]["status"] == "prize_winner" and results[3]["status_overridden"] is True
    assert results[6]["tasks"] == {"1": 2, "2": 2, "3": None}
    assert results[4]["surname"] == FORMULA  # JSON is data, not a spreadsheet: kept as typed


# CLI


def test_cli_export_to_stdout_and_to_a_file(documents_scene, runner, tmp_path):
    oid = str(documents_scene.olympiad.id)
    result = runner.invoke(args=["results", "export", oid, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout_bytes)["results"]) == 8
    target = tmp_path / "результаты.csv"
    result = runner.invoke(args=["results", "export", oid, "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "Записей: 8" in result.output
    content = target.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf") and "Первая".encode() in content


def test_cli_export_refuses_before_marking_is_closed(documents_scene, runner):
    o = documents_scene.olympiad
    o.status = OlympiadStatus.MARKING
    db.session.commit()
    result = runner.invoke(args=["results", "export", str(o.id), "--format", "csv"])
    assert result.exit_code != 0
    assert "Результатов ещё нет" in result.output and "Первая" not in result.output
    result = runner.invoke(args=["results", "export", "999999"])
    assert result.exit_code != 0 and "Олимпиады с ID 999999 нет" in result.output


# words


def test_labels(documents_scene, make_user):
    assert labels.status_name(Status.UNDECIDED) == "решает жюри"
    assert labels.status_name(None) == ""
    group = Table("9–11", (9, 10, 11), None, Decimal(0))
    assert labels.table_title(group) == "Группа 9–11 классов"
    assert labels.table_title(Table("7", (7,), None, Decimal(0))) == "7 класс"
    assert labels.points(Decimal("4.5")) == "4,5" and labels.percent(Decimal(50)) == "50,0"
    assert labels.initials("Андреева Людмила Михайловна") == "Л. М. Андреева"
    o = documents_scene.olympiad
    o.title = "Олимпиада по информационной культуре"
    assert labels.protocol_title(o) == "Протокол жюри: Олимпиада по информационной культуре"
    member = make_user(Role.JUROR, full_name="Будаева Сэсэг Дашиевна")
    db.session.add(JuryMember(olympiad_id=o.id, user=member, group_ids=[o.groups[1].id]))
    db.session.commit()
    (seven, _eight, *_rest) = documents_scene.tables()
    # the member marks 9–11 only: not under grade 7's protocol
    assert [name for _role, name in labels.signatures(o, seven)][1:] == [labels.BLANK_NAME] * 3
