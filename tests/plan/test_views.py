"""Reading, printing and carrying a plan forward: who sees what, records, PDF, next year, demo."""

import io
import re
from urllib.parse import unquote

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Plan, PlanSection, PlanStatus, Role
from tests.conftest import PASSWORD
from tests.plan.pages import text_of

READERS = [Role.COORDINATOR, Role.JUROR]


def edit_urls(plan: Plan) -> list[str]:
    item, direction, meeting = plan.items[0], plan.directions[0], plan.meetings[0]
    return [
        "/plan/import",
        f"/plan/{plan.id}/edit",
        f"/plan/{plan.id}/next-year",
        f"/plan/{plan.id}/items/new?section=objective",
        f"/plan/items/{item.id}/edit",
        f"/plan/{plan.id}/directions/new",
        f"/plan/directions/{direction.id}/edit",
        f"/plan/{plan.id}/meetings/new",
        f"/plan/meetings/{meeting.id}/edit",
        f"/plan/meetings/{meeting.id}/record",
        f"/plan/item/{item.id}/delete",
        f"/plan/plan/{plan.id}/delete",
    ]


@pytest.mark.parametrize("role", READERS)
def test_readers_read_and_print_but_cannot_edit(client, login, make_user, plan, role):
    login(make_user(role))
    page = text_of(client.get("/plan/"))
    assert "План работы районного методического объединения" in page
    assert "5. План заседаний РМО." in page and "Редактировать" not in page
    assert client.get(f"/plan/{plan.id}?edit=1").status_code == 200
    assert "Изменить" not in text_of(client.get(f"/plan/{plan.id}?edit=1"))
    assert client.get(f"/plan/{plan.id}/pdf").status_code == 200
    for url in edit_urls(plan):
        assert client.get(url).status_code == 403, url
        assert client.post(url, data={"text": "x"}).status_code == 403, url
    move = f"/plan/item/{plan.items[0].id}/move"
    assert client.post(move, data={"to": "down", "version": plan.version}).status_code == 403
    assert client.post("/plan/import/confirm", data={"payload": "eA=="}).status_code == 403


def test_every_screen_opens_for_the_organizer(client, organizer, plan):
    for url in [f"/plan/{plan.id}", f"/plan/{plan.id}?edit=1", *edit_urls(plan)]:
        assert client.get(url).status_code == 200, url


def test_the_index_opens_the_newest_plan_and_lists_the_years(client, organizer, plan):
    client.post(f"/plan/{plan.id}/next-year")
    page = text_of(client.get("/plan/"))
    assert page.index("2021-2022 · черновик") < page.index("2020-2021")
    assert (
        "План работы районного методического объединения педагогов-библиотекарей на 2021-2022"
        in page
    )


def test_without_plans_the_index_says_so(client, login, make_user):
    login(make_user(Role.ORGANIZER))
    assert "Загрузить план из файла" in text_of(client.get("/plan/"))
    client.post("/auth/logout")
    login(make_user(Role.JUROR))
    assert "Организатор ещё не загрузил план" in text_of(client.get("/plan/"))


def test_the_page_reads_like_the_document(client, organizer, plan):
    page = text_of(client.get(f"/plan/{plan.id}"))
    for fragment in [
        "1. Методическая тема РМО: «Формирование единого информационно",
        "3. Задачи: Повышение уровня информационной культуры",
        "4.1. Аналитическая деятельность – анализ методической деятельности; "
        "– анализ открытых уроков и занятий внеурочной деятельности; – анализ деятельности РМО.",
        "№ Дата проведения Место проведения Тема заседания Практическая часть Теоретическая часть",
        "2. март МБОУ «Тарбагатайская в реестре школ: МБОУ «Тарбагатайская СОШ» "
        "«Развитие читательских компетенций в дистанционном формате»",
        "6. Работа между заседаниями. Повышение профессиональных компетенций",
    ]:
        assert fragment in page


def test_next_year_starts_as_a_draft_copy_without_records(client, organizer, plan, registry):
    meeting = plan.meetings[0]
    client.post(
        f"/plan/meetings/{meeting.id}/record",
        data={"held_on": "2020-11-12", "decisions": "Принять к сведению", "version": 1},
    )
    question = text_of(client.get(f"/plan/{plan.id}/next-year"))
    assert "записи о проведённых заседаниях не переносятся" in question
    response = client.post(f"/plan/{plan.id}/next-year")
    copy = db.session.scalar(select(Plan).where(Plan.academic_year == "2021-2022"))
    assert response.location.endswith(f"/plan/{copy.id}?edit=1")
    assert copy.status == PlanStatus.DRAFT
    assert copy.title.endswith("на 2021-2022 учебный год")
    assert (copy.theme, copy.goal) == (plan.theme, plan.goal)
    for section in (PlanSection.OBJECTIVE, PlanSection.BETWEEN_MEETINGS):
        assert [i.text for i in copy.section_items(section)] == [
            i.text for i in plan.section_items(section)
        ]
    assert [(d.title, [i.text for i in d.items]) for d in copy.directions] == [
        (d.title, [i.text for i in d.items]) for d in plan.directions
    ]
    assert {i.id for i in copy.items}.isdisjoint(i.id for i in plan.items)
    assert [(m.topic, m.venue_school_id) for m in copy.meetings] == [
        (m.topic, m.venue_school_id) for m in plan.meetings
    ]
    assert all(m.held_on is None and not m.decisions for m in copy.meetings)
    db.session.expire_all()
    assert plan.meetings[0].decisions == "Принять к сведению"
    again = client.post(f"/plan/{plan.id}/next-year", follow_redirects=True)
    assert "План на 2021-2022 учебный год уже есть" in text_of(again)


