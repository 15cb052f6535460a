"""Editing a plan: header, items, directions, meetings; stale forms, order, removal."""

import io

import pytest
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import (
    AuditEntry,
    Olympiad,
    Plan,
    PlanDirection,
    PlanItem,
    PlanMeeting,
    PlanSection,
)
from tests.plan.pages import text_of

STALE = "план изменил другой пользователь"


def objectives(plan: Plan) -> list[PlanItem]:
    db.session.expire_all()
    return plan.section_items(PlanSection.OBJECTIVE)


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_header_is_edited_and_audited(client, organizer, plan):
    form = {
        "title": "План работы РМО на 2020-2021 учебный год",
        "academic_year": "2020-2021",
        "status": "draft",
        "theme": "Новая тема",
        "goal": "Новая цель",
        "version": plan.version,
    }
    response = client.post(f"/plan/{plan.id}/edit", data=form)
    assert response.status_code == 302
    db.session.expire_all()
    assert (plan.title, plan.theme, plan.status.value) == (form["title"], "Новая тема", "draft")
    page = text_of(client.get(f"/plan/{plan.id}"))
    assert "1. Методическая тема РМО: «Новая тема»." in page and "Черновик" in page
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "plan_updated"))
    assert (
        entry.old_value["theme"].startswith("Формирование")
        and entry.new_value["goal"] == "Новая цель"
    )


@pytest.mark.parametrize(
    ("year", "message"),
    [("2020/21", "пишется так: 2020-2021"), ("2020-2022", "должны идти подряд")],
)
def test_header_refuses_a_wrong_year(client, organizer, plan, year, message):
    data = {"title": "План", "academic_year": year, "status": "draft", "version": plan.version}
    page = text_of(client.post(f"/plan/{plan.id}/edit", data=data))
    assert message in page
    db.session.expire_all()
    assert plan.academic_year == "2020-2021"


def test_items_are_added_and_edited_in_place(client, organizer, plan):
    first = objectives(plan)[0]
    client.post(
        f"/plan/{plan.id}/items/new?section=objective",
        data={"text": "Четвёртая задача", "version": plan.version},
    )
    assert [item.text for item in objectives(plan)][-1] == "Четвёртая задача"
    client.post(f"/plan/items/{first.id}/edit", data={"text": "Правка", "version": plan.version})
    assert objectives(plan)[0].id == first.id and objectives(plan)[0].text == "Правка"
    direction = plan.directions[3]
    client.post(
        f"/plan/{plan.id}/items/new?direction={direction.id}",
        data={"text": "Консультирование по ФГОС", "version": plan.version},
    )
    db.session.expire_all()
    assert [item.text for item in direction.items][-1] == "Консультирование по ФГОС"
    assert direction.items[-1].section == PlanSection.DIRECTION
    assert actions() == ["plan_imported", "plan_item_added", "plan_item_updated", "plan_item_added"]


def test_an_item_of_another_plans_direction_is_not_found(client, organizer, plan):
    other = client.post(f"/plan/{plan.id}/next-year")
    assert other.status_code == 302
    copy = db.session.scalar(select(Plan).where(Plan.academic_year == "2021-2022"))
    url = f"/plan/{copy.id}/items/new?direction={plan.directions[0].id}"
    assert client.get(url).status_code == 404
    assert client.get(f"/plan/{plan.id}/items/new?section=direction").status_code == 404


def test_stale_form_is_refused_and_changes_nothing(client, organizer, plan):
    item = objectives(plan)[0]
    opened_at = plan.version
    client.post(f"/plan/items/{item.id}/edit", data={"text": "Первая", "version": opened_at})
    page = text_of(
        client.post(f"/plan/items/{item.id}/edit", data={"text": "Вторая", "version": opened_at})
    )
    assert STALE in page
    assert objectives(plan)[0].text == "Первая"
    # a form without its version is as stale as an old one
    page = text_of(client.post(f"/plan/items/{item.id}/edit", data={"text": "Третья"}))
    assert STALE in page and objectives(plan)[0].text == "Первая"


def test_stale_meeting_form_is_refused(client, organizer, plan):
    meeting = plan.meetings[0]
    form = {
        "planned_when": "декабрь",
        "venue_school_id": 0,
        "venue_text": "Онлайн",
        "topic": "Тема",
        "version": meeting.version,
    }
    assert client.post(f"/plan/meetings/{meeting.id}/edit", data=form).status_code == 302
    page = text_of(client.post(f"/plan/meetings/{meeting.id}/edit", data=form | {"topic": "Б"}))
    assert STALE in page
    db.session.expire_all()
    assert meeting.topic == "Тема"


def test_move_keeps_ids_and_refuses_a_stale_order(client, organizer, plan):
    before = objectives(plan)
    ids = [item.id for item in before]
    client.post(f"/plan/item/{ids[2]}/move", data={"to": "up", "version": plan.version})
    assert [item.id for item in objectives(plan)] == [ids[0], ids[2], ids[1]]
    assert [item.position for item in objectives(plan)] == [1, 2, 3]
    stale = plan.version - 1
    response = client.post(f"/plan/item/{ids[0]}/move", data={"to": "down", "version": stale})
    assert STALE in text_of(client.get(response.location))
    assert [item.id for item in objectives(plan)] == [ids[0], ids[2], ids[1]]


def test_meetings_and_directions_move_and_renumber(client, organizer, plan, registry):
    second = plan.meetings[1]
    client.post(f"/plan/meeting/{second.id}/move", data={"to": "up", "version": plan.version})
    db.session.expire_all()
    assert [(m.number, m.venue_school_id) for m in plan.meetings] == [
        (1, registry["tarbagatai"].id),
        (2, registry["selenga"].id),
    ]
    last = plan.directions[-1]
    client.post(f"/plan/direction/{last.id}/move", data={"to": "up", "version": plan.version})
    db.session.expire_all()
    assert [d.title for d in plan.directions][2:] == [
        "Консультационная деятельность",
        "Организация методической деятельности",
    ]
    page = text_of(client.get(f"/plan/{plan.id}"))
    assert "4.3. Консультационная деятельность" in page


