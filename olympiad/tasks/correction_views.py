"""Routes of «Исправить ключ»: the key of a closed task on a paper being marked, corrected
after a dry run that shows whose points, totals and places change (key_correction.py)."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from olympiad.actions import perform
from olympiad.domain.task_keys import TaskType
from olympiad.models import PaperTask, Role, TaskVersion
from olympiad.permissions import get_or_404, roles
from olympiad.tasks import key_correction, key_fields
from olympiad.tasks.display import labels, typed_key
from olympiad.tasks.forms import MODE_FIELDS, KeyCorrectionForm
from olympiad.tasks.views import bp


def _initial(version: TaskVersion) -> dict:
    inputs = key_fields.key_inputs(version.type, version.key)
    if version.type in MODE_FIELDS:
        inputs[MODE_FIELDS[version.type]] = inputs.pop("mode")
    return inputs | {"based_on": str(version.id)}


def _item(item_id: int) -> tuple[PaperTask, str | None]:
    item = get_or_404(PaperTask, item_id)
    return item, key_correction.refusal(item)


def _back(item: PaperTask):
    return redirect(url_for("tasks.paper", group_id=item.paper.group_id))


def _key(form: KeyCorrectionForm, item: PaperTask) -> dict | None:
    """The submitted key, or None with every error next to its field."""
    valid = form.validate()
    version = item.task_version
    kind = TaskType(version.type)
    points = key_fields.points_text(version.max_points)
    result = key_fields.build_key(kind, form.key_inputs(kind), points)
    for name, messages in result.errors.items():
        target = getattr(form, MODE_FIELDS.get(kind, "") if name == "mode" else name, None)
        if target is None:  # about the maximum, which is not corrected here
            form.form_errors.extend(messages)
        else:
            target.errors = [*target.errors, *messages]
    if not valid or result.key is None:
        return None
    problem = key_correction.key_problems(version, result.key)
    if problem:
        form.form_errors.append(problem)
        return None
    return result.key


def _render_form(form: KeyCorrectionForm, item: PaperTask):
    version = item.task_version
    return render_template(
        "tasks/key_correction.html",
        form=form,
        item=item,
        version=version,
        kind=version.type.value,
        typed_key=typed_key(version),
        **labels(),
    )


def _render_plan(form: KeyCorrectionForm, item: PaperTask, key: dict):
    plan = key_correction.plan(item, key)
    form.digest.data = plan.digest
    version = item.task_version
    corrected = TaskVersion(type=version.type, key=key, max_points=version.max_points)
    return render_template(
        "tasks/key_dry_run.html",
        form=form,
        item=item,
        version=version,
        plan=plan,
        old_key=typed_key(version),
        new_key=typed_key(corrected),
        newer=version is not version.task.current,
        **labels(),
    )


@bp.route("/papers/items/<int:item_id>/correct-key", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def correct_key(item_id: int):
    item, refusal = _item(item_id)
    if refusal:
        flash(refusal, "warning")
        return _back(item)
    form = KeyCorrectionForm(data=_initial(item.task_version))
    if form.is_submitted() and (key := _key(form, item)) is not None:
        if form.based_on.data != str(item.task_version_id):
            flash(_("Пока вы редактировали, ключ этого задания уже исправили."), "warning")
            return redirect(url_for("tasks.correct_key", item_id=item.id))
        return _render_plan(form, item, key)
    return _render_form(form, item)


@bp.post("/papers/items/<int:item_id>/correct-key/apply")
@roles(Role.ORGANIZER)
def correct_key_apply(item_id: int):
    item, refusal = _item(item_id)
    if refusal:
        flash(refusal, "warning")
        return _back(item)
    form = KeyCorrectionForm()
    key = _key(form, item)
    if key is None:
        return _render_form(form, item)
    done = perform(
        lambda: key_correction.apply(
            current_user,
            item,
            key,
            form.reason.data or "",
            form.based_on.data or "",
            form.digest.data or "",
        )
    )
    if not done:
        if form.based_on.data == str(item.task_version_id) and not key_correction.refusal(item):
            return _render_plan(form, item, key)  # the fresh dry run, to look at again
        return _back(item)
    flash(
        _(
            "Ключ задания %(code)s исправлен (версия %(n)s). Пересчитано ответов: %(count)s.",
            code=item.task_version.task.code,
            n=item.task_version.number,
            count=len(done.value.rescored),
        ),
        "success",
    )
    return _back(item)
