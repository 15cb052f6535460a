"""Demo step: the 9–11 group of the schools of the Tarbagatai district wrote the 2020-2021
olympiad online, in supervised school rooms on the olympiad's day; the other schools wrote on
paper. Everything goes through the real services with the clock of that day: the sitting,
each participant's start, their saves task by task (some answers changed on the way), hand-ins,
an extension after a computer restarted, and the works whose time ran out, submitted
automatically. The marking step then types in only the paper works.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from olympiad.domain.task_keys import TaskType, key_answer
from olympiad.extensions import db
from olympiad.marking.works import paper_of
from olympiad.models import Attendance, Olympiad, OlympiadStatus, PaperTask, Role, School, User
from olympiad.online import attempts, sittings
from olympiad.online.progress import submit_due

SEED = 20210212
YEAR = "2020-2021"
DISTRICT = "МО «Тарбагатайский район»"
# 10:00-13:00 in Buryatia (UTC+8) on the olympiad's day
STARTS = datetime(2021, 2, 12, 2, 0, tzinfo=UTC)
ENDS = STARTS + timedelta(hours=3)
T = TaskType

TEXTS = {
    "T-038": (
        "Лебедева, А. С. Тайны старой библиотеки : повесть / А. С. Лебедева ; художник "
        "О. П. Миронова. – Москва : Детская литература, 2021. – 224 с. : ил. – "
        "(Школьная библиотека).",
        "Лебедева А. С. Тайны старой библиотеки: повесть / А. С. Лебедева; худ. О. П. Миронова. "
        "- Москва: Детская литература, 2021. - 224 с.",
        "Лебедева Анна Сергеевна. Тайны старой библиотеки. Москва, «Детская литература», 2021.",
    ),
    "T-046": (
        "Книга: В. Каверин «Два капитана». Цель — заинтересовать восьмиклассников, которые "
        "любят приключения.\n1. Тёмный экран, шум метели. Голос: «Бороться и искать…»\n"
        "2. Старые письма на столе — фото из свободного фотобанка.\n3. Карта Арктики, "
        "тревожная музыка (свободная лицензия).\n4. Мальчик смотрит на реку — мой рисунок.\n"
        "5. Вопрос на экране: «Найдёт ли Саня правду?»\n6. Обложка книги и надпись: "
        "«Прочитай — узнаешь!»\nВсе изображения свои или со свободной лицензией, источники "
        "указаны в титрах.",
        "Буктрейлер по книге «Гарри Поттер». Кадр 1: замок. Кадр 2: поезд. Кадр 3: Гарри "
        "получает письмо. Кадр 4: надпись «Читайте!». Музыка из фильма.",
        "Я бы снял ролик про книгу, которую люблю, и показал бы его в классе.",
    ),
}
GENERIC = ("Ответ участника онлайн-тура.", "Не знаю, что писать.", "")


def load_online() -> None:
    olympiad = db.session.scalar(
        select(Olympiad).where(Olympiad.academic_year == YEAR).order_by(Olympiad.id).limit(1)
    )
    if olympiad is None or olympiad.status != OlympiadStatus.HELD:
        return
    group = next((g for g in olympiad.groups if g.grades == [9, 10, 11]), None)
    paper = paper_of(group) if group else None
    schools = db.session.scalars(select(School.id).where(School.municipality == DISTRICT)).all()
    if paper is None or not paper.items or not schools:
        return
    organizer = db.session.scalar(select(User).where(User.role == Role.ORGANIZER).limit(1))
    data = sittings.SittingData(
        group.id, list(schools), STARTS, ENDS, paper.time_limit_minutes, supervised=True
    )
    sitting = sittings.create_sitting(organizer, olympiad, data, STARTS - timedelta(days=3))
    rng = random.Random(SEED)
    people = db.session.scalars(sittings.members(sitting)).all()
    writers = [p for p in people if p.attendance == Attendance.PRESENT]
    for index, participant in enumerate(writers):
        _write(rng, organizer, participant, sitting, paper.items, extended=index == 1)
    submit_due([sitting.id], ENDS + timedelta(hours=1))
    db.session.flush()


def _write(rng, organizer, participant, sitting, items, *, extended: bool) -> None:
    """One participant's morning: start, answer task by task, maybe hand in early."""
    ability = rng.betavariate(4, 2.5)
    now = STARTS + timedelta(minutes=rng.uniform(0, 20))
    attempt = attempts.start(participant, sitting, now)
    due = attempts.deadline_of(attempt)
    pace = rng.uniform(0.6, 1.6)  # minutes a closed task on average
    hands_in = rng.random() < 0.75
    for number, item in enumerate(items, start=1):
        now += timedelta(minutes=rng.uniform(0.5, 1.5) * pace * (4 if _is_open(item) else 1))
        if extended and number == len(items) // 2:
            attempts.extend(
                organizer,
                participant,
                10,
                "Компьютер перезагрузился во время работы: время восстановлено.",
                now,
            )
            due = attempts.deadline_of(attempt)
        if now >= due:
            break
        if rng.random() < 0.05:
            continue  # skipped this task
        if not _is_open(item) and rng.random() < 0.15:  # changed their mind later
            attempts.save(participant, sitting, item.position, _fields(rng, item, 0.2), None, now)
            now += timedelta(seconds=rng.uniform(10, 50))
            if now >= due:
                break
        fields = _fields(rng, item, ability)
        attempts.save(participant, sitting, item.position, fields, None, now)
    if hands_in and now < due:
        attempts.submit(participant, now + timedelta(minutes=rng.uniform(1, 5)))


def _is_open(item: PaperTask) -> bool:
    return item.task_version.type == T.OPEN


def _fields(rng: random.Random, item: PaperTask, ability: float) -> dict[str, list[str]]:
    """What the participant's form sends: the key's answer with the chance of their ability."""
    version = item.task_version
    kind, key = T(version.type), version.key
    if kind is T.OPEN:
        texts = TEXTS.get(version.task.code, GENERIC)
        level = 0 if ability > 0.7 else 1 if ability > 0.4 else 2
        return {"answer": [texts[level]]}
    right = rng.random() < ability
    answer = key_answer(kind, key) if right else None
    if kind is T.SINGLE_CHOICE:
        size = len(key["options"])
        return {"answer": [str(answer if right else rng.randrange(size))]}
    if kind is T.MULTIPLE_CHOICE:
        size = len(key["options"])
        chosen = answer if right else rng.sample(range(size), rng.randint(1, size - 1))
        return {"answer": [str(i) for i in chosen]}
    if kind is T.MATCHING:
        pairs = (
            answer
            if right
            else {str(i): rng.randrange(len(key["right"])) for i in range(len(key["left"]))}
        )
        return {f"pair-{left}": [str(right_)] for left, right_ in pairs.items()}
    if kind is T.ORDERING:
        order = answer if right else rng.sample(range(len(key["items"])), len(key["items"]))
        return {f"place-{k}": [str(i)] for k, i in enumerate(order)}
    if kind is T.NUMBER:
        value = key["value"] if right else key["value"] + rng.choice((-2, -1, 1, 10))
        return {"answer": [str(value).replace(".", ",")]}
    return {"answer": [answer if right else rng.choice(("библиотека", "книга", "не помню"))]}
