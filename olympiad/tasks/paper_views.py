"""Routes of the papers: one per grade group of an olympiad, composed from the bank.

The organizer composes and prints them; the jury of the olympiad may read those of their
groups and their keys from the olympiad's day on, once no online sitting of the group can
still be written (papers.refusal); nobody else ever sees them.
"""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from olympiad.actions import confirm, perform
from olympiad.domain.olympiad_rules import format_grades
from olympiad.downloads import attachment
from olympiad.errors import render_error
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import GradeGroup, PaperTask, Role, Task
from olympiad.permissions import get_or_404, roles
from olympiad.tasks import documents, key_correction, papers, services
from olympiad.tasks.display import bank_query, filters, labels, typed_key
from olympiad.tasks.forms import PaperSettingsForm
from olympiad.tasks.views import bp

READERS = (Role.ORGANIZER, Role.JUROR)
CANDIDATES_PER_PAGE = 15
FILES = {
    "booklet": ("Задания", "booklet"),
    "answer_sheet": ("Бланк ответов", "answer-sheet"),
    "key": ("Ключи и критерии", "key"),
}


def get_group(group_id: int) -> GradeGroup:
    """The group whose paper the user may see now: 403 with the reason otherwise."""
    group = get_or_404(GradeGroup, group_id)
    reason = papers.refusal(current_user, group)
    if reason is not None:
        abort(make_response(render_error(403, reason)))
    return group


def _back(group: GradeGroup):
    """Back to the paper page with the bank filters the organizer had set."""
    return redirect(url_for("tasks.paper", group_id=group.id, **bank_query(request.args)))


@bp.get("/papers/<int:group_id>")
@roles(*READERS)
def paper(group_id: int):
    group = get_group(group_id)
    paper = papers.paper_of(group)
    editable = current_user.role == Role.ORGANIZER and not papers.is_held(group.olympiad)
    context = {"group": group, "olympiad": group.olympiad, "paper": paper, "editable": editable}
    context["correctable"] = (
        current_user.role == Role.ORGANIZER and group.olympiad.status in key_correction.CORRECTABLE
    )
    if editable:
        chosen = filters(request.args)
        scope = request.args.get("grade", "")
        grades = (
            [chosen["grade"]] if chosen["grade"] else (None if scope == "all" else group.grades)
        )
        present = [item.task_version.task_id for item in paper.items] if paper else []
        context["fresh"] = request.args.get("fresh") == "1"
        if context["fresh"]:
            present += papers.used_last_year(group.olympiad)
        if not present:
            context["previous"] = papers.previous_paper(group)
        query = services.search(
            chosen["q"],
            chosen["topic"],
            chosen["task_type"],
            grades,
            chosen["difficulty"],
            exclude=present,
        )
        context["candidates"] = db.paginate(query, per_page=CANDIDATES_PER_PAGE, error_out=False)
        context["chosen"], context["scope"] = chosen, scope
        context["settings"] = PaperSettingsForm(
            formdata=None,
            time_limit_minutes=paper.time_limit_minutes if paper else papers.DEFAULT_MINUTES,
            instructions=paper.instructions if paper else "",
            version=paper.version if paper else 0,
        )
        context["action"] = ConfirmForm()
    return render_template(
        "tasks/paper.html",
        group_grades=format_grades(group.grades),
        typed_key=typed_key,
        keep=bank_query(request.args),
        default_minutes=papers.DEFAULT_MINUTES,
        **context,
        **labels(),
    )


@bp.post("/papers/<int:group_id>/settings")
@roles(Role.ORGANIZER)
def paper_settings(group_id: int):
    group = get_or_404(GradeGroup, group_id)
    form = PaperSettingsForm()
    if form.validate_on_submit():
        perform(
            lambda: papers.update_settings(
                current_user,
                group,
                form.time_limit_minutes.data,
                form.instructions.data or "",
                form.version.data,
            ),
            _("Время и инструкция сохранены."),
        )
    else:
        for errors in form.errors.values():
            flash(" ".join(map(str, errors)), "danger")
    return _back(group)


