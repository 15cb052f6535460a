"""Correcting the key of a closed task on a live paper: an olympiad being marked.

A dry run (`plan`) tells, before anything is saved, whose points on the task, totals and
places in their grade would change. Applying it (`apply`) adds a version of the task with the
corrected key (older versions stay as they were), moves this paper to it, re-scores every
stored answer to the task and writes the audit trail, all in the caller's one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from olympiad import audit
from olympiad.actions import Refused
from olympiad.database import begin_write
from olympiad.domain.olympiad_rules import FROZEN
from olympiad.domain.ranking import competition_places
from olympiad.domain.scoring import score
from olympiad.extensions import db
from olympiad.marking.marks import resolution
from olympiad.marking.summary import marks_by_work
from olympiad.marking.works import Work, is_open, open_items, works_of
from olympiad.models import (
    Answer,
    Appeal,
    AppealState,
    Olympiad,
    OlympiadStatus,
    PaperTask,
    Participant,
    TaskVersion,
    User,
)
from olympiad.tasks import services

S = OlympiadStatus
CORRECTABLE = frozenset({S.MARKING, S.PRELIMINARY})
# lists printed on the paper: participants answered by their letters and numbers
PRINTED = ("options", "left", "right", "items")


class CorrectionError(Refused):
    """A refused key correction, with a message for the user."""


@dataclass
class Row:
    """One work in the dry run; `old_points` is None when only its place moves."""

    cipher: str
    grade: int
    old_total: Decimal
    new_total: Decimal
    old_place: int = 0
    new_place: int = 0
    old_points: Decimal | None = None
    new_points: Decimal | None = None


@dataclass
class Plan:
    item: PaperTask
    key: dict
    changed: list[Row] = field(default_factory=list)  # points on the task change
    moved: list[Row] = field(default_factory=list)  # only the place changes
    unchanged: int = 0  # present works whose points stay
    rescored: list[tuple[Answer, Decimal]] = field(default_factory=list)
    digest: str = ""


def _points(value: object) -> Decimal:
    return Decimal(str(value or 0))


def refusal(item: PaperTask, status: OlympiadStatus | None = None) -> str | None:
    """Why this task's key cannot be corrected now; None if it can."""
    status = status or item.paper.olympiad.status
    if is_open(item):
        return _("Развёрнутые ответы оценивает жюри по критериям: ключа для пересчёта у них нет.")
    if status in FROZEN:
        return _(
            "Результаты олимпиады утверждены: ключ больше не исправляется, "
            "баллы меняются только по апелляции."
        )
    if status not in CORRECTABLE:
        return _(
            "Ключ исправляют здесь во время проверки работ. До проверки измените задание "
            "в банке: олимпиады, которые ещё не проведены, получат новую версию."
        )
    if _appealed(item):
        return _(
            "По этому заданию уже принята апелляция: пересчёт по ключу отменил бы решение "
            "председателя. Баллы по нему меняются только по апелляции."
        )
    return None


def _appealed(item: PaperTask) -> bool:
    """An accepted appeal set points on this task: rescoring would overwrite them."""
    query = select(Appeal.id).where(
        Appeal.paper_task_id == item.id, Appeal.state == AppealState.ACCEPTED
    )
    return db.session.scalar(query.limit(1)) is not None


def key_problems(version: TaskVersion, key: dict) -> str | None:
    """A new key that cannot replace the old one on a written paper; None if it can."""
    if key == version.key:
        return _("Ключ не изменился: исправлять нечего.")
    for name in PRINTED:
        if name in version.key and len(key.get(name, [])) != len(version.key[name]):
            return _(
                "Участники отвечали по напечатанному варианту: число вариантов, элементов "
                "и пунктов менять нельзя, можно исправить только их текст и правильный ответ."
            )
    return None


def _totals(olympiad: Olympiad, item: PaperTask, works: list[Work]) -> dict[int, Decimal]:
    """Each work's total on the paper now: entered answers and the jury's final marks."""
    totals = {work.id: Decimal(0) for work in works}
    paper = item.paper
    closed = [i.id for i in paper.items if not is_open(i)]
    query = select(Answer.participant_id, Answer.points).where(
        Answer.paper_task_id.in_(closed), Answer.participant_id.in_(totals)
    )
    for participant_id, points in db.session.execute(query):
        totals[participant_id] += _points(points)
    items = open_items(paper)
    marks = marks_by_work(items)
    for work in works:
        for open_item in items:
            final = resolution(olympiad, open_item, marks[(work.id, open_item.id)]).final
            totals[work.id] += _points(final)
    return totals


