"""Demo step: the previous year's olympiad (2019-2020), published, so the annual report of
2020-2021 has a year to compare with. Built compactly: the closed tasks of this year's papers,
participants of the same schools, answers from a seeded generator, then the chair's approval
through the real service."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

from sqlalchemy import select

from olympiad.domain.codes import new_access_code, new_cipher
from olympiad.extensions import db
from olympiad.marking.works import is_open, papers_of
from olympiad.models import (
    Answer,
    Attendance,
    GradeGroup,
    JuryMember,
    Olympiad,
    OlympiadStatus,
    Paper,
    PaperTask,
    Participant,
    Plan,
    Role,
    Room,
    School,
    User,
)
from olympiad.plan.parts import MeetingRecord, record_meeting
from olympiad.results.services import approve_final

SEED = 20200214
YEAR, CURRENT = "2019-2020", "2020-2021"
SURNAMES = (
    "Аюшеева", "Батуев", "Власова", "Гомбоев", "Дашиева", "Ершов", "Жамсуева", "Золотарёв",
    "Иванова", "Карпов", "Лубсанова", "Миронов", "Намжилова", "Орлов", "Пахомова", "Раднаев",
)  # fmt: skip
NAMES = ("Алина", "Баир", "Вера", "Гэсэр", "Дарья", "Егор", "Жаргал", "Зоя", "Игорь", "Ксения")


def _olympiad(current: Olympiad) -> Olympiad:
    olympiad = Olympiad(
        title=current.title,
        academic_year=YEAR,
        held_on=date(2020, 2, 14),
        venue=current.venue,
        grades=list(current.grades),
        status=OlympiadStatus.PRELIMINARY,
        appeals_close_at=datetime(2020, 2, 20, 10, 0, tzinfo=UTC),
    )
    olympiad.groups = [
        GradeGroup(position=g.position, name=g.name, grades=list(g.grades)) for g in current.groups
    ]
    olympiad.rooms = [Room(position=r.position, venue=r.venue, name=r.name) for r in current.rooms]
    db.session.add(olympiad)
    db.session.flush()
    return olympiad


def _papers(current: Olympiad, olympiad: Olympiad) -> None:
    """Last year's papers: the closed tasks of this year's, fewer of them."""
    groups = {g.name: g for g in olympiad.groups}
    for paper in papers_of(current).values():
        closed = [item for item in paper.items if not is_open(item)][:18]
        copy = Paper(olympiad_id=olympiad.id, group_id=groups[paper.group.name].id)
        copy.items = [
            PaperTask(position=n, task_version_id=item.task_version_id)
            for n, item in enumerate(closed, 1)
        ]
        db.session.add(copy)
    db.session.flush()


def _answer(rng: random.Random, item: PaperTask, skill: float) -> Answer:
    version = item.task_version
    right = rng.random() < skill
    value: object = None
    if version.type.value == "single_choice":
        options = len(version.key["options"])
        wrong = [i for i in range(options) if i != version.key["correct"]]
        value = version.key["correct"] if right or not wrong else rng.choice(wrong)
        points = version.max_points if value == version.key["correct"] else 0
    elif right:
        points = version.max_points
    else:
        points = rng.choice((0, version.max_points / 2)) if version.max_points > 1 else 0
    return Answer(paper_task_id=item.id, value=value, text="", points=points)


def _participants(olympiad: Olympiad, rng: random.Random, typist: User) -> None:
    """Seven of the eight schools; ciphers and access codes random, as the real ones."""
    schools = list(db.session.scalars(select(School).order_by(School.id)))[:7]
    papers = {p.group_id: p for p in papers_of(olympiad).values()}
    rooms = olympiad.rooms
    ciphers: set[str] = set()
    number = 0
    for school in schools:
        for grade in olympiad.grades:
            for _ in range(rng.choice((1, 2, 2, 3))):
                number += 1
                surname, name = rng.choice(SURNAMES), rng.choice(NAMES)
                present = rng.random() > 0.08
                person = Participant(
                    olympiad_id=olympiad.id,
                    school_id=school.id,
                    surname=surname,
                    name=name,
                    grade_studied=grade,
                    grade_competed=grade,
                    identity_key=f"{school.id}|{surname}|{name}|{grade}|{number}",
                    cipher=_fresh(new_cipher, ciphers),
                    access_code=new_access_code(),
                    room_id=rooms[number % len(rooms)].id if rooms else None,
                    attendance=Attendance.PRESENT if present else Attendance.ABSENT,
                )
                db.session.add(person)
                db.session.flush()
                if not present:
                    continue
                skill = min(0.95, max(0.15, rng.gauss(0.55, 0.17)))
                paper = papers[olympiad.group_of(grade).id]
                for item in paper.items:
                    answer = _answer(rng, item, skill)
                    answer.participant_id = person.id
                    answer.entered_by_id = typist.id
                    db.session.add(answer)
    db.session.flush()


def _fresh(make, taken: set[str]) -> str:
    code = make()
    while code in taken:
        code = make()
    taken.add(code)
    return code


def load_previous_year() -> None:
    current = db.session.scalar(
        select(Olympiad).where(Olympiad.academic_year == CURRENT).order_by(Olympiad.id).limit(1)
    )
    chair = db.session.scalar(select(User).where(User.login == "jury1"))
    exists = db.session.scalar(select(Olympiad.id).where(Olympiad.academic_year == YEAR))
    if current is None or chair is None or exists or not papers_of(current):
        return
    rng = random.Random(SEED)
    olympiad = _olympiad(current)
    _papers(current, olympiad)
    organizer = db.session.scalar(select(User).where(User.role == Role.ORGANIZER).limit(1))
    _participants(olympiad, rng, organizer)
    db.session.add(JuryMember(olympiad_id=olympiad.id, user=chair, is_chair=True))
    db.session.flush()
    approve_final(chair, olympiad, "87-од", date(2020, 3, 2))
    olympiad.status = OlympiadStatus.PUBLISHED
    olympiad.published_at = datetime(2020, 3, 5, 2, 0, tzinfo=UTC)
    db.session.flush()


RECORDS = {
    1: (
        date(2020, 11, 18),
        "МБОУ «Селенгинская СОШ», библиотека",
        14,
        "Библиотечный урок «Путешествие в страну каталогов» (6 класс) и внеклассное "
        "мероприятие «Цифровая библиотека: новые форматы».",
        "1. Опыт Селенгинской СОШ по проведению онлайн-мероприятий рекомендовать к "
        "использованию. 2. Провести муниципальный этап олимпиады по информационной культуре "
        "в феврале 2021 г., 9–11 классы Тарбагатайского района — дистанционно.",
    ),
    2: (
        date(2021, 3, 24),
        "МБОУ «Тарбагатайская СОШ», онлайн-трансляция для Селенгинского района",
        16,
        "Библиотечный урок «Как найти книгу в электронном каталоге» (7 класс).",
        "1. Итоги олимпиады утвердить, анализ заданий передать составителям банка заданий. "
        "2. Пересмотреть задания, отмеченные как слабо различающие участников. "
        "3. Обобщить опыт дистанционной работы библиотек к августовскому совещанию.",
    ),
}


def load_meeting_records() -> None:
    """The records of the 2020-2021 meetings, as the organizer writes them after each."""
    plan = db.session.scalar(select(Plan).where(Plan.academic_year == CURRENT))
    organizer = db.session.scalar(select(User).where(User.role == Role.ORGANIZER).limit(1))
    if plan is None or organizer is None:
        return
    schools = list(db.session.scalars(select(School.id).order_by(School.id)))
    for meeting in plan.meetings:
        if meeting.number not in RECORDS or meeting.held_on:
            continue
        held_on, venue, count, event, decisions = RECORDS[meeting.number]
        attending = schools if meeting.number == 2 else schools[:7]
        record = MeetingRecord(held_on, venue, count, attending, event, decisions)
        record_meeting(organizer, meeting, record, meeting.version)
