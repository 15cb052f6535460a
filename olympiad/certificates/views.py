"""The organizer's pages of certificates: what is issued, issuing, re-issuing one.
Downloads are in download_views.py, designs in design_views.py, the public check in
verification.py."""

from __future__ import annotations

from collections import Counter

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from olympiad.actions import confirm, perform
from olympiad.certificates import issuing, records
from olympiad.certificates.forms import ReissueForm
from olympiad.certificates.labels import KIND_NAMES, KINDS, group_code
from olympiad.extensions import db
from olympiad.forms import ConfirmForm
from olympiad.models import Certificate, Olympiad, Role
from olympiad.participant.views import HOME_LINKS
from olympiad.permissions import get_or_404, roles
from olympiad.results.states import is_final

bp = Blueprint("certificates", __name__, url_prefix="/certificates")

HOME_LINKS.append(("certificates.mine", _l("Мои дипломы и сертификаты"), records.has_certificates))

PER_PAGE = 50


def certificate_links(olympiad: Olympiad) -> list[tuple[str, str]]:
    """The ways into the certificates of an olympiad for the current user (its page)."""
    if not current_user.is_authenticated:
        return []
    if current_user.role == Role.ORGANIZER:
        return [
            (url_for("certificates.index", olympiad_id=olympiad.id), _("Дипломы и сертификаты"))
        ]
    if current_user.role == Role.COORDINATOR and is_final(olympiad):
        return [
            (
                url_for("certificates.school", olympiad_id=olympiad.id),
                _("Дипломы и сертификаты школы"),
            )
        ]
    return []


@bp.app_context_processor
def _helpers():
    return {
        "certificate_kinds": KIND_NAMES,
        "certificate_links": certificate_links,
        "group_code": group_code,
    }


def certificate_of(olympiad: Olympiad, certificate_id: int) -> Certificate:
    certificate = get_or_404(Certificate, certificate_id)
    if certificate.olympiad_id != olympiad.id:
        abort(404)
    return certificate


@bp.get("/<int:olympiad_id>")
@roles(Role.ORGANIZER)
def index(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    final = is_final(olympiad)
    issued, revoked = records.kind_counts(olympiad)
    todo = Counter(item.kind for item in issuing.missing(olympiad)) if final else Counter()
    q = request.args.get("q", "")
    page = db.paginate(records.search(olympiad, q), per_page=PER_PAGE, error_out=False)
    return render_template(
        "certificates/index.html",
        olympiad=olympiad,
        final=final,
        kinds=KINDS,
        issued=issued,
        revoked=revoked,
        todo=todo,
        schools=records.per_school(olympiad),
        page=page,
        q=q,
    )


@bp.route("/<int:olympiad_id>/issue", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def issue(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    back = url_for("certificates.index", olympiad_id=olympiad.id)
    if not is_final(olympiad):
        flash(_("Дипломы и сертификаты выпускают, когда итоговые результаты утверждены."), "danger")
        return redirect(back)
    form = ConfirmForm()
    if form.validate_on_submit():
        done = perform(lambda: issuing.issue_all(current_user, olympiad))
        if done:
            if done.value:
                flash(_("Выпущено документов: %(n)s.", n=done.value), "success")
            else:
                flash(_("Все документы уже выпущены: добавить нечего."), "info")
        return redirect(back)
    count = len(issuing.missing(olympiad))
    return confirm(
        form,
        title=_("Выпуск дипломов и сертификатов"),
        question=_(
            "Выпустить документов: %(n)s? Каждый получит серийный номер и код проверки; "
            "уже выпущенные не изменятся.",
            n=count,
        ),
        button=_("Выпустить"),
        cancel=back,
    )


@bp.route("/<int:olympiad_id>/reissue/<int:certificate_id>", methods=["GET", "POST"])
@roles(Role.ORGANIZER)
def reissue(olympiad_id: int, certificate_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    certificate = certificate_of(olympiad, certificate_id)
    form = ReissueForm()
    if form.validate_on_submit():
        old_serial = certificate.serial
        done = perform(lambda: issuing.reissue(current_user, certificate, form.reason.data))
        if done:
            flash(
                _(
                    "Выпущен документ %(new)s; документ %(old)s отозван.",
                    new=done.value.serial,
                    old=old_serial,
                ),
                "success",
            )
            return redirect(url_for("certificates.index", olympiad_id=olympiad.id))
    return render_template(
        "certificates/reissue.html", olympiad=olympiad, certificate=certificate, form=form
    )
