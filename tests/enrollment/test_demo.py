"""The demo brings an olympiad with enrolled students, codes issued and attendance marked."""

from sqlalchemy import func, select

from olympiad.extensions import db
from olympiad.models import Attendance, Olympiad, OlympiadStatus, Participant, PlanItem


def test_demo_olympiad(load_demo):
    result = load_demo()
    assert result.exit_code == 0, result.output
    olympiad = db.session.scalar(select(Olympiad).where(Olympiad.academic_year == "2020-2021"))
    # later demo steps take it on through marking and results
    assert olympiad.status not in (OlympiadStatus.DRAFT, OlympiadStatus.REGISTRATION_OPEN)
    item = db.session.get(PlanItem, olympiad.plan_item_id) if olympiad.plan_item_id else None
    assert item is None or item.text.startswith("Муниципальный этап олимпиады")
    people = db.session.scalars(select(Participant)).all()
    assert len(people) >= 100
    assert len({p.school_id for p in people}) == 8
    assert {p.grade_studied for p in people} == {7, 8, 9, 10, 11}
    assert all(p.cipher and p.access_code and p.room_id for p in people)
    # a cipher is unique within its olympiad (the demo has last year's as well)
    assert len({(p.olympiad_id, p.cipher) for p in people}) == len(people)
    attendance = {a: sum(p.attendance == a for p in people) for a in Attendance}
    assert attendance[Attendance.ABSENT] >= 3 and attendance[Attendance.DISQUALIFIED] == 1
    assert attendance[Attendance.UNKNOWN] == 0
    disqualified = next(p for p in people if p.attendance == Attendance.DISQUALIFIED)
    assert disqualified.disqualification_reason
    forms = db.session.scalar(select(func.count(func.distinct(Participant.surname))))
    assert forms > 20


def test_demo_names_are_reproducible_but_codes_are_not(runner, load_demo):
    def snapshot():
        people = db.session.scalars(select(Participant).order_by(Participant.id)).all()
        return [p.full_name for p in people], [p.cipher for p in people]

    assert load_demo().exit_code == 0
    names, ciphers = snapshot()
    db.session.expire_all()
    runner.invoke(args=["demo", "--reset"])
    again, other = snapshot()
    assert names == again and ciphers != other
