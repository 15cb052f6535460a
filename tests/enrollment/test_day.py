"""The olympiad day: seating in rooms and attendance."""

import pytest
from sqlalchemy import select

from olympiad.domain.seating import RoomSeats, Seat, seat
from olympiad.extensions import db
from olympiad.models import Attendance, AuditEntry, OlympiadStatus, Role

CLOSED = OlympiadStatus.REGISTRATION_CLOSED


def test_seat_fills_rooms_by_grade_within_grades_and_capacity():
    people = [Seat(n, grade) for n, grade in enumerate([9, 7, 7, 8, 11, 7, 10], start=1)]
    rooms = [RoomSeats(1, [7, 8], 3), RoomSeats(2, [], None, taken=5), RoomSeats(3, [11], 0)]
    placed = seat(people, rooms)
    assert [pid for pid, room in placed.items() if room == 1] == [2, 3, 6]  # the 7th grade
    assert placed[4] == 2  # the 8th grade spills into the room for any grade
    assert placed[5] == 2  # room 3 has no seats left
    assert seat(people, [RoomSeats(1, [7], 1)]) == {2: 1}


@pytest.fixture
def organizer(make_user, login):
    user = make_user(Role.ORGANIZER)
    login(user)
    return user


def test_assign_rooms_keeps_manual_choice(
    client, organizer, make_school, make_olympiad, make_participant
):
    rooms = [("каб. 12", 2, [7, 8]), ("каб. 14", None, [9, 10, 11])]
    olympiad = make_olympiad(status=CLOSED, rooms=rooms)
    school = make_school()
    seventh = [make_participant(olympiad, school, grade_studied=7) for _ in range(3)]
    ninth = make_participant(olympiad, school, grade_studied=9)
    small, large = olympiad.rooms
    manual = make_participant(olympiad, school, grade_studied=8, room_id=large.id)
    assert "Рассадить" in client.get(f"/enrollment/{olympiad.id}/rooms/assign").get_data(
        as_text=True
    )
    response = client.post(f"/enrollment/{olympiad.id}/rooms/assign", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Рассажено участников: 3" in page and "без кабинета" in page
    db.session.expire_all()
    assert [p.room_id for p in seventh] == [small.id, small.id, None]
    assert ninth.room_id == large.id and manual.room_id == large.id
    client.post(f"/enrollment/participants/{seventh[2].id}/room", data={"room_id": large.id})
    db.session.expire_all()
    assert seventh[2].room_id == large.id
    other = make_olympiad(status=CLOSED, rooms=[("каб. 1", None, [])])
    forged = {"room_id": other.rooms[0].id}  # a room of another olympiad
    client.post(f"/enrollment/participants/{seventh[2].id}/room", data=forged)
    db.session.expire_all()
    assert seventh[2].room_id == large.id


def test_attendance_one_save_audited_per_change(
    client, organizer, make_school, make_olympiad, make_participant
):
    olympiad = make_olympiad(status=CLOSED, rooms=[("каб. 12", None, [])])
    school = make_school()
    a, b, c = (make_participant(olympiad, school, room_id=olympiad.rooms[0].id) for _ in range(3))
    url = f"/enrollment/{olympiad.id}/attendance?room={olympiad.rooms[0].id}"
    page = client.get(url).get_data(as_text=True)
    assert a.full_name in page and f'name="attendance-{c.id}"' in page
    marks = {
        f"attendance-{a.id}": "present",
        f"attendance-{b.id}": "absent",
        f"attendance-{c.id}": "disqualified",
        f"reason-{c.id}": "",
    }
    page = client.post(url, data=marks).get_data(as_text=True)
    assert "Укажите причину дисквалификации" in page
    db.session.expire_all()
    assert {p.attendance for p in (a, b, c)} == {Attendance.UNKNOWN}  # all or nothing
    marks[f"reason-{c.id}"] = "Пользовался телефоном"
    client.post(url, data=marks)
    db.session.expire_all()
    assert (a.attendance, b.attendance, c.attendance) == (
        Attendance.PRESENT,
        Attendance.ABSENT,
        Attendance.DISQUALIFIED,
    )
    assert c.disqualification_reason == "Пользовался телефоном"
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "attendance_marked")
    ).all()
    assert len(entries) == 3
    client.post(url, data={**marks, f"attendance-{c.id}": "present"})  # only c changes
    db.session.expire_all()
    assert c.attendance == Attendance.PRESENT and c.disqualification_reason == ""
    assert db.session.query(AuditEntry).filter_by(action="attendance_marked").count() == 4


def test_attendance_only_after_closing(
    client, organizer, make_school, make_olympiad, make_participant
):
    olympiad = make_olympiad(status=OlympiadStatus.REGISTRATION_OPEN)
    p = make_participant(olympiad, make_school())
    url = f"/enrollment/{olympiad.id}/attendance"
    assert "только для просмотра" in client.get(url).get_data(as_text=True)
    page = client.post(url, data={f"attendance-{p.id}": "present"}).get_data(as_text=True)
    assert "Явку отмечают после закрытия регистрации" in page
    db.session.refresh(p)
    assert p.attendance == Attendance.UNKNOWN


def test_attendance_of_another_olympiad_refused(
    client, organizer, make_school, make_olympiad, make_participant
):
    school = make_school()
    mine, other = make_olympiad(status=CLOSED), make_olympiad(status=CLOSED)
    stranger = make_participant(other, school)
    url = f"/enrollment/{mine.id}/attendance"
    page = client.post(url, data={f"attendance-{stranger.id}": "absent"}).get_data(as_text=True)
    assert "не этой олимпиады" in page
    db.session.refresh(stranger)
    assert stranger.attendance == Attendance.UNKNOWN
    assert client.post(url, data={f"attendance-{stranger.id}": "maybe"}).status_code == 400


def test_all_present_marks_the_unmarked_and_keeps_the_exceptions(
    client, login, make_user, make_school, make_olympiad, make_participant
):
    olympiad = make_olympiad(status=OlympiadStatus.REGISTRATION_CLOSED)
    school = make_school()
    a, b, c = (make_participant(olympiad, school) for _ in range(3))
    login(make_user(Role.ORGANIZER))
    url = f"/enrollment/{olympiad.id}/attendance"
    page = client.get(url).get_data(as_text=True)
    assert "Все присутствуют" in page and "явка не отмечена: 3" in page
    client.post(
        url,
        data={
            f"attendance-{a.id}": "unknown",
            f"attendance-{b.id}": "absent",
            f"attendance-{c.id}": "unknown",
            "all_present": "1",
        },
    )
    db.session.expire_all()
    assert [p.attendance.value for p in (a, b, c)] == ["present", "absent", "present"]
    assert "Все присутствуют" not in client.get(url).get_data(as_text=True)
