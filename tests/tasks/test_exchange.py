"""Banks travel between districts as JSON (and as XLSX for Excel): all or nothing."""

import io
import json

import openpyxl
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Task, TaskVersion
from olympiad.tasks import services
from olympiad.tasks.demo import BANK
from tests.tasks.conftest import KEYS
from tests.tasks.test_bank_web import _picture


def _bank() -> list[dict]:
    db.session.expire_all()
    versions = db.session.scalars(services.current_versions().order_by(Task.code))
    return [
        {"code": v.task.code, **services.data_of(v).record(), "image": v.image} for v in versions
    ]


def _upload(client, content: bytes, name="bank.json", **fields):
    data = {"file": (io.BytesIO(content), name), **fields}
    return client.post("/tasks/import", data=data, content_type="multipart/form-data")


def _erase():
    for task in db.session.scalars(select(Task)):
        db.session.delete(task)
    db.session.commit()


def _all_types(make_task):
    for kind in KEYS:
        make_task(kind)


def test_json_round_trip(client, organizer, make_task):
    _all_types(make_task)
    task = db.session.scalar(select(Task).where(Task.code == "T-002"))
    task.current.image, task.current.image_type = _picture(), "image/png"
    db.session.get(Task, task.id).archived_at = services.utcnow()
    db.session.commit()
    before = _bank()
    response = client.get("/tasks/export.json")
    assert response.mimetype == "application/json"
    document = json.loads(response.data)
    assert document["format"] == "olympiad-task-bank" and document["format_version"] == 1
    assert len(document["tasks"]) == 7 and document["tasks"][1]["archived"] is True
    _erase()
    response = _upload(client, response.data)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _bank() == before
    assert db.session.scalar(select(Task).where(Task.code == "T-002")).archived_at is not None
    # the same file again: nothing new, nothing refused
    response = _upload(client, client.get("/tasks/export.json").data)
    assert "без изменений 7" in client.get(response.location).get_data(as_text=True)


def test_broken_json_saves_nothing(client, organizer):
    page = _upload(client, b'[{"code": "T-1",').get_data(as_text=True)
    assert "не читается как JSON: строка 1" in page and "ничего не сохранено" in page
    page = _upload(client, b'{"format": "other"}').get_data(as_text=True)
    assert "Это не файл банка заданий" in page
    page = _upload(client, "не json".encode("cp1251")).get_data(as_text=True)
    assert "UTF-8" in page
    assert db.session.scalar(select(Task)) is None


def test_one_invalid_task_saves_nothing_and_lists_every_problem(client, organizer):
    records = json.loads(BANK.read_text(encoding="utf-8"))[:5]
    records[1]["key"]["correct"] = 9
    records[3]["topic"] = "astrology"
    records[4]["image"] = {"type": "image/gif", "data": "R0lGOD"}
    records.append(dict(records[0]))
    page = _upload(client, json.dumps(records).encode()).get_data(as_text=True)
    assert "Задание T-002: Правильный ответ должен быть номером одного из вариантов." in page
    assert "Задание T-004: Неизвестная тема «astrology»." in page
    assert "Задание T-005: рисунок: data — не base64." in page
    assert "Задание T-001: шифр повторяется." in page
    assert db.session.scalar(select(Task)) is None


def test_existing_code_is_refused_or_added_as_a_new_version(client, organizer, make_task):
    make_task()
    document = json.loads(client.get("/tasks/export.json").data)
    document["tasks"][0]["key"]["correct"] = 0
    content = json.dumps(document).encode()
    page = _upload(client, content).get_data(as_text=True)
    assert "Задание T-001: такой шифр уже есть в банке" in page
    assert len(db.session.scalar(select(Task)).versions) == 1
    response = _upload(client, content, update_existing="y")
    assert "новых версий 1" in client.get(response.location).get_data(as_text=True)
    db.session.expire_all()
    task = db.session.scalar(select(Task))
    assert [v.key["correct"] for v in task.versions] == [2, 0]


def test_xlsx_round_trip(client, organizer, make_task):
    _all_types(make_task)
    make_task(text="- Пункт, начинающийся с дефиса\n- =СУММ(1;2)")
    db.session.commit()
    before = _bank()
    response = client.get("/tasks/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    headers = [c.value for c in sheet[1]]
    row = dict(zip(headers, (c.value for c in sheet[4]), strict=True))
    assert row["Тип"] == "Установление соответствия" and row["Ответ"] == "1-Г, 2-В, 3-А"
    assert row["Способ оценивания"] == "Балл за каждую пару"
    last = dict(zip(headers, (c.value for c in sheet[9]), strict=True))
    assert last["Текст задания"].startswith("'- Пункт")  # never a formula in Excel
    _erase()
    response = _upload(client, response.data, name="bank.xlsx")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _bank() == before


def test_xlsx_edited_in_excel(client, organizer, make_task):
    make_task()
    make_task("ordering")
    content = client.get("/tasks/export.xlsx").data
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    sheet["K2"] = "А"  # the answer column: a corrected key
    sheet["K3"] = "ААБ"
    sheet["B4"] = "Выбор одного ответа"
    out = io.BytesIO()
    book.save(out)
    page = _upload(client, out.getvalue(), name="bank.xlsx", update_existing="y")
    text = page.get_data(as_text=True)
    assert "Строка 3 (T-002): Ответ: Элемент 1 (А) указан несколько раз." in text
    assert "Строка 4: Тема: не заполнено." in text
    assert db.session.scalar(select(TaskVersion.key).where(TaskVersion.number == 2)) is None
    sheet.delete_rows(4)
    sheet["K3"] = "БГВА"
    out = io.BytesIO()
    book.save(out)
    response = _upload(client, out.getvalue(), name="bank.xlsx", update_existing="y")
    assert "новых версий 1, без изменений 1" in client.get(response.location).get_data(as_text=True)


def test_xlsx_with_formula_or_wrong_headers_is_refused(client, organizer):
    book = openpyxl.Workbook()
    book.active.append(["Шифр", "Тип"])
    book.active.append(["T-1", "=1+1"])
    out = io.BytesIO()
    book.save(out)
    page = _upload(client, out.getvalue(), name="bank.xlsx").get_data(as_text=True)
    assert "содержит формулу" in page
    page = _upload(client, b"PK\x03\x04broken", name="bank.xlsx").get_data(as_text=True)
    assert "Файл повреждён" in page
    assert db.session.scalar(select(Task)) is None


def test_broken_bank_file_is_refused_in_english(client, organizer):
    client.post("/i18n/locale/en", data={"next": "/"})
    page = _upload(client, b'[{"code": "T-1",').get_data(as_text=True)
    assert "The file cannot be read as JSON: line 1, column 17." in page
    assert "не читается" not in page
    page = _upload(client, b"PK\x03\x04broken", name="bank.xlsx").get_data(as_text=True)
    assert "The file is damaged: it is not an Excel workbook (.xlsx)." in page
    assert db.session.scalar(select(Task)) is None
