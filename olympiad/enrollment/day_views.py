"""Routes of the olympiad day: seating in rooms, attendance, and the printed papers."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from olympiad.actions import confirm, perform
from olympiad.downloads import attachment
from olympiad.enrollment import day, documents
from olympiad.enrollment.forms import RoomChoiceForm
from olympiad.enrollment.labels import ATTENDANCE_BUTTONS
from olympiad.enrollment.views import STAFF, bp, get_participant, own_school
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import Attendance, Olympiad, Participant, Role, School
from olympiad.olympiads.views import get_visible_olympiad
from olympiad.permissions import get_or_404, roles
from olympiad.redirects import redirect_back

ATTENDANCE_VALUES = {a.value for a in Attendance}


@bp.route("/<int:olympiad_id>/rooms/assign", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def assign_rooms(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    back = url_for("olympiads.show", olympiad_id=olympiad.id)
    form = ConfirmForm()
    if form.validate_on_submit():
        done = perform(lambda: day.assign_rooms(current_user, olympiad))
        if not done:
            return redirect(back)
        seated, left = done.value
        flash(_("Рассажено участников: %(n)s.", n=seated), "success")
        if left:
            flash(_("Не хватило мест: %(n)s участников без кабинета.", n=left), "warning")
        return redirect(url_for("enrollment.attendance", olympiad_id=olympiad.id))
    return confirm(
        form,
        title=_("Распределить по кабинетам"),
        question=_(
            "Рассадить участников без кабинета по кабинетам олимпиады: по классам, в порядке "
            "кабинетов, с учётом их классов и числа мест? Кабинеты, выбранные вручную, "
            "сохранятся."
        ),
        button=_("Распределить"),
        cancel=back,
    )


@bp.post("/participants/<int:participant_id>/room")
@roles(Role.ORGANIZER)
def set_room(participant_id: int):
    participant = get_participant(participant_id)
    form = RoomChoiceForm()
    form.room_id.choices = [(0, "")] + [(r.id, r.name) for r in participant.olympiad.rooms]
    if form.validate_on_submit():
        perform(
            lambda: day.set_room(current_user, participant, form.room_id.data or None),
            _("Кабинет участника сохранён."),
        )
    else:
        flash(_("Выберите кабинет из списка."), "danger")
    return redirect(url_for("enrollment.show", participant_id=participant.id))


def _attendance_people(olympiad: Olympiad):
    query = day.enrolled(olympiad).options(
        selectinload(Participant.school), selectinload(Participant.room)
    )
    room = request.args.get("room", "")
    if room == "none":
        query = query.where(Participant.room_id.is_(None))
    elif room.isdigit():
        query = query.where(Participant.room_id == int(room))
    grade = request.args.get("grade", "")
    if grade.isdigit():
        query = query.where(Participant.grade_competed == int(grade))
    return db.session.scalars(query).all()


def _marks() -> dict[int, day.Mark]:
    """The rows sent back: attendance-<id> and reason-<id> for each participant shown."""
    marks = {}
    for key, value in request.form.items():
        prefix, _sep, pid = key.partition("-")
        if prefix != "attendance":
            continue
        if not pid.isdigit() or value not in ATTENDANCE_VALUES:
            abort(400)
        reason = request.form.get(f"reason-{pid}", "")[:500]
        marks[int(pid)] = day.Mark(Attendance(value), reason)
    if request.form.get("all_present"):
        # «все присутствуют»: whoever is still unmarked is present; exceptions stay as set
        for pid, mark in marks.items():
            if mark.attendance == Attendance.UNKNOWN:
                marks[pid] = day.Mark(Attendance.PRESENT, mark.reason)
    return marks


@bp.route("/<int:olympiad_id>/attendance", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def attendance(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    people = _attendance_people(olympiad)
    form = ConfirmForm()
    errors, sent = {}, {}
    if form.validate_on_submit():
        sent = _marks()
        errors = day.missing_reasons(sent)
        if errors:
            flash(_("Не сохранено: для дисквалификации нужна причина."), "danger")
        elif done := perform(lambda: day.mark_attendance(current_user, olympiad, sent)):
            flash(_("Явка сохранена. Изменений: %(n)s.", n=done.value), "success")
            return redirect_back(request.full_path)
    return render_template(
        "enrollment/attendance.html",
        olympiad=olympiad,
        people=people,
        form=form,
        errors=errors,
        sent=sent,
        editable=olympiad.status in day.ATTENDANCE_STATES,
        buttons=ATTENDANCE_BUTTONS,
        room=request.args.get("room", ""),
        grade=request.args.get("grade", ""),
    )


def _pdf(content: bytes, olympiad: Olympiad, name: str, fallback: str):
    year = olympiad.academic_year
    return attachment(content, f"{name} {year}.pdf", f"{fallback}-{year}.pdf")


@bp.get("/<int:olympiad_id>/attendance-sheets.pdf")
@roles(Role.ORGANIZER)
def attendance_sheets(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    content = documents.attendance_sheets(olympiad)
    return _pdf(content, olympiad, _("Листы регистрации"), "attendance-sheets")


@bp.get("/<int:olympiad_id>/cipher-labels.pdf")
@roles(Role.ORGANIZER)
def cipher_labels(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    copies = min(max(request.args.get("copies", 1, type=int) or 1, 1), 10)
    content = documents.cipher_labels(olympiad, copies)
    return _pdf(content, olympiad, _("Наклейки с шифрами"), "cipher-labels")


@bp.get("/<int:olympiad_id>/cipher-key.pdf")
@roles(Role.ORGANIZER)
def cipher_key(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    content = documents.cipher_key(olympiad)
    return _pdf(content, olympiad, _("Ключ шифров, конфиденциально"), "cipher-key")


@bp.get("/<int:olympiad_id>/access-slips.pdf")
@roles(*STAFF)
def access_slips(olympiad_id: int):
    """The organizer: all schools, or ?school_id=; a coordinator: their school only."""
    olympiad = get_visible_olympiad(olympiad_id)
    school_id = own_school() or request.args.get("school_id", type=int)
    school = get_or_404(School, school_id) if school_id else None
    if not documents.codes_issued(olympiad, school_id):
        flash(_("Коды доступа ещё не выданы: они появятся после закрытия регистрации."), "info")
        return redirect(url_for("olympiads.show", olympiad_id=olympiad.id))
    content = documents.access_slips(olympiad, school_id)
    if school is None:
        return _pdf(content, olympiad, _("Коды доступа"), "access-codes")
    name = _("Коды доступа, %(school)s", school=school.short_name)
    return _pdf(content, olympiad, name, f"access-codes-school{school.id}")
