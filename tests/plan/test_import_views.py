"""Import screens: upload, preview with warnings, «Сохранить»; damaged files save nothing."""

import base64
import io

import docx
import pytest
from sqlalchemy import func, select

from olympiad.extensions import db
from olympiad.models import AuditEntry, Plan, PlanSection, PlanStatus
from olympiad.plan.importer import parse_plan_text
from tests.plan.pages import SEED_BYTES, hidden, text_of, upload
from tests.plan.test_importer import seed_docx


def texts(items) -> list[str]:
    return [item.text for item in items]


def plan_count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Plan.id)))


def test_preview_shows_what_was_understood_and_saves_nothing(client, organizer, registry):
    response = upload(client, SEED_BYTES, "rmo-plan-2020-2021.txt")
    page = text_of(response)
    assert response.status_code == 200
    assert "Проверьте, что прочитано из файла" in page
    assert "Учебный год: 2020-2021." in page
    assert "Задач: 3." in page and "Направлений: 4 (пунктов: 3, 3, 3, 1)." in page
    assert "Заседаний: 2." in page and "Пунктов работы между заседаниями: 2." in page
    assert "4.4. Консультационная деятельность" in page
    assert "Муниципальный этап олимпиады по информационной культуре личности." in page
    # the unclosed quote is flagged, and the venue still finds its school in the registry
    assert "непарные кавычки" in page
    assert "МБОУ «Тарбагатайская школа из реестра: МБОУ «Тарбагатайская СОШ»" in page
    assert "не найдено в реестре школ" not in page
    assert plan_count() == 0


def test_unmatched_venue_is_a_warning_not_an_error(client, organizer, make_school):
    make_school(full_name="МБОУ «Селенгинская СОШ»", short_name="Селенгинская СОШ")
    page = text_of(upload(client, SEED_BYTES))
    assert "Заседание 2: место «МБОУ «Тарбагатайская» не найдено в реестре школ" in page
    assert "Сохранить" in page


def test_confirm_saves_exactly_the_seed(client, organizer, registry):
    preview = upload(client, SEED_BYTES, "rmo-plan-2020-2021.txt")
    response = client.post(
        "/plan/import/confirm",
        data={"payload": hidden(preview, "payload"), "filename": hidden(preview, "filename")},
    )
    assert response.status_code == 302
    plan = db.session.scalar(select(Plan))
    assert response.location.endswith(f"/plan/{plan.id}")
    expected = parse_plan_text(SEED_BYTES.decode())
    assert (plan.academic_year, plan.title, plan.theme, plan.goal) == (
        expected.academic_year,
        expected.title,
        expected.theme,
        expected.goal,
    )
    assert plan.status == PlanStatus.APPROVED
    assert texts(plan.section_items(PlanSection.OBJECTIVE)) == expected.objectives
    assert [(d.position, d.title, texts(d.items)) for d in plan.directions] == [
        (number, d.title, d.items) for number, d in enumerate(expected.directions, 1)
    ]
    assert [len(d.items) for d in plan.directions] == [3, 3, 3, 1]
    assert texts(plan.section_items(PlanSection.BETWEEN_MEETINGS)) == expected.between_meetings
    rows = [
        (m.number, m.planned_when, m.venue_text, m.topic, m.practical_part, m.theoretical_points)
        for m in plan.meetings
    ]
    assert rows == [
        (m.number, m.planned_when, m.venue_text, m.topic, m.practical_part, m.theoretical_points)
        for m in expected.meetings
    ]
    assert [m.venue_school_id for m in plan.meetings] == [
        registry["selenga"].id,
        registry["tarbagatai"].id,
    ]
    assert all(m.held_on is None and not m.decisions for m in plan.meetings)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "plan_imported"))
    assert entry.user_id == organizer.id
    assert entry.new_value["source"] == "rmo-plan-2020-2021.txt"


def test_docx_goes_through_the_same_screens(client, organizer, registry):
    preview = upload(client, seed_docx(), "План РМО.docx")
    assert "Заседаний: 2." in text_of(preview)
    client.post(
        "/plan/import/confirm",
        data={"payload": hidden(preview, "payload"), "filename": hidden(preview, "filename")},
    )
    plan = db.session.scalar(select(Plan))
    assert [m.theoretical_points for m in plan.meetings][1] == [
        "«Он-лайн сервисы для работы библиотеки в дистанционном режиме»",
        "Обсуждение открытых мероприятий",
    ]


