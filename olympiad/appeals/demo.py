"""Demo appeals on the demo olympiad in preliminary results (the results step calls this):
a participant appeals an open task and the chair raises the mark; a coordinator appeals a
closed task for a student of their school and the chair keeps the mark. Through the real
services, chosen from the rating tables the same way every time."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from olympiad.appeals.deciding import decide
from olympiad.appeals.filing import file_appeal
from olympiad.domain.awards import Status, quota
from olympiad.extensions import db
from olympiad.marking.works import is_open
from olympiad.models import (
    Appeal,
    AppealState,
    JuryMember,
    Olympiad,
    OlympiadStatus,
    Role,
    User,
)
from olympiad.results.rules import rules_of
from olympiad.results.tables import Line, Table, rating_tables

PARTICIPANT_REASONING = (
    "Считаю, что оценка за задание занижена: в ответе есть все элементы, которые требуют "
    "критерии. Прошу проверить работу ещё раз."
)
ACCEPTED_REASON = (
    "При повторной проверке по критериям найдены недоучтённые элементы ответа; оценка повышена."
)
COORDINATOR_REASONING = (
    "Участник утверждает, что исправил(а) ответ на бланке и исправление видно. "
    "Просим проверить бланк."
)
REJECTED_REASON = (
    "Бланк просмотрен: исправление не оговорено, засчитан первый ответ, как требуют правила "
    "олимпиады. Оценка сохранена."
)


def _chair(olympiad: Olympiad) -> User | None:
    member = db.session.scalar(
        select(JuryMember).where(JuryMember.olympiad_id == olympiad.id, JuryMember.is_chair)
    )
    return member.user if member else None


def _coordinator(school_id: int) -> User | None:
    return db.session.scalar(
        select(User).where(User.role == Role.COORDINATOR, User.school_id == school_id).limit(1)
    )


def _lost(table: Table, line: Line, open_task: bool):
    """The task of that kind on which the line lost the most points, if any."""
    items = [i for i in table.items if is_open(i) == open_task]
    lost = [(Decimal(str(i.task_version.max_points)) - (line.points[i.id] or 0), i) for i in items]
    lost = [(gap, -i.position, i) for gap, i in lost if gap > 0]
    return max(lost, key=lambda entry: entry[:2])[2] if lost else None


def _to_the_boundary(olympiad: Olympiad, tables: list[Table]):
    """(line, open task, new mark) that would bring the first participant below the awarded
    ones level with the last prize-winner, where the quota (not the threshold) drew the line;
    None if no grade has such a case within 3 points."""
    rules = rules_of(olympiad)
    awarded_statuses = (Status.WINNER, Status.PRIZE_WINNER)
    for table in tables:
        awarded = [line for line in table.lines if line.status in awarded_statuses]
        below = [line for line in table.lines if line.status == Status.PARTICIPANT]
        if not awarded or not below or len(awarded) != quota(len(table.lines), rules):
            continue
        gap = awarded[-1].total - below[0].total
        if not Decimal(0) < gap <= 3:
            continue
        for item in (i for i in table.items if is_open(i)):
            points = below[0].points[item.id] or Decimal(0)
            if points + gap <= Decimal(str(item.task_version.max_points)):
                return below[0], item, points + gap
    return None


def _runner_up(table: Table):
    """Otherwise the runner-up gains up to 2 points on the open task they lost most on."""
    line = table.lines[1]
    item = _lost(table, line, open_task=True)
    if item is None:
        return None
    top = Decimal(str(item.task_version.max_points))
    return line, item, min(top, (line.points[item.id] or Decimal(0)) + 2)


def load_appeals(olympiad: Olympiad) -> list[Appeal]:
    """File and decide the two demo appeals; nothing unless the results are preliminary and
    no appeal has been filed yet."""
    chair = _chair(olympiad)
    filed = db.session.scalar(select(Appeal.id).where(Appeal.olympiad_id == olympiad.id))
    if olympiad.status != OlympiadStatus.PRELIMINARY or chair is None or filed is not None:
        return []
    tables = rating_tables(olympiad)
    table = next((t for t in tables if len(t.lines) >= 3), None)
    if table is None:
        return []
    appeals = []
    level = _to_the_boundary(olympiad, tables) or _runner_up(table)
    if level is not None:
        # the first one below the prize-winners appeals an open task; the accepted appeal
        # brings them level with the last prize-winner, across the quota boundary, and by
        # the official rule the whole tie becomes prize-winners
        line, item, raised = level
        appeal = file_appeal(None, line.participant, item.id, PARTICIPANT_REASONING)
        decide(chair, appeal, AppealState.ACCEPTED, str(raised), ACCEPTED_REASON, appeal.version)
        appeals.append(appeal)
    # a coordinator appeals a closed task for a student further down; the mark is kept
    for line in table.lines[2:]:
        coordinator = _coordinator(line.participant.school_id)
        item = _lost(table, line, open_task=False)
        if coordinator is None or item is None:
            continue
        appeal = file_appeal(coordinator, line.participant, item.id, COORDINATOR_REASONING)
        decide(chair, appeal, AppealState.REJECTED, "", REJECTED_REASON, appeal.version)
        appeals.append(appeal)
        break
    db.session.flush()
    return appeals
