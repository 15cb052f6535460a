"""The chair's pages: the olympiad's appeals, one appeal with the work (by cipher only) and
the decision form, and the protocols. The organizer sees them all, read-only."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from olympiad.actions import perform
from olympiad.appeals.deciding import decide
from olympiad.appeals.forms import DecisionForm
from olympiad.appeals.protocols import appeal_pdf, grade_pdf, task_label
from olympiad.appeals.records import appeals_of, by_number, key_text, work_of
from olympiad.appeals.views import bp
from olympiad.extensions import db
from olympiad.marking.access import is_chair
from olympiad.marking.summary import work_card
from olympiad.marking.works import criteria_of
from olympiad.models import Answer, AppealState, MarkSlot, Olympiad, OlympiadStatus, Role
from olympiad.permissions import ensure_school, get_or_404, roles

SLOTS = (MarkSlot.FIRST, MarkSlot.SECOND, MarkSlot.CHAIR)  # the order marks are shown in


def _olympiad(olympiad_id: int) -> Olympiad:
    """The olympiad for the organizer or its jury chair; 403 for anyone else."""
    olympiad = get_or_404(Olympiad, olympiad_id)
    if current_user.role != Role.ORGANIZER and not is_chair(olympiad, current_user):
        abort(403)
    return olympiad


def _appeal(olympiad: Olympiad, number: int):
    appeal = by_number(olympiad, number)
    if appeal is None:
        abort(404)
    return appeal


@bp.get("/<int:olympiad_id>/")
@roles(Role.ORGANIZER, Role.JUROR)
def index(olympiad_id: int):
    olympiad = _olympiad(olympiad_id)
    state = request.args.get("state", "")
    state = state if state in ("pending", "decided") else ""
    grade = request.args.get("grade", type=int)
    grade = grade if grade in olympiad.grades else None
    everything = appeals_of(olympiad)
    return render_template(
        "appeals/index.html",
        olympiad=olympiad,
        appeals=appeals_of(olympiad, state=state, grade=grade),
        state=state,
        grade=grade,
        pending=sum(a.state == AppealState.PENDING for a in everything),
        grades=sorted({a.participant.grade_competed for a in everything}),
        chair=is_chair(olympiad, current_user),
        task_label=task_label,
    )


def marked_by(appeal, target, user_id: int) -> bool:
    """Did this user mark the appealed task of this work (an open task's mark, or a closed
    answer typed in)? The chair then decides on their own marking: a warning, not a bar."""
    if target is not None and any(m.juror_id == user_id for m in target.marks.values()):
        return True
    entered = db.session.scalar(
        select(Answer.entered_by_id).where(
            Answer.participant_id == appeal.participant_id,
            Answer.paper_task_id == appeal.paper_task_id,
        )
    )
    return entered == user_id


def _may_decide(olympiad: Olympiad, appeal, chair: bool) -> bool:
    return (
        chair
        and appeal.state == AppealState.PENDING
        and olympiad.status == OlympiadStatus.PRELIMINARY
    )


@bp.route("/<int:olympiad_id>/<int:number>", methods=["GET", "POST"])
@roles(Role.ORGANIZER, Role.JUROR)
def show(olympiad_id: int, number: int):
    olympiad = _olympiad(olympiad_id)
    appeal = _appeal(olympiad, number)
    chair = is_chair(olympiad, current_user)
    if request.method == "POST" and not chair:
        abort(403)
    form = DecisionForm(data={"version": appeal.version})
    if _may_decide(olympiad, appeal, chair) and form.validate_on_submit():
        done = perform(
            lambda: decide(
                current_user,
                appeal,
                form.state.data,
                form.new_points.data,
                form.reason.data,
                form.version.data,
            ),
            _("Решение по апелляции № %(n)s сохранено.", n=appeal.number),
        )
        if done:
            return redirect(url_for("appeals.show", olympiad_id=olympiad.id, number=number))
        form.version.data = appeal.version  # the refusal said why; the form is current now
    work = work_of(appeal.participant)
    card = work_card(olympiad, work) if work else []
    target = next((row for row in card if row.item.id == appeal.paper_task_id), None)
    return render_template(
        "appeals/show.html",
        olympiad=olympiad,
        appeal=appeal,
        item=appeal.paper_task,
        work=work,
        card=card,
        target=target,
        marked_it_first=chair and marked_by(appeal, target, current_user.id),
        criteria=criteria_of(appeal.paper_task),
        key=key_text(appeal.paper_task),
        form=form,
        may_decide=_may_decide(olympiad, appeal, chair),
        chair=chair,
        task_label=task_label,
        in_order=lambda marks: [marks[slot] for slot in SLOTS if slot in marks],
    )


@bp.get("/<int:olympiad_id>/<int:number>/protocol.pdf")
@roles(Role.ORGANIZER, Role.COORDINATOR, Role.JUROR)
def protocol(olympiad_id: int, number: int):
    """One appeal's protocol: the organizer and the chair any, a coordinator their school's
    decided ones."""
    olympiad = get_or_404(Olympiad, olympiad_id)
    if current_user.role == Role.JUROR and not is_chair(olympiad, current_user):
        abort(403)
    appeal = _appeal(olympiad, number)
    if current_user.role == Role.COORDINATOR:
        ensure_school(appeal.participant.school_id)
        if appeal.state == AppealState.PENDING:
            abort(404)
    return appeal_pdf(olympiad, appeal)


@bp.get("/<int:olympiad_id>/grades/<int:grade>/protocol.pdf")
@roles(Role.ORGANIZER, Role.JUROR)
def grade_protocol(olympiad_id: int, grade: int):
    olympiad = _olympiad(olympiad_id)
    if grade not in olympiad.grades:
        abort(404)
    return grade_pdf(olympiad, grade)