BROKEN_ROW = SEED_BYTES.decode().replace(
    "2.\tмарт\tМБОУ «Тарбагатайская\t", "2.\tмарт МБОУ «Тарбагатайская\t"
)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "plan.txt", "Файл пуст"),
        (b"   \n\n", "plan.txt", "Файл пуст"),
        (bytes(range(256)) * 20, "plan.txt", "не похож на текстовый документ"),
        (b"PK\x03\x04broken", "plan.docx", "повреждён"),
        (
            SEED_BYTES.replace("Задачи".encode(), b"Zadachi"),
            "plan.txt",
            "Не найден раздел «3. Задачи»",
        ),
        (BROKEN_ROW.encode(), "plan.txt", "ожидалось 6 столбцов, найдено 5"),
        (SEED_BYTES, "plan.pdf", "Нужен файл .txt или .docx."),
    ],
)
def test_damaged_file_saves_nothing_and_says_why(client, organizer, data, filename, message):
    page = text_of(upload(client, data, filename))
    assert any(part in page for part in message.split("|")), page[:500]
    assert "Проверьте, что прочитано" not in page
    assert plan_count() == 0


def test_no_file_chosen(client, organizer):
    response = client.post("/plan/import", data={}, content_type="multipart/form-data")
    assert "Выберите файл плана." in text_of(response)


def test_a_file_too_big_to_send_back_is_refused_before_the_preview(app, client, organizer):
    app.config["MAX_CONTENT_LENGTH"] = 9000  # the seed fits, its base64 copy does not
    page = text_of(upload(client, SEED_BYTES))
    assert "Файл слишком большой" in page and plan_count() == 0


def test_damaged_file_names_the_problem_above_the_form(client, organizer):
    page = text_of(upload(client, b"   \n\n", "empty.txt"))
    assert "План из файла «empty.txt» не сохранён. Файл пуст" in page


@pytest.mark.parametrize(
    "payload",
    ["", "not base64!", base64.urlsafe_b64encode(b"\x00\x01binary").decode(), "YQ"],
)
def test_tampered_confirmation_saves_nothing(client, organizer, payload):
    response = client.post(
        "/plan/import/confirm", data={"payload": payload, "filename": "plan.txt"}
    )
    if response.status_code == 302:
        assert response.location.endswith("/plan/import")
        response = client.get(response.location)
    page = text_of(response)
    assert "Файл не дошёл до сохранения" in page or "не сохранён" in page
    assert plan_count() == 0


def test_a_year_that_has_a_plan_is_refused(client, organizer, plan):
    page = text_of(upload(client, SEED_BYTES))
    assert "План на 2020-2021 учебный год уже есть" in page
    payload = base64.urlsafe_b64encode(SEED_BYTES).decode()
    page = text_of(client.post("/plan/import/confirm", data={"payload": payload}))
    assert "уже есть" in page
    assert plan_count() == 1


def _empty_docx() -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "english", "russian"),
    [
        ("empty.docx", _empty_docx(), "The file is empty", "Файл пуст"),
        # a .doc renamed to .docx: the content decides, not the name
        ("plan.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
         "The file “plan.docx” is in the old Word format (.doc): save it as .docx or .txt",
         "старом формате"),
    ],
    ids=["empty-docx", "doc"],
)  # fmt: skip
def test_broken_plan_is_refused_in_english(client, organizer, name, content, english, russian):
    client.post("/i18n/locale/en", data={"next": "/"})
    page = text_of(upload(client, content, name))
    assert english in page
    assert russian not in page
    assert plan_count() == 0


def test_preview_warnings_in_english(client, organizer, registry):
    client.post("/i18n/locale/en", data={"next": "/"})
    page = text_of(upload(client, SEED_BYTES, "rmo-plan-2020-2021.txt"))
    assert "unpaired quotation marks in the text" in page
    assert "непарные кавычки" not in page
    assert plan_count() == 0
