"""The organizer's page of the installation: the backup download, retention and purge."""

import io
import time

from flask import Blueprint, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from olympiad.actions import perform
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import Olympiad, Role
from olympiad.operations import purge
from olympiad.operations.backup import write_backup
from olympiad.operations.forms import RetentionForm
from olympiad.permissions import get_or_404, roles

bp = Blueprint("operations", __name__, url_prefix="/operations")


@bp.get("/")
@roles(Role.ORGANIZER)
def index():
    olympiads = db.session.scalars(select(Olympiad).order_by(Olympiad.academic_year.desc()))
    rows = [(o, purge.purge_due(o), purge.refusal(o)) for o in olympiads]
    return render_template("operations/index.html", rows=rows)


@bp.get("/backup")
@roles(Role.ORGANIZER)
def backup():
    spool = io.BytesIO()  # a district's backup is a few megabytes: memory is fine
    write_backup(db.engine, db.metadata, spool)
    spool.seek(0)
    name = f"olympiad-backup-{time.strftime('%Y-%m-%d-%H%M')}.zip"
    return send_file(spool, mimetype="application/zip", as_attachment=True, download_name=name)


@bp.route("/olympiads/<int:olympiad_id>/retention", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def retention(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    form = RetentionForm(data={"days": olympiad.retention_days})
    if form.validate_on_submit():
        perform(
            lambda: purge.set_retention(current_user, olympiad, form.days.data),
            _("Срок хранения сохранён."),
        )
        return redirect(url_for("operations.index"))
    return render_template("operations/retention.html", olympiad=olympiad, form=form)


@bp.route("/olympiads/<int:olympiad_id>/purge", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def purge_personal_data(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    back = url_for("operations.index")
    refused = purge.refusal(olympiad)
    if refused:
        flash(refused, "danger")
        return redirect(back)
    form = ConfirmForm()
    if form.validate_on_submit():
        perform(
            lambda: purge.purge(current_user, olympiad),
            _("Персональные данные участников удалены; результаты и статистика сохранены."),
        )
        return redirect(back)
    counts = purge.plan(olympiad)
    return render_template(
        "operations/purge.html", olympiad=olympiad, counts=counts, form=form, cancel=back
    )
