"""Operations on the task bank. They flush; the view (or the import, or the demo) commits.

A version that a paper of a held olympiad uses is never edited again: editing the task then
adds a version, and only papers of olympiads not yet held move to it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass

from flask_babel import gettext as _
from sqlalchemy import Text, and_, cast, func, or_, select
from sqlalchemy.orm import selectinload

from olympiad import audit
from olympiad.actions import Refused
from olympiad.domain.olympiad_rules import WITH_RESULTS
from olympiad.domain.task_keys import TaskType
from olympiad.extensions import db
from olympiad.models import Olympiad, OlympiadStatus, Paper, PaperTask, Task, TaskVersion, User
from olympiad.models.base import utcnow

S = OlympiadStatus
# from the olympiad's day on, its papers are history: results were earned on them
HELD = frozenset({S.HELD, S.MARKING}) | WITH_RESULTS
CODE_PREFIX = "T-"
CODE_RE = re.compile(r"[\w.\-/]{1,20}")


class TaskError(Refused):
    """A refused change of the bank, with a message for the user."""


@dataclass
class TaskData:
    """A task's content: a record of olympiad.domain.task_records plus its picture."""

    type: TaskType
    topic: str
    grades: list[int]
    difficulty: int
    author: str
    text: str
    max_points: int | float
    key: dict
    image: bytes | None = None
    image_type: str | None = None

    def record(self) -> dict:
        values = asdict(self)
        del values["image"], values["image_type"]
        values["type"] = TaskType(self.type).value
        return values


def data_of(version: TaskVersion) -> TaskData:
    return TaskData(
        type=version.type,
        topic=version.topic,
        grades=list(version.grades),
        difficulty=version.difficulty,
        author=version.author,
        text=version.text,
        max_points=version.max_points,
        key=dict(version.key),
        image=version.image,
        image_type=version.image_type,
    )


def fingerprint(version: TaskVersion) -> str:
    """Changes whenever the task's current content does: a stale edit form is refused."""
    data = data_of(version)
    digest = hashlib.sha256(json.dumps(data.record(), sort_keys=True).encode())
    digest.update(f"|{version.id}|{data.image_type}|".encode() + (data.image or b""))
    return digest.hexdigest()[:32]


def current_versions():
    """SELECT of every task's latest version, with its task."""
    latest = (
        select(TaskVersion.task_id, func.max(TaskVersion.number).label("number"))
        .group_by(TaskVersion.task_id)
        .subquery()
    )
    return (
        select(TaskVersion)
        .join(
            latest,
            and_(latest.c.task_id == TaskVersion.task_id, latest.c.number == TaskVersion.number),
        )
        .join(Task, Task.id == TaskVersion.task_id)
        .options(selectinload(TaskVersion.task))
    )


def suits_grades(grades: list[int]):
    """A version whose grades include any of these. Grades are a JSON list, which SQLite and
    PostgreSQL query differently; its text form ("[7, 8, 9]", as json.dumps writes it) is
    the same in both, so match the number between its brackets and commas."""
    text = cast(TaskVersion.grades, Text)
    patterns = [p.format(g) for g in grades for p in ("[{}]", "[{}, %", "%, {}, %", "%, {}]")]
    return or_(*(text.like(p) for p in patterns))


def search(
    q: str = "",
    topic: str = "",
    task_type: str = "",
    grades: list[int] | None = None,
    difficulty: int | None = None,
    archived: bool = False,
    exclude: list[int] | None = None,
):
    """The bank's current versions that match; exclude: task ids to leave out."""
    query = current_versions().order_by(Task.code)
    query = query.where(Task.archived_at.is_not(None) if archived else Task.archived_at.is_(None))
    if q.strip():
        words = {q.strip(), q.strip().lower(), q.strip().capitalize(), q.strip().upper()}
        query = query.where(
            or_(
                *(TaskVersion.text.contains(w, autoescape=True) for w in words),
                *(Task.code.contains(w, autoescape=True) for w in words),
            )
        )
    if topic:
        query = query.where(TaskVersion.topic == topic)
    if task_type:
        query = query.where(TaskVersion.type == task_type)
    if grades:
        query = query.where(suits_grades(grades))
    if difficulty:
        query = query.where(TaskVersion.difficulty == difficulty)
    if exclude:
        query = query.where(TaskVersion.task_id.not_in(exclude))
    return query


