"""Routes of the olympiads area."""

from datetime import UTC, date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, to_user_timezone, to_utc
from flask_babel import gettext as _
from flask_login import current_user

from olympiad.actions import confirm, perform
from olympiad.domain.olympiad_rules import TRANSITIONS
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import Olympiad, OlympiadStatus, Role, Room
from olympiad.models.base import utcnow
from olympiad.olympiads import services
from olympiad.olympiads.forms import CloseMarkingForm, OlympiadForm, RoomForm
from olympiad.olympiads.labels import MOVES, STATUS_NAMES
from olympiad.permissions import get_or_404, login_required, roles

bp = Blueprint("olympiads", __name__, url_prefix="/olympiads")


def get_visible_olympiad(olympiad_id: int) -> Olympiad:
    olympiad = get_or_404(Olympiad, olympiad_id)
    if not services.can_see(current_user, olympiad):
        abort(404)
    return olympiad


@bp.app_context_processor
def _labels():
    return {"status_names": STATUS_NAMES}


def _data(form: OlympiadForm) -> services.OlympiadData:
    return services.OlympiadData(
        title=form.title.data,
        academic_year=form.academic_year.data,
        held_on=form.held_on.data,
        venue=form.venue.data or "",
        grades=form.grades.data,
        groups=form.groups.data,
        registration_opens_on=form.registration_opens_on.data,
        registration_closes_on=form.registration_closes_on.data,
        school_grade_limit=form.school_grade_limit.data,
        plan_item_id=form.plan_item_id.data,
        starts_at_time=form.starts_at_time.data,
        what_to_bring=form.what_to_bring.data or "",
        comments_visible=bool(form.comments_visible.data),
    )


@bp.get("/")
@login_required
def index():
    olympiads = db.session.scalars(services.visible_query(current_user)).all()
    return render_template("olympiads/index.html", olympiads=olympiads)


@bp.route("/new", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def new():
    form = OlympiadForm()
    form.plan_item_id.choices = services.plan_item_choices()
    if form.validate_on_submit():
        done = perform(
            lambda: services.create_olympiad(current_user, _data(form)),
            _("Олимпиада создана. Добавьте кабинеты и откройте регистрацию."),
        )
        if done:
            return redirect(url_for("olympiads.show", olympiad_id=done.value.id))
    return render_template("olympiads/form.html", form=form, olympiad=None)


@bp.get("/<int:olympiad_id>")
@login_required
def show(olympiad_id: int):
    olympiad = get_visible_olympiad(olympiad_id)
    moves = [
        (target, *MOVES[(olympiad.status, target)])
        for target in TRANSITIONS[olympiad.status]
        if (olympiad.status, target) in MOVES
    ]
    return render_template(
        "olympiads/show.html",
        olympiad=olympiad,
        moves=moves,
        registration_open=services.registration_open(olympiad),
    )


@bp.route("/<int:olympiad_id>/edit", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def edit(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    form = OlympiadForm(obj=olympiad)
    if not form.is_submitted():  # `obj` would win over `data`: the lists shown as text
        for name, value in services.form_values(olympiad).items():
            form[name].data = value
    form.plan_item_id.choices = services.plan_item_choices(olympiad.plan_item_id)
    if form.validate_on_submit() and perform(
        lambda: services.update_olympiad(current_user, olympiad, _data(form), form.version.data),
        _("Изменения сохранены."),
    ):
        return redirect(url_for("olympiads.show", olympiad_id=olympiad.id))
    return render_template("olympiads/form.html", form=form, olympiad=olympiad)


@bp.route("/<int:olympiad_id>/status/<target>", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def change_status(olympiad_id: int, target: str):
    olympiad = get_or_404(Olympiad, olympiad_id)
    try:
        target_status = OlympiadStatus(target)
    except ValueError:
        abort(404)
    move = MOVES.get((olympiad.status, target_status))
    if move is None:
        flash(_("Из текущего состояния олимпиады так перейти нельзя."), "danger")
        return redirect(url_for("olympiads.show", olympiad_id=olympiad.id))
    closing = target_status == OlympiadStatus.PRELIMINARY
    form = CloseMarkingForm() if closing else ConfirmForm()
    if closing and request.method == "GET":
        closes = services.default_appeals_close(utcnow())
        form.appeals_close_at.data = to_user_timezone(closes).replace(tzinfo=None)
    if form.validate_on_submit():
        closes = to_utc(form.appeals_close_at.data).replace(tzinfo=UTC) if closing else None
        done = perform(
            lambda: services.change_status(current_user, olympiad, target_status, closes),
            _("Состояние олимпиады: %(status)s.", status=STATUS_NAMES[target_status]),
        )
        if done or not closing:
            return redirect(url_for("olympiads.show", olympiad_id=olympiad.id))
    button, question = move
    early = (
        target_status == OlympiadStatus.HELD
        and olympiad.held_on
        and olympiad.held_on > date.today()
    )
    return confirm(
        form,
        fields=[form.appeals_close_at] if closing else [],
        title=button,
        question=question,
        warning=_(
            "Олимпиада назначена на %(date)s, а сегодня %(today)s. Отмечайте её проведённой, "
            "только если она действительно уже прошла.",
            date=format_date(olympiad.held_on, "d MMMM y"),
            today=format_date(date.today(), "d MMMM y"),
        )
        if early
        else None,
        button=button,
        cancel=url_for("olympiads.show", olympiad_id=olympiad.id),
    )


@bp.route("/<int:olympiad_id>/rooms", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def rooms(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    form = RoomForm()
    if form.validate_on_submit() and perform(
        lambda: services.add_room(
            current_user,
            olympiad,
            form.venue.data or "",
            form.name.data,
            form.capacity.data,
            form.grades.data or "",
        ),
        _("Кабинет добавлен."),
    ):
        return redirect(url_for("olympiads.rooms", olympiad_id=olympiad.id))
    return render_template("olympiads/rooms.html", olympiad=olympiad, form=form)


@bp.route("/rooms/<int:room_id>/delete", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def delete_room(room_id: int):
    room = get_or_404(Room, room_id)
    back = url_for("olympiads.rooms", olympiad_id=room.olympiad_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        perform(lambda: services.remove_room(current_user, room), _("Кабинет удалён."))
        return redirect(back)
    return confirm(
        form,
        title=_("Удалить кабинет"),
        danger=True,
        button=_("Удалить"),
        question=_(
            "Удалить кабинет «%(name)s»? Участники этого кабинета останутся без кабинета.",
            name=room.name,
        ),
        cancel=back,
    )