def test_remove_asks_first_then_closes_the_gap(client, organizer, plan):
    item = objectives(plan)[1]
    item_id, text = item.id, item.text
    page = text_of(client.get(f"/plan/item/{item_id}/delete"))
    assert f"Удалить пункт «{text}»?" in page
    assert len(objectives(plan)) == 3
    client.post(f"/plan/item/{item_id}/delete")
    assert [i.position for i in objectives(plan)] == [1, 2]
    assert item_id not in [i.id for i in objectives(plan)]
    assert "plan_item_deleted" in actions()


def test_removing_a_direction_removes_its_items(client, organizer, plan):
    direction_id = plan.directions[0].id
    item_ids = [item.id for item in plan.directions[0].items]
    page = text_of(client.get(f"/plan/direction/{direction_id}/delete"))
    assert "вместе с его пунктами (3)" in page
    client.post(f"/plan/direction/{direction_id}/delete")
    db.session.expire_all()
    assert db.session.get(PlanDirection, direction_id) is None
    assert all(db.session.get(PlanItem, item_id) is None for item_id in item_ids)
    assert [d.position for d in plan.directions] == [1, 2, 3]


def test_removing_a_meeting_renumbers_the_rest(client, organizer, plan):
    client.post(f"/plan/meeting/{plan.meetings[0].id}/delete")
    db.session.expire_all()
    assert [(m.number, m.position, m.planned_when) for m in plan.meetings] == [(1, 1, "март")]


def test_an_item_an_olympiad_fulfils_cannot_be_removed(client, organizer, plan):
    item = plan.section_items(PlanSection.BETWEEN_MEETINGS)[1]
    db.session.add(
        Olympiad(title="Олимпиада 2021", academic_year="2020-2021", plan_item_id=item.id)
    )
    db.session.commit()
    response = client.post(f"/plan/item/{item.id}/delete", follow_redirects=True)
    assert "связана олимпиада «Олимпиада 2021»" in text_of(response)
    response = client.post(f"/plan/plan/{plan.id}/delete", follow_redirects=True)
    assert "связана олимпиада" in text_of(response)
    db.session.expire_all()
    assert db.session.get(PlanItem, item.id) is not None


def test_a_whole_plan_is_removed_after_confirmation(client, organizer, plan):
    assert "целиком" in text_of(client.get(f"/plan/plan/{plan.id}/delete"))
    response = client.post(f"/plan/plan/{plan.id}/delete")
    assert response.location.endswith("/plan/")
    db.session.expire_all()
    assert db.session.scalar(select(Plan)) is None
    assert db.session.scalar(select(PlanMeeting)) is None


def test_unknown_kinds_and_ids_are_not_found(client, organizer, plan):
    assert client.get(f"/plan/school/{plan.id}/delete").status_code == 404
    assert client.post(f"/plan/plan/{plan.id}/move", data={"to": "up"}).status_code == 404
    assert client.get("/plan/item/999999/delete").status_code == 404


def test_meetings_are_added_with_a_registry_school_and_points(client, organizer, plan, registry):
    form = {
        "planned_when": "май",
        "venue_school_id": registry["sayantui"].id,
        "venue_text": "",
        "topic": "«Итоги года»",
        "practical_part": "Мастер-класс",
        "theoretical_points": "1. Анализ работы за год\n\n- План на следующий год\n",
        "version": plan.version,
    }
    assert client.post(f"/plan/{plan.id}/meetings/new", data=form).status_code == 302
    db.session.expire_all()
    meeting = plan.meetings[-1]
    assert (meeting.number, meeting.venue_school_id, meeting.venue_text) == (
        3,
        registry["sayantui"].id,
        "",
    )
    assert meeting.theoretical_points == ["Анализ работы за год", "План на следующий год"]
    page = text_of(client.get(f"/plan/{plan.id}"))
    assert "3. май МБОУ «Саянтуйская СОШ» в реестре школ «Итоги года» Мастер-класс" in page
    edit_page = client.get(f"/plan/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert "Анализ работы за год\nПлан на следующий год" in edit_page


def test_a_meeting_needs_a_venue(client, organizer, plan):
    form = {"planned_when": "май", "venue_school_id": 0, "topic": "Т", "version": plan.version}
    page = text_of(client.post(f"/plan/{plan.id}/meetings/new", data=form))
    assert "Выберите школу из реестра или напишите место проведения" in page
    db.session.expire_all()
    assert len(plan.meetings) == 2


def test_the_approver_is_set_on_the_plan_and_printed_under_the_approval(client, organizer, plan):
    from pypdf import PdfReader

    data = {
        "title": plan.title,
        "academic_year": plan.academic_year,
        "status": "approved",
        "theme": plan.theme,
        "goal": plan.goal,
        "approver_position": "Начальник МКУ «Управление образования»",
        "approver_name": "С. Д. Очирова",
        "approved_on": "2020-09-01",
        "version": plan.version,
    }
    assert client.post(f"/plan/{plan.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert (plan.approver_name, str(plan.approved_on)) == ("С. Д. Очирова", "2020-09-01")
    pdf = client.get(f"/plan/{plan.id}/pdf").data
    first = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "УТВЕРЖДАЮ Начальник МКУ «Управление образования»" in first
    assert "С. Д. Очирова" in first and "1 сентября 2020 г." in first
