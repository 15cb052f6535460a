"""Marks of open tasks by criteria, by one or two jury members, and the chair's final word.
They flush; the view commits.

With two markers the first jury member to mark a work takes the slot "first" and another
takes "second"; each sees only their own mark. resolve() turns the marks into the final
mark, or into a discrepancy that only the chair settles (slot "chair"). Like answers, a mark
carries its version, and a change after the first entry needs a reason.
"""

from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select

from olympiad import audit
from olympiad.domain.marking import MarkState, Resolution, criteria_errors, resolve, total
from olympiad.extensions import db
from olympiad.marking.access import may_mark, member_of
from olympiad.marking.answers import (
    InvalidEntry,
    MarkingError,
    ReasonRequired,
    StaleEntry,
    check_open,
    lock_work,
)
from olympiad.marking.labels import show_points
from olympiad.marking.works import Work, criteria_of, is_open
from olympiad.models import Mark, MarkSlot, Olympiad, PaperTask, User
from olympiad.versions import is_stale

MAX_COMMENT = 2000


def marks_of(work: Work, item: PaperTask, *, fresh: bool = False) -> dict[MarkSlot, Mark]:
    query = select(Mark).where(Mark.participant_id == work.id, Mark.paper_task_id == item.id)
    if fresh:
        query = query.execution_options(populate_existing=True)
    return {mark.slot: mark for mark in db.session.scalars(query)}


def resolution(olympiad: Olympiad, item: PaperTask, marks: dict[MarkSlot, Mark]) -> Resolution:
    def points(slot):
        return marks[slot].total if slot in marks else None

    return resolve(
        points(MarkSlot.FIRST),
        points(MarkSlot.SECOND),
        points(MarkSlot.CHAIR),
        markers=item.markers,
        tolerance=olympiad.marking_tolerance,
        rule=olympiad.marking_rule,
    )


def own_mark(marks: dict[MarkSlot, Mark], user: User) -> Mark | None:
    """The user's own mark as one of the markers (not as the chair)."""
    return next(
        (
            marks[s]
            for s in (MarkSlot.FIRST, MarkSlot.SECOND)
            if s in marks and marks[s].juror_id == user.id
        ),
        None,
    )


def free_slot(item: PaperTask, marks: dict[MarkSlot, Mark]) -> MarkSlot | None:
    if MarkSlot.FIRST not in marks:
        return MarkSlot.FIRST
    if item.markers == 2 and MarkSlot.SECOND not in marks:
        return MarkSlot.SECOND
    return None


def read_number(text: str):
    """'1,5' -> '1.5'; empty -> None. criteria_errors says what is wrong with the rest."""
    text = (text or "").strip().replace(",", ".")
    return text or None


def checked_marks(item: PaperTask, raw: list[str]) -> list[float]:
    """Criterion marks typed in the form; InvalidEntry with every problem at once."""
    values = [read_number(v) for v in raw]
    errors = criteria_errors(criteria_of(item), values)
    if errors:
        raise InvalidEntry(" ".join(errors))
    return [float(Decimal(v)) for v in values]


def criterion_errors(item: PaperTask, raw: list[str]) -> list[str]:
    """One message per criterion field ("" where it is right), to mark the fields in error."""
    criteria = criteria_of(item)
    if len(raw) != len(criteria):
        return []
    pairs = zip(criteria, (read_number(v) for v in raw), strict=True)
    return [" ".join(criteria_errors([c], [v])) for c, v in pairs]


def checked_total(item: PaperTask, text: str) -> float:
    """A total without criteria (from a spreadsheet of marks made on paper)."""
    value = read_number(text)
    errors = criteria_errors([{"title": _("Всего"), "max": item.task_version.max_points}], [value])
    if errors:
        raise InvalidEntry(" ".join(errors))
    return float(Decimal(value))


