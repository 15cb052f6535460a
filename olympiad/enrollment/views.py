"""Routes of the enrollment area: the participants list and enrolling one student at a time.

The import lives in import_views.py and the olympiad day (rooms, attendance, papers) in
day_views.py; all of them hang on this blueprint.
"""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from olympiad.actions import confirm, perform
from olympiad.downloads import attachment
from olympiad.enrollment import day, overview, services
from olympiad.enrollment.forms import ParticipantForm, RoomChoiceForm, consent_values
from olympiad.enrollment.labels import (
    ATTENDANCE_NAMES,
    CONSENT_TEXT_VERSION,
    CONSENT_TEXTS,
    CONSENT_TITLES,
    NO_ROOM,
    PUBLICATION_NAMES,
    STATUS_FILTERS,
    STATUS_NAMES,
)
from olympiad.enrollment.validation import StudentData
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import (
    ConsentKind,
    Olympiad,
    OlympiadStatus,
    Participant,
    ParticipantStatus,
    Role,
    School,
)
from olympiad.olympiads.views import get_visible_olympiad
from olympiad.permissions import ensure_school, get_or_404, roles
from olympiad.schools.services import school_choices

bp = Blueprint("enrollment", __name__, url_prefix="/enrollment")
STAFF = (Role.ORGANIZER, Role.COORDINATOR)


@bp.before_request
def _own_school_only():
    """A coordinator's request may name no school but their own, in the URL or in a form."""
    if current_user.is_authenticated and current_user.role == Role.COORDINATOR:
        for key in ("school_id", "school"):
            if any(v and v != str(current_user.school_id) for v in request.values.getlist(key)):
                abort(403)


def own_school() -> int | None:
    """The school a coordinator is bound to; None for the organizer (any school)."""
    return current_user.school_id if current_user.role == Role.COORDINATOR else None


def get_participant(participant_id: int) -> Participant:
    participant = get_or_404(Participant, participant_id)
    get_visible_olympiad(participant.olympiad_id)
    ensure_school(participant.school_id)
    return participant


def _summary(olympiad: Olympiad) -> dict:
    """What the olympiad page needs to offer the enrollment actions."""
    school_id = own_school()
    count = select(func.count(Participant.id)).where(
        Participant.olympiad_id == olympiad.id, Participant.status == ParticipantStatus.ENROLLED
    )
    if school_id is not None:
        count = count.where(Participant.school_id == school_id)
    return {
        "count": db.session.scalar(count),
        "codes": db.session.scalar(count.where(Participant.access_code.is_not(None))),
        "may_enroll": services.may_enroll(current_user, olympiad),
        "rooms": olympiad.status in day.ROOM_STATES,
        "attendance": olympiad.status in day.ATTENDANCE_STATES,
    }


@bp.app_context_processor
def _helpers():
    return {
        "enrollment_summary": _summary,
        "attendance_names": ATTENDANCE_NAMES,
        "participant_status_names": STATUS_NAMES,
        "publication_names": PUBLICATION_NAMES,
        "ConsentKind": ConsentKind,
    }


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


def _filters() -> overview.Filters:
    status = request.args.get("status", "")
    return overview.Filters(
        q=request.args.get("q", "")[:100],
        school_id=own_school() or _int_arg("school"),
        grade=_int_arg("grade"),
        status=status if status in STATUS_FILTERS else "enrolled",
        by_cipher=current_user.role == Role.ORGANIZER,
    )


@bp.get("/")
@roles(*STAFF)
def latest():
    """The menu's way to the participants: the newest olympiad past its draft."""
    olympiad = db.session.scalar(
        select(Olympiad)
        .where(Olympiad.status != OlympiadStatus.DRAFT)
        .order_by(Olympiad.academic_year.desc(), Olympiad.id.desc())
        .limit(1)
    )
    if olympiad is None:
        flash(_("Участников пока нет: регистрация на олимпиаду ещё не открывалась."), "info")
        return redirect(url_for("dashboard.index"))
    return redirect(url_for("enrollment.index", olympiad_id=olympiad.id))


@bp.get("/<int:olympiad_id>/")
@roles(*STAFF)
def index(olympiad_id: int):
    olympiad = get_visible_olympiad(olympiad_id)
    filters = _filters()
    page = db.paginate(
        overview.participants_query(olympiad, filters),
        per_page=current_app.config["ITEMS_PER_PAGE"],
        error_out=False,
    )
    taking_part = select(Participant.school_id).where(Participant.olympiad_id == olympiad.id)
    schools = db.session.scalars(
        select(School).where(School.id.in_(taking_part)).order_by(School.short_name)
    ).all()
    return render_template(
        "enrollment/index.html",
        olympiad=olympiad,
        page=page,
        filters=filters,
        schools=schools,
        status_filters=STATUS_FILTERS,
        pivot=overview.pivot(olympiad, own_school()),
        summary=_summary(olympiad),
        show_ciphers=current_user.role == Role.ORGANIZER,
    )


