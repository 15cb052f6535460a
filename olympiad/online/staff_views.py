"""The staff's side of the online round: the organizer opens and edits sittings and extends
a participant's time; the organizer and the coordinators (their own school's students only)
watch the progress and confirm attendance in a supervised room."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from olympiad.actions import confirm, perform
from olympiad.domain.online import clock as clock_text
from olympiad.enrollment import day
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import Attendance, Olympiad, OnlineSitting, Participant, Role, School
from olympiad.olympiads.views import get_visible_olympiad
from olympiad.online import attempts, clock, sittings
from olympiad.online.forms import ExtendForm, SittingForm
from olympiad.online.labels import HINTS, STATE_BADGES, STATE_NAMES
from olympiad.online.progress import progress
from olympiad.online.sheets import open_answer
from olympiad.online.views import bp
from olympiad.permissions import get_or_404, roles

STAFF = (Role.ORGANIZER, Role.COORDINATOR)


def _own_school() -> int | None:
    return current_user.school_id if current_user.role == Role.COORDINATOR else None


@bp.app_context_processor
def _helpers():
    return {
        "online_sittings": lambda olympiad: sittings.sittings_of(olympiad, _own_school()),
        "online_state_names": STATE_NAMES,
        "online_state_badges": STATE_BADGES,
        "online_hints": HINTS,
        "online_may_plan": lambda olympiad: olympiad.status in sittings.PLANNING_STATES,
        "online_open_answer": open_answer,
    }


@bp.app_template_filter("online_time")
def _online_time(value: datetime | None, pattern: str = "d MMMM y, HH:mm") -> str:
    """A moment in the district's time zone: 12 февраля 2021 г., 10:00."""
    return format_datetime(value, pattern) if value else ""


@bp.app_template_filter("online_clock")
def _online_clock(seconds: int | float | None) -> str:
    return clock_text(timedelta(seconds=seconds or 0))


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def _to_utc(local: datetime) -> datetime:
    return local.replace(tzinfo=_zone()).astimezone(UTC)


def get_sitting(sitting_id: int) -> OnlineSitting:
    """A sitting the current user may see: a coordinator only one their school writes in."""
    sitting = get_or_404(OnlineSitting, sitting_id)
    get_visible_olympiad(sitting.olympiad_id)
    school_id = _own_school()
    if current_user.role == Role.COORDINATOR and (
        school_id is None or not sittings.includes_school(sitting, school_id)
    ):
        abort(404)
    return sitting


def get_member(sitting: OnlineSitting, participant_id: int) -> Participant:
    query = sittings.members(sitting, _own_school()).where(Participant.id == participant_id)
    participant = db.session.scalar(query)
    if participant is None:
        abort(404)
    return participant


def _form(olympiad: Olympiad, sitting: OnlineSitting | None) -> SittingForm:
    form = SittingForm()
    form.group_id.choices = [(g.id, g.name) for g in olympiad.groups]
    schools = db.session.scalars(
        select(School).where(School.archived_at.is_(None)).order_by(School.short_name)
    ).all()
    form.school_ids.choices = [(s.id, s.short_name) for s in schools]
    if sitting is not None and request.method == "GET":
        zone = _zone()
        form.group_id.data = sitting.group_id
        form.school_ids.data = list(sitting.school_ids)
        form.starts_at.data = sitting.starts_at.astimezone(zone).replace(tzinfo=None)
        form.ends_at.data = sitting.ends_at.astimezone(zone).replace(tzinfo=None)
        form.time_limit_minutes.data = sitting.time_limit_minutes
        form.supervised.data = "room" if sitting.supervised else "home"
        form.version.data = sitting.version
    return form


def _data(form: SittingForm) -> sittings.SittingData:
    return sittings.SittingData(
        group_id=form.group_id.data,
        school_ids=list(form.school_ids.data or []),
        starts_at=_to_utc(form.starts_at.data),
        ends_at=_to_utc(form.ends_at.data),
        time_limit_minutes=form.time_limit_minutes.data,
        supervised=form.supervised.data == "room",
    )


