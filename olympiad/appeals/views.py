"""Routes of the appeals area for those who file them: the participant signed in with their
code, and their school's coordinator. The chair's pages are in jury_views.py."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from olympiad.actions import perform
from olympiad.appeals.filing import file_appeal
from olympiad.appeals.forms import AppealForm
from olympiad.appeals.labels import FILTERS, STATE_BADGES, STATE_NAMES
from olympiad.appeals.protocols import appeal_pdf
from olympiad.appeals.records import Sheet, by_number, school_sheets, sheet_of
from olympiad.domain.appeal_window import split_left
from olympiad.domain.appeal_window import time_left as window_left
from olympiad.marking.access import is_chair
from olympiad.marking.labels import show_points
from olympiad.models import AppealState, Olympiad, Participant, Role
from olympiad.models.base import utcnow
from olympiad.participant import session
from olympiad.participant.views import HOME_LINKS
from olympiad.permissions import ensure_school, get_or_404, participant_only, roles
from olympiad.results.states import appeals_open, has_results

bp = Blueprint("appeals", __name__, url_prefix="/appeals")

HOME_LINKS.append(
    ("appeals.my_work", _l("Моя работа: ответы, ключи, оценки"), lambda p: has_results(p.olympiad))
)
HOME_LINKS.append(("appeals.mine", _l("Апелляции"), lambda p: has_results(p.olympiad)))


def time_left(olympiad: Olympiad) -> str:
    """What is left of the appeal window, in words ("" when it has no end)."""
    left = window_left(olympiad.appeals_close_at, utcnow())
    if left is None:
        return ""
    days, hours, minutes = split_left(left)
    if days:
        return _("осталось %(d)s дн. %(h)s ч.", d=days, h=hours)
    if hours:
        return _("осталось %(h)s ч. %(m)s мин.", h=hours, m=minutes)
    return _("осталось %(m)s мин.", m=minutes)


def appeal_links(olympiad: Olympiad) -> list[tuple[str, str]]:
    """The ways into the appeals of an olympiad for the current user (the olympiad's page)."""
    if not current_user.is_authenticated or not has_results(olympiad):
        return []
    if current_user.role == Role.COORDINATOR:
        return [(url_for("appeals.school", olympiad_id=olympiad.id), _("Апелляции учеников школы"))]
    if current_user.role == Role.ORGANIZER or is_chair(olympiad, current_user):
        return [(url_for("appeals.index", olympiad_id=olympiad.id), _("Апелляции"))]
    return []


@bp.app_context_processor
def _helpers():
    return {
        "appeal_state_names": STATE_NAMES,
        "appeal_badges": STATE_BADGES,
        "appeal_filters": FILTERS,
        "appeal_links": appeal_links,
        "appeal_time_left": time_left,
    }


def _form(sheet: Sheet | None) -> AppealForm:
    form = AppealForm()
    lines = sheet.lines if sheet else []
    form.paper_task_id.choices = [
        (
            line.item.id,
            _(
                "№ %(n)s — сейчас %(p)s б. из %(max)s",
                n=line.item.position,
                p=show_points(line.points),
                max=show_points(line.item.task_version.max_points),
            ),
        )
        for line in lines
        if line.pending is None
    ]
    return form


def _prefill(form: AppealForm, participant: Participant) -> None:
    """Coming from the work view (?task=): that task chosen, what it shows quoted."""
    task = request.args.get("task", type=int)
    if request.method != "GET" or task is None:
        return
    from olympiad.appeals.showing import shown_work

    shown = shown_work(participant.olympiad, participant) or []
    found = next((t for t in shown if t.paper_task_id == task), None)
    if found is not None and any(task == value for value, _label in form.paper_task_id.choices):
        form.paper_task_id.data = task
        form.contested.data = found.quote()


def _file(actor, participant: Participant, form: AppealForm) -> bool:
    done = perform(
        lambda: file_appeal(
            actor,
            participant,
            form.paper_task_id.data,
            form.reasoning.data,
            form.contested.data or "",
        )
    )
    if done:
        flash(
            _(
                "Апелляция № %(n)s подана. Решение председателя жюри появится на этой странице.",
                n=done.value.number,
            ),
            "success",
        )
    return bool(done)


@bp.route("/mine", methods=["GET", "POST"])
@participant_only
def mine():
    participant = session.current()
    olympiad = participant.olympiad
    sheet = sheet_of(olympiad, participant) if has_results(olympiad) else None
    form = _form(sheet)
    _prefill(form, participant)
    if form.validate_on_submit() and _file(None, participant, form):
        return redirect(url_for("appeals.mine"))
    return render_template(
        "appeals/mine.html",
        olympiad=olympiad,
        participant=participant,
        sheet=sheet,
        form=form,
        open=appeals_open(olympiad),
        results=has_results(olympiad),
    )


@bp.get("/mine/<int:number>/protocol.pdf")
@participant_only
def my_protocol(number: int):
    participant = session.current()
    appeal = by_number(participant.olympiad, number)
    if appeal is None or appeal.participant_id != participant.id:
        abort(404)
    if appeal.state == AppealState.PENDING:
        abort(404)
    return appeal_pdf(participant.olympiad, appeal)


def _with_results(olympiad_id: int) -> Olympiad:
    olympiad = get_or_404(Olympiad, olympiad_id)
    if not has_results(olympiad):
        abort(404)
    return olympiad


@bp.get("/<int:olympiad_id>/school")
@roles(Role.COORDINATOR)
def school(olympiad_id: int):
    olympiad = _with_results(olympiad_id)
    return render_template(
        "appeals/school.html",
        olympiad=olympiad,
        groups=school_sheets(olympiad, current_user.school_id),
        school=current_user.school,
        open=appeals_open(olympiad),
    )


@bp.route("/<int:olympiad_id>/participants/<int:participant_id>", methods=["GET", "POST"])
@roles(Role.COORDINATOR)
def file_for(olympiad_id: int, participant_id: int):
    """A coordinator files an appeal for a student of their school."""
    olympiad = _with_results(olympiad_id)
    participant = get_or_404(Participant, participant_id)
    if participant.olympiad_id != olympiad.id:
        abort(404)
    ensure_school(participant.school_id)
    sheet = sheet_of(olympiad, participant)
    form = _form(sheet)
    _prefill(form, participant)
    if form.validate_on_submit() and _file(current_user, participant, form):
        return redirect(url_for("appeals.school", olympiad_id=olympiad.id))
    return render_template(
        "appeals/file.html",
        olympiad=olympiad,
        participant=participant,
        sheet=sheet,
        form=form,
        open=appeals_open(olympiad),
    )
