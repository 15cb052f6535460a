"""Routes of the spreadsheet import: template, upload and preview, save all rows or none."""

import base64
import binascii

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from olympiad.downloads import attachment
from olympiad.enrollment import imports
from olympiad.enrollment.columns import LABELS
from olympiad.enrollment.forms import SaveImportForm, UploadForm
from olympiad.enrollment.services import EnrollmentError
from olympiad.enrollment.spreadsheet import MAX_BYTES, SpreadsheetError, template_xlsx
from olympiad.enrollment.views import STAFF, bp, own_school, refuse_if_closed
from olympiad.extensions import db
from olympiad.olympiads.views import get_visible_olympiad
from olympiad.permissions import roles


@bp.get("/template.xlsx")
@roles(*STAFF)
def template():
    """The template; for an olympiad (?olympiad_id=), its grade columns accept its grades."""
    olympiad_id = request.args.get("olympiad_id", "")
    grades = get_visible_olympiad(int(olympiad_id)).grades if olympiad_id.isdigit() else ()
    return attachment(
        template_xlsx(grades), _("Шаблон списка участников.xlsx"), "enrollment-template.xlsx"
    )


def _preview(olympiad, preview, form: SaveImportForm):
    return render_template(
        "enrollment/preview.html", olympiad=olympiad, preview=preview, form=form, labels=LABELS
    )


@bp.route("/<int:olympiad_id>/import", methods=["GET", "POST"])
@roles(*STAFF)
def upload(olympiad_id: int):
    olympiad = get_visible_olympiad(olympiad_id)
    if refused := refuse_if_closed(olympiad):
        return refused
    form = UploadForm()
    if form.validate_on_submit():
        filename = form.file.data.filename or ""
        content = form.file.data.read(MAX_BYTES + 1)
        try:
            preview = imports.preview_import(olympiad, filename, content, own_school())
        except SpreadsheetError as error:
            flash(str(error), "danger")
        else:
            save = SaveImportForm(
                formdata=None,
                payload=base64.urlsafe_b64encode(content).decode(),
                filename=filename[:300],
            )
            return _preview(olympiad, preview, save)
    return render_template(
        "enrollment/upload.html", olympiad=olympiad, form=form, fixed_school=own_school()
    )


@bp.post("/<int:olympiad_id>/import/save")
@roles(*STAFF)
def save_import(olympiad_id: int):
    olympiad = get_visible_olympiad(olympiad_id)
    back = url_for("enrollment.upload", olympiad_id=olympiad.id)
    if refused := refuse_if_closed(olympiad):
        return refused
    form = SaveImportForm()
    try:
        if not form.validate_on_submit():
            raise ValueError
        content = base64.urlsafe_b64decode(form.payload.data.encode("ascii"))
    except (ValueError, binascii.Error):
        flash(_("Файл не дошёл до сервера целиком. Загрузите его ещё раз."), "danger")
        return redirect(back)
    try:
        count = imports.save_import(
            current_user,
            olympiad,
            form.filename.data or "",
            content,
            own_school(),
            no_consent_confirmed=form.no_consent_confirmed.data,
        )
    # the rows to show: more than perform() gives
    except (imports.ImportRefused, imports.ImportUnconfirmed) as refusal:
        db.session.rollback()
        flash(str(refusal), "danger")
        return _preview(olympiad, refusal.preview, form)
    except (SpreadsheetError, EnrollmentError) as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(back)
    db.session.commit()
    flash(_("Из файла записано учеников: %(n)s.", n=count), "success")
    return redirect(url_for("enrollment.index", olympiad_id=olympiad.id))
