"""Demo step: the certificates of the 2020-2021 olympiad, issued the day after the final
protocol was approved, with both signatories named under their lines (issuing refuses
a blank one)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from olympiad.certificates import designs
from olympiad.certificates.issuing import issue_all
from olympiad.certificates.labels import KINDS
from olympiad.extensions import db
from olympiad.models import Olympiad, Role, User
from olympiad.results.states import is_final

YEAR = "2020-2021"
ISSUED_AT = datetime(2021, 3, 23, 2, 0, tzinfo=UTC)  # 10:00 in Buryatia
HEAD = "Т. Г. Николаева"
CHIEF = "С. Д. Очирова"  # head of the district education department (a demo name)


def _designs(organizer: User, olympiad: Olympiad) -> None:
    for kind in KINDS:
        design = designs.default_design(olympiad, kind)
        signatories = tuple(
            (title, HEAD if "РМО" in title else (name or CHIEF))
            for title, name in design.signatories
        )
        data = designs.DesignData(
            **{name: getattr(design, name) for name in designs.TEXTS},
            signatories=signatories,
            images={},
        )
        designs.save_design(organizer, olympiad, kind, data, 0)


def load_certificates() -> None:
    olympiad = db.session.scalar(
        select(Olympiad).where(Olympiad.academic_year == YEAR).order_by(Olympiad.id).limit(1)
    )
    organizer = db.session.scalar(select(User).where(User.role == Role.ORGANIZER).limit(1))
    if olympiad is None or organizer is None or not is_final(olympiad):
        return
    if designs.design_row(olympiad, KINDS[0]) is None:
        _designs(organizer, olympiad)
    issue_all(organizer, olympiad, at=ISSUED_AT)
    db.session.flush()
