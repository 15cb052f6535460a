"""The import through the web and the CLI: preview, then all rows or none."""

import base64
import io
import re

import openpyxl
import pytest
from sqlalchemy import func, select
from werkzeug.test import EnvironBuilder

from olympiad.extensions import db
from olympiad.models import Participant, Role
from tests.enrollment.conftest import xlsx

HEAD = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Школа",
    "Класс обучения",
    "Класс участия",
    "Наставник",
    "Согласие на обработку ПДн",
    "Согласие на публикацию результатов",
    "Согласие на публикацию работы",
]
ROWS = [
    ["Аюшеева", "Сэсэг", "Баировна", "", "7", "", "Иванова Н. П.", "да", "ФИО", "да"],
    ["Ёлкин", "Пётр", "", "", "9", "10", "", "+", "Только шифр", "нет"],
    ["Щукина", "Дарья", "Олеговна", "", "11", "", "", "да", "Фамилия и инициалы", "-"],
]


def csv_bytes(rows, delimiter: str, encoding: str, bom: bool = False) -> bytes:
    text = "\r\n".join(delimiter.join(row) for row in [HEAD, *rows]) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def count() -> int:
    return db.session.scalar(select(func.count(Participant.id)))


def upload(client, olympiad, content: bytes, name: str):
    # built by hand so that the body, spooled to a temporary file when large, gets closed
    request = EnvironBuilder(
        path=f"/enrollment/{olympiad.id}/import",
        method="POST",
        data={"file": (io.BytesIO(content), name)},
    ).get_request()
    try:
        return client.open(request)
    finally:
        request.environ["wsgi.input"].close()


def save(client, olympiad, page: str):
    payload = re.search(r'name="payload" type="hidden" value="([^"]+)"', page).group(1)
    filename = re.search(r'name="filename" type="hidden" value="([^"]*)"', page).group(1)
    return client.post(
        f"/enrollment/{olympiad.id}/import/save",
        data={"payload": payload, "filename": filename},
        follow_redirects=True,
    )


@pytest.fixture
def coordinator(make_user, login):
    user = make_user(Role.COORDINATOR)
    login(user)
    return user


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("список.xlsx", xlsx(ROWS, HEAD)),
        ("список.csv", csv_bytes(ROWS, ",", "utf-8", bom=True)),
        ("список.csv", csv_bytes(ROWS, ";", "cp1251")),
    ],
    ids=["xlsx", "utf8-bom-comma-csv", "cp1251-semicolon-csv"],
)
def test_good_file_previewed_then_saved(client, coordinator, make_olympiad, name, content):
    olympiad = make_olympiad()
    page = upload(client, olympiad, content, name).get_data(as_text=True)
    assert "Сохранить все 3 строк" in page and "Ёлкин Пётр" in page
    assert count() == 0  # the preview saves nothing
    done = save(client, olympiad, page).get_data(as_text=True)
    assert "Из файла записано учеников: 3" in done
    people = db.session.scalars(select(Participant).order_by(Participant.id)).all()
    assert [p.full_name for p in people] == [
        "Аюшеева Сэсэг Баировна",
        "Ёлкин Пётр",
        "Щукина Дарья Олеговна",
    ]
    assert {p.school_id for p in people} == {coordinator.school_id}
    assert [(p.grade_studied, p.grade_competed) for p in people] == [(7, 7), (9, 10), (11, 11)]
    assert all(len(p.consents) == 3 for p in people)


BAD_ROWS = [
    (["", "Анна", "", "", "7", "", "", "да", "ФИО", "да"], "Не заполнено поле «Фамилия»"),
    (["Анина", "Анна", "", "", "12", "", "", "да", "ФИО", "да"], "вне допустимых классов"),
    (["Бурова", "Анна", "", "", "9", "8", "", "да", "ФИО", "да"], "ниже класса обучения"),
    (["Белова", "Анна", "", "", "7", "", "", "нет", "ФИО", "да"], "Нет согласия родителя"),
    (["Белова", "Анна", "", "", "7", "", "", "", "ФИО", "да"], "Нет согласия родителя"),
    (["@CMD()", "Анна", "", "", "7", "", "", "да", "ФИО", "да"], "формулы и похожие"),
    (["Аюшеева", "Сэсэг", "Баировна", "", "7", "", "", "да", "ФИО", "да"], "Повтор"),
    (["Белова", "Анна", "", "Гимназия № 99", "7", "", "", "да", "ФИО", "да"], "другая школа"),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS, ids=lambda v: str(v)[:20])
