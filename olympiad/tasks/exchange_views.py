"""Routes of the bank exchange: JSON and XLSX downloads, and an all-or-nothing import."""

from datetime import date

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from olympiad.actions import Refused
from olympiad.downloads import JSON, XLSX, attachment
from olympiad.extensions import db
from olympiad.models import Role
from olympiad.permissions import roles
from olympiad.tasks import exchange, workbook
from olympiad.tasks.forms import ImportForm
from olympiad.tasks.views import bp


@bp.get("/export.json")
@roles(Role.ORGANIZER)
def export_json():
    stamp = date.today().isoformat()
    return attachment(
        exchange.export_json(),
        f"Банк заданий {stamp}.json",
        f"task-bank-{stamp}.json",
        JSON,
    )


@bp.get("/export.xlsx")
@roles(Role.ORGANIZER)
def export_xlsx():
    stamp = date.today().isoformat()
    return attachment(
        workbook.export_workbook(), f"Банк заданий {stamp}.xlsx", f"task-bank-{stamp}.xlsx", XLSX
    )


@bp.route("/import", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def import_bank():
    form = ImportForm()
    problems: list[str] = []
    if form.validate_on_submit():
        limit = current_app.config.get("MAX_CONTENT_LENGTH") or 8 * 1024 * 1024
        content = form.file.data.read(limit + 1)
        reader = workbook.read_workbook if content.startswith(b"PK\x03\x04") else exchange.read_json
        try:
            report = exchange.import_bank(
                current_user, reader(content), update_existing=form.update_existing.data
            )
        except exchange.BankImportRefused as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
            problems = refusal.problems
        except Refused as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
        else:
            db.session.commit()
            flash(
                _(
                    "Банк загружен: новых заданий %(new)s, новых версий %(updated)s, "
                    "без изменений %(same)s.",
                    new=len(report.created),
                    updated=len(report.updated),
                    same=len(report.unchanged),
                ),
                "success",
            )
            return redirect(url_for("tasks.index"))
    return render_template("tasks/import.html", form=form, problems=problems)
