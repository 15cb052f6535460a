"""Demo step: the 2020-2021 olympiad with ~120 students of the demo schools, codes issued
and attendance marked, all through the real services.

Names, grades and consents come from a seeded generator, so every demo looks the same;
ciphers and access codes are drawn by the services at random, as in real use.
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select

from olympiad.enrollment import day, services
from olympiad.enrollment.validation import StudentData
from olympiad.extensions import db
from olympiad.models import Attendance, OlympiadStatus, Plan, PlanItem, Role, School, User
from olympiad.olympiads import services as olympiads
from olympiad.olympiads.forms import DEFAULT_TITLE

STUDENTS = 120
SEED = 20210212

SURNAMES = {
    "ru": "Иванов Петров Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов Волков "
    "Соловьёв Васильев Зайцев Павлов Семёнов Голубев Виноградов Богданов Воробьёв Фёдоров",
    "bur": "Бадмаев Цыденов Дашиев Доржиев Жамсуев Намсараев Балданов Цыренов Аюшеев Будаев "
    "Гармаев Дамбаев Раднаев Очиров Санжиев Батуев Эрдынеев Базаров Ринчинов Шагдуров",
}
NAMES = {
    ("ru", "m"): "Александр Дмитрий Максим Иван Артём Никита Михаил Егор Кирилл Андрей Илья",
    ("ru", "f"): "Анастасия Мария Дарья Анна Елизавета Полина Виктория Екатерина Ксения Алёна",
    ("bur", "m"): "Баир Аюр Булат Солбон Чингис Бато Жаргал Амгалан Мунко Эрдэм Тумэн",
    ("bur", "f"): "Сэсэг Туяна Дарима Саяна Оюна Арюна Баярма Намжилма Аяна Сарюна Дулма",
}
FATHERS = {  # (son's patronymic, daughter's patronymic)
    "ru": [
        ("Александрович", "Александровна"),
        ("Сергеевич", "Сергеевна"),
        ("Владимирович", "Владимировна"),
        ("Николаевич", "Николаевна"),
        ("Андреевич", "Андреевна"),
        ("Викторович", "Викторовна"),
    ],
    "bur": [
        ("Баирович", "Баировна"),
        ("Цыренович", "Цыреновна"),
        ("Баторович", "Баторовна"),
        ("Дашиевич", "Дашиевна"),
        ("Булатович", "Булатовна"),
        ("Доржиевич", "Доржиевна"),
    ],
}
TEACHERS = [
    "Аюшеева Дулма Цыреновна",
    "Соколова Ирина Викторовна",
    "Бадмаева Туяна Баировна",
    "Морозова Людмила Николаевна",
    "Цыденова Дарима Владимировна",
    "Лебедева Ольга Сергеевна",
]
PUBLICATION = (["full_name"] * 10) + (["initials"] * 6) + (["cipher_only"] * 3) + ["none"]


def _student(rng: random.Random, school: School, mentors: list[str]) -> StudentData:
    people = "bur" if rng.random() < 0.45 else "ru"
    sex = rng.choice("mf")
    surname = rng.choice(SURNAMES[people].split())
    first = rng.choice(NAMES[(people if rng.random() < 0.85 else "ru", sex)].split())
    son, daughter = rng.choice(FATHERS[people])
    grade = rng.randint(7, 11)
    return StudentData(
        surname=surname + ("а" if sex == "f" else ""),
        name=first,
        patronymic="" if rng.random() < 0.03 else (son if sex == "m" else daughter),
        gender=sex,
        school_id=school.id,
        grade_studied=grade,
        grade_competed=grade + 1 if grade < 11 and rng.random() < 0.05 else grade,
        mentor=rng.choice(mentors),
        consent_processing=True,
        consent_publication=rng.choice(PUBLICATION),
        consent_work_publication=rng.random() < 0.7,
    )


def _plan_item_id() -> int | None:
    return db.session.scalar(
        select(PlanItem.id)
        .join(Plan)
        .where(
            Plan.academic_year == "2020-2021",
            PlanItem.text.startswith("Муниципальный этап олимпиады"),
        )
        .limit(1)
    )


def load_olympiad() -> None:
    rng = random.Random(SEED)
    organizer = db.session.scalar(select(User).where(User.role == Role.ORGANIZER).limit(1))
    olympiad = olympiads.create_olympiad(
        organizer,
        olympiads.OlympiadData(
            title=DEFAULT_TITLE,
            academic_year="2020-2021",
            held_on=date(2021, 2, 12),
            venue="МАОУ «Гусиноозёрская гимназия», г. Гусиноозёрск",
            grades="7-11",
            groups="7-8; 9-11",
            registration_opens_on=date(2021, 1, 11),
            registration_closes_on=date(2021, 2, 5),
            school_grade_limit=None,
            plan_item_id=_plan_item_id(),
        ),
    )
    for name, capacity, grades in (("каб. 12", 45, "7-8"), ("каб. 14", 45, "9-11")):
        olympiads.add_room(organizer, olympiad, "", name, capacity, grades)
    olympiads.add_room(organizer, olympiad, "", "Актовый зал", 40, "")
    olympiads.change_status(organizer, olympiad, OlympiadStatus.REGISTRATION_OPEN)

    schools = db.session.scalars(select(School).order_by(School.id)).all()
    enrolled = 0
    while enrolled < STUDENTS:
        school = schools[enrolled % len(schools)]
        mentors = [c.full_name for c in school.coordinators] + rng.sample(TEACHERS, 2)
        try:
            services.enroll_student(organizer, olympiad, _student(rng, school, mentors))
        except services.EnrollmentError:  # the same name drawn twice: draw again
            continue
        enrolled += 1

    olympiads.change_status(organizer, olympiad, OlympiadStatus.REGISTRATION_CLOSED)
    day.assign_rooms(organizer, olympiad)
    people = db.session.scalars(day.enrolled(olympiad)).all()
    marks = {p.id: day.Mark(Attendance.PRESENT) for p in people}
    for p in rng.sample(people, 7):
        marks[p.id] = day.Mark(Attendance.ABSENT)
    cheater = rng.choice([p for p in people if marks[p.id].attendance == Attendance.PRESENT])
    marks[cheater.id] = day.Mark(
        Attendance.DISQUALIFIED, "Пользовался мобильным телефоном во время олимпиады"
    )
    day.mark_attendance(organizer, olympiad, marks)
    olympiads.change_status(organizer, olympiad, OlympiadStatus.HELD)
