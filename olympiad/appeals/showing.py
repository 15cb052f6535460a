"""The showing of works («показ работ»): a participant (or their school's coordinator) sees
the work as the jury has it, once marking is closed: each closed answer as typed or submitted
with the key and the points, each open task with its criteria and the marks per criterion
(by check, never by juror), the jury's comments where the olympiad shows them, and the total,
place and status. Nothing of it before results exist, and only the participant's own work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from olympiad.appeals.records import key_text, work_of
from olympiad.appeals.views import bp
from olympiad.marking.labels import SLOT_NAMES
from olympiad.marking.summary import work_card
from olympiad.marking.works import criteria_of
from olympiad.models import MarkSlot, Olympiad, Participant, Role
from olympiad.online.sheets import open_answer
from olympiad.participant import session
from olympiad.permissions import ensure_school, get_or_404, participant_only, roles
from olympiad.results.states import appeals_open, has_results
from olympiad.results.tables import line_of

SLOTS = (MarkSlot.FIRST, MarkSlot.SECOND, MarkSlot.CHAIR)
SHORT_NAMES = {
    MarkSlot.FIRST: _l("1-я пров."),
    MarkSlot.SECOND: _l("2-я пров."),
    MarkSlot.CHAIR: _l("Предс."),
}


@dataclass
class Check:
    """One check of an open task as the participant sees it: no juror's name."""

    name: str
    short: str  # for a phone's narrow column
    criteria: list[float]
    total: float
    comment: str  # empty unless the olympiad shows the jury's comments


@dataclass
class ShownTask:
    position: int
    max_points: float
    points: float | None
    text: str  # the task's wording
    answer: dict | None = None  # closed: {"text", "display"}
    key: str = ""
    criteria: list[dict] = field(default_factory=list)  # open: title, max, description
    checks: list[Check] = field(default_factory=list)
    paper_task_id: int = 0
    typed: str | None = None  # open: the text written online; None for a paper work

    @property
    def is_open(self) -> bool:
        return self.answer is None

    def quote(self) -> str:
        """What an appeal on this task contests, as the participant sees it."""
        if not self.is_open:
            given = (self.answer or {}).get("text") or "—"
            return _(
                "Задание № %(n)s: мой ответ «%(answer)s», ключ «%(key)s», баллы: %(points)s.",
                n=self.position,
                answer=given,
                key=self.key,
                points=_num(self.points),
            )
        marks = "; ".join(
            f"{c.get('title', '')}: "
            + " / ".join(_num(ch.criteria[i]) for ch in self.checks if len(ch.criteria) > i)
            for i, c in enumerate(self.criteria)
        )
        return _(
            "Задание № %(n)s: оценки по критериям — %(marks)s; итог: %(points)s.",
            n=self.position,
            marks=marks,
            points=_num(self.points),
        )


def _num(value) -> str:
    if value is None:
        return "—"
    return f"{float(value):g}".replace(".", ",")


def shown_work(olympiad: Olympiad, participant: Participant) -> list[ShownTask] | None:
    """The participant's work for the showing; None if they did not write (or no results)."""
    if not has_results(olympiad):
        return None
    work = work_of(participant)
    if work is None:
        return None
    comments = olympiad.comments_visible
    shown = []
    for row in work_card(olympiad, work):
        version = row.item.task_version
        task = ShownTask(
            position=row.item.position,
            max_points=version.max_points,
            points=row.points,
            text=version.text,
            paper_task_id=row.item.id,
        )
        if row.answer is not None:
            task.answer = {"text": row.answer["text"], "display": row.answer["display"]}
            task.key = key_text(row.item)
        else:
            task.criteria = criteria_of(row.item)
            task.typed = open_answer(work, row.item)
            task.checks = [
                Check(
                    str(SLOT_NAMES[slot]),
                    str(SHORT_NAMES[slot]),
                    list(row.marks[slot].criteria),
                    row.marks[slot].total,
                    row.marks[slot].comment if comments else "",
                )
                for slot in SLOTS
                if slot in row.marks
            ]
        shown.append(task)
    return shown


def _page(olympiad: Olympiad, participant: Participant, appeal_url):
    tasks = shown_work(olympiad, participant)
    found = line_of(olympiad, participant) if tasks is not None else None
    table, line = found if found else (None, None)
    return render_template(
        "appeals/work.html",
        olympiad=olympiad,
        participant=participant,
        tasks=tasks,
        table=table,
        line=line,
        open=appeals_open(olympiad),
        appeal_url=appeal_url,
    )


@bp.get("/mine/work")
@participant_only
def my_work():
    participant = session.current()
    olympiad = participant.olympiad
    if not has_results(olympiad):
        abort(404)
    return _page(
        olympiad, participant, lambda task: url_for("appeals.mine", task=task, _anchor="file")
    )


@bp.get("/<int:olympiad_id>/participants/<int:participant_id>/work")
@roles(Role.COORDINATOR)
def work_for(olympiad_id: int, participant_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    participant = get_or_404(Participant, participant_id)
    if participant.olympiad_id != olympiad.id or not has_results(olympiad):
        abort(404)
    ensure_school(participant.school_id)
    return _page(
        olympiad,
        participant,
        lambda task: url_for(
            "appeals.file_for",
            olympiad_id=olympiad.id,
            participant_id=participant.id,
            task=task,
            _anchor="file",
        ),
    )
