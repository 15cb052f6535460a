"""The organizer adjusts the design of each kind of document and previews it unsaved."""

from __future__ import annotations

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from olympiad.actions import perform
from olympiad.certificates import designs
from olympiad.certificates.documents import sample
from olympiad.certificates.forms import SIGNATORIES, DesignForm
from olympiad.certificates.labels import DOCUMENT_NAMES, KINDS, safe_name
from olympiad.certificates.views import bp
from olympiad.downloads import PDF
from olympiad.errors import render_error
from olympiad.models import Olympiad, Role
from olympiad.pdf.certificates import Kind, render_one
from olympiad.permissions import get_or_404, roles


def _kind(value: str) -> Kind:
    try:
        return Kind(value)
    except ValueError:
        abort(404)


def _fill(form: DesignForm, olympiad: Olympiad, kind: Kind) -> None:
    """The form opened on the stored design (or the default one)."""
    row = designs.design_row(olympiad, kind)
    design = designs.to_design(row) if row else designs.default_design(olympiad, kind)
    for name in designs.TEXTS:
        getattr(form, name).data = getattr(design, name)
    for n, (title, name) in enumerate(design.signatories[:SIGNATORIES], start=1):
        getattr(form, f"title_{n}").data, getattr(form, f"name_{n}").data = title, name
    form.version.data = row.version if row else 0


def _data(form: DesignForm) -> designs.DesignData:
    return designs.DesignData(
        title=form.title.data.strip(),
        subtitle=(form.subtitle.data or "").strip(),
        body=form.body.data.strip(),
        issuer=form.issuer.data.strip(),
        signatories=form.signatories(),
        city=(form.city.data or "").strip(),
        landscape=form.landscape.data,
        accent=form.accent.data,
        show_place=form.show_place.data,
        images=form.image_changes(),
    )


@bp.get("/<int:olympiad_id>/designs")
@roles(Role.ORGANIZER)
def designs_index(olympiad_id: int):
    return redirect(url_for("certificates.design", olympiad_id=olympiad_id, kind=Kind.WINNER))


@bp.route("/<int:olympiad_id>/designs/<kind>", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def design(olympiad_id: int, kind: str):
    olympiad = get_or_404(Olympiad, olympiad_id)
    kind = _kind(kind)
    form = DesignForm()
    if request.method == "GET":
        _fill(form, olympiad, kind)
    elif form.validate_on_submit() and perform(
        lambda: designs.save_design(current_user, olympiad, kind, _data(form), form.version.data),
        _("Оформление сохранено."),
    ):
        return redirect(url_for("certificates.design", olympiad_id=olympiad.id, kind=kind))
    row = designs.design_row(olympiad, kind, images=True)
    return render_template(
        "certificates/design.html",
        olympiad=olympiad,
        kind=kind,
        kinds=KINDS,
        form=form,
        stored={name: bool(row and getattr(row, name)) for name in designs.IMAGES},
        custom=row is not None,
    )


@bp.post("/<int:olympiad_id>/designs/<kind>/preview")
@roles(Role.ORGANIZER)
def preview(olympiad_id: int, kind: str):
    """The PDF of a sample participant from the form as it is now, saved or not."""
    olympiad = get_or_404(Olympiad, olympiad_id)
    kind = _kind(kind)
    form = DesignForm()
    if not form.validate_on_submit():
        problems = [
            f"{form[name].label.text}: {' '.join(map(str, errors))}"
            for name, errors in form.errors.items()
            if name in form
        ]
        return render_error(400, _("Исправьте оформление: %(p)s", p="; ".join(problems)))
    design = designs.preview_design(olympiad, kind, _data(form))
    content = render_one(sample(kind, olympiad), design)
    response = Response(content, mimetype=PDF)  # shown in the new tab, not saved
    name = safe_name(f"{DOCUMENT_NAMES[kind]} preview", ".pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response
