"""The organizer's design of each kind of document: the stored one, or a default made for
the olympiad; saving with a version check; a fingerprint for the download cache."""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import undefer

from olympiad import audit
from olympiad.certificates.issuing import CertificateError
from olympiad.certificates.labels import KINDS
from olympiad.database import begin_write
from olympiad.extensions import db
from olympiad.models import CertificateDesign, Olympiad, Participant, School, User
from olympiad.pdf.certificates import Design, Kind, default_designs
from olympiad.versions import is_stale

IMAGES = ("logo", "stamp", "signature")
TEXTS = ("title", "subtitle", "body", "issuer", "city", "landscape", "accent", "show_place")
ASSOCIATION = "Районное методическое объединение педагогов-библиотекарей"
SIGNATORIES = (
    ("Начальник Управления образования", ""),
    ("Руководитель РМО педагогов-библиотекарей", ""),
)
PLACEHOLDERS = (
    "name",
    "name_dat",
    "name_gen",
    "pupil",
    "took",
    "pupils",
    "place_words",
    "school",
    "grade",
    "olympiad",
    "year",
    "status",
    "status_gen",
    "place",
    "mentor",
    "participant",
)


def issuer_of(olympiad: Olympiad) -> str:
    """'Управление образования МО «Селенгинский район»' (the municipality of most of the
    olympiad's schools) over the association's name."""
    rows = db.session.scalars(
        select(School.municipality)
        .join(Participant, Participant.school_id == School.id)
        .where(Participant.olympiad_id == olympiad.id)
    )
    common = Counter(m.strip() for m in rows if m and m.strip()).most_common(1)
    head = f"Управление образования {common[0][0]}" if common else "Управление образования"
    return f"{head}\n{ASSOCIATION}"


def default_design(olympiad: Olympiad, kind: Kind) -> Design:
    design = default_designs(issuer=issuer_of(olympiad))[kind]
    # {olympiad} is printed quoted when it needs quotes (labels.olympiad_words)
    return dataclasses.replace(
        design, body=design.body.replace("«{olympiad}»", "{olympiad}"), signatories=SIGNATORIES
    )


def design_row(olympiad: Olympiad, kind: Kind, images: bool = False) -> CertificateDesign | None:
    query = select(CertificateDesign).where(
        CertificateDesign.olympiad_id == olympiad.id, CertificateDesign.kind == kind
    )
    if images:
        query = query.options(*(undefer(getattr(CertificateDesign, name)) for name in IMAGES))
    return db.session.scalar(query.execution_options(populate_existing=True))


def to_design(row: CertificateDesign) -> Design:
    return Design(
        kind=row.kind,
        signatories=tuple((title, name) for title, name in row.signatories),
        **{name: getattr(row, name) for name in TEXTS + IMAGES},
    )


def design_of(olympiad: Olympiad, kind: Kind) -> Design:
    row = design_row(olympiad, kind, images=True)
    return to_design(row) if row else default_design(olympiad, kind)


def designs_of(olympiad: Olympiad) -> dict[Kind, Design]:
    return {kind: design_of(olympiad, kind) for kind in KINDS}


def fingerprint(designs: dict[Kind, Design]) -> str:
    """Changes whenever anything printed from the designs would change."""
    digest = hashlib.sha256()
    for kind in sorted(designs):
        for field in dataclasses.fields(Design):
            value = getattr(designs[kind], field.name)
            if isinstance(value, bytes):
                value = hashlib.sha256(value).hexdigest()
            digest.update(repr((kind.value, field.name, value)).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class DesignData:
    """What the form gives: the texts, and the images that change (None removes one)."""

    title: str
    subtitle: str
    body: str
    issuer: str
    signatories: tuple[tuple[str, str], ...]
    city: str
    landscape: bool
    accent: str
    show_place: bool
    images: dict[str, bytes | None]


def preview_design(olympiad: Olympiad, kind: Kind, data: DesignData) -> Design:
    """The design as it would be saved, for the preview (nothing is stored)."""
    current = design_of(olympiad, kind)
    images = {name: data.images.get(name, getattr(current, name)) for name in IMAGES}
    texts = {name: getattr(data, name) for name in TEXTS}
    return Design(kind=kind, signatories=data.signatories, **texts, **images)


def _stale() -> CertificateError:
    return CertificateError(
        _("Пока вы редактировали, оформление изменил другой пользователь. Обновите страницу.")
    )


def save_design(
    actor: User, olympiad: Olympiad, kind: Kind, data: DesignData, version: int
) -> CertificateDesign:
    """Store the design; `version` is the one the form was opened with (0: the default)."""
    begin_write(db.session)
    db.session.scalar(select(Olympiad.id).where(Olympiad.id == olympiad.id).with_for_update())
    row = design_row(olympiad, kind, images=True)
    if is_stale(version, row.version if row else 0):
        raise _stale()
    old = None
    if row is None:
        row = CertificateDesign(olympiad_id=olympiad.id, kind=kind)
        db.session.add(row)
    else:
        old = {name: getattr(row, name) for name in TEXTS}
        old["signatories"] = row.signatories
    for name in TEXTS:
        setattr(row, name, getattr(data, name))
    row.signatories = [list(pair) for pair in data.signatories]
    for name, content in data.images.items():
        setattr(row, name, content)
    db.session.flush()
    new = {name: getattr(data, name) for name in TEXTS}
    new["signatories"] = row.signatories
    new["images"] = {
        name: "removed" if content is None else hashlib.sha256(content).hexdigest()[:16]
        for name, content in data.images.items()
    }
    audit.record(actor, "certificate_design", row, old=old, new=new)
    return row
