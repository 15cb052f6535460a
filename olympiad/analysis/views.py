"""Routes of the analysis area: the organizer's analysis of an olympiad, a coordinator's
school against the district, a bank task across the olympiads that used it, the annual
report. Only once results exist."""

from __future__ import annotations

import base64

from flask import Blueprint, abort, render_template
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from olympiad.analysis import charts, report
from olympiad.analysis.data import figures, only_school, task_history
from olympiad.analysis.word import build_annual_docx
from olympiad.domain.statistics import Flag, analyse
from olympiad.domain.task_keys import TYPE_LABELS
from olympiad.downloads import attachment
from olympiad.models import Olympiad, Plan, Role, Task
from olympiad.pdf.annual_report import build_annual_report
from olympiad.permissions import get_or_404, roles

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

bp = Blueprint("analysis", __name__, url_prefix="/analysis")


@bp.context_processor
def _helpers():
    return {"task_type_labels": TYPE_LABELS}


# the shipped PT Sans where the reader has it, else a sans-serif of the same width class
FONTS = "font-family: 'PT Sans', PTSans, 'DejaVu Sans', Arial, sans-serif"


def flag_names() -> dict[Flag, str]:
    return {
        Flag.TOO_EASY: _("слишком лёгкое"),
        Flag.TOO_HARD: _("слишком трудное"),
        Flag.NOT_DISCRIMINATING: _("не различает сильных и слабых"),
    }


def inline(drawing) -> Markup:
    """The chart as an SVG image inside the page. ReportLab writes its colours and fonts as
    style attributes, which the page's CSP forbids in inline SVG; as an <img> (a data: URL,
    allowed by the CSP) the SVG is a document of its own and keeps them."""
    text = charts.svg(drawing).replace("font-family: PTSans", FONTS)
    data = base64.b64encode(text.encode()).decode()
    alt = escape(getattr(drawing, "title", "") or _("Диаграмма"))
    return Markup(f'<img class="img-fluid" alt="{alt}" src="data:image/svg+xml;base64,{data}">')  # noqa: S704


def _figures_or_404(olympiad_id: int):
    found = figures(get_or_404(Olympiad, olympiad_id))
    if found is None:
        abort(404)
    return found


@bp.get("/<int:olympiad_id>")
@roles(Role.ORGANIZER)
def olympiad(olympiad_id: int):
    found = _figures_or_404(olympiad_id)
    analysis = found.analysis
    return render_template(
        "analysis/olympiad.html",
        olympiad=found.olympiad,
        analysis=analysis,
        papers=found.papers,
        flags=flag_names(),
        distributions=[
            inline(charts.distribution(u, _("Класс %(u)s", u=u.name), _("% от максимума")))
            for u in analysis.units
        ],
        completions=[inline(charts.completion(p, p.name)) for p in found.papers],
        schools_chart=inline(
            charts.schools(
                analysis.schools, analysis.total.average_percent, _("Средний % по школам")
            )
        ),
    )


@bp.get("/<int:olympiad_id>/school")
@roles(Role.COORDINATOR)
def school(olympiad_id: int):
    found = _figures_or_404(olympiad_id)
    name = next((n for n, i in found.school_ids.items() if i == current_user.school_id), None)
    units = found.analysis.units
    mine = None
    if name is not None:
        mine = analyse(only_school(found, name))
    chart = None
    if mine is not None:
        chart = inline(
            charts.school_against_district(
                mine.grades,
                found.analysis.grades,
                _("Средний % от максимума по классам"),
                (_("Наша школа"), _("Район")),
            )
        )
    return render_template(
        "analysis/school.html",
        olympiad=found.olympiad,
        school=current_user.school,
        mine=mine,
        district=found.analysis,
        units=units,
        chart=chart,
    )


@bp.get("/task/<int:task_id>")
@roles(Role.ORGANIZER)
def task(task_id: int):
    bank_task = get_or_404(Task, task_id)
    return render_template(
        "analysis/task.html", task=bank_task, uses=task_history(task_id), flags=flag_names()
    )


@bp.get("/report/<int:plan_id>")
@roles(Role.ORGANIZER)
def report_pdf(plan_id: int):
    plan = get_or_404(Plan, plan_id)
    name, fallback = report.filenames(plan)
    return attachment(build_annual_report(report.annual_report(plan)), name, fallback)


@bp.get("/report/<int:plan_id>/docx")
@roles(Role.ORGANIZER)
def report_docx(plan_id: int):
    plan = get_or_404(Plan, plan_id)
    name, fallback = report.filenames(plan, "docx")
    return attachment(build_annual_docx(report.annual_report(plan)), name, fallback, DOCX)
