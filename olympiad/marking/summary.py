"""What the marking pages count for one user: their groups and tasks, a work's card."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from olympiad.domain.marking import MarkState
from olympiad.extensions import db
from olympiad.marking import access
from olympiad.marking.answers import cell
from olympiad.marking.marks import free_slot, own_mark, resolution
from olympiad.marking.works import (
    Work,
    closed_items,
    is_open,
    open_items,
    paper_of,
    works_of,
)
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
class OpenTask:
    item: PaperTask
    works: int = 0
    mine: int = 0  # marked by this jury member
    free: int = 0  # works this jury member may still mark
    final: int = 0


@dataclass
class GroupSummary:
    group: GradeGroup
    paper: Paper | None
    works: int = 0
    cells: int = 0  # closed answers expected
    entered: int = 0
    open: list[OpenTask] = field(default_factory=list)


def assignments(user: User) -> list[tuple[Olympiad, JuryMember]]:
    """A jury member's olympiads (for the dashboard)."""
    result = []
    for olympiad in access.visible_olympiads(user):
        member = access.member_of(olympiad, user)
        if member:
            result.append((olympiad, member))
    return result


def marks_by_work(items: list[PaperTask]) -> dict[tuple[int, int], dict[MarkSlot, Mark]]:
    marks: dict[tuple[int, int], dict[MarkSlot, Mark]] = defaultdict(dict)
    query = select(Mark).where(Mark.paper_task_id.in_([i.id for i in items]))
    for mark in db.session.scalars(query):
        marks[(mark.participant_id, mark.paper_task_id)][mark.slot] = mark
    return marks


def groups(olympiad: Olympiad, user: User) -> list[GroupSummary]:
    member = access.member_of(olympiad, user)
    result = []
    for group in access.groups_for(olympiad, user):
        paper = paper_of(group)
        works = works_of(olympiad, group)
        closed = closed_items(paper)
        row = GroupSummary(group, paper, len(works), len(works) * len(closed))
        if closed:
            row.entered = db.session.scalar(
                select(func.count(Answer.id)).where(
                    Answer.paper_task_id.in_([i.id for i in closed]),
                    Answer.participant_id.in_([w.id for w in works]),
                    Answer.text != "",
                )
            )
        items = [i for i in open_items(paper) if member is None or access.may_mark(member, i)]
        marks = marks_by_work(items)
        for item in items:
            task = OpenTask(item, works=len(works))
            for work in works:
                slots = marks[(work.id, item.id)]
                task.final += resolution(olympiad, item, slots).state == MarkState.FINAL
                if member is not None:
                    mine = own_mark(slots, user) is not None
                    task.mine += mine
                    task.free += not mine and free_slot(item, slots) is not None
            row.open.append(task)
        result.append(row)
    return result


@dataclass
class CardRow:
    item: PaperTask
    answer: dict | None = None  # closed tasks: the grid's cell
    marks: dict = field(default_factory=dict)  # open tasks: slot -> Mark
    state: MarkState | None = None
    points: float | None = None


def work_card(olympiad: Olympiad, work: Work) -> list[CardRow]:
    """Every task of the work's paper with its answer or its marks (organizer and chair)."""
    group = next(g for g in olympiad.groups if g.id == work.group_id)
    paper = paper_of(group)
    if paper is None:
        return []
    answers = {
        a.paper_task_id: a
        for a in db.session.scalars(select(Answer).where(Answer.participant_id == work.id))
    }
    marks = marks_by_work(open_items(paper))
    rows = []
    for item in paper.items:
        if not is_open(item):
            shown = cell(item, answers.get(item.id))
            rows.append(CardRow(item, answer=shown, points=shown["points"]))
            continue
        slots = marks[(work.id, item.id)]
        resolved = resolution(olympiad, item, slots)
        final = float(resolved.final) if resolved.final is not None else None
        rows.append(CardRow(item, marks=slots, state=resolved.state, points=final))
    return rows