def uses(version: TaskVersion) -> list[PaperTask]:
    return list(
        db.session.scalars(
            select(PaperTask)
            .where(PaperTask.task_version_id == version.id)
            .options(selectinload(PaperTask.paper).selectinload(Paper.group))
        )
    )


def is_frozen(version: TaskVersion) -> bool:
    """Used in a paper of an olympiad that has been held (or is later in its life)."""
    if version.id is None:
        return False
    query = (
        select(PaperTask.id)
        .join(Paper)
        .join(Olympiad, Olympiad.id == Paper.olympiad_id)
        .where(PaperTask.task_version_id == version.id, Olympiad.status.in_(HELD))
    )
    return db.session.scalar(query.limit(1)) is not None


def next_code() -> str:
    codes = db.session.scalars(select(Task.code).where(Task.code.startswith(CODE_PREFIX)))
    numbers = [int(c[len(CODE_PREFIX) :]) for c in codes if c[len(CODE_PREFIX) :].isdigit()]
    return f"{CODE_PREFIX}{max(numbers, default=0) + 1:03d}"


def check_code(code: str) -> str:
    code = " ".join(code.split())
    if not CODE_RE.fullmatch(code):
        raise TaskError(_("Шифр задания: до 20 букв, цифр, точек, дефисов, без пробелов."))
    if db.session.scalar(select(Task.id).where(Task.code == code)):
        raise TaskError(_("Задание с шифром «%(code)s» уже есть в банке.", code=code))
    return code


def _version(actor: User | None, data: TaskData, number: int) -> TaskVersion:
    return TaskVersion(
        number=number,
        **{k: v for k, v in asdict(data).items() if k != "type"},
        type=TaskType(data.type),
        created_by_id=actor.id if actor else None,
    )


def create_task(actor: User | None, data: TaskData, code: str = "") -> Task:
    task = Task(code=check_code(code) if code.strip() else next_code())
    task.versions.append(_version(actor, data, 1))
    db.session.add(task)
    db.session.flush()
    audit.record(actor, "task_created", task, new={"code": task.code, **data.record()})
    return task


def update_task(
    actor: User | None, task: Task, data: TaskData, seen: str | None = None, *, new_version=False
) -> TaskVersion | None:
    """Save new content: in place, or as a new version if the current one is frozen (or
    `new_version` asks for it). None if nothing changed. `seen` is the fingerprint the
    editor started from."""
    current = task.current
    if seen is not None and seen != fingerprint(current):
        raise TaskError(
            _("Пока вы редактировали, задание изменил другой пользователь. Обновите страницу.")
        )
    old = data_of(current)
    if old.record() == data.record() and (old.image, old.image_type) == (
        data.image,
        data.image_type,
    ):
        return None
    if new_version or is_frozen(current):
        version = add_version(actor, task, data, current)
        action = "task_version_added"
    else:
        version = current
        for name, value in asdict(data).items():
            setattr(version, name, TaskType(value) if name == "type" else value)
        action = "task_updated"
    db.session.flush()
    audit.record(
        actor, action, task, old=old.record(), new={"version": version.number, **data.record()}
    )
    return version


def add_version(actor: User | None, task: Task, data: TaskData, based_on: TaskVersion):
    """A new last version of the task; papers not yet held that use `based_on` move to it."""
    version = _version(actor, data, task.current.number + 1)
    task.versions.append(version)
    db.session.flush()
    _move_unheld_papers(based_on, version)
    return version


def _move_unheld_papers(old: TaskVersion, new: TaskVersion) -> None:
    """Papers not yet written take the corrected task; held ones keep what they used."""
    for use in uses(old):
        if use.paper.olympiad.status not in HELD:
            use.task_version = new


def set_archived(actor: User, task: Task, archived: bool) -> None:
    task.archived_at = utcnow() if archived else None
    audit.record(actor, "task_archived" if archived else "task_restored", task)


def delete_task(actor: User, task: Task) -> None:
    """Only a task no paper uses; a used one goes to the archive instead."""
    if any(uses(version) for version in task.versions):
        raise TaskError(
            _("Задание входит в варианты олимпиад, его нельзя удалить. Перенесите его в архив.")
        )
    audit.record(actor, "task_deleted", task, old={"code": task.code})
    db.session.delete(task)
    db.session.flush()