def test_bad_row_reported_and_nothing_saved(client, coordinator, make_olympiad, row, message):
    olympiad = make_olympiad()
    content = xlsx([ROWS[0], ROWS[1], row], HEAD)
    page = upload(client, olympiad, content, "список.xlsx").get_data(as_text=True)
    assert message in page
    assert "Сохранить все" not in page and "Строк с ошибками: 1 из 3" in page
    forged = base64.urlsafe_b64encode(content).decode()  # saving anyway is refused as well
    response = client.post(
        f"/enrollment/{olympiad.id}/import/save", data={"payload": forged, "filename": "x.xlsx"}
    )
    assert message in response.get_data(as_text=True)
    assert count() == 0


def test_organizer_needs_school_column(client, login, make_user, make_school, make_olympiad):
    login(make_user(Role.ORGANIZER))
    school = make_school(full_name="МБОУ «Саянтуйская СОШ»", short_name="Саянтуйская СОШ")
    olympiad = make_olympiad()
    rows = [[*r[:3], "", *r[4:]] for r in ROWS]
    rows[0][3] = "мбоу саянтуйская сош"
    rows[1][3] = "Неизвестная СОШ"
    page = upload(client, olympiad, xlsx(rows, HEAD), "a.xlsx").get_data(as_text=True)
    assert "Школа не найдена в реестре: «Неизвестная СОШ»" in page
    assert "Не заполнено поле «Школа»" in page
    rows[1][3] = rows[2][3] = "Саянтуйская СОШ"
    page = upload(client, olympiad, xlsx(rows, HEAD), "a.xlsx").get_data(as_text=True)
    save(client, olympiad, page)
    assert db.session.scalars(select(Participant.school_id)).all() == [school.id] * 3


def test_duplicate_of_an_enrolled_student(client, coordinator, make_olympiad, make_participant):
    olympiad = make_olympiad()
    make_participant(
        olympiad, coordinator.school, surname="Ёлкин", name="Пётр", patronymic="", grade_studied=9
    )
    make_participant(olympiad, coordinator.school, grade_studied=9)  # same grade, another name
    page = upload(client, olympiad, xlsx(ROWS, HEAD), "a.xlsx").get_data(as_text=True)
    assert "Ученик уже записан на олимпиаду" in page
    assert count() == 2


def test_save_checks_the_database_again(client, coordinator, make_olympiad, make_participant):
    olympiad = make_olympiad()
    page = upload(client, olympiad, xlsx(ROWS, HEAD), "a.xlsx").get_data(as_text=True)
    make_participant(olympiad, coordinator.school, surname="Щукина", name="Дарья",
                     patronymic="Олеговна", grade_studied=11)  # fmt: skip
    done = save(client, olympiad, page).get_data(as_text=True)
    assert "Ученик уже записан на олимпиаду" in done and "ничего не сохранено" in done
    assert count() == 1


def test_school_grade_limit_in_import(client, coordinator, make_olympiad):
    olympiad = make_olympiad(school_grade_limit=1)
    rows = [ROWS[0], ["Бадмаев", "Баир", "", "", "7", "", "", "да", "нет", "нет"]]
    page = upload(client, olympiad, xlsx(rows, HEAD), "a.xlsx").get_data(as_text=True)
    assert "Сверх ограничения" in page and "Сохранить все" not in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "фото.png", "не похож на таблицу"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "старый.xls", "старого формата"),
        (b"PK\x03\x04" + bytes(100), "битый.xlsx", "повреждён"),
        (b"", "пустой.csv", "Файл пуст"),
        (b"a;b;c\r\n1;2;3\r\n", "чужой.csv", "Не найдена строка заголовков"),
        (b"x" * (5 * 1024 * 1024 + 10), "большой.csv", "слишком большой"),
    ],
    ids=["png", "xls", "broken-zip", "empty", "no-headers", "too-large"],
)
def test_bad_files_refused_cleanly(client, coordinator, make_olympiad, content, name, message):
    olympiad = make_olympiad()
    response = upload(client, olympiad, content, name)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert count() == 0


