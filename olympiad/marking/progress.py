"""How far marking has got: per task and per jury member, the chair's queue, the works not
yet complete, and the check that lets marking close only when nothing is missing."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from olympiad.database import begin_write
from olympiad.domain.marking import MarkState
from olympiad.extensions import db
from olympiad.marking.answers import MarkingError
from olympiad.marking.marks import resolution
from olympiad.marking.works import Work, all_works, is_open, papers_of
from olympiad.models import (
    Answer,
    GradeGroup,
    JuryMember,
    Mark,
    MarkSlot,
    Olympiad,
    Paper,
    PaperTask,
    User,
)


@dataclass
class TaskRow:
    item: PaperTask
    works: int = 0
    done: int = 0  # closed: answers entered; open: final marks
    waiting: int = 0  # one of two markers has marked
    discrepancy: int = 0

    @property
    def open(self) -> bool:
        return is_open(self.item)


@dataclass
class GroupRow:
    group: GradeGroup
    paper: Paper | None
    works: int = 0
    complete: int = 0
    tasks: list[TaskRow] = field(default_factory=list)


@dataclass
class JurorRow:
    name: str
    is_chair: bool = False
    member: bool = True
    answers: int = 0
    slots: Counter = field(default_factory=Counter)


@dataclass
class Gap:
    cipher: str
    group: str
    closed: list[int] = field(default_factory=list)  # task numbers without an answer
    open: list[tuple[int, MarkState]] = field(default_factory=list)


@dataclass
class QueueItem:
    work: Work
    item: PaperTask
    first: Mark
    second: Mark


@dataclass
class Progress:
    groups: list[GroupRow]
    jurors: list[JurorRow]
    gaps: list[Gap]
    queue: list[QueueItem]

    @property
    def complete(self) -> bool:
        return not self.gaps

    @property
    def works(self) -> int:
        return sum(g.works for g in self.groups)


def _entries(olympiad: Olympiad, model):
    query = select(model).join(PaperTask).join(Paper).where(Paper.olympiad_id == olympiad.id)
    return query.execution_options(populate_existing=True)


def progress(olympiad: Olympiad) -> Progress:
    papers = papers_of(olympiad)
    answers = [a for a in db.session.scalars(_entries(olympiad, Answer)) if a.text]
    entered = {(a.participant_id, a.paper_task_id) for a in answers}
    marks: dict[tuple[int, int], dict[MarkSlot, Mark]] = defaultdict(dict)
    for mark in db.session.scalars(_entries(olympiad, Mark)):
        marks[(mark.participant_id, mark.paper_task_id)][mark.slot] = mark
    groups = {
        g.id: GroupRow(g, papers.get(g.id), tasks=[TaskRow(i) for i in _items(papers.get(g.id))])
        for g in olympiad.groups
    }
    gaps, queue = [], []
    for work in all_works(olympiad):
        row = groups[work.group_id]
        row.works += 1
        gap = Gap(work.cipher, row.group.name)
        for task in row.tasks:
            task.works += 1
            key = (work.id, task.item.id)
            if not task.open:
                task.done += key in entered
                if key not in entered:
                    gap.closed.append(task.item.position)
                continue
            state = resolution(olympiad, task.item, marks[key]).state
            task.done += state == MarkState.FINAL
            task.waiting += state == MarkState.WAITING
            task.discrepancy += state == MarkState.DISCREPANCY
            if state == MarkState.DISCREPANCY:
                queue.append(
                    QueueItem(
                        work, task.item, marks[key][MarkSlot.FIRST], marks[key][MarkSlot.SECOND]
                    )
                )
            if state != MarkState.FINAL:
                gap.open.append((task.item.position, state))
        if gap.closed or gap.open or row.paper is None:
            gaps.append(gap)
        else:
            row.complete += 1
    queue.sort(key=lambda q: (q.item.paper_id, q.item.position, q.work.cipher))
    return Progress(list(groups.values()), _jurors(olympiad, answers, marks), gaps, queue)


def _items(paper: Paper | None) -> list[PaperTask]:
    return list(paper.items) if paper else []


def _jurors(olympiad: Olympiad, answers: list[Answer], marks: dict) -> list[JurorRow]:
    members = db.session.scalars(
        select(JuryMember).where(JuryMember.olympiad_id == olympiad.id).order_by(JuryMember.id)
    ).all()
    rows = {m.user_id: JurorRow(m.user.full_name, m.is_chair) for m in members}

    def row(user_id: int | None) -> JurorRow:
        if user_id not in rows:
            user = db.session.get(User, user_id) if user_id else None
            rows[user_id] = JurorRow(user.full_name if user else _("Импорт"), member=False)
        return rows[user_id]

    for answer in answers:
        row(answer.entered_by_id).answers += 1
    for slots in marks.values():
        for mark in slots.values():
            row(mark.juror_id).slots[mark.slot] += 1
    return list(rows.values())


def ensure_complete(olympiad: Olympiad) -> None:
    """Refuse to close marking while any present work misses an answer or a final mark.

    The olympiad's row is locked first: saves in flight finish before the check, and later
    ones wait for the closing and then find marking closed (answers.lock_work)."""
    begin_write(db.session)
    db.session.execute(select(Olympiad.id).where(Olympiad.id == olympiad.id).with_for_update())
    result = progress(olympiad)
    if result.gaps:
        raise MarkingError(
            _(
                "Проверку нельзя завершить: не закончены работы (%(n)s), из них с расхождением "
                "у председателя: %(d)s. Список — на странице «Ход проверки».",
                n=len(result.gaps),
                d=len({q.work.id for q in result.queue}),
            )
        )
