"""Routes of the task bank (organizer only). Papers live in paper_views.py, the exchange of
banks in exchange_views.py; all of them hang on this blueprint."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm import undefer

from olympiad.actions import confirm, perform
from olympiad.domain.task_keys import TaskType
from olympiad.domain.task_text import to_html
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import Role, Task, TaskVersion
from olympiad.pdf.paper_parts import points_word
from olympiad.permissions import get_or_404, roles
from olympiad.tasks import images, key_fields, papers, services
from olympiad.tasks.display import excerpt, filters, labels, typed_key
from olympiad.tasks.forms import MODE_FIELDS, TaskForm

bp = Blueprint("tasks", __name__, url_prefix="/tasks")
bp.add_app_template_filter(key_fields.points_text, "points")
bp.add_app_template_filter(points_word, "points_word")
bp.add_app_template_filter(excerpt, "task_excerpt")
PER_PAGE = 25


@bp.app_context_processor
def _paper_helpers():
    """The olympiad page lists its papers (templates/olympiads/_papers.html)."""
    return {"task_papers_of": papers.papers_by_group, "task_papers_visible": papers.visible_groups}


@bp.get("/")
@roles(Role.ORGANIZER)
def index():
    chosen = filters(request.args)
    archived = request.args.get("archived") == "1"
    query = services.search(
        chosen["q"],
        chosen["topic"],
        chosen["task_type"],
        [chosen["grade"]] if chosen["grade"] else None,
        chosen["difficulty"],
        archived=archived,
    )
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template(
        "tasks/index.html", page=page, chosen=chosen, archived=archived, **labels()
    )


def _form_values(version: TaskVersion) -> dict:
    values = {
        "type": version.type.value,
        "topic": version.topic,
        "grades": list(version.grades),
        "difficulty": version.difficulty,
        "author": version.author,
        "text": version.text,
        "max_points": key_fields.points_text(version.max_points),
        "fingerprint": services.fingerprint(version),
    }
    inputs = key_fields.key_inputs(version.type, version.key)
    if version.type in MODE_FIELDS:
        values[MODE_FIELDS[version.type]] = inputs.pop("mode")
    return values | inputs


def _task_data(form: TaskForm, current: TaskVersion | None = None) -> services.TaskData | None:
    """The submitted task, or None with every error attached to its field."""
    valid = form.validate()
    try:
        kind = TaskType(form.type.data)
    except ValueError:
        return None
    result = key_fields.build_key(kind, form.key_inputs(), form.max_points.data or "")
    for name, messages in result.errors.items():
        target = getattr(form, MODE_FIELDS.get(kind, "") if name == "mode" else name)
        target.errors = [*target.errors, *messages]
    image, image_type = (current.image, current.image_type) if current else (None, None)
    if form.drop_image.data:
        image = image_type = None
    upload = form.image.data
    if upload and getattr(upload, "filename", ""):
        content = upload.read(images.MAX_BYTES + 1)
        try:
            image, image_type = images.checked_image(content)
        except images.ImageRefused as refusal:
            form.image.errors = [*form.image.errors, str(refusal)]
            valid = False
    if not valid or result.errors:
        return None
    return services.TaskData(
        type=kind,
        topic=form.topic.data,
        grades=sorted(form.grades.data),
        difficulty=form.difficulty.data,
        author=form.author.data.strip(),
        text=form.text.data.strip(),
        max_points=result.max_points,
        key=result.key,
        image=image,
        image_type=image_type,
    )


@bp.route("/new", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def new():
    form = TaskForm()
    form.code.description = _(
        "Можно оставить пустым: будет присвоен следующий по порядку, %(code)s.",
        code=services.next_code(),
    )
    if request.method == "GET" and request.args.get("type") in set(TaskType):
        form.type.data = request.args["type"]
    if form.is_submitted() and (data := _task_data(form)):
        done = perform(lambda: services.create_task(current_user, data, form.code.data or ""))
        if done:
            flash(_("Задание %(code)s добавлено в банк.", code=done.value.code), "success")
            return redirect(url_for("tasks.show", task_id=done.value.id))
    return render_template("tasks/form.html", form=form, task=None, **labels())


@bp.get("/<int:task_id>")
@roles(Role.ORGANIZER)
def show(task_id: int):
    task = get_or_404(Task, task_id)
    number = request.args.get("version", type=int)
    version = next((v for v in task.versions if v.number == number), task.current)
    return render_template(
        "tasks/show.html",
        task=task,
        version=version,
        text=Markup(to_html(version.text)),  # noqa: S704  (to_html escapes everything first)
        typed_key=typed_key(version),
        uses={v.id: services.uses(v) for v in task.versions},
        **labels(),
    )


@bp.route("/<int:task_id>/edit", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def edit(task_id: int):
    task = get_or_404(Task, task_id)
    current = task.current
    form = TaskForm(data=_form_values(current))
    form.set_grade_choices(current.grades)
    if form.is_submitted() and (data := _task_data(form, current)):
        done = perform(
            lambda: services.update_task(current_user, task, data, form.fingerprint.data or "")
        )
        if done:
            if done.value is None:
                flash(_("Изменений нет."), "info")
            elif done.value is not current:
                flash(
                    _(
                        "Сохранено как версия %(n)s. Проведённые олимпиады сохранили прежнюю.",
                        n=done.value.number,
                    ),
                    "success",
                )
            else:
                flash(_("Изменения сохранены."), "success")
            return redirect(url_for("tasks.show", task_id=task.id))
    return render_template(
        "tasks/form.html", form=form, task=task, frozen=services.is_frozen(current), **labels()
    )


@bp.route("/<int:task_id>/archive", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def archive(task_id: int):
    task = get_or_404(Task, task_id)
    form = ConfirmForm()
    archiving = task.archived_at is None
    if form.validate_on_submit():
        perform(
            lambda: services.set_archived(current_user, task, archiving),
            _("Задание перенесено в архив.") if archiving else _("Задание возвращено в банк."),
        )
        return redirect(url_for("tasks.show", task_id=task.id))
    if archiving:
        question = _(
            "Перенести задание %(code)s в архив? Его нельзя будет добавить в новые варианты; "
            "варианты, где оно уже есть, не изменятся.",
            code=task.code,
        )
        button = _("В архив")
    else:
        question, button = _("Вернуть задание %(code)s в банк?", code=task.code), _("Вернуть")
    return confirm(
        form,
        title=button,
        question=question,
        button=button,
        cancel=url_for("tasks.show", task_id=task.id),
    )


@bp.route("/<int:task_id>/delete", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def delete(task_id: int):
    task = get_or_404(Task, task_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        if perform(lambda: services.delete_task(current_user, task), _("Задание удалено.")):
            return redirect(url_for("tasks.index"))
        return redirect(url_for("tasks.show", task_id=task.id))
    return confirm(
        form,
        title=_("Удалить задание"),
        danger=True,
        button=_("Удалить"),
        question=_(
            "Удалить задание %(code)s со всеми версиями? Это действие нельзя отменить.",
            code=task.code,
        ),
        cancel=url_for("tasks.show", task_id=task.id),
    )


@bp.get("/versions/<int:version_id>/image")
@roles(Role.ORGANIZER, Role.JUROR)
def image(version_id: int):
    version = db.session.get(TaskVersion, version_id, options=[undefer(TaskVersion.image)])
    if version is None or not version.image:
        abort(404)
    if current_user.role != Role.ORGANIZER and not any(
        papers.may_see(current_user, use.paper.group) for use in services.uses(version)
    ):
        abort(403)
    response = Response(version.image, mimetype=version.image_type or "application/octet-stream")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response