def test_meeting_record_is_saved_and_shown_to_readers(
    client, login, make_user, organizer, plan, registry
):
    meeting = plan.meetings[0]
    form = client.get(f"/plan/meetings/{meeting.id}/record").get_data(as_text=True)
    assert 'value="МБОУ «Селенгинская СОШ»"' in form  # the planned venue is the first guess
    record = {
        "held_on": "2020-11-12",
        "held_venue": "МБОУ «Селенгинская СОШ», библиотека",
        "attendance_count": "9",
        "attending_school_ids": [registry["selenga"].id, registry["tarbagatai"].id],
        "open_event": "Библиотечный урок «Цифровой след», 7 класс",
        "decisions": "Опыт одобрить\nПровести семинар в марте",
        "version": meeting.version,
    }
    response = client.post(f"/plan/meetings/{meeting.id}/record", data=record)
    assert response.status_code == 302
    db.session.expire_all()
    assert meeting.attendance_count == 9
    assert meeting.attending_school_ids == [registry["selenga"].id, registry["tarbagatai"].id]
    client.post("/auth/logout")
    login(make_user(Role.COORDINATOR))
    page = text_of(client.get(f"/plan/{plan.id}"))
    assert "Проведённые заседания Заседание № 1" in page
    assert "12.11.2020" in page and "МБОУ «Селенгинская СОШ», библиотека" in page
    assert "9 чел. из школ: МБОУ «Селенгинская СОШ», МБОУ «Тарбагатайская СОШ»" in page
    assert "Библиотечный урок «Цифровой след», 7 класс" in page
    assert "Опыт одобрить Провести семинар в марте" in page


def test_attendance_below_the_schools_marked_is_refused(client, organizer, plan, registry):
    meeting = plan.meetings[0]
    record = {
        "attendance_count": "1",
        "attending_school_ids": [registry["selenga"].id, registry["tarbagatai"].id],
        "version": meeting.version,
    }
    page = text_of(client.post(f"/plan/meetings/{meeting.id}/record", data=record))
    assert "Присутствовало меньше человек, чем отмечено школ (2)" in page
    db.session.expire_all()
    assert meeting.attendance_count is None


def test_pdf_downloads_with_a_cyrillic_name_and_text(client, login, make_user, plan):
    login(make_user(Role.JUROR))
    response = client.get(f"/plan/{plan.id}/pdf")
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert 'attachment; filename="plan-rmo-2020-2021.pdf"' in disposition
    encoded = re.search(r"filename\*=UTF-8''(\S+)", disposition)[1]
    assert unquote(encoded) == "План РМО 2020-2021.pdf"
    reader = PdfReader(io.BytesIO(response.data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Методическая тема РМО: «Формирование единого информационно" in text
    assert "Тарбагатайская" in text and "Стр. 1 из" in text


def test_demo_loads_the_plan_with_its_venues_matched(load_demo):
    result = load_demo()
    assert result.exit_code == 0, result.output
    plan = db.session.scalar(select(Plan))
    assert plan.academic_year == "2020-2021"
    venues = [(m.venue_text, m.venue_school.full_name) for m in plan.meetings]
    assert venues == [
        ("МБОУ «Селенгинская СОШ»", "МБОУ «Селенгинская СОШ»"),
        ("МБОУ «Тарбагатайская", "МБОУ «Тарбагатайская СОШ»"),
    ]
    assert [len(d.items) for d in plan.directions] == [3, 3, 3, 1]


@pytest.mark.csrf
def test_the_buttons_on_the_page_carry_their_csrf_token(client, make_user, plan):
    user = make_user(Role.ORGANIZER)
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    client.post(
        "/auth/login", data={"login": user.login, "password": PASSWORD, "csrf_token": token}
    )
    page = client.get(f"/plan/{plan.id}?edit=1").get_data(as_text=True)
    item = plan.section_items(PlanSection.OBJECTIVE)[0]
    form = re.search(
        rf'action="/plan/item/{item.id}/move".*?name="csrf_token" value="([^"]+)"', page, re.S
    )
    response = client.post(
        f"/plan/item/{item.id}/move",
        data={"csrf_token": form[1], "to": "down", "version": plan.version},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert plan.section_items(PlanSection.OBJECTIVE)[1].id == item.id
