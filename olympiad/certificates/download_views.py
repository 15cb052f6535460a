"""Downloads: a participant's own documents, a coordinator's school, the organizer's all.
Nobody gets another participant's or another school's documents; revoked ones never go out."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user

from olympiad.certificates import bundles, records
from olympiad.certificates.designs import design_of, designs_of
from olympiad.certificates.documents import document, file_names, member_name, public_url
from olympiad.certificates.labels import russian_name, safe_name
from olympiad.certificates.views import bp, certificate_of
from olympiad.downloads import attachment, disposition
from olympiad.models import Certificate, Olympiad, Role, School
from olympiad.participant import session
from olympiad.pdf.certificates import render_one
from olympiad.permissions import ensure_school, get_or_404, participant_only, roles

SET_NAMES = {
    "all": "Дипломы, сертификаты и письма",
    "students": "Дипломы и сертификаты",
    "mentors": "Благодарственные письма",
}


def _file(certificate: Certificate):
    content = render_one(document(certificate), design_of(certificate.olympiad, certificate.kind))
    return attachment(content, *file_names(certificate))


@bp.get("/mine")
@participant_only
def mine():
    participant = session.current()
    return render_template(
        "certificates/mine.html", participant=participant, certificates=records.own(participant)
    )


@bp.get("/mine/<int:certificate_id>")
@participant_only
def my_file(certificate_id: int):
    participant = session.current()
    found = [c for c in records.own(participant) if c.id == certificate_id]
    if not found:
        abort(404)
    return _file(found[0])


@bp.get("/<int:olympiad_id>/school")
@roles(Role.COORDINATOR)
def school(olympiad_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    own_school = current_user.school
    if own_school is None:
        abort(403)
    return render_template(
        "certificates/school.html",
        olympiad=olympiad,
        school=own_school,
        certificates=records.valid(olympiad, own_school.id),
    )


@bp.get("/<int:olympiad_id>/file/<int:certificate_id>")
@roles(Role.ORGANIZER, Role.COORDINATOR)
def file(olympiad_id: int, certificate_id: int):
    olympiad = get_or_404(Olympiad, olympiad_id)
    certificate = certificate_of(olympiad, certificate_id)
    ensure_school(certificate.participant.school_id)
    if certificate.revoked:
        abort(404)
    return _file(certificate)


def _scope(olympiad: Olympiad) -> School | None:
    """The school asked for (a coordinator's own by default), or None for all schools."""
    school_id = request.args.get("school", type=int)
    if current_user.role == Role.COORDINATOR:
        school_id = current_user.school_id if school_id is None else school_id
        ensure_school(school_id)
    if school_id is None:
        return None
    return get_or_404(School, school_id)


@bp.get("/<int:olympiad_id>/bundle.<fmt>")
@roles(Role.ORGANIZER, Role.COORDINATOR)
def bundle(olympiad_id: int, fmt: str):
    olympiad = get_or_404(Olympiad, olympiad_id)
    which = request.args.get("set", "all")
    if fmt not in bundles.MIMETYPES or which not in records.SETS:
        abort(404)
    school = _scope(olympiad)
    certificates = records.valid(olympiad, school.id if school else None, which)
    if not certificates:
        abort(404)
    base = public_url()
    made = bundles.Bundle(
        olympiad_id=olympiad.id,
        scope=f"school-{school.id}" if school else "all",
        which=which,
        fmt=fmt,
        documents=[
            (member_name(c, folder=school is None), document(c, base)) for c in certificates
        ],
        designs=designs_of(olympiad),
    )
    where = school.full_name if school else "все школы"
    title = f"{SET_NAMES[which]} {olympiad.academic_year} — {where}"
    response = bundles.serve(made)
    response.headers["Content-Disposition"] = disposition(
        russian_name(title, f".{fmt}"), safe_name(title.replace("—", "-"), f".{fmt}")
    )
    return response