@bp.get("/<int:olympiad_id>/participants.xlsx")
@roles(*STAFF)
def export(olympiad_id: int):
    olympiad = get_visible_olympiad(olympiad_id)
    content = overview.export(olympiad, _filters())
    name = _("Участники %(year)s.xlsx", year=olympiad.academic_year)
    return attachment(content, name, f"participants-{olympiad.academic_year}.xlsx")


def _form(olympiad: Olympiad, participant: Participant | None = None) -> ParticipantForm:
    form = ParticipantForm(obj=participant, data=consent_values(participant))
    form.set_grades(olympiad.grades)
    if own_school() is None:
        form.school_id.choices = school_choices()
    else:
        del form.school_id
    return form


def _data(form: ParticipantForm) -> StudentData:
    return form.student(own_school() or form.school_id.data)


def _render_form(form, olympiad, participant=None):
    return render_template(
        "enrollment/form.html",
        form=form,
        olympiad=olympiad,
        participant=participant,
        consent_titles=CONSENT_TITLES,
        consent_texts=CONSENT_TEXTS,
        consent_version=CONSENT_TEXT_VERSION,
    )


def refuse_if_closed(olympiad: Olympiad):
    """A redirect with the reason when this user may not change the lists now, else None."""
    if services.may_enroll(current_user, olympiad):
        return None
    flash(_("Регистрация на олимпиаду закрыта: списки участников сейчас не меняются."), "danger")
    return redirect(url_for("enrollment.index", olympiad_id=olympiad.id))


@bp.route("/<int:olympiad_id>/new", methods=["GET", "POST"])
@roles(*STAFF)
def new(olympiad_id: int):
    olympiad = get_visible_olympiad(olympiad_id)
    if refused := refuse_if_closed(olympiad):
        return refused
    form = _form(olympiad)
    if form.validate_on_submit():
        done = perform(lambda: services.enroll_student(current_user, olympiad, _data(form)))
        if done:
            flash(_("%(name)s записан(а) на олимпиаду.", name=done.value.full_name), "success")
            return redirect(url_for("enrollment.index", olympiad_id=olympiad.id))
    return _render_form(form, olympiad)


@bp.get("/participants/<int:participant_id>")
@roles(*STAFF)
def show(participant_id: int):
    participant = get_participant(participant_id)
    olympiad = participant.olympiad
    room_form = None
    if current_user.role == Role.ORGANIZER and olympiad.status in day.ROOM_STATES:
        room_form = RoomChoiceForm(room_id=participant.room_id or 0)
        room_form.room_id.choices = [(0, str(NO_ROOM))] + [(r.id, r.name) for r in olympiad.rooms]
    return render_template(
        "enrollment/show.html",
        participant=participant,
        olympiad=olympiad,
        room_form=room_form,
        consent_titles=CONSENT_TITLES,
        may_enroll=services.may_enroll(current_user, olympiad),
    )


@bp.route("/participants/<int:participant_id>/edit", methods=["GET", "POST"])
@roles(*STAFF)
def edit(participant_id: int):
    participant = get_participant(participant_id)
    olympiad = participant.olympiad
    if refused := refuse_if_closed(olympiad):
        return refused
    form = _form(olympiad, participant)
    if form.validate_on_submit() and perform(
        lambda: services.update_participant(
            current_user, participant, _data(form), form.version.data
        ),
        _("Изменения сохранены."),
    ):
        return redirect(url_for("enrollment.show", participant_id=participant.id))
    return _render_form(form, olympiad, participant)


@bp.route("/participants/<int:participant_id>/withdraw", methods=["GET", "POST"])
@roles(*STAFF)
def withdraw(participant_id: int):
    participant = get_participant(participant_id)
    if refused := refuse_if_closed(participant.olympiad):
        return refused
    back = url_for("enrollment.show", participant_id=participant.id)
    form = ConfirmForm()
    if form.validate_on_submit():
        if perform(
            lambda: services.withdraw_participant(current_user, participant),
            _("%(name)s больше не участвует.", name=participant.full_name),
        ):
            return redirect(url_for("enrollment.index", olympiad_id=participant.olympiad_id))
        return redirect(back)
    return confirm(
        form,
        title=_("Отозвать участника"),
        question=_(
            "Отозвать %(name)s (%(grade)s класс) с олимпиады? Запись останется в истории; "
            "ученика можно будет записать снова, пока идёт регистрация.",
            name=participant.full_name,
            grade=participant.grade_studied,
        ),
        button=_("Отозвать"),
        danger=True,
        cancel=back,
    )