@bp.post("/papers/<int:group_id>/add/<int:task_id>")
@roles(Role.ORGANIZER)
def paper_add(group_id: int, task_id: int):
    group = get_or_404(GradeGroup, group_id)
    task = get_or_404(Task, task_id)
    if ConfirmForm().validate_on_submit():
        perform(
            lambda: papers.add_task(current_user, group, task),
            _("Задание %(code)s добавлено в вариант.", code=task.code),
        )
    return _back(group)


@bp.post("/papers/<int:group_id>/add")
@roles(Role.ORGANIZER)
def paper_add_many(group_id: int):
    """The ticked bank tasks, in the bank's order; all or none."""
    group = get_or_404(GradeGroup, group_id)
    ids = {int(v) for v in request.form.getlist("task_id") if v.isdigit() and len(v) < 10}
    tasks = db.session.scalars(select(Task).where(Task.id.in_(ids)).order_by(Task.code)).all()
    if ConfirmForm().validate_on_submit():
        perform(
            lambda: papers.add_tasks(current_user, group, tasks),
            _("Добавлено заданий: %(n)s.", n=len(tasks)),
        )
    return _back(group)


@bp.post("/papers/<int:group_id>/copy-previous")
@roles(Role.ORGANIZER)
def paper_copy_previous(group_id: int):
    group = get_or_404(GradeGroup, group_id)
    if ConfirmForm().validate_on_submit():
        perform(
            lambda: papers.copy_previous(current_user, group),
            _(
                "За основу взят вариант прошлого года. Проверьте задания и при необходимости "
                "замените."
            ),
        )
    return _back(group)


@bp.post("/papers/items/<int:item_id>/move/<direction>")
@roles(Role.ORGANIZER)
def paper_move(item_id: int, direction: str):
    item = get_or_404(PaperTask, item_id)
    if direction not in ("up", "down"):
        abort(404)
    group = item.paper.group
    if ConfirmForm().validate_on_submit():
        perform(lambda: papers.move_item(current_user, item, -1 if direction == "up" else 1))
    return _back(group)


@bp.route("/papers/items/<int:item_id>/remove", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def paper_remove(item_id: int):
    item = get_or_404(PaperTask, item_id)
    group = item.paper.group
    form = ConfirmForm()
    if form.validate_on_submit():
        perform(lambda: papers.remove_item(current_user, item), _("Задание убрано из варианта."))
        return _back(group)
    return confirm(
        form,
        title=_("Убрать задание из варианта"),
        question=_(
            "Убрать задание %(code)s из варианта %(group)s? В банке оно останется.",
            code=item.task_version.task.code,
            group=group.name,
        ),
        button=_("Убрать"),
        danger=True,
        cancel=url_for("tasks.paper", group_id=group.id),
    )


def _file(group_id: int, kind: str):
    group = get_group(group_id)
    paper = papers.paper_of(group)
    if paper is None or not paper.items:
        flash(_("В варианте пока нет заданий."), "warning")
        return redirect(url_for("tasks.paper", group_id=group.id))
    title, fallback = FILES[kind]
    name = f"{title} {group.name} {group.olympiad.academic_year}.pdf"
    slug = f"{fallback}-{format_grades(group.grades)}.pdf".replace(", ", "_")
    return attachment(documents.render(paper, kind), name, slug)


@bp.get("/papers/<int:group_id>/booklet.pdf")
@roles(*READERS)
def paper_booklet(group_id: int):
    return _file(group_id, "booklet")


@bp.get("/papers/<int:group_id>/answer-sheet.pdf")
@roles(*READERS)
def paper_answer_sheet(group_id: int):
    return _file(group_id, "answer_sheet")


@bp.get("/papers/<int:group_id>/key.pdf")
@roles(*READERS)
def paper_key(group_id: int):
    return _file(group_id, "key")
