"""Routes of the olympiads area."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from olympiad.domain.olympiad_rules import TRANSITIONS
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import Olympiad, OlympiadStatus, Role, Room
from olympiad.olympiads import services
from olympiad.olympiads.forms import OlympiadForm, RoomForm
from olympiad.olympiads.labels import MOVES, STATUS_NAMES
from olympiad.operations import perform
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
    form.plan_item_id.choices = services.plan_item_choices()
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
    form = ConfirmForm()
    if form.validate_on_submit():
        perform(
            lambda: services.change_status(current_user, olympiad, target_status),
            _("Состояние олимпиады: %(status)s.", status=STATUS_NAMES[target_status]),
        )
        return redirect(url_for("olympiads.show", olympiad_id=olympiad.id))
    button, question = move
    return render_template(
        "confirm.html",
        form=form,
        title=button,
        question=question,
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
    return render_template(
        "confirm.html",
        form=form,
        title=_("Удалить кабинет"),
        danger=True,
        button=_("Удалить"),
        question=_(
            "Удалить кабинет «%(name)s»? Участники этого кабинета останутся без кабинета.",
            name=room.name,
        ),
        cancel=back,
    )
