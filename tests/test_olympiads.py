"""The organizer creates an olympiad, sets it up and moves it through its states."""

from datetime import date

from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import AuditEntry, Olympiad, OlympiadStatus, Role

FORM = {
    "title": "Муниципальный этап олимпиады по информационной культуре личности",
    "academic_year": "2020-2021",
    "held_on": "2021-02-10",
    "venue": "МБОУ «Селенгинская СОШ»",
    "grades": "7-11",
    "groups": "7-8; 9-11",
    "registration_opens_on": "",
    "registration_closes_on": "",
    "school_grade_limit": "",
    "plan_item_id": "0",
}


def _create(client, **changes) -> Olympiad | None:
    client.post("/olympiads/new", data={**FORM, **changes})
    return db.session.scalar(select(Olympiad))


def test_create_olympiad_with_groups(client, login, make_user):
    login(make_user())
    olympiad = _create(client)
    assert olympiad.status == OlympiadStatus.DRAFT
    assert olympiad.grades == [7, 8, 9, 10, 11]
    assert [(g.name, g.grades) for g in olympiad.groups] == [("7–8", [7, 8]), ("9–11", [9, 10, 11])]
    assert olympiad.held_on == date(2021, 2, 10)
    page = client.get(f"/olympiads/{olympiad.id}").get_data(as_text=True)
    assert "Открыть регистрацию" in page and "7–8; 9–11" in page


def test_groups_must_cover_every_grade(client, login, make_user):
    login(make_user())
    page = client.post("/olympiads/new", data={**FORM, "groups": "7-8; 10-11"}).get_data(
        as_text=True
    )
    assert "не входят ни в одну группу" in page
    page = client.post("/olympiads/new", data={**FORM, "groups": "7-9; 9-11"}).get_data(
        as_text=True
    )
    assert "входит в две группы" in page
    assert db.session.scalar(select(Olympiad)) is None


def test_registration_dates_must_be_in_order(client, login, make_user):
    login(make_user())
    page = client.post(
        "/olympiads/new",
        data={
            **FORM,
            "registration_opens_on": "2021-01-20",
            "registration_closes_on": "2021-01-10",
        },
    ).get_data(as_text=True)
    assert "не может закрыться раньше" in page


def test_status_moves_need_confirmation_and_are_audited(client, login, make_user):
    login(make_user())
    olympiad = _create(client)
    url = f"/olympiads/{olympiad.id}/status/registration_open"
    assert "Координаторы школ смогут" in client.get(url).get_data(as_text=True)
    db.session.refresh(olympiad)
    assert olympiad.status == OlympiadStatus.DRAFT  # a GET changes nothing
    client.post(url)
    db.session.refresh(olympiad)
    assert olympiad.status == OlympiadStatus.REGISTRATION_OPEN
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "olympiad_status"))
    assert entry.old_value == {"status": "draft"}
    assert entry.new_value == {"status": "registration_open"}


def test_impossible_move_is_refused(client, login, make_user):
    login(make_user())
    olympiad = _create(client)
    response = client.post(f"/olympiads/{olympiad.id}/status/held", follow_redirects=True)
    assert "так перейти нельзя" in response.get_data(as_text=True)
    db.session.refresh(olympiad)
    assert olympiad.status == OlympiadStatus.DRAFT


def test_draft_is_hidden_from_coordinators(client, login, make_user):
    organizer = make_user()
    login(organizer)
    olympiad = _create(client)
    client.post("/auth/logout")
    login(make_user(Role.COORDINATOR))
    assert client.get(f"/olympiads/{olympiad.id}").status_code == 404
    assert FORM["title"] not in client.get("/olympiads/").get_data(as_text=True)


def test_stale_settings_form_is_refused(client, login, make_user):
    login(make_user())
    olympiad = _create(client)
    version = olympiad.version
    client.post(
        f"/olympiads/{olympiad.id}/edit", data={**FORM, "venue": "Первое", "version": version}
    )
    page = client.post(
        f"/olympiads/{olympiad.id}/edit", data={**FORM, "venue": "Второе", "version": version}
    ).get_data(as_text=True)
    assert "изменил другой пользователь" in page
    db.session.refresh(olympiad)
    assert olympiad.venue == "Первое"


def test_rooms(client, login, make_user):
    login(make_user())
    olympiad = _create(client)
    client.post(
        f"/olympiads/{olympiad.id}/rooms",
        data={"venue": "Селенгинская СОШ", "name": "каб. 12", "capacity": "20", "grades": "7-8"},
    )
    page = client.post(
        f"/olympiads/{olympiad.id}/rooms", data={"venue": "Селенгинская СОШ", "name": "каб. 12"}
    ).get_data(as_text=True)
    assert "уже есть" in page
    db.session.refresh(olympiad)
    assert [(r.name, r.capacity, r.grades) for r in olympiad.rooms] == [("каб. 12", 20, [7, 8])]
    client.post(f"/olympiads/rooms/{olympiad.rooms[0].id}/delete")
    db.session.refresh(olympiad)
    assert olympiad.rooms == []


def test_groups_are_fixed_once_the_olympiad_is_held(client, login, make_user):
    login(make_user())
    olympiad = _create(client)
    olympiad.status = OlympiadStatus.HELD
    db.session.commit()
    page = client.post(
        f"/olympiads/{olympiad.id}/edit",
        data={**FORM, "groups": "7-9; 10-11", "version": olympiad.version},
    ).get_data(as_text=True)
    assert "классы и группы классов менять нельзя" in page
    db.session.refresh(olympiad)
    assert [g.name for g in olympiad.groups] == ["7–8", "9–11"]
    # other settings may still be corrected
    client.post(
        f"/olympiads/{olympiad.id}/edit",
        data={**FORM, "venue": "Актовый зал", "version": olympiad.version},
    )
    db.session.refresh(olympiad)
    assert olympiad.venue == "Актовый зал"


def test_a_group_with_a_paper_is_not_dropped(client, login, make_user):
    from olympiad.domain.task_keys import TaskType
    from olympiad.models import Paper, PaperTask, Task, TaskVersion

    login(make_user())
    olympiad = _create(client)
    task = Task(code="T-900")
    version = TaskVersion(
        task=task,
        type=TaskType.SHORT_ANSWER,
        topic="book_library",
        grades=[7, 8],
        text="Кто написал «Капитанскую дочку»?",
        max_points=1,
        key={"accepted": ["Пушкин"]},
    )
    paper = Paper(olympiad_id=olympiad.id, group_id=olympiad.groups[0].id)
    paper.items.append(PaperTask(position=0, task_version=version))
    db.session.add_all([task, paper])
    db.session.commit()
    page = client.post(
        f"/olympiads/{olympiad.id}/edit",
        data={**FORM, "groups": "7-9; 10-11", "version": olympiad.version},
    ).get_data(as_text=True)
    assert "уже есть комплект заданий" in page
    db.session.refresh(olympiad)
    assert [g.name for g in olympiad.groups] == ["7–8", "9–11"]
