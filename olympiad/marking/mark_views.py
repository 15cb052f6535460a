"""Marking open tasks by criteria: a jury member's list of works for a task, the next work,
the mark form; the chair's queue of discrepancies and the chair's final mark."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from olympiad.actions import perform
from olympiad.domain.marking import MarkState
from olympiad.marking import access
from olympiad.marking.forms import MarkForm
from olympiad.marking.labels import show_points
from olympiad.marking.marks import (
    checked_marks,
    criterion_errors,
    free_slot,
    marks_of,
    own_mark,
    resolution,
    save_mark,
)
from olympiad.marking.progress import progress
from olympiad.marking.summary import marks_by_work
from olympiad.marking.views import STAFF, bp
from olympiad.marking.works import criteria_of, find_work, is_open, item_of, works_of
from olympiad.models import MarkSlot, OlympiadStatus, Role
from olympiad.permissions import roles
from olympiad.redirects import redirect_back
from olympiad.versions import is_stale


def _task(olympiad_id: int, paper_task_id: int, *, chair: bool = False):
    """(olympiad, open task) this jury member marks (or, as the chair, settles); else 404."""
    olympiad = access.get_olympiad(olympiad_id)
    item = item_of(olympiad, paper_task_id)
    if item is None or not is_open(item):
        abort(404)
    if chair:
        access.ensure_chair(olympiad)
    elif not access.may_mark(access.member_of(olympiad, current_user), item):
        abort(404)
    return olympiad, item


def _work(olympiad, item, cipher: str):
    work = find_work(olympiad, cipher)
    if work is None or work.group_id != item.paper.group_id:
        abort(404)
    return work


@bp.get("/<int:olympiad_id>/tasks/<int:paper_task_id>")
@roles(Role.JUROR)
def task(olympiad_id: int, paper_task_id: int):
    olympiad, item = _task(olympiad_id, paper_task_id)
    marks = marks_by_work([item])
    rows = []
    for work in works_of(olympiad, item.paper.group):
        slots = marks[(work.id, item.id)]
        rows.append((work, own_mark(slots, current_user), free_slot(item, slots) is not None))
    return render_template("marking/task.html", olympiad=olympiad, item=item, rows=rows)


@bp.get("/<int:olympiad_id>/tasks/<int:paper_task_id>/next")
@roles(Role.JUROR)
def next_work(olympiad_id: int, paper_task_id: int):
    """The next work (after ?after=cipher, then from the start) this jury member may mark."""
    olympiad, item = _task(olympiad_id, paper_task_id)
    marks = marks_by_work([item])
    waiting = [
        work.cipher
        for work in works_of(olympiad, item.paper.group)
        if own_mark(marks[(work.id, item.id)], current_user) is None
        and free_slot(item, marks[(work.id, item.id)]) is not None
    ]
    after = request.args.get("after", "")
    cipher = next((c for c in waiting if c > after), waiting[0] if waiting else None)
    if cipher is None:
        flash(_("Все доступные вам работы по заданию %(n)s проверены.", n=item.position), "success")
        return redirect(url_for("marking.task", olympiad_id=olympiad.id, paper_task_id=item.id))
    return redirect(
        url_for("marking.mark", olympiad_id=olympiad.id, paper_task_id=item.id, cipher=cipher)
    )


def _form_state(form: MarkForm, mark, posted_version):
    """After a refused save: the form takes the current version, and the page shows the
    current mark if the form was made on an older one."""
    version = mark.version if mark else 0
    stale = is_stale(posted_version, version)
    form.version.data = version
    return mark if stale else None


def _entered(mark) -> list[str]:
    return [show_points(v) for v in mark.criteria] if mark else []


@bp.route("/<int:olympiad_id>/tasks/<int:paper_task_id>/works/<cipher>", methods=["GET", "POST"])
@roles(Role.JUROR)
def mark(olympiad_id: int, paper_task_id: int, cipher: str):
    olympiad, item = _task(olympiad_id, paper_task_id)
    work = _work(olympiad, item, cipher)
    marks = marks_of(work, item)
    mine = own_mark(marks, current_user)
    form = MarkForm(data={"comment": mine.comment if mine else "", "version": _version(mine)})
    entered, current = _entered(mine), None
    may = mine is not None or free_slot(item, marks) is not None
    if may and form.validate_on_submit():
        entered = request.form.getlist("criterion")
        done = perform(
            lambda: save_mark(
                current_user,
                olympiad,
                work,
                item,
                checked_marks(item, entered),
                form.comment.data or "",
                form.version.data,
                form.reason.data or "",
            ),
            _(
                "Работа %(cipher)s, задание %(n)s: оценка сохранена.",
                cipher=work.cipher,
                n=item.position,
            ),
        )
        if done and request.form.get("then") == "next":
            return redirect(
                url_for(
                    "marking.next_work",
                    olympiad_id=olympiad.id,
                    paper_task_id=item.id,
                    after=work.cipher,
                )
            )
        if done:
            return redirect_back(request.full_path)
        mine = own_mark(marks_of(work, item, fresh=True), current_user)
        current = _form_state(form, mine, form.version.data)
    return render_template(
        "marking/mark.html",
        olympiad=olympiad,
        item=item,
        work=work,
        form=form,
        mine=mine,
        current=current,
        entered=entered,
        criteria=criteria_of(item),
        errors=criterion_errors(item, entered) if request.method == "POST" else [],
        may=may,
        editable=olympiad.status == OlympiadStatus.MARKING,
    )


def _version(mark) -> int:
    return mark.version if mark else 0


@bp.get("/<int:olympiad_id>/queue")
@roles(*STAFF)
def queue(olympiad_id: int):
    olympiad = access.get_olympiad(olympiad_id)
    access.ensure_chair(olympiad, or_organizer=True)
    return render_template(
        "marking/queue.html",
        olympiad=olympiad,
        queue=progress(olympiad).queue,
        chair=access.is_chair(olympiad, current_user),
    )


@bp.route(
    "/<int:olympiad_id>/tasks/<int:paper_task_id>/works/<cipher>/chair", methods=["GET", "POST"]
)
@roles(Role.JUROR)
def resolve(olympiad_id: int, paper_task_id: int, cipher: str):
    """The chair sees both marks side by side and sets the final one."""
    olympiad, item = _task(olympiad_id, paper_task_id, chair=True)
    work = _work(olympiad, item, cipher)
    marks = marks_of(work, item)
    final = marks.get(MarkSlot.CHAIR)
    disputed = {s: m for s, m in marks.items() if s != MarkSlot.CHAIR}
    if final is None and resolution(olympiad, item, disputed).state != MarkState.DISCREPANCY:
        flash(_("Эта работа не ждёт решения председателя: расхождения нет."), "info")
        return redirect(url_for("marking.queue", olympiad_id=olympiad.id))
    form = MarkForm(data={"comment": final.comment if final else "", "version": _version(final)})
    entered, current = _entered(final), None
    if form.validate_on_submit():
        entered = request.form.getlist("criterion")
        if perform(
            lambda: save_mark(
                current_user,
                olympiad,
                work,
                item,
                checked_marks(item, entered),
                form.comment.data or "",
                form.version.data,
                form.reason.data or "",
                chair=True,
            ),
            _(
                "Работа %(cipher)s, задание %(n)s: итоговая оценка председателя сохранена.",
                cipher=work.cipher,
                n=item.position,
            ),
        ):
            return redirect(url_for("marking.queue", olympiad_id=olympiad.id))
        final = marks_of(work, item, fresh=True).get(MarkSlot.CHAIR)
        current = _form_state(form, final, form.version.data)
    return render_template(
        "marking/resolve.html",
        olympiad=olympiad,
        item=item,
        work=work,
        form=form,
        first=marks.get(MarkSlot.FIRST),
        second=marks.get(MarkSlot.SECOND),
        final=final,
        current=current,
        entered=entered,
        criteria=criteria_of(item),
        editable=olympiad.status == OlympiadStatus.MARKING,
    )
