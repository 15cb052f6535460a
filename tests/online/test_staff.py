"""The staff's side: the organizer opens, edits and cancels sittings until they start and
extends one participant's time with a reason; coordinators see only their own school's
students; marking cannot start while the round goes on; the jury marks online works by
cipher like paper ones."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import (
    Answer,
    Attendance,
    AuditEntry,
    OlympiadStatus,
    OnlineAttempt,
    OnlineSitting,
)
from olympiad.olympiads.services import OlympiadError, change_status
from olympiad.online.sittings import OnlineError
from tests.online.conftest import CODES, RIGHT, present, save


def _form(online, clock, **overrides):
    start = (clock.now + timedelta(days=1)).astimezone(ZoneInfo("Asia/Irkutsk"))
    data = {
        "group_id": str(online.senior.id),
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "time_limit_minutes": "90",
        "supervised": "room",
    }
    data.update(overrides)
    return data


def _sittings():
    return db.session.scalars(
        select(OnlineSitting).execution_options(populate_existing=True).order_by(OnlineSitting.id)
    ).all()


def test_the_organizer_opens_a_sitting_from_the_olympiad_page(online, client, login, clock):
    login(online.organizer)
    page = client.get(f"/olympiads/{online.olympiad.id}").get_data(as_text=True)
    assert "Онлайн-тур" in page and "Назначить онлайн-тур" in page and "Ход тура" in page
    url = f"/online/olympiads/{online.olympiad.id}/sittings/new"
    assert "Начало окна" in client.get(url).get_data(as_text=True)
    short = _form(online, clock, time_limit_minutes="180")
    assert "Окно короче" in client.post(url, data=short, follow_redirects=True).get_data(
        as_text=True
    )
    response = client.post(url, data=_form(online, clock, school_ids=[str(online.school_b.id)]))
    assert response.status_code == 302
    created = _sittings()[-1]
    assert created.group_id == online.senior.id and created.school_ids == [online.school_b.id]
    assert created.supervised and created.time_limit_minutes == 90
    offset = created.starts_at - clock.now  # the local time typed, read as local time
    assert timedelta(days=1) - timedelta(minutes=1) < offset <= timedelta(days=1)
    # one school writes in one sitting of a group
    again = client.post(url, data=_form(online, clock), follow_redirects=True)
    assert "уже есть онлайн-тур" in again.get_data(as_text=True)
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "online_sitting_created" in actions


def test_a_sitting_changes_until_it_starts(online, client, login, clock):
    login(online.organizer)
    url = f"/online/olympiads/{online.olympiad.id}/sittings/new"
    client.post(url, data=_form(online, clock))
    sitting = _sittings()[-1]
    edit = f"/online/sittings/{sitting.id}/edit"
    form = client.get(edit).get_data(as_text=True)
    assert 'value="90"' in form
    data = _form(online, clock, time_limit_minutes="45", version=str(sitting.version))
    assert client.post(edit, data=data).status_code == 302
    assert _sittings()[-1].time_limit_minutes == 45
    stale = client.post(edit, data=data, follow_redirects=True).get_data(as_text=True)
    assert "изменил другой пользователь" in stale
    # the open sitting of the scene has started: no change, no cancelling
    started = f"/online/sittings/{online.sitting.id}"
    data = _form(online, clock, group_id=str(online.junior.id), version=str(online.sitting.version))
    refused = client.post(started + "/edit", data=data, follow_redirects=True)
    assert "уже начался" in refused.get_data(as_text=True)
    client.post(started + "/delete")
    assert len(_sittings()) == 2
    client.post(f"/online/sittings/{sitting.id}/delete")
    assert [s.id for s in _sittings()] == [online.sitting.id]


def test_coordinators_see_only_their_schools_students(online, client_for, clock):
    coordinator = client_for(online.coordinator_a)
    page = coordinator.get(f"/online/sittings/{online.sitting.id}").get_data(as_text=True)
    assert "Онлайнова-a1" in page and "Онлайнова-a2" in page and "Онлайнова-b1" not in page
    assert "Продлить" not in page
    # a sitting of school B only: coordinator A does not see it at all
    only_b = OnlineSitting(
        olympiad_id=online.olympiad.id,
        group_id=online.senior.id,
        school_ids=[online.school_b.id],
        starts_at=clock.now + timedelta(hours=1),
        ends_at=clock.now + timedelta(hours=3),
        time_limit_minutes=60,
    )
    db.session.add(only_b)
    db.session.commit()
    assert coordinator.get(f"/online/sittings/{only_b.id}").status_code == 404
    shown = coordinator.get(f"/olympiads/{online.olympiad.id}").get_data(as_text=True)
    assert f"/online/sittings/{only_b.id}" not in shown and "Назначить онлайн-тур" not in shown
    # forged ids: another school's student, the organizer's pages
    b1 = online.people["b1"]
    url = f"/online/sittings/{online.sitting.id}/participants/{b1.id}"
    assert coordinator.post(url + "/admit").status_code == 404
    assert coordinator.get(url + "/extend").status_code == 403
    assert coordinator.get(f"/online/sittings/{online.sitting.id}/edit").status_code == 403


def test_supervised_rooms_start_after_the_coordinator_confirms_attendance(
    online, client_for, participant_client
):
    online.sitting.supervised = True
    db.session.commit()
    student = participant_client(CODES["a1"])
    student.post("/online/start")
    assert "Координатор ещё не отметил" in student.get("/online/").get_data(as_text=True)
    coordinator = client_for(online.coordinator_a)
    page = coordinator.get(f"/online/sittings/{online.sitting.id}").get_data(as_text=True)
    assert "ждёт отметки о явке" in page
    a1 = online.people["a1"]
    url = f"/online/sittings/{online.sitting.id}/participants/{a1.id}/admit"
    assert coordinator.post(url).status_code == 302
    db.session.refresh(a1)
    assert a1.attendance == Attendance.PRESENT
    student.post("/online/start")
    assert student.get("/online/").headers["Location"].endswith("/online/work")


def test_the_window_opens_and_closes_for_starting(online, participant_client, clock):
    online.sitting.starts_at = clock.now + timedelta(minutes=5)
    db.session.commit()
    student = participant_client(CODES["a1"])
    student.post("/online/start")
    assert "Тур начнётся" in student.get("/online/").get_data(as_text=True)
    clock.move(minutes=5)
    clock.move(hours=3)
    student.post("/online/start")
    assert "Время тура закончилось" in student.get("/online/").get_data(as_text=True)
    assert db.session.scalar(select(OnlineAttempt)) is None


def test_a_late_start_ends_with_the_window(online, participant_client, clock):
    clock.move(hours=2, minutes=40)  # 20 minutes before the window closes
    student = participant_client(CODES["a1"])
    student.post("/online/start")
    assert "20:00" in student.get("/online/work").get_data(as_text=True)


def test_progress_shows_who_writes_is_idle_or_submitted(
    online, client_for, participant_client, clock
):
    first, second = participant_client(CODES["a1"]), participant_client(CODES["a2"])
    first.post("/online/start")
    second.post("/online/start")
    save(first, 1, RIGHT["single"])
    organizer = client_for(online.organizer)
    page = organizer.get(f"/online/sittings/{online.sitting.id}").get_data(as_text=True)
    assert "пишет: 2" in page and "не начинал(а): 1" in page and "1/7" in page
    assert "Школа Б" in page and "js/online-progress.js" in page and 'data-refresh="30"' in page
    clock.move(minutes=6)
    save(first, 2, RIGHT["multiple"], seq=1)
    page = organizer.get(f"/online/sittings/{online.sitting.id}").get_data(as_text=True)
    assert "пишет: 1" in page and "не активен(на) больше 5 мин: 1" in page
    clock.move(minutes=60)
    page = organizer.get(f"/online/sittings/{online.sitting.id}").get_data(as_text=True)
    assert "сдана, когда вышло время: 2" in page  # submitted when the progress was viewed
    assert db.session.scalar(
        select(Answer.text).where(Answer.participant_id == online.people["a1"].id).limit(1)
    )


def test_the_organizer_extends_one_participants_time_with_a_reason(
    online, client_for, participant_client, clock
):
    student = participant_client(CODES["a1"])
    student.post("/online/start")
    a1 = online.people["a1"]
    organizer = client_for(online.organizer)
    url = f"/online/sittings/{online.sitting.id}/participants/{a1.id}/extend"
    assert organizer.post(url, data={"minutes": "10", "reason": "  "}).status_code == 200  # no
    clock.move(minutes=61)
    assert organizer.get(f"/online/sittings/{online.sitting.id}").status_code == 200  # submits
    attempt = db.session.scalar(select(OnlineAttempt).execution_options(populate_existing=True))
    assert attempt.auto_submitted
    response = organizer.post(url, data={"minutes": "10", "reason": "Перезагрузился компьютер"})
    assert response.status_code == 302
    db.session.refresh(attempt)
    assert attempt.submitted_at is None and attempt.extra_minutes == 10  # reopened
    assert "9:00" in student.get("/online/work").get_data(as_text=True)
    assert save(student, 1, RIGHT["single"]).status_code == 200
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "online_extended"))
    assert entry.reason == "Перезагрузился компьютер" and entry.new_value["minutes"] == 10
    # handed in by the participant: not extended
    student.post("/online/submit")
    refused = organizer.post(url, data={"minutes": "5", "reason": "ещё"}, follow_redirects=True)
    assert "сам сдал работу" in refused.get_data(as_text=True)
    # the re-submission updated the sheet answer written at the first one
    single = online.items["single"]
    answer = db.session.scalar(select(Answer).where(Answer.paper_task_id == single.id))
    assert (answer.text, answer.points) == ("Б", 1)


def test_marking_waits_until_the_round_is_over(online, participant_client, clock):
    olympiad = online.olympiad
    student = participant_client(CODES["a1"])
    student.post("/online/start")
    try:
        change_status(online.organizer, olympiad, OlympiadStatus.MARKING)
        raise AssertionError("marking started during the round")
    except (OnlineError, OlympiadError) as refusal:
        assert "ещё пишут работу" in str(refusal)
    db.session.rollback()
    clock.move(minutes=60, seconds=11)  # a1's time is over; a2 and b1 have not started
    try:
        change_status(online.organizer, olympiad, OlympiadStatus.MARKING)
        raise AssertionError("marking started while the window is open")
    except OnlineError as refusal:
        assert "ещё не начали работу участников: 2" in str(refusal)
    db.session.rollback()
    for person in (online.people["a2"], online.people["b1"]):
        person.attendance = Attendance.ABSENT
    db.session.commit()
    change_status(online.organizer, olympiad, OlympiadStatus.MARKING)
    db.session.commit()
    attempt = db.session.scalar(select(OnlineAttempt))
    assert attempt.auto_submitted  # submitted at the moment marking started
    assert olympiad.status == OlympiadStatus.MARKING
    assert save(student, 1, RIGHT["single"], seq=2).status_code == 409


def test_the_jury_marks_an_online_work_by_cipher(online, participant_client, client_for, clock):
    student = participant_client(CODES["a1"])
    student.post("/online/start")
    text = "Аннотация, написанная онлайн.\nВторая строка."
    save(student, online.number["annotation"], {"answer": text})
    save(student, online.number["single"], RIGHT["single"])
    student.post("/online/submit")
    present(online.people["a1"])
    online.olympiad.status = OlympiadStatus.MARKING
    db.session.commit()
    juror = client_for(online.juror)
    item = online.items["annotation"]
    base = f"/marking/{online.olympiad.id}/tasks/{item.id}"
    listing = juror.get(base).get_data(as_text=True)
    assert "TXT-100" in listing
    page = juror.get(f"{base}/works/TXT-100").get_data(as_text=True)
    assert "написан онлайн" in page and "Аннотация, написанная онлайн.\nВторая строка." in page
    assert "Онлайнова" not in page and "Школа А" not in page
    response = juror.post(
        f"{base}/works/TXT-100", data={"criterion": ["2", "2,5"], "version": "0", "then": "stay"}
    )
    assert response.status_code == 302
    grid = juror.get(f"/marking/{online.olympiad.id}/groups/{online.junior.id}/answers")
    assert 'value="Б"' in grid.get_data(as_text=True)


def test_paper_stays_as_written_once_its_online_sitting_opened(online):
    from olympiad.models import OlympiadStatus
    from olympiad.tasks.papers import PaperError, remove_item

    online.olympiad.status = OlympiadStatus.REGISTRATION_CLOSED  # codes out, day not marked
    db.session.commit()
    with pytest.raises(PaperError, match="Онлайн-тур этой группы уже начался"):
        remove_item(online.organizer, online.items["single"])