def _places(totals: dict[int, Decimal], grades: dict[int, int]) -> dict[int, int]:
    by_grade: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for work_id, total in totals.items():
        by_grade[grades[work_id]][work_id] = total
    places: dict[int, int] = {}
    for group in by_grade.values():
        places |= competition_places(group)
    return places


def plan(item: PaperTask, key: dict) -> Plan:
    """The dry run: nothing is written."""
    version = item.task_version
    olympiad = item.paper.olympiad
    result = Plan(item, key)
    query = select(Answer).where(Answer.paper_task_id == item.id).order_by(Answer.id)
    for answer in db.session.scalars(query.execution_options(populate_existing=True)):
        points = score(version.type, key, version.max_points, answer.value)
        if points != _points(answer.points):
            result.rescored.append((answer, points))
    works = works_of(olympiad, item.paper.group)
    grades = dict(
        db.session.execute(
            select(Participant.id, Participant.grade_competed).where(
                Participant.id.in_([w.id for w in works])
            )
        ).all()
    )
    old_totals = _totals(olympiad, item, works)
    new_totals = dict(old_totals)
    delta = {a.participant_id: (_points(a.points), p) for a, p in result.rescored}
    for work_id, (old, new) in delta.items():
        if work_id in new_totals:
            new_totals[work_id] += new - old
    old_places, new_places = _places(old_totals, grades), _places(new_totals, grades)
    for work in works:
        row = Row(
            work.cipher,
            grades[work.id],
            old_totals[work.id],
            new_totals[work.id],
            old_places[work.id],
            new_places[work.id],
        )
        if work.id in delta:
            row.old_points, row.new_points = delta[work.id]
            result.changed.append(row)
        else:
            result.unchanged += 1
            if row.old_place != row.new_place:
                result.moved.append(row)
    for rows in (result.changed, result.moved):
        rows.sort(key=lambda r: (r.grade, r.new_place, r.cipher))
    seen = [[a.id, str(_points(a.points)), str(p)] for a, p in result.rescored]
    text = json.dumps([version.id, key, seen], sort_keys=True, ensure_ascii=False)
    result.digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return result


def apply(actor: User, item: PaperTask, key: dict, reason: str, based_on: str, digest: str) -> Plan:
    """Apply the dry run the organizer saw (`digest`), made from version `based_on`."""
    reason = reason.strip()
    if not reason:
        raise CorrectionError(_("Укажите причину исправления ключа."))
    olympiad = item.paper.olympiad
    begin_write(db.session)  # answers wait: they share-lock the olympiad (answers.lock_work)
    status = db.session.scalar(
        select(Olympiad.status).where(Olympiad.id == olympiad.id).with_for_update()
    )
    db.session.refresh(item)
    old = item.task_version
    message = refusal(item, status)
    if message:
        raise CorrectionError(message)
    if based_on != str(old.id):
        raise CorrectionError(
            _("Пока вы смотрели, ключ этого задания уже исправили. Посмотрите его снова.")
        )
    message = key_problems(old, key)
    if message:
        raise CorrectionError(message)
    result = plan(item, key)
    if result.digest != digest:
        raise CorrectionError(
            _("Пока вы смотрели, ответы на задание изменились. Проверьте пересчёт ещё раз.")
        )
    task = old.task
    new = services.add_version(actor, task, replace(services.data_of(old), key=key), old)
    item.task_version = new
    changes = []
    for answer, points in result.rescored:
        changes.append((answer, float(answer.points)))
        answer.points = float(points)  # the ORM bumps its version: open grids see it stale
    db.session.flush()
    where = {"task": task.code, "paper": item.paper.group.name, "position": item.position}
    audit.record(
        actor,
        "task_key_corrected",
        task,
        old={**where, "version": old.number, "key": old.key},
        new={**where, "version": new.number, "key": key, "rescored": len(changes)},
        reason=reason,
    )
    for answer, before in changes:
        cipher = answer.participant.cipher
        audit.record(
            actor,
            "answer_rescored",
            answer,
            old={"cipher": cipher, "task": item.position, "points": before},
            new={"cipher": cipher, "task": item.position, "points": float(answer.points)},
            reason=reason,
        )
    return result
