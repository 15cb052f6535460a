"""Routes of the plan area: everyone reads and prints, the organizer imports and edits.

The routes for the parts of a plan (items, directions, meetings, moving and deleting) are in
part_views.py, on the same blueprint.
"""

import base64
import binascii

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from olympiad.actions import confirm
from olympiad.downloads import attachment
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import Plan, PlanStatus, Role
from olympiad.pdf.plan import build_plan_pdf
from olympiad.permissions import get_or_404, login_required, roles
from olympiad.plan import document, services
from olympiad.plan.forms import ConfirmImportForm, PlanForm, UploadForm
from olympiad.plan.importer import PlanImportError, parse_plan_file
from olympiad.results.services import plan_summaries

bp = Blueprint("plan", __name__, url_prefix="/plan")


def back_to(plan: Plan, anchor: str | None = None) -> str:
    """The plan page in editing mode, scrolled to the part just changed."""
    return url_for("plan.show", plan_id=plan.id, edit=1, _anchor=anchor)


def initial(form_class, **values):
    """On GET the form shows `values`; on POST only what was sent, so a missing version is
    refused as stale instead of being taken from the database."""
    return form_class(data=values if request.method == "GET" else None)


def saved(form, change, message: str, back: str):
    """Run `change` for a valid submit, commit and go back; None means: show the form again."""
    if not form.validate_on_submit():
        return None
    try:
        change()
    except services.PlanError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return None
    db.session.commit()
    flash(message, "success")
    return redirect(back)


def form_page(form, title: str, back: str, **context):
    return render_template("plan/form.html", form=form, title=title, cancel=back, **context)


@bp.get("/")
@login_required
def index():
    plans = services.all_plans()
    if not plans:
        return render_template("plan/empty.html")
    return _show(plans[0], plans)


@bp.get("/<int:plan_id>")
@login_required
def show(plan_id: int):
    return _show(get_or_404(Plan, plan_id), services.all_plans())


def _show(plan: Plan, plans: list[Plan]):
    editing = current_user.role == Role.ORGANIZER and request.args.get("edit") == "1"
    return render_template(
        "plan/show.html",
        plan=plan,
        plans=plans,
        editing=editing,
        records=document.records(plan),
        venue_label=document.venue_label,
        summaries=plan_summaries([item.id for item in plan.items]),
    )


@bp.get("/<int:plan_id>/pdf")
@login_required
def pdf(plan_id: int):
    plan = get_or_404(Plan, plan_id)
    name, fallback = document.pdf_filenames(plan)
    return attachment(build_plan_pdf(document.to_document(plan)), name, fallback)


@bp.route("/import", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def import_plan():
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.document.data
        return _preview(upload.filename or "", upload.read())
    return render_template("plan/import.html", form=form)


def _preview(filename: str, data: bytes):
    """What the file says, with warnings, and a button that sends the same bytes back."""
    payload = base64.urlsafe_b64encode(data).decode("ascii")
    try:
        parsed = parse_plan_file(filename, data)
        services.ensure_year_free(parsed.academic_year)
    except PlanImportError as error:
        return _refused(filename, error.messages)
    except services.PlanError as error:
        return _refused(filename, [str(error)])
    # the bytes come back in an ordinary form post, which MAX_CONTENT_LENGTH limits too
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if limit and len(payload) + 4096 > limit:
        return _refused(
            filename, [_("Файл слишком большой: сохраните план как .txt или без картинок.")]
        )
    venues = services.match_venues(parsed)
    form = ConfirmImportForm(formdata=None, payload=payload, filename=filename[:255])
    return render_template(
        "plan/preview.html",
        parsed=parsed,
        meetings=list(zip(parsed.meetings, venues, strict=True)),
        warnings=parsed.warnings + services.venue_warnings(parsed, venues),
        form=form,
        filename=filename,
    )


def _payload(form: ConfirmImportForm) -> bytes | None:
    """The uploaded bytes the preview sent back, or None if they did not survive the trip."""
    if not form.validate_on_submit():
        return None
    try:
        return base64.urlsafe_b64decode(form.payload.data.encode("ascii"))
    except (UnicodeEncodeError, binascii.Error):
        return None


def _refused(filename: str, messages: list[str]):
    return render_template(
        "plan/import.html", form=UploadForm(formdata=None), filename=filename, problems=messages
    )


@bp.post("/import/confirm")
@roles(Role.ORGANIZER)
def import_confirm():
    form = ConfirmImportForm()
    data = _payload(form)
    if data is None:
        flash(_("Файл не дошёл до сохранения. Загрузите его ещё раз."), "danger")
        return redirect(url_for("plan.import_plan"))
    filename = form.filename.data or ""
    try:
        plan = services.import_plan(current_user, parse_plan_file(filename, data), filename)
    except PlanImportError as error:
        return _refused(filename, error.messages)
    except services.PlanError as error:
        db.session.rollback()
        return _refused(filename, [str(error)])
    db.session.commit()
    flash(_("План на %(year)s учебный год сохранён.", year=plan.academic_year), "success")
    return redirect(url_for("plan.show", plan_id=plan.id))


@bp.route("/<int:plan_id>/edit", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def edit(plan_id: int):
    plan = get_or_404(Plan, plan_id)
    form = initial(
        PlanForm,
        **{
            key: getattr(plan, key)
            for key in (
                "title",
                "academic_year",
                "theme",
                "goal",
                "approver_position",
                "approver_name",
                "approved_on",
            )
        },
        status=plan.status.value,
        version=plan.version,
    )
    back = back_to(plan)

    def change() -> None:  # runs only once the form is valid, so the status is a real one
        data = services.PlanData(
            form.title.data,
            form.academic_year.data,
            form.theme.data or "",
            form.goal.data or "",
            PlanStatus(form.status.data),
        )
        services.update_plan(current_user, plan, data, form.version.data)
        services.set_approver(
            current_user,
            plan,
            form.approver_position.data or "",
            form.approver_name.data or "",
            form.approved_on.data,
        )

    return saved(form, change, _("Изменения сохранены."), back) or form_page(
        form, _("План на %(year)s учебный год", year=plan.academic_year), back
    )


@bp.route("/<int:plan_id>/next-year", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def next_year(plan_id: int):
    plan = get_or_404(Plan, plan_id)
    year = services.next_academic_year(plan.academic_year)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            copy = services.copy_to_next_year(current_user, plan)
        except services.PlanError as error:
            db.session.rollback()
            flash(str(error), "danger")
            return redirect(url_for("plan.show", plan_id=plan.id))
        db.session.commit()
        flash(_("Черновик плана на %(year)s учебный год создан.", year=year), "success")
        return redirect(back_to(copy))
    return confirm(
        form,
        title=_("Начать план на %(year)s учебный год", year=year),
        question=_(
            "Создать черновик плана на %(year)s учебный год? В него перейдут тема, цель, задачи, "
            "направления, заседания и работа между заседаниями; записи о проведённых "
            "заседаниях не переносятся.",
            year=year,
        ),
        button=_("Создать черновик"),
        cancel=url_for("plan.show", plan_id=plan.id),
    )
