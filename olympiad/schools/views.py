"""Routes of the schools area (organizer only)."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from olympiad.actions import confirm, perform
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import Role, School
from olympiad.permissions import get_or_404, roles
from olympiad.schools import services
from olympiad.schools.forms import SchoolForm

bp = Blueprint("schools", __name__, url_prefix="/schools")


def _data(form: SchoolForm) -> services.SchoolData:
    return services.SchoolData(
        form.full_name.data,
        form.short_name.data,
        form.municipality.data or "",
        form.contact.data or "",
    )


@bp.get("/")
@roles(Role.ORGANIZER)
def index():
    q, archived = request.args.get("q", ""), request.args.get("archived") == "1"
    page = db.paginate(services.search_query(q, archived), per_page=50, error_out=False)
    return render_template("schools/index.html", page=page, q=q, archived=archived)


@bp.route("/new", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def new():
    form = SchoolForm()
    if form.validate_on_submit() and perform(
        lambda: services.create_school(current_user, _data(form)),
        _("Школа «%(name)s» добавлена.", name=form.short_name.data),
    ):
        return redirect(url_for("schools.index"))
    return render_template("schools/form.html", form=form, school=None)


@bp.route("/<int:school_id>/edit", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def edit(school_id: int):
    school = get_or_404(School, school_id)
    form = SchoolForm(obj=school)
    if form.validate_on_submit() and perform(
        lambda: services.update_school(current_user, school, _data(form), form.version.data),
        _("Изменения сохранены."),
    ):
        return redirect(url_for("schools.index"))
    return render_template("schools/form.html", form=form, school=school)


@bp.route("/<int:school_id>/archive", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def archive(school_id: int):
    school = get_or_404(School, school_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        archiving = not school.is_archived
        perform(
            lambda: services.set_archived(current_user, school, archiving),
            _("Школа перенесена в архив.") if archiving else _("Школа возвращена из архива."),
        )
        return redirect(url_for("schools.index"))
    if school.is_archived:
        question = _("Вернуть школу «%(name)s» из архива?", name=school.full_name)
        button = _("Вернуть из архива")
    else:
        question = _(
            "Перенести школу «%(name)s» в архив? Она исчезнет из списков выбора, "
            "но все её записи сохранятся.",
            name=school.full_name,
        )
        button = _("В архив")
    return confirm(
        form,
        title=button,
        question=question,
        button=button,
        cancel=url_for("schools.index"),
    )


@bp.route("/<int:school_id>/delete", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def delete(school_id: int):
    school = get_or_404(School, school_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        perform(lambda: services.delete_school(current_user, school), _("Школа удалена."))
        return redirect(url_for("schools.index"))
    return confirm(
        form,
        title=_("Удалить школу"),
        button=_("Удалить"),
        danger=True,
        question=_(
            "Удалить школу «%(name)s» из реестра? Это действие нельзя отменить.",
            name=school.full_name,
        ),
        cancel=url_for("schools.index"),
    )