def save_mark(
    actor: User | None,
    olympiad: Olympiad,
    work: Work,
    item: PaperTask,
    criteria: list[float],
    comment: str,
    version: int | None,
    reason: str = "",
    *,
    chair: bool = False,
    juror: User | None = None,
    total_points: float | None = None,
    appeal: bool = False,
) -> Mark:
    """Enter or change `juror`'s mark (the actor's by default), or the chair's final mark.

    `criteria` are checked marks (checked_marks); `total_points` instead records a bare total
    (criteria then stay empty). `version` is the one the form showed (0: no mark yet);
    UNCHECKED skips the check (an import, an appeal's decision). `appeal`: the chair's new
    mark on an appeal, while the results are preliminary and whether or not the markers
    disagreed."""
    check_open(olympiad, appeal=appeal)
    chair = chair or appeal  # appeals are decided by the chair
    marker = juror or actor
    if not is_open(item) or item.paper.group_id != work.group_id or marker is None:
        raise InvalidEntry(_("Это задание этой работы не оценивают по критериям."))
    member = member_of(olympiad, marker)
    if chair and not (member and member.is_chair):
        raise MarkingError(_("Итоговую оценку при расхождении ставит председатель жюри."))
    if not chair and not may_mark(member, item):
        raise MarkingError(
            _(
                "%(name)s не назначен(а) проверять задание %(n)s.",
                name=marker.full_name,
                n=item.position,
            )
        )
    total_value = float(total(criteria)) if total_points is None else total_points
    lock_work(olympiad, work, appeal=appeal)
    marks = marks_of(work, item, fresh=True)
    mark = marks.get(MarkSlot.CHAIR) if chair else own_mark(marks, marker)
    if is_stale(version, mark.version if mark else 0):
        raise StaleEntry(_stale_message(mark), current(mark))
    new = {"criteria": criteria, "total": total_value, "comment": comment.strip()[:MAX_COMMENT]}
    if mark is None:
        slot = MarkSlot.CHAIR if appeal else _slot(olympiad, item, marks, chair)
        mark = Mark(
            participant_id=work.id, paper_task_id=item.id, slot=slot, juror_id=marker.id, **new
        )
        db.session.add(mark)
        db.session.flush()
        audit.record(
            actor, "mark_entered", mark, new=_snapshot(work, item, mark), reason=reason.strip()
        )
        return mark
    if [mark.criteria, mark.total, mark.comment] == list(new.values()):
        return mark
    reason = reason.strip()
    if not reason:
        raise ReasonRequired(
            _(
                "Оценка уже поставлена (%(total)s б.): укажите причину изменения.",
                total=show_points(mark.total),
            )
        )
    old = _snapshot(work, item, mark)
    mark.criteria, mark.total, mark.comment = new["criteria"], new["total"], new["comment"]
    db.session.flush()
    audit.record(
        actor, "mark_changed", mark, old=old, new=_snapshot(work, item, mark), reason=reason
    )
    return mark


def _slot(olympiad: Olympiad, item: PaperTask, marks: dict, chair: bool) -> MarkSlot:
    if chair:
        if resolution(olympiad, item, marks).state != MarkState.DISCREPANCY:
            raise MarkingError(_("Эта работа не ждёт решения председателя: расхождения нет."))
        return MarkSlot.CHAIR
    slot = free_slot(item, marks)
    if slot is None:
        raise MarkingError(
            _("Задание %(n)s этой работы уже проверили другие члены жюри.", n=item.position)
        )
    return slot


def current(mark: Mark | None) -> dict:
    if mark is None:
        return {"criteria": [], "total": None, "comment": "", "version": 0}
    return {
        "criteria": mark.criteria,
        "total": mark.total,
        "comment": mark.comment,
        "version": mark.version,
    }


def _snapshot(work: Work, item: PaperTask, mark: Mark) -> dict:
    return {
        "cipher": work.cipher,
        "task": item.position,
        "slot": mark.slot.value,
        "juror_id": mark.juror_id,
        "criteria": mark.criteria,
        "total": mark.total,
        "comment": mark.comment,
    }


def _stale_message(mark: Mark | None) -> str:
    if mark is None:
        return _("Пока форма была открыта, оценку удалили. Поставьте её снова.")
    parts = "; ".join(show_points(v) for v in mark.criteria)
    return _(
        "Пока форма была открыта, эту оценку уже сохранили: сейчас %(total)s б.%(parts)s"
        "%(comment)s. Проверьте её и при необходимости измените.",
        total=show_points(mark.total),
        parts=_(" (по критериям: %(p)s)", p=parts) if parts else "",
        comment=_(", комментарий: «%(c)s»", c=mark.comment) if mark.comment else "",
    )
