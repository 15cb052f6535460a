"""Routes of the spreadsheet of marks: the template per group, upload and preview, save."""

import base64
import binascii

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from olympiad.downloads import attachment
from olympiad.enrollment.spreadsheet import MAX_BYTES, SpreadsheetError
from olympiad.extensions import db
from olympiad.marking import access, imports, jury
from olympiad.marking.answers import MarkingError
from olympiad.marking.forms import SaveImportForm, UploadForm
from olympiad.marking.sheets import template_xlsx
from olympiad.marking.views import STAFF, bp
from olympiad.marking.works import paper_of
from olympiad.models import OlympiadStatus, User
from olympiad.permissions import roles


@bp.get("/<int:olympiad_id>/groups/<int:group_id>/template.xlsx")
@roles(*STAFF)
def template(olympiad_id: int, group_id: int):
    """Ciphers of the group's present works and a column per task: nothing else."""
    olympiad = access.get_olympiad(olympiad_id)
    group = access.get_group(olympiad, group_id)
    paper = paper_of(group)
    if paper is None:
        abort(404)
    name = _("Оценки %(group)s классы.xlsx", group=group.name)
    return attachment(
        template_xlsx(olympiad, group, paper), name, f"marks-{olympiad.academic_year}.xlsx"
    )


def _upload_form(olympiad) -> UploadForm:
    form = UploadForm()
    form.group_id.choices = [(g.id, g.name) for g in olympiad.groups]
    form.juror_id.choices = [(0, _("— в файле только ответы на закрытые задания —"))] + [
        (m.user_id, m.user.full_name) for m in jury.members(olympiad)
    ]
    return form


def _chosen(olympiad, group_id, juror_id):
    group = next((g for g in olympiad.groups if g.id == group_id), None)
    juror = db.session.get(User, juror_id) if juror_id else None
    if group is None or (juror_id and access.member_of(olympiad, juror) is None):
        abort(404)
    return group, juror


def _preview_page(olympiad, group, juror, preview, form):
    return render_template(
        "marking/preview.html",
        olympiad=olympiad,
        group=group,
        juror=juror,
        preview=preview,
        form=form,
    )


@bp.route("/<int:olympiad_id>/import", methods=["GET", "POST"])
@roles(*STAFF)
def upload(olympiad_id: int):
    olympiad = access.get_olympiad(olympiad_id)
    access.ensure_chair(olympiad, or_organizer=True)
    form = _upload_form(olympiad)
    if form.validate_on_submit():
        group, juror = _chosen(olympiad, form.group_id.data, form.juror_id.data)
        filename = form.file.data.filename or ""
        content = form.file.data.read(MAX_BYTES + 1)
        reason = form.reason.data or ""
        try:
            preview = imports.preview(olympiad, group, filename, content, juror, reason)
        except (SpreadsheetError, MarkingError) as error:
            flash(str(error), "danger")
        else:
            save = SaveImportForm(
                formdata=None,
                payload=base64.urlsafe_b64encode(content).decode(),
                filename=filename[:300],
                group_id=group.id,
                juror_id=juror.id if juror else "",
                reason=reason[:500],
            )
            return _preview_page(olympiad, group, juror, preview, save)
    return render_template(
        "marking/upload.html",
        olympiad=olympiad,
        form=form,
        open=olympiad.status == OlympiadStatus.MARKING,
    )


@bp.post("/<int:olympiad_id>/import/save")
@roles(*STAFF)
def save_import(olympiad_id: int):
    olympiad = access.get_olympiad(olympiad_id)
    access.ensure_chair(olympiad, or_organizer=True)
    back = url_for("marking.upload", olympiad_id=olympiad.id)
    form = SaveImportForm()
    try:
        if not form.validate_on_submit():
            raise ValueError
        content = base64.urlsafe_b64decode(form.payload.data.encode("ascii"))
        group_id, juror_id = int(form.group_id.data), int(form.juror_id.data or 0)
    except (ValueError, binascii.Error):
        flash(_("Файл не дошёл до сервера целиком. Загрузите его ещё раз."), "danger")
        return redirect(back)
    group, juror = _chosen(olympiad, group_id, juror_id)
    try:
        count = imports.save_import(
            current_user,
            olympiad,
            group,
            form.filename.data or "",
            content,
            juror,
            form.reason.data or "",
        )
    except imports.ImportRefused as refusal:  # the rows to show: more than perform() gives
        db.session.rollback()
        flash(str(refusal), "danger")
        return _preview_page(olympiad, group, juror, refusal.preview, form)
    except (SpreadsheetError, MarkingError) as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(back)
    db.session.commit()
    flash(_("Из файла сохранено значений: %(n)s.", n=count), "success")
    return redirect(url_for("marking.home", olympiad_id=olympiad.id))
