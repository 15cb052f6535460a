"""Demo step: the 2020-2021 olympiad in marking. The jury of jury1-jury4 (jury1 the chair),
answers typed in for every present work, marks for every open task, two open tasks marked
twice, and a few discrepancies left for the chair. All through the real services, from a
seeded generator, so every demo looks alike; nothing happens if there are no papers.
"""

from __future__ import annotations

import random

from sqlalchemy import select

from olympiad.domain.task_keys import TaskType, key_answer
from olympiad.domain.typed_answers import format_answer
from olympiad.extensions import db
from olympiad.marking import jury
from olympiad.marking.answers import save_answers
from olympiad.marking.marks import save_mark
from olympiad.marking.works import criteria_of, is_open, papers_of, works_of
from olympiad.models import Answer, Olympiad, OlympiadStatus, PaperTask, Role, User
from olympiad.olympiads.services import change_status

SEED = 20210215
YEAR = "2020-2021"
COMMENTS = (
    "Нет области выходных данных.",
    "Пунктуация с ошибками, порядок элементов верный.",
    "Пересказ сюжета вместо характеристики содержания.",
    "Хорошо, но есть речевые ошибки.",
    "Полно и по образцу.",
    "Не указан читательский адресат.",
)
T = TaskType


def load_marking() -> None:
    olympiad = db.session.scalar(
        select(Olympiad).where(Olympiad.academic_year == YEAR).order_by(Olympiad.id).limit(1)
    )
    papers = papers_of(olympiad) if olympiad else {}
    users = {u.login: u for u in db.session.scalars(select(User).where(User.role == Role.JUROR))}
    names = ("jury1", "jury2", "jury3", "jury4")
    if not any(p.items for p in papers.values()) or not all(n in users for n in names):
        return
    organizer = db.session.scalar(select(User).where(User.role == Role.ORGANIZER).limit(1))
    if olympiad.status == OlympiadStatus.HELD:
        change_status(organizer, olympiad, OlympiadStatus.MARKING)
    if olympiad.status != OlympiadStatus.MARKING:
        return
    chair, common, *by_group = (users[n] for n in names)
    jury.appoint(organizer, olympiad, chair.id, True)
    jury.appoint(organizer, olympiad, common.id, False)
    groups = [g for g in olympiad.groups if g.id in papers][: len(by_group)]
    for juror, group in zip(by_group, groups, strict=False):
        member = jury.appoint(organizer, olympiad, juror.id, False)
        jury.update_member(organizer, member, False, [group.id], [])
    double = [item for item in map(_open, papers.values()) if item is not None]
    jury.save_settings(
        organizer, olympiad, "1", "mean", {i.id: 2 for i in double}, olympiad.version
    )

    online = set(db.session.scalars(select(Answer.participant_id).distinct()))
    rng = random.Random(SEED)
    for n, (group, juror) in enumerate(zip(groups, by_group, strict=False)):
        paper = papers[group.id]
        # by enrollment order, not by cipher: ciphers are random, the demo is the same each time
        works = sorted(works_of(olympiad, group), key=lambda work: work.id)
        # the chair's queue: two works of the first group, one of the next
        disputed = set(rng.sample(range(len(works)), min(len(works), 2 if n == 0 else 1)))
        for index, work in enumerate(works):
            ability = rng.betavariate(4, 2.5)
            sheet = [(i, _typed(rng, i, ability), 0) for i in paper.items if not is_open(i)]
            if work.id not in online:  # an online work's answers came from its attempt
                save_answers(juror, olympiad, work, sheet)
            for item in filter(is_open, paper.items):
                first = _criteria(rng, item, ability)
                remark = rng.choice(COMMENTS) if rng.random() < 0.3 else ""
                save_mark(None, olympiad, work, item, first, remark, 0, juror=juror)
                if item.markers == 2:
                    far = index in disputed
                    second = _far(item, first) if far else _near(rng, item, first)
                    remark = rng.choice(COMMENTS) if far or rng.random() < 0.3 else ""
                    save_mark(None, olympiad, work, item, second, remark, 0, juror=common)
    db.session.flush()


def _open(paper) -> PaperTask | None:
    """The paper's open task with the most points: the one worth a second marker."""
    items = [item for item in paper.items if is_open(item)]
    return max(items, default=None, key=lambda item: item.task_version.max_points)


def _typed(rng: random.Random, item: PaperTask, ability: float) -> str:
    """What a participant of this ability wrote on the sheet, as the operator types it."""
    version = item.task_version
    kind, key = T(version.type), version.key
    if rng.random() < 0.04:
        return "-"  # no answer
    if rng.random() < ability:
        answer = key_answer(kind, key)
        if kind is T.NUMBER:
            return str(answer).replace(".", ",")
        return format_answer(kind, key, answer)
    if kind is T.SINGLE_CHOICE:
        wrong = [i for i in range(len(key["options"])) if i != key["correct"]]
        return format_answer(kind, key, rng.choice(wrong))
    if kind is T.MULTIPLE_CHOICE:
        size = len(key["options"])
        return format_answer(kind, key, sorted(rng.sample(range(size), rng.randint(1, size - 1))))
    if kind is T.MATCHING:
        pairs = {str(i): rng.randrange(len(key["right"])) for i in range(len(key["left"]))}
        return format_answer(kind, key, pairs)
    if kind is T.ORDERING:
        return format_answer(kind, key, rng.sample(range(len(key["items"])), len(key["items"])))
    if kind is T.NUMBER:
        return str(key["value"] + rng.choice((-2, -1, 1, 10)))
    return rng.choice(("библиотека", "книга", "справочник", "не помню"))


def _criteria(rng: random.Random, item: PaperTask, ability: float) -> list[float]:
    marks = []
    for criterion in criteria_of(item):
        top = float(criterion["max"])
        halves = round((ability + rng.uniform(-0.25, 0.2)) * top * 2)
        marks.append(min(max(halves, 0), int(top * 2)) / 2)
    return marks


def _near(rng: random.Random, item: PaperTask, first: list[float]) -> list[float]:
    """The second marker's criteria: half a point apart at most, within any tolerance."""
    tops = [float(c["max"]) for c in criteria_of(item)]
    second = list(first)
    index = rng.randrange(len(second))
    second[index] = min(max(second[index] + rng.choice((-0.5, 0, 0.5)), 0), tops[index])
    return second


def _far(item: PaperTask, first: list[float]) -> list[float]:
    """The second marker saw the work quite differently: 3 points or more apart."""
    tops = [float(c["max"]) for c in criteria_of(item)]
    up = sum(tops) - sum(first) >= sum(first)
    second = list(first)
    for index, top in enumerate(tops):
        if abs(sum(second) - sum(first)) >= 3:
            break
        second[index] = top if up else 0.0
    return second