def test_formula_cell_refused(client, coordinator, make_olympiad):
    book = openpyxl.Workbook()
    book.active.append(HEAD)
    book.active.append(["Иванов", "Иван", "", "", "=7", "", "", "да", "ФИО", "да"])
    out = io.BytesIO()
    book.save(out)
    page = upload(client, make_olympiad(), out.getvalue(), "f.xlsx").get_data(as_text=True)
    assert "содержит формулу" in page
    assert count() == 0


def test_garbled_payload_is_refused(client, coordinator, make_olympiad):
    olympiad = make_olympiad()
    response = client.post(
        f"/enrollment/{olympiad.id}/import/save",
        data={"payload": "не base64!", "filename": "a.csv"},
        follow_redirects=True,
    )
    assert "Загрузите его ещё раз" in response.get_data(as_text=True)
    assert count() == 0


def test_template_download(client, coordinator):
    response = client.get("/enrollment/template.xlsx")
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert [c.value for c in sheet[1]][:2] == ["Фамилия", "Имя"]


def test_cli_import(runner, make_school, make_olympiad, tmp_path):
    school = make_school()
    olympiad = make_olympiad()
    bad = tmp_path / "плохой.csv"
    bad.write_bytes(csv_bytes([*ROWS, ["Белова", "Анна", "", "", "7", "", "", "нет", "", ""]],
                              ";", "cp1251"))  # fmt: skip
    result = runner.invoke(args=["import-participants", str(olympiad.id), str(bad)])
    assert result.exit_code != 0
    assert "Строка 2: Не заполнено поле «Школа»" in result.output
    assert "Строка 5: Нет согласия родителя" in result.output
    assert count() == 0
    good = tmp_path / "хороший.csv"
    good.write_bytes(csv_bytes(ROWS, ";", "cp1251"))
    args = ["import-participants", str(olympiad.id), str(good), "--school", str(school.id)]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert "Записано учеников: 3" in result.output
    assert count() == 3
    result = runner.invoke(args=args)  # the same file again: all duplicates
    assert result.exit_code != 0 and "уже записан" in result.output
    assert count() == 3


@pytest.mark.parametrize(
    ("content", "name", "english", "russian"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old.xls", "old-format Excel file",
         "старого формата"),
        (b"PK\x03\x04" + bytes(100), "broken.xlsx", "The file is damaged: it is not an Excel",
         "повреждён"),
        (b"x" * (5 * 1024 * 1024 + 10), "big.csv", "The file is too large: 5.1 MB (at most 5 MB",
         "слишком большой"),
    ],
    ids=["xls", "broken-zip", "too-large"],
)  # fmt: skip
def test_bad_file_refused_in_english(
    client, coordinator, make_olympiad, content, name, english, russian
):
    client.post("/i18n/locale/en", data={"next": "/"})
    page = upload(client, make_olympiad(), content, name).get_data(as_text=True)
    assert english in page
    assert russian not in page
    assert count() == 0


def test_file_without_header_refused_in_english(client, coordinator, make_olympiad):
    client.post("/i18n/locale/en", data={"next": "/"})
    content = ";".join(ROWS[1]).encode()  # a row of data, no header above it
    page = upload(client, make_olympiad(), content, "pupils.csv").get_data(as_text=True)
    assert "No header row was found. The first row must have the columns" in page
    assert "Не найдена строка заголовков" not in page
    assert count() == 0


def test_row_errors_in_english(client, coordinator, make_olympiad):
    client.post("/i18n/locale/en", data={"next": "/"})
    rows = [[*ROWS[0][:4], "", *ROWS[0][5:]]]  # no grade studied
    page = upload(client, make_olympiad(), csv_bytes(rows, ";", "utf-8"), "p.csv")
    page = page.get_data(as_text=True)
    assert "The field “Класс обучения” is empty." in page
    assert "Не заполнено поле" not in page
    assert count() == 0