@bp.route("/olympiads/<int:olympiad_id>/sittings/new", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def new_sitting(olympiad_id: int):
    olympiad = get_visible_olympiad(olympiad_id)
    form = _form(olympiad, None)
    if form.validate_on_submit():
        done = perform(
            lambda: sittings.create_sitting(current_user, olympiad, _data(form), clock.now()),
            _("Онлайн-тур назначен. Участники увидят его на своей странице после входа по коду."),
        )
        if done:
            return redirect(url_for("olympiads.show", olympiad_id=olympiad.id))
    return render_template("online/sitting_form.html", form=form, olympiad=olympiad, sitting=None)


@bp.route("/sittings/<int:sitting_id>/edit", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def edit_sitting(sitting_id: int):
    sitting = get_sitting(sitting_id)
    form = _form(sitting.olympiad, sitting)
    if form.validate_on_submit() and perform(
        lambda: sittings.update_sitting(
            current_user, sitting, _data(form), form.version.data, clock.now()
        ),
        _("Онлайн-тур сохранён."),
    ):
        return redirect(url_for("online.progress_page", sitting_id=sitting.id))
    return render_template(
        "online/sitting_form.html", form=form, olympiad=sitting.olympiad, sitting=sitting
    )


@bp.route("/sittings/<int:sitting_id>/delete", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def delete_sitting(sitting_id: int):
    sitting = get_sitting(sitting_id)
    back = url_for("olympiads.show", olympiad_id=sitting.olympiad_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        perform(
            lambda: sittings.delete_sitting(current_user, sitting, clock.now()),
            _("Онлайн-тур отменён."),
        )
        return redirect(back)
    return confirm(
        form,
        title=_("Отменить онлайн-тур"),
        question=_(
            "Отменить онлайн-тур группы «%(group)s»? Его участники будут писать на бумаге.",
            group=sitting.group.name,
        ),
        button=_("Отменить тур"),
        danger=True,
        cancel=back,
    )


@bp.get("/sittings/<int:sitting_id>")
@roles(*STAFF)
def progress_page(sitting_id: int):
    sitting = get_sitting(sitting_id)
    now = clock.now()
    result = progress(sitting, now, _own_school())
    db.session.commit()  # works whose time is over were just submitted
    return render_template(
        "online/progress.html",
        sitting=sitting,
        olympiad=sitting.olympiad,
        progress=result,
        started=sittings.has_started(sitting, now),
        live=sitting.olympiad.status in sittings.WRITING_STATES,
        form=ConfirmForm(),
    )


@bp.post("/sittings/<int:sitting_id>/participants/<int:participant_id>/admit")
@roles(*STAFF)
def admit(sitting_id: int, participant_id: int):
    """A supervised room: the coordinator confirms the participant is there."""
    sitting = get_sitting(sitting_id)
    participant = get_member(sitting, participant_id)
    if ConfirmForm().validate_on_submit():
        mark = {participant.id: day.Mark(Attendance.PRESENT)}
        perform(
            lambda: day.mark_attendance(current_user, sitting.olympiad, mark),
            _("%(name)s: явка отмечена, можно начинать.", name=participant.full_name),
        )
    return redirect(url_for("online.progress_page", sitting_id=sitting.id))


@bp.route(
    "/sittings/<int:sitting_id>/participants/<int:participant_id>/extend", methods=["GET", "POST"]
)
@roles(Role.ORGANIZER)
def extend(sitting_id: int, participant_id: int):
    sitting = get_sitting(sitting_id)
    participant = get_member(sitting, participant_id)
    attempt = attempts.attempt_of(participant)
    form = ExtendForm()
    if form.validate_on_submit() and perform(
        lambda: attempts.extend(
            current_user, participant, form.minutes.data, form.reason.data, clock.now()
        ),
        _("Время участника продлено на %(n)s мин.", n=form.minutes.data),
    ):
        return redirect(url_for("online.progress_page", sitting_id=sitting.id))
    return render_template(
        "online/extend.html",
        form=form,
        sitting=sitting,
        participant=participant,
        attempt=attempt,
        due=attempts.deadline_of(attempt) if attempt else None,
    )
