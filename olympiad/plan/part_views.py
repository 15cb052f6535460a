"""Routes for the parts of a plan (organizer only): items of sections 3, 4.N and 6,
directions, meetings as table rows, the record of each meeting; one move and one delete
route for every kind of part (delete also takes a whole plan)."""

from functools import partial

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from olympiad.actions import confirm
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import (
    Plan,
    PlanChapter,
    PlanDirection,
    PlanItem,
    PlanMeeting,
    PlanSection,
    Role,
)
from olympiad.permissions import get_or_404, roles
from olympiad.plan import document, parts, services
from olympiad.plan.forms import DirectionForm, ItemForm, MeetingForm, MoveForm, RecordForm
from olympiad.plan.views import back_to, bp, form_page, initial, saved

SECTION_ANCHORS = {
    PlanSection.OBJECTIVE: "objectives",
    PlanSection.DIRECTION: "directions",
    PlanSection.BETWEEN_MEETINGS: "between",
    PlanSection.CHAPTER: "chapters",
}


def anchor(part) -> str | None:
    """Where the part stands on the plan page."""
    if isinstance(part, PlanMeeting):
        return "meetings"
    if isinstance(part, PlanDirection):
        return "directions"
    return SECTION_ANCHORS[part.section] if isinstance(part, PlanItem) else None


def delete_question(part) -> str:
    if isinstance(part, Plan):
        return _(
            "Удалить план на %(year)s учебный год целиком, со всеми разделами, заседаниями и "
            "записями о них? Это действие нельзя отменить.",
            year=part.academic_year,
        )
    if isinstance(part, PlanDirection):
        return _(
            "Удалить направление «%(title)s» вместе с его пунктами (%(n)s)? "
            "Это действие нельзя отменить.",
            title=part.title,
            n=len(part.items),
        )
    if isinstance(part, PlanMeeting):
        return _(
            "Удалить заседание № %(number)s «%(topic)s» вместе с записью о нём? "
            "Это действие нельзя отменить.",
            number=part.number,
            topic=part.topic,
        )
    return _("Удалить пункт «%(text)s»? Это действие нельзя отменить.", text=part.text)


_SECTION_TITLES = {
    "objective": _l("3. Задачи: новый пункт"),
    "between_meetings": _l("6. Работа между заседаниями: новый пункт"),
}


def _part_of(plan: Plan, model: type, argument: str):
    """The direction or section named in the address, if it belongs to this plan."""
    part = get_or_404(model, request.args.get(argument, 0, type=int))
    if part.plan_id != plan.id:
        abort(404)
    return part


