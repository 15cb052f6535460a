"""Routes of the results area for the organizer and the jury: tables, settings, overrides,
the chair's approval. Coordinators', participants' and public pages are in pages.py."""

from __future__ import annotations

from datetime import UTC

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import to_user_timezone, to_utc
from flask_login import current_user

from olympiad.actions import perform
from olympiad.domain.awards import AwardRules, Rounding, Status, TiePolicy, WinnersRule
from olympiad.extensions import db
from olympiad.marking.access import is_chair, member_of
from olympiad.models import Olympiad, Participant, Role
from olympiad.permissions import get_or_404, roles
from olympiad.results import cache, services
from olympiad.results.forms import ApproveForm, OverrideForm, SettingsForm
from olympiad.results.frozen import frozen_tables
from olympiad.results.labels import status_labels, table_title
from olympiad.results.listing import olympiads_for
from olympiad.results.rules import rules_of
from olympiad.results.states import has_results, is_final
from olympiad.results.tables import line_of, rating_tables

bp = Blueprint("results", __name__, url_prefix="/results")


@bp.app_context_processor
def _helpers():
    # the status names are translated once per page, not once per line
    return {"result_status": status_labels(), "unit_title": table_title}


def jury_or_organizer(olympiad_id: int) -> Olympiad:
    """The olympiad for the organizer, or for its jury once results exist; 404 otherwise."""
    olympiad = get_or_404(Olympiad, olympiad_id)
    if current_user.role == Role.ORGANIZER:
        return olympiad
    if not has_results(olympiad) or member_of(olympiad, current_user) is None:
        abort(404)
    return olympiad


@bp.get("/")
@roles(Role.ORGANIZER, Role.COORDINATOR, Role.JUROR)
def index():
    return render_template("results/index.html", olympiads=olympiads_for(current_user))


@bp.get("/<int:olympiad_id>")
@roles(Role.ORGANIZER, Role.JUROR)
def show(olympiad_id: int):
    organizer = current_user.role == Role.ORGANIZER
    by_task = request.args.get("tasks") == "1"
    if organizer:  # one light query; the olympiad itself is loaded only to render
        found, chair = cache.head(olympiad_id), False
        if found is None:
            abort(404)
    else:
        found = jury_or_organizer(olympiad_id)
        chair = is_chair(found, current_user)
    if is_final(found):  # the approved protocol, rendered once per version of it

        def render(**extra) -> str:
            olympiad = db.session.get(Olympiad, olympiad_id)
            return render_template(
                "results/show.html",
                olympiad=olympiad,
                tables=frozen_tables(olympiad, overrides=organizer, points=by_task),
                names=organizer,
                by_task=by_task,
                chair=chair,
                blockers=[],
                **extra,
            )

        return cache.page(found, ("show", organizer, by_task, chair), render, args=("tasks",))
    olympiad = db.session.get(Olympiad, olympiad_id)
    tables = rating_tables(olympiad) if has_results(olympiad) else []
    return render_template(
        "results/show.html",
        olympiad=olympiad,
        tables=tables,
        names=organizer,  # the jury knows works by cipher only
        by_task=by_task,
        chair=chair,
        blockers=services.approval_blockers(olympiad, tables=tables) if tables else [],
    )


def _rules(form: SettingsForm) -> AwardRules:
    return AwardRules(
        threshold_share=form.threshold_share.data,
        threshold_strict=form.threshold_strict.data,
        quota_share=form.quota_share.data,
        rounding=Rounding(form.rounding.data),
        winners=WinnersRule(form.winners.data),
        winners_share=form.winners_share.data,
        tie_policy=TiePolicy(form.tie_policy.data),
    )


def _settings_form(olympiad: Olympiad) -> SettingsForm:
    form = SettingsForm()
    if request.method == "GET":
        rules = rules_of(olympiad)
        for name in ("threshold_share", "quota_share", "winners_share", "threshold_strict"):
            getattr(form, name).data = getattr(rules, name)
        form.rounding.data = rules.rounding.value
        form.winners.data = rules.winners.value
        form.tie_policy.data = rules.tie_policy.value
        form.rank_by_group.data = olympiad.rank_by_group
        closes = olympiad.appeals_close_at
        form.appeals_close_at.data = (
            to_user_timezone(closes).replace(tzinfo=None) if closes else None
        )
        form.version.data = olympiad.version
    return form


@bp.route("/<int:olympiad_id>/settings", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def settings(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    form = _settings_form(olympiad)
    changes = None
    if form.validate_on_submit():
        rules = _rules(form)
        closes = form.appeals_close_at.data
        closes = to_utc(closes).replace(tzinfo=UTC) if closes else None
        if "save" in request.form and perform(
            lambda: services.save_settings(
                current_user, olympiad, rules, form.rank_by_group.data, closes, form.version.data
            ),
            _("Настройки подведения итогов сохранены."),
        ):
            return redirect(url_for("results.show", olympiad_id=olympiad.id))
        if has_results(olympiad):
            changes = services.preview(olympiad, rules, form.rank_by_group.data)
    return render_template(
        "results/settings.html",
        olympiad=olympiad,
        form=form,
        changes=changes,
        frozen=is_final(olympiad),
    )


@bp.route("/<int:olympiad_id>/override/<int:participant_id>", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def override(olympiad_id: int, participant_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    participant = get_or_404(Participant, participant_id)
    if participant.olympiad_id != olympiad.id or not has_results(olympiad):
        abort(404)
    current = services.override_of(participant)
    form = OverrideForm()
    if request.method == "GET" and current:
        form.status.data, form.reason.data = current.status.value, current.reason
    if form.validate_on_submit():
        status = Status(form.status.data) if form.status.data else None
        if perform(
            lambda: services.set_override(
                current_user, olympiad, participant, status, form.reason.data
            ),
            _("Статус участника %(cipher)s сохранён.", cipher=participant.cipher),
        ):
            return redirect(
                url_for("results.show", olympiad_id=olympiad.id) + "#" + participant.cipher
            )
    found = line_of(olympiad, participant)
    return render_template(
        "results/override.html",
        olympiad=olympiad,
        participant=participant,
        form=form,
        line=found[1] if found else None,
    )


@bp.route("/<int:olympiad_id>/approve", methods=["GET", "POST"])
@roles(Role.JUROR)
def approve(olympiad_id: int):
    olympiad = jury_or_organizer(olympiad_id)
    if not is_chair(olympiad, current_user):
        abort(403)
    form = ApproveForm()
    if form.validate_on_submit() and perform(
        lambda: services.approve_final(
            current_user, olympiad, form.order.data, form.order_date.data
        ),
        _("Итоговые результаты утверждены."),
    ):
        return redirect(url_for("results.show", olympiad_id=olympiad.id))
    if request.method == "GET" and is_final(olympiad):
        flash(_("Итоговые результаты уже утверждены."), "info")
    return render_template(
        "results/approve.html",
        olympiad=olympiad,
        form=form,
        blockers=services.approval_blockers(olympiad),
    )
