"""Answers to closed tasks typed in from the answer sheets, scored at once. They flush; the
view commits.

A cell carries the version it was shown with; a save made on an older version is refused with
the current value (`StaleEntry`), never written over it. "-" records that the participant
gave no answer (the task is entered, with 0 points); an emptied cell is no longer entered.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from olympiad import audit
from olympiad.actions import Refused
from olympiad.database import begin_write
from olympiad.domain.olympiad_rules import WITH_RESULTS
from olympiad.domain.scoring import score
from olympiad.domain.typed_answers import format_answer, parse_typed_answer
from olympiad.extensions import db
from olympiad.marking.labels import show_points
from olympiad.marking.works import Work, is_open
from olympiad.models import Answer, Olympiad, OlympiadStatus, PaperTask, Participant, User
from olympiad.text import check_text
from olympiad.versions import is_stale

NO_ANSWER = frozenset({"-", "–", "—", "−"})
MAX_TEXT = 300
AFTER_MARKING = WITH_RESULTS


class MarkingError(Refused):
    """A refused entry of an answer or a mark, with a message for the user."""


class InvalidEntry(MarkingError):
    """The value cannot be an answer or a mark: nothing was saved."""


class ReasonRequired(MarkingError):
    """A change after the first entry needs a reason."""


class StaleEntry(MarkingError):
    """Saved on an older view: someone (or another window) changed it in between."""

    def __init__(self, message: str, current: dict | None = None) -> None:
        super().__init__(message)
        self.current = current or {}


def check_open(
    olympiad: Olympiad, status: OlympiadStatus | None = None, *, appeal: bool = False
) -> None:
    """Answers and marks change only while marking is on; afterwards only through appeals
    (`appeal`: the chair's decision on one, while the results are preliminary)."""
    status = status or olympiad.status
    if appeal:
        if status == OlympiadStatus.PRELIMINARY:
            return
        raise MarkingError(_("По апелляции оценку меняют, только пока результаты предварительные."))
    if status == OlympiadStatus.MARKING:
        return
    if status not in AFTER_MARKING:
        raise MarkingError(_("Проверка работ ещё не началась: организатор её пока не открыл."))
    raise MarkingError(
        _("Проверка работ завершена: оценки заморожены и меняются только по апелляции.")
    )


def lock_work(olympiad: Olympiad, work: Work, *, appeal: bool = False) -> None:
    """Serialize every save on one work: the write lock on SQLite, row locks elsewhere.

    The olympiad's row is share-locked and its state read again under the lock, so that a
    save cannot slip in while marking is being closed (ensure_complete locks it for update).
    """
    begin_write(db.session)
    status = db.session.scalar(
        select(Olympiad.status).where(Olympiad.id == olympiad.id).with_for_update(read=True)
    )
    check_open(olympiad, status, appeal=appeal)
    db.session.execute(select(Participant.id).where(Participant.id == work.id).with_for_update())


def answer_of(work: Work, item: PaperTask, *, fresh: bool = False) -> Answer | None:
    query = select(Answer).where(Answer.participant_id == work.id, Answer.paper_task_id == item.id)
    if fresh:
        query = query.execution_options(populate_existing=True)
    return db.session.scalar(query)


def answers_of(work: Work) -> list[Answer]:
    return list(db.session.scalars(select(Answer).where(Answer.participant_id == work.id)))


def cell(item: PaperTask, answer: Answer | None) -> dict:
    """What the grid shows in a cell (and the JSON endpoint returns)."""
    if answer is None or not answer.text:
        return {
            "text": "",
            "display": "",
            "points": None,
            "version": answer.version if answer else 0,
        }
    version = item.task_version
    display = (
        "—" if answer.value is None else format_answer(version.type, version.key, answer.value)
    )
    return {
        "text": answer.text,
        "display": display,
        "points": float(answer.points),
        "version": answer.version,
    }


def read_typed(item: PaperTask, text: str):
    """(answer, stored text) from what the operator typed; InvalidEntry if it cannot be one."""
    if problem := check_text(text):
        raise InvalidEntry(problem)
    text = " ".join(text.split())[:MAX_TEXT]
    if text in NO_ANSWER:
        return None, "-"
    version = item.task_version
    value, error = parse_typed_answer(version.type, version.key, text)
    if error:
        raise InvalidEntry(error)
    return value, text


def save_answer(
    actor: User | None,
    olympiad: Olympiad,
    work: Work,
    item: PaperTask,
    text: str,
    version: int | None,
    reason: str = "",
) -> Answer | None:
    """Enter or change one typed answer. `version` is the one the cell showed (0: empty);
    UNCHECKED skips the check (an import reads the file against the database as it is)."""
    return save_answers(actor, olympiad, work, [(item, text, version)], reason, numbered=False)[0]


def save_answers(
    actor: User | None,
    olympiad: Olympiad,
    work: Work,
    cells: list[tuple[PaperTask, str, int | None]],
    reason: str = "",
    *,
    numbered: bool = True,
) -> list[Answer | None]:
    """Enter or change answers of one work, (task, text, version) each: all, or none.
    Messages about a value name its task's number unless `numbered` is false (one cell)."""
    check_open(olympiad)
    typed = []
    for item, text, version in cells:
        if is_open(item) or item.paper.group_id != work.group_id:
            raise InvalidEntry(_("Это задание не входит в таблицу ответов этой работы."))
        try:
            value, stored = read_typed(item, text)
        except InvalidEntry as error:
            if not numbered:
                raise
            raise InvalidEntry(_("Задание %(n)s: %(e)s", n=item.position, e=error)) from None
        kind = item.task_version
        points = float(score(kind.type, kind.key, kind.max_points, value))
        typed.append((item, value, stored, points, version))
    lock_work(olympiad, work)
    query = select(Answer).where(Answer.participant_id == work.id)
    stored_answers = db.session.scalars(query.execution_options(populate_existing=True))
    existing = {answer.paper_task_id: answer for answer in stored_answers}
    results, entered, changed = [], [], []
    for item, value, text, points, version in typed:
        answer = existing.get(item.id)
        if is_stale(version, answer.version if answer else 0):
            raise StaleEntry(_stale_message(item, answer), cell(item, answer))
        actor_id = actor.id if actor else None
        if answer is None and text:
            answer = Answer(participant_id=work.id, paper_task_id=item.id, value=value, text=text)
            answer.points, answer.entered_by_id = points, actor_id
            db.session.add(answer)
            entered.append((item, answer))
        elif answer is not None and answer.text != text:
            if answer.text and not reason.strip():
                raise ReasonRequired(
                    _(
                        "Ответ на задание %(n)s уже введён («%(old)s»): укажите причину изменения.",
                        n=item.position,
                        old=answer.text,
                    )
                )
            changed.append((item, answer, _snapshot(work, item, answer)))
            answer.value, answer.text, answer.points = value, text, points
            answer.entered_by_id = actor_id
        results.append(answer)
    db.session.flush()
    for item, answer in entered:
        audit.record(actor, "answer_entered", answer, new=_snapshot(work, item, answer))
    for item, answer, old in changed:
        new = _snapshot(work, item, answer)
        audit.record(actor, "answer_changed", answer, old=old, new=new, reason=reason.strip())
    return results


def _snapshot(work: Work, item: PaperTask, answer: Answer) -> dict:
    return {
        "cipher": work.cipher,
        "task": item.position,
        "text": answer.text,
        "points": float(answer.points),
    }


def _stale_message(item: PaperTask, answer: Answer | None) -> str:
    if answer is None or not answer.text:
        return _(
            "Пока вы смотрели таблицу, ответ на задание %(n)s стёрли. Проверьте и введите снова.",
            n=item.position,
        )
    return _(
        "Пока вы смотрели таблицу, ответ на задание %(n)s изменили: сейчас «%(text)s» "
        "(%(points)s б.). Проверьте и при необходимости исправьте.",
        n=item.position,
        text=answer.text,
        points=show_points(answer.points),
    )
