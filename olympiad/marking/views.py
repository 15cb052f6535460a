"""Routes of the marking area: the olympiad's marking page, its jury and settings, progress,
and a work's card with its history. The grid, the marks and the import hang on this blueprint
too (grid_views, mark_views, import_views)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from olympiad.actions import confirm, perform
from olympiad.domain.person_names import Case, decline_full
from olympiad.forms import ConfirmForm
from olympiad.marking import access, summary
from olympiad.marking import jury as jury_ops
from olympiad.marking import progress as progress_ops
from olympiad.marking.forms import AppointForm, MemberForm, SettingsForm
from olympiad.marking.history import history
from olympiad.marking.labels import FORMATS, RULE_NAMES, SLOT_NAMES, STATE_NAMES, show_points
from olympiad.marking.works import find_work, open_items, papers_of
from olympiad.models import JuryMember, OlympiadStatus, Role
from olympiad.permissions import get_or_404, roles

bp = Blueprint("marking", __name__, url_prefix="/marking")
STAFF = (Role.ORGANIZER, Role.JUROR)


@bp.app_template_filter("mark_points")
def _mark_points(value) -> str:
    return show_points(value)


@bp.app_context_processor
def _helpers():
    return {
        "marking_assignments": summary.assignments,
        "mark_state_names": STATE_NAMES,
        "mark_slot_names": SLOT_NAMES,
        "answer_formats": FORMATS,
    }


@bp.get("/")
@roles(*STAFF)
def index():
    return render_template("marking/index.html", olympiads=access.visible_olympiads(current_user))


@bp.get("/<int:olympiad_id>/")
@roles(*STAFF)
def home(olympiad_id: int):
    olympiad = access.get_olympiad(olympiad_id)
    return render_template(
        "marking/home.html",
        olympiad=olympiad,
        groups=summary.groups(olympiad, current_user),
        member=access.member_of(olympiad, current_user),
        organizer=access.is_organizer(current_user),
        open=olympiad.status == OlympiadStatus.MARKING,
    )


@bp.route("/<int:olympiad_id>/jury", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def jury(olympiad_id: int):
    olympiad = access.get_olympiad(olympiad_id)
    form = AppointForm()
    form.user_id.choices = [(u.id, u.full_name) for u in jury_ops.candidates(olympiad)]
    if form.validate_on_submit() and perform(
        lambda: jury_ops.appoint(current_user, olympiad, form.user_id.data, form.is_chair.data),
        _("Член жюри назначен. Отметьте, какие группы и задания он проверяет."),
    ):
        return redirect(url_for("marking.jury", olympiad_id=olympiad.id))
    return render_template(
        "marking/jury.html",
        olympiad=olympiad,
        members=jury_ops.members(olympiad),
        form=form,
        papers=papers_of(olympiad),
    )


def _member_form(member: JuryMember) -> MemberForm:
    olympiad = access.get_olympiad(member.olympiad_id)
    papers = papers_of(olympiad)
    form = MemberForm(obj=member)
    form.group_ids.choices = [(g.id, g.name) for g in olympiad.groups]
    form.paper_task_ids.choices = [
        (item.id, _("%(group)s: задание %(n)s", group=g.name, n=item.position))
        for g in olympiad.groups
        for item in open_items(papers.get(g.id))
    ]
    return form


@bp.route("/jury/<int:member_id>", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def member(member_id: int):
    member = get_or_404(JuryMember, member_id)
    form = _member_form(member)
    back = url_for("marking.jury", olympiad_id=member.olympiad_id)
    if form.validate_on_submit() and perform(
        lambda: jury_ops.update_member(
            current_user,
            member,
            form.is_chair.data,
            form.group_ids.data or [],
            form.paper_task_ids.data or [],
        ),
        _("Назначение сохранено."),
    ):
        return redirect(back)
    return render_template("marking/member.html", member=member, form=form, back=back)


@bp.route("/jury/<int:member_id>/remove", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def remove_member(member_id: int):
    member = get_or_404(JuryMember, member_id)
    back = url_for("marking.jury", olympiad_id=member.olympiad_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        perform(lambda: jury_ops.remove_member(current_user, member), _("Исключён(а) из жюри."))
        return redirect(back)
    return confirm(
        form,
        title=_("Исключить из жюри"),
        question=_(
            "Исключить %(name)s из жюри этой олимпиады?",
            name=decline_full(member.user.full_name, Case.ACCUSATIVE),  # «Андрееву Людмилу …»
        ),
        button=_("Исключить"),
        danger=True,
        cancel=back,
    )


@bp.route("/<int:olympiad_id>/settings", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def settings(olympiad_id: int):
    olympiad = access.get_olympiad(olympiad_id)
    form = SettingsForm(
        data={
            "tolerance": show_points(olympiad.marking_tolerance),
            "rule": olympiad.marking_rule.value,
            "version": olympiad.version,
        }
    )
    papers = papers_of(olympiad)
    items = [item for paper in papers.values() for item in open_items(paper)]
    if form.validate_on_submit():
        markers = {item.id: _markers(item) for item in items}
        if perform(
            lambda: jury_ops.save_settings(
                current_user,
                olympiad,
                form.tolerance.data,
                form.rule.data,
                markers,
                form.version.data,
            ),
            _("Настройки проверки сохранены."),
        ):
            return redirect(url_for("marking.home", olympiad_id=olympiad.id))
    return render_template(
        "marking/settings.html", olympiad=olympiad, form=form, papers=papers, rules=RULE_NAMES
    )


def _markers(item) -> int:
    """The number of markers chosen for a task; 0 (refused by the service) if garbled."""
    raw = request.form.get(f"markers-{item.id}")
    if raw is None:
        return item.markers
    return int(raw) if raw in ("1", "2") else 0


@bp.get("/<int:olympiad_id>/progress")
@roles(*STAFF)
def progress(olympiad_id: int):
    olympiad = access.get_olympiad(olympiad_id)
    access.ensure_chair(olympiad, or_organizer=True)
    return render_template(
        "marking/progress.html",
        olympiad=olympiad,
        progress=progress_ops.progress(olympiad),
        organizer=access.is_organizer(current_user),
    )


@bp.get("/<int:olympiad_id>/find")
@roles(*STAFF)
def find(olympiad_id: int):
    """A work by the cipher typed in: its card (organizer, chair) or its answers."""
    olympiad = access.get_olympiad(olympiad_id)
    work = find_work(olympiad, request.args.get("cipher", "")[:20])
    if work is None:
        flash(_("Работы с таким шифром среди присутствовавших участников нет."), "warning")
        return redirect(url_for("marking.home", olympiad_id=olympiad.id))
    card = access.is_organizer(current_user) or access.is_chair(olympiad, current_user)
    endpoint = "marking.work" if card else "marking.work_answers"
    return redirect(url_for(endpoint, olympiad_id=olympiad.id, cipher=work.cipher))


@bp.get("/<int:olympiad_id>/works/<cipher>")
@roles(*STAFF)
def work(olympiad_id: int, cipher: str):
    """A work's answers and marks in every slot, and its history (organizer and chair)."""
    olympiad = access.get_olympiad(olympiad_id)
    access.ensure_chair(olympiad, or_organizer=True)
    found = find_work(olympiad, cipher)
    if found is None:
        abort(404)
    return render_template(
        "marking/work.html",
        olympiad=olympiad,
        work=found,
        card=summary.work_card(olympiad, found),
        events=history(found),
    )
