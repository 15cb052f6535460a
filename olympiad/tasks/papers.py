"""Composing the paper of a grade group from the bank. Operations flush; the view commits.

Once the olympiad is held its papers are what the participants wrote: they do not change.

Who may read a paper and its key (the booklet, the key, the task pictures): the organizer
always; a jury member only of that olympiad's jury and appointed to that group, from the
olympiad's day on, and never while an online sitting of the group can still be written (a
juror is often a teacher whose own pupils are writing).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from olympiad import audit
from olympiad.actions import Refused
from olympiad.extensions import db
from olympiad.models import (
    GradeGroup,
    Olympiad,
    OnlineAttempt,
    OnlineSitting,
    Paper,
    PaperTask,
    Role,
    Task,
    TaskVersion,
    User,
)
from olympiad.models.base import utcnow
from olympiad.tasks.services import HELD
from olympiad.versions import is_stale

DEFAULT_MINUTES = 60


class PaperError(Refused):
    """A refused change of a paper, with a message for the user."""


def is_held(olympiad: Olympiad) -> bool:
    return olympiad.status in HELD


def refusal(user: User, group: GradeGroup, now: datetime | None = None) -> str | None:
    """Why this user may not read the group's paper and key now; None if they may."""
    if user.role == Role.ORGANIZER:
        return None
    from olympiad.marking import access

    if user.role != Role.JUROR or not is_held(group.olympiad):
        return _("Задания и ключи открываются жюри в день олимпиады.")
    if group not in access.groups_for(group.olympiad, user):
        return _("Вы не назначены в жюри этой группы классов.")
    if being_written(group, now):
        return _(
            "Онлайн-тур этой группы ещё идёт: задания и ключи откроются жюри, когда время "
            "участников выйдет."
        )
    return None


def may_see(user: User, group: GradeGroup, now: datetime | None = None) -> bool:
    return refusal(user, group, now) is None


def visible_groups(user: User, olympiad: Olympiad) -> list[GradeGroup]:
    """The groups of the olympiad whose papers this user may read now."""
    if user.role not in (Role.ORGANIZER, Role.JUROR):
        return []
    now = _now()
    return [group for group in olympiad.groups if may_see(user, group, now)]


def _now() -> datetime:
    from olympiad.online import clock  # the online round's clock: tests move it

    return clock.now()


def being_written(group: GradeGroup, now: datetime | None = None) -> bool:
    """An online sitting of the group can still be written: its window is not over, or a
    participant's time (with the organizer's extensions) is not."""
    from olympiad.domain.online import GRACE
    from olympiad.online.attempts import deadline_of
    from olympiad.online.sittings import WRITING_STATES

    if group.olympiad.status not in WRITING_STATES:
        return False
    now = now or _now()
    sittings = db.session.scalars(select(OnlineSitting).where(OnlineSitting.group_id == group.id))
    if any(now <= sitting.ends_at + GRACE for sitting in sittings):
        return True
    writing = db.session.scalars(
        select(OnlineAttempt)
        .join(OnlineSitting)
        .where(OnlineSitting.group_id == group.id, OnlineAttempt.submitted_at.is_(None))
    )
    return any(now <= deadline_of(attempt) + GRACE for attempt in writing)


def paper_of(group: GradeGroup) -> Paper | None:
    return db.session.scalar(select(Paper).where(Paper.group_id == group.id))


def papers_by_group(olympiad: Olympiad) -> dict[int, Paper]:
    papers = db.session.scalars(select(Paper).where(Paper.olympiad_id == olympiad.id))
    return {paper.group_id: paper for paper in papers}


def _open_paper(group: GradeGroup) -> Paper:
    """The group's paper, created on the first change; refused once the olympiad is held."""
    if is_held(group.olympiad):
        raise PaperError(_("Олимпиада уже проведена: состав её вариантов больше не меняется."))
    if _online_started(group):
        raise PaperError(
            _(
                "Онлайн-тур этой группы уже начался: участники пишут по этому варианту, "
                "его состав больше не меняется."
            )
        )
    paper = paper_of(group)
    if paper is None:
        paper = Paper(
            olympiad_id=group.olympiad_id, group_id=group.id, time_limit_minutes=DEFAULT_MINUTES
        )
        db.session.add(paper)
        db.session.flush()
    return paper


def _online_started(group: GradeGroup) -> bool:
    """An online sitting of the group has opened: participants may be writing this paper."""
    query = select(OnlineSitting.id).where(
        OnlineSitting.group_id == group.id, OnlineSitting.starts_at <= utcnow()
    )
    return db.session.scalar(query.limit(1)) is not None


def add_task(actor: User, group: GradeGroup, task: Task) -> PaperTask:
    paper = _open_paper(group)
    if task.archived_at is not None:
        raise PaperError(_("Задание %(code)s в архиве: верните его в банк.", code=task.code))
    if any(item.task_version.task_id == task.id for item in paper.items):
        raise PaperError(_("Задание %(code)s уже есть в варианте.", code=task.code))
    with db.session.no_autoflush:  # the new row joins the session with the paper
        item = PaperTask(task_version=task.current, position=len(paper.items) + 1)
        paper.items.append(item)
    db.session.flush()
    audit.record(
        actor, "paper_task_added", paper, new={"task": task.code, "version": task.current.number}
    )
    return item


