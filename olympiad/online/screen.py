"""What the participant's pages show of a task: its text and choices, never its key.

Templates get `TaskView`s built here from the paper's task versions, with only what a paper
booklet prints (options, the columns of a matching task, the items to order). A key's
"correct", "pairs", "order", "accepted", "value" and an open task's criteria (which hold the
model answer) never reach a template, so no page or JSON can show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload

from olympiad.domain.task_keys import LETTERS, TaskType
from olympiad.domain.task_text import to_html
from olympiad.extensions import db
from olympiad.models import OnlineAnswer, OnlineAttempt, Paper, PaperTask, TaskVersion

T = TaskType


@dataclass
class TaskView:
    number: int
    type: str
    text: Markup
    max_points: float
    has_image: bool
    options: list[tuple[str, str]] = field(default_factory=list)  # (letter, text)
    left: list[str] = field(default_factory=list)  # matching: numbered 1, 2 ...
    places: int = 0  # ordering: how many places


@dataclass
class Given:
    """What the participant has given for one task (as the form shows it) and its save number."""

    value: Any = None
    seq: int = 0
    answered: bool = False

    def chosen(self, index: int) -> bool:
        if isinstance(self.value, list):
            return index in self.value
        return self.value == index

    def pair(self, left: int) -> int | None:
        return self.value.get(str(left)) if isinstance(self.value, dict) else None

    def place(self, k: int) -> int | None:
        if isinstance(self.value, list) and k < len(self.value):
            return self.value[k]
        return None

    @property
    def text(self) -> str:
        return self.value if isinstance(self.value, str) else ""


def _lettered(values: list[str]) -> list[tuple[str, str]]:
    return [(LETTERS[i], value) for i, value in enumerate(values)]


def task_view(item: PaperTask) -> TaskView:
    version: TaskVersion = item.task_version
    kind, key = T(version.type), version.key
    view = TaskView(
        number=item.position,
        type=kind.value,
        text=Markup(to_html(version.text)),  # noqa: S704  (to_html escapes everything first)
        max_points=version.max_points,
        has_image=bool(version.image_type),
    )
    if kind in (T.SINGLE_CHOICE, T.MULTIPLE_CHOICE):
        view.options.extend(_lettered(key["options"]))
    elif kind is T.MATCHING:
        view.left.extend(key["left"])
        view.options.extend(_lettered(key["right"]))
    elif kind is T.ORDERING:
        view.options.extend(_lettered(key["items"]))
        view.places = len(key["items"])
    return view


# built once: every work page runs them
_ITEMS = (
    select(PaperTask)
    .join(Paper)
    .where(Paper.group_id == bindparam("group_id"))
    .order_by(PaperTask.position)
    .options(joinedload(PaperTask.task_version))  # one round trip
)
_ANSWERS = (
    select(OnlineAnswer)
    .where(OnlineAnswer.attempt_id == bindparam("attempt_id"))
    .execution_options(populate_existing=True)
)


def paper_items(group_id: int) -> list[PaperTask]:
    return list(db.session.scalars(_ITEMS, {"group_id": group_id}))


def task_count(group_id: int) -> int:
    query = select(func.count(PaperTask.id)).join(Paper).where(Paper.group_id == group_id)
    return db.session.scalar(query) or 0


def given(attempt: OnlineAttempt) -> dict[int, Given]:
    """Task id -> what the participant has given, as last saved."""
    rows = db.session.scalars(_ANSWERS, {"attempt_id": attempt.id})
    result = {}
    for row in rows:
        value = row.text if row.value is None and row.text else row.value
        result[row.paper_task_id] = Given(value, row.seq, row.answered)
    return result