@bp.route("/<int:plan_id>/items/new", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def item_new(plan_id: int):
    """?section=objective|between_meetings, ?direction=<id> for an item of 4.N, or
    ?chapter=<id> for an item of a section after the sixth."""
    plan = get_or_404(Plan, plan_id)
    direction = chapter = None
    if "direction" in request.args:
        direction = _part_of(plan, PlanDirection, "direction")
        section = PlanSection.DIRECTION
        title = _("Направление «%(title)s»: новый пункт", title=direction.title)
    elif "chapter" in request.args:
        chapter = _part_of(plan, PlanChapter, "chapter")
        section = PlanSection.CHAPTER
        title = _(
            "Раздел %(n)s «%(heading)s»: новый пункт", n=chapter.number, heading=chapter.heading
        )
    elif request.args.get("section") in _SECTION_TITLES:
        section = PlanSection(request.args["section"])
        title = str(_SECTION_TITLES[section.value])
    else:
        abort(404)
    form = initial(ItemForm, version=plan.version)
    back = back_to(plan, f"chapter-{chapter.id}" if chapter else SECTION_ANCHORS[section])
    change = partial(
        parts.add_item,
        current_user,
        plan,
        section,
        direction,
        form.text.data or "",
        form.version.data,
        planned_when=form.planned_when.data or "",
        responsible=form.responsible.data or "",
        chapter=chapter,
    )
    return saved(form, change, _("Пункт добавлен."), back) or form_page(form, title, back)


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def item_edit(item_id: int):
    item = get_or_404(PlanItem, item_id)
    form = initial(
        ItemForm,
        text=item.text,
        planned_when=item.planned_when,
        responsible=item.responsible,
        version=item.plan.version,
    )
    back = back_to(item.plan, anchor(item))
    change = partial(
        parts.update_item,
        current_user,
        item,
        form.text.data or "",
        form.version.data,
        planned_when=form.planned_when.data or "",
        responsible=form.responsible.data or "",
    )
    return saved(form, change, _("Пункт сохранён."), back) or form_page(
        form, _("Пункт плана"), back
    )


@bp.route("/<int:plan_id>/directions/new", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def direction_new(plan_id: int):
    plan = get_or_404(Plan, plan_id)
    form = initial(DirectionForm, version=plan.version)
    back = back_to(plan, "directions")
    change = partial(
        parts.add_direction, current_user, plan, form.title.data or "", form.version.data
    )
    return saved(form, change, _("Направление добавлено."), back) or form_page(
        form, _("4. Новое направление деятельности"), back
    )


@bp.route("/directions/<int:direction_id>/edit", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def direction_edit(direction_id: int):
    direction = get_or_404(PlanDirection, direction_id)
    form = initial(DirectionForm, title=direction.title, version=direction.plan.version)
    back = back_to(direction.plan, "directions")
    change = partial(
        parts.update_direction, current_user, direction, form.title.data or "", form.version.data
    )
    return saved(form, change, _("Направление переименовано."), back) or form_page(
        form, _("Направление деятельности"), back
    )


def _meeting_form(meeting: PlanMeeting | None, version: int) -> MeetingForm:
    values = {"version": version, "venue_school_id": 0}
    if meeting is not None:
        values |= {
            key: getattr(meeting, key)
            for key in ("planned_when", "venue_text", "topic", "practical_part", "responsible")
        }
        values["venue_school_id"] = meeting.venue_school_id or 0
        values["theoretical_points"] = "\n".join(meeting.theoretical_points)
    form = initial(MeetingForm, **values)
    keep = [meeting.venue_school_id] if meeting and meeting.venue_school_id else []
    form.venue_school_id.choices = [(0, _("— не из реестра —"))] + services.school_choices(keep)
    return form


def _meeting_data(form: MeetingForm) -> parts.MeetingData:
    return parts.MeetingData(
        planned_when=form.planned_when.data or "",
        venue_school_id=form.venue_school_id.data or None,
        venue_text=form.venue_text.data or "",
        topic=form.topic.data or "",
        practical_part=form.practical_part.data or "",
        theoretical_points=parts.points_from_text(form.theoretical_points.data or ""),
        responsible=form.responsible.data or "",
    )


@bp.route("/<int:plan_id>/meetings/new", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def meeting_new(plan_id: int):
    plan = get_or_404(Plan, plan_id)
    form = _meeting_form(None, plan.version)
    back = back_to(plan, "meetings")
    change = partial(parts.add_meeting, current_user, plan, _meeting_data(form), form.version.data)
    return saved(form, change, _("Заседание добавлено."), back) or form_page(
        form, _("5. Новое заседание"), back
    )


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def meeting_edit(meeting_id: int):
    meeting = get_or_404(PlanMeeting, meeting_id)
    form = _meeting_form(meeting, meeting.version)
    back = back_to(meeting.plan, "meetings")
    change = partial(
        parts.update_meeting, current_user, meeting, _meeting_data(form), form.version.data
    )
    return saved(form, change, _("Заседание сохранено."), back) or form_page(
        form, _("Заседание № %(number)s", number=meeting.number), back
    )


@bp.route("/meetings/<int:meeting_id>/record", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def meeting_record(meeting_id: int):
    meeting = get_or_404(PlanMeeting, meeting_id)
    form = initial(
        RecordForm,
        held_on=meeting.held_on,
        held_venue=meeting.held_venue or document.venue_label(meeting),
        attendance_count=meeting.attendance_count,
        attending_school_ids=list(meeting.attending_school_ids or []),
        open_event=meeting.open_event,
        decisions=meeting.decisions,
        version=meeting.version,
    )
    form.attending_school_ids.choices = services.school_choices(meeting.attending_school_ids)
    record = parts.MeetingRecord(
        held_on=form.held_on.data,
        held_venue=form.held_venue.data or "",
        attendance_count=form.attendance_count.data,
        attending_school_ids=list(form.attending_school_ids.data or []),
        open_event=form.open_event.data or "",
        decisions=form.decisions.data or "",
    )
    back = back_to(meeting.plan, f"record-{meeting.id}")
    change = partial(parts.record_meeting, current_user, meeting, record, form.version.data)
    return saved(form, change, _("Запись о заседании сохранена."), back) or form_page(
        form,
        _("Запись о заседании № %(number)s", number=meeting.number),
        back,
        meeting=meeting,
        venue_label=document.venue_label,
    )


def part_or_404(kind: str, part_id: int, *, plan_too: bool = False):
    """The item, direction or meeting (or, for deletion, the whole plan) the URL names."""
    models = {**parts.KINDS, "plan": Plan} if plan_too else parts.KINDS
    if kind not in models:
        abort(404)
    return get_or_404(models[kind], part_id)


@bp.post("/<kind>/<int:part_id>/move")
@roles(Role.ORGANIZER)
def move(kind: str, part_id: int):
    part = part_or_404(kind, part_id)
    back = back_to(part.plan, anchor(part))
    form = MoveForm()
    if not form.validate_on_submit():
        flash(_("Не удалось переставить: обновите страницу и повторите."), "danger")
    else:
        try:
            parts.move(current_user, part, form.to.data == "up", form.version.data)
        except services.PlanError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
    return redirect(back)


@bp.route("/<kind>/<int:part_id>/delete", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def delete(kind: str, part_id: int):
    part = part_or_404(kind, part_id, plan_too=True)
    plan = part if isinstance(part, Plan) else part.plan
    back = back_to(plan, anchor(part))
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            if part is plan:
                services.delete_plan(current_user, plan)
            else:
                parts.remove(current_user, part)
        except services.PlanError as error:
            db.session.rollback()
            flash(str(error), "danger")
            return redirect(back)
        db.session.commit()
        flash(_("Удалено."), "success")
        return redirect(url_for("plan.index") if part is plan else back)
    return confirm(
        form,
        title=_("Удалить"),
        question=delete_question(part),
        button=_("Удалить"),
        danger=True,
        cancel=back,
    )