def _renumber(paper: Paper) -> None:
    for position, item in enumerate(paper.items, start=1):
        item.position = position


def move_item(actor: User, item: PaperTask, step: int) -> None:
    paper = _open_paper(item.paper.group)
    items = list(paper.items)
    index = items.index(item)
    target = index + step
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    paper.items = items
    _renumber(paper)
    db.session.flush()
    audit.record(
        actor,
        "paper_task_moved",
        paper,
        new={"task": item.task_version.task.code, "position": item.position},
    )


def remove_item(actor: User, item: PaperTask) -> None:
    paper = _open_paper(item.paper.group)
    code = item.task_version.task.code
    paper.items.remove(item)
    _renumber(paper)
    db.session.flush()
    audit.record(actor, "paper_task_removed", paper, old={"task": code})


def update_settings(
    actor: User, group: GradeGroup, minutes: int, instructions: str, version: int | None
) -> Paper:
    existing = paper_of(group)
    if is_stale(version, existing.version if existing else 0):  # 0: not composed yet
        raise PaperError(
            _("Пока вы редактировали, вариант изменил другой пользователь. Обновите страницу.")
        )
    paper = _open_paper(group)
    old = {"minutes": paper.time_limit_minutes, "instructions": paper.instructions}
    paper.time_limit_minutes = minutes
    paper.instructions = instructions.strip()
    db.session.flush()
    audit.record(
        actor,
        "paper_settings",
        paper,
        old=old,
        new={"minutes": minutes, "instructions": paper.instructions},
    )
    return paper


def fill_paper(
    actor: User | None, group: GradeGroup, versions: Sequence[TaskVersion], minutes: int
) -> Paper:
    """Set a paper's whole composition at once, whatever the olympiad's state: for loading
    papers that were composed before the day (the demo), never for the organizer's edits."""
    paper = paper_of(group) or Paper(olympiad_id=group.olympiad_id, group_id=group.id)
    paper.time_limit_minutes = minutes
    paper.items.clear()
    db.session.add(paper)
    db.session.flush()  # old rows go before new ones take their task versions
    with db.session.no_autoflush:
        paper.items = [PaperTask(task_version=v, position=n) for n, v in enumerate(versions, 1)]
    db.session.flush()
    audit.record(actor, "paper_filled", paper, new={"tasks": [v.task.code for v in versions]})
    return paper


def add_tasks(actor: User, group: GradeGroup, tasks: Sequence[Task]) -> list[PaperTask]:
    """Several bank tasks at once, in the order given: all of them or, on any refusal, none."""
    if not tasks:
        raise PaperError(_("Отметьте задания, которые нужно добавить."))
    return [add_task(actor, group, task) for task in tasks]


def _earlier_year(olympiad: Olympiad) -> str | None:
    query = select(func.max(Olympiad.academic_year)).where(
        Olympiad.academic_year < olympiad.academic_year
    )
    return db.session.scalar(query)


def previous_paper(group: GradeGroup) -> Paper | None:
    """Last year's paper for the same grades (or, failing that, the most overlapping ones)."""
    year = _earlier_year(group.olympiad)
    if year is None:
        return None
    query = (
        select(Paper)
        .join(Olympiad, Paper.olympiad_id == Olympiad.id)
        .where(Olympiad.academic_year == year)
    )
    candidates = [p for p in db.session.scalars(query) if p.items]
    overlap = {p.id: len(set(p.group.grades) & set(group.grades)) for p in candidates}
    best = max(candidates, key=lambda p: (overlap[p.id], -p.id), default=None)
    return best if best is not None and overlap[best.id] else None


def used_last_year(olympiad: Olympiad) -> list[int]:
    """Ids of the bank tasks that last year's papers used (to offer fresh ones)."""
    year = _earlier_year(olympiad)
    if year is None:
        return []
    query = (
        select(TaskVersion.task_id)
        .join(PaperTask, PaperTask.task_version_id == TaskVersion.id)
        .join(Paper, PaperTask.paper_id == Paper.id)
        .join(Olympiad, Paper.olympiad_id == Olympiad.id)
        .where(Olympiad.academic_year == year)
    )
    return list(set(db.session.scalars(query)))


def copy_previous(actor: User, group: GradeGroup) -> Paper:
    """Start an empty paper from last year's: its tasks (current versions), time and
    instructions. Archived tasks are left out."""
    previous = previous_paper(group)
    if previous is None:
        raise PaperError(_("Варианта прошлого года для этих классов нет."))
    paper = _open_paper(group)
    if paper.items:
        raise PaperError(
            _("В варианте уже есть задания: взять за основу прошлогодний можно только пустой.")
        )
    tasks = [i.task_version.task for i in previous.items if i.task_version.task.archived_at is None]
    add_tasks(actor, group, tasks)
    paper.time_limit_minutes = previous.time_limit_minutes
    paper.instructions = previous.instructions
    db.session.flush()
    return paper
