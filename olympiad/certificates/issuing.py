"""Issuing certificates once the results are final, and re-issuing one with a reason.

Each ranked participant gets one document of the kind of their approved status; each mentor
of a winner or prize-winner gets a letter of thanks. Serials are numbered within the
olympiad under a lock of its row (no gaps, no doubles); codes are random and unique.
Both operations flush and audit; the view (or the demo) commits.
"""

from __future__ import annotations

import re
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from olympiad import audit
from olympiad.certificates.labels import AWARDED, KIND_OF_STATUS
from olympiad.database import begin_write
from olympiad.domain.awards import Status
from olympiad.domain.codes import ACCESS_ALPHABET
from olympiad.domain.olympiad_rules import FROZEN
from olympiad.extensions import db
from olympiad.models import Certificate, FrozenResult, Olympiad, Participant, User
from olympiad.models.base import utcnow
from olympiad.operations import Refused
from olympiad.pdf.certificates import Kind
from olympiad.results.tables import units

CODE_LENGTH = 12  # 31 ** 12: about 59 bits, as an access code
MAX_REASON = 1000


class CertificateError(Refused):
    """A refused change of certificates, with a message for the user."""


@dataclass(frozen=True)
class Wanted:
    """One document the final results call for."""

    participant_id: int
    kind: Kind
    mentor: str  # the letter's addressee; "" for the participant's own document
    status: Status
    place: int | None

    @property
    def key(self) -> tuple[int, Kind, str]:
        return self.participant_id, self.kind, self.mentor


def mentors_of(text: str | None) -> list[str]:
    """'Петрова А. С.; Иванов И. И., ' -> the two names (each once)."""
    names = (name.strip() for name in re.split(r"[,;]", text or ""))
    return list(dict.fromkeys(name for name in names if name))


def wanted(olympiad: Olympiad) -> list[Wanted]:
    """Every document of the final results: the participants' in the order of the rating
    tables, then the mentors' letters in the same order."""
    rows = db.session.execute(
        select(FrozenResult, Participant.mentor)
        .join(Participant, Participant.id == FrozenResult.participant_id)
        .where(FrozenResult.olympiad_id == olympiad.id)
    ).all()
    order = {unit: n for n, (unit, _grades) in enumerate(units(olympiad))}
    rows.sort(key=lambda row: (order.get(row[0].unit, len(order)), row[0].unit, row[0].position))
    own, letters = [], []
    for result, mentor in rows:
        if result.status == Status.UNDECIDED:  # cannot be final; never print it
            continue
        kind = KIND_OF_STATUS.get(result.status, Kind.PARTICIPANT)
        own.append(Wanted(result.participant_id, kind, "", result.status, result.place))
        if result.status in AWARDED:
            letters += [
                Wanted(result.participant_id, Kind.MENTOR, name, result.status, result.place)
                for name in mentors_of(mentor)
            ]
    return own + letters


def _live_keys(olympiad: Olympiad) -> set[tuple[int, Kind, str]]:
    rows = db.session.execute(
        select(Certificate.participant_id, Certificate.kind, Certificate.mentor).where(
            Certificate.olympiad_id == olympiad.id, Certificate.revoked_at.is_(None)
        )
    )
    return {(pid, kind, mentor) for pid, kind, mentor in rows}


def missing(olympiad: Olympiad) -> list[Wanted]:
    """What issuing would add now: the wanted documents that have no valid certificate."""
    live = _live_keys(olympiad)
    return [item for item in wanted(olympiad) if item.key not in live]


def _lock(olympiad: Olympiad) -> None:
    """Serialize numbering within the olympiad; the results must be final under the lock."""
    begin_write(db.session)
    status = db.session.scalar(
        select(Olympiad.status).where(Olympiad.id == olympiad.id).with_for_update()
    )
    if status not in FROZEN:
        raise CertificateError(
            _("Дипломы и сертификаты выпускают, когда итоговые результаты утверждены.")
        )


def _next_number(olympiad: Olympiad) -> int:
    query = select(func.max(Certificate.number)).where(Certificate.olympiad_id == olympiad.id)
    return (db.session.scalar(query) or 0) + 1


def new_code() -> str:
    return "".join(secrets.choice(ACCESS_ALPHABET) for _ in range(CODE_LENGTH))


def _new_codes(count: int) -> list[str]:
    """`count` fresh codes, none of them used before (a clash is all but impossible, but
    the unique constraint would fail the whole batch)."""
    codes: list[str] = []
    while len(codes) < count:
        batch = {new_code() for _ in range(count - len(codes))} - set(codes)
        taken: set[str] = set()
        chunk = list(batch)
        for start in range(0, len(chunk), 500):
            part = chunk[start : start + 500]
            taken |= set(
                db.session.scalars(select(Certificate.code).where(Certificate.code.in_(part)))
            )
        codes += [code for code in chunk if code not in taken]
    return codes


def serial_of(olympiad: Olympiad, number: int) -> str:
    return f"{olympiad.academic_year}/ИК/{number:04d}"


def _certificate(olympiad: Olympiad, item: Wanted, number: int, code: str, at: datetime):
    return Certificate(
        olympiad_id=olympiad.id,
        participant_id=item.participant_id,
        kind=item.kind,
        mentor=item.mentor,
        number=number,
        serial=serial_of(olympiad, number),
        code=code,
        status=item.status,
        place=item.place,
        issued_at=at,
    )


def issue_all(actor: User | None, olympiad: Olympiad, at: datetime | None = None) -> int:
    """Issue every missing document; the number issued (0 when nothing is missing)."""
    _lock(olympiad)
    todo = missing(olympiad)
    if not todo:
        return 0
    at = at or utcnow()
    first = _next_number(olympiad)
    issued = [
        _certificate(olympiad, item, number, code, at)
        for number, (item, code) in enumerate(
            zip(todo, _new_codes(len(todo)), strict=True), start=first
        )
    ]
    db.session.add_all(issued)
    db.session.flush()
    audit.record(
        actor,
        "certificates_issued",
        olympiad,
        new={
            "count": len(issued),
            "serials": [issued[0].serial, issued[-1].serial],
            "kinds": dict(Counter(c.kind.value for c in issued)),
        },
    )
    return len(issued)


def reissue(actor: User, certificate: Certificate, reason: str) -> Certificate:
    """Revoke `certificate` and issue its replacement with a new serial and code."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(
            _("Укажите причину: она сохранится в журнале и на странице проверки.")
        )
    if len(reason) > MAX_REASON:
        raise CertificateError(_("Причина длиннее %(n)s знаков: сократите её.", n=MAX_REASON))
    olympiad = certificate.olympiad
    _lock(olympiad)
    db.session.refresh(certificate)
    if certificate.revoked:
        raise CertificateError(
            _(
                "Документ %(serial)s уже отозван: перевыпускают действующий.",
                serial=certificate.serial,
            )
        )
    now = utcnow()
    certificate.revoked_at, certificate.revoke_reason = now, reason
    item = Wanted(
        certificate.participant_id,
        certificate.kind,
        certificate.mentor,
        certificate.status,
        certificate.place,
    )
    (code,) = _new_codes(1)
    fresh = _certificate(olympiad, item, _next_number(olympiad), code, now)
    db.session.add(fresh)
    db.session.flush()
    audit.record(
        actor,
        "certificate_reissued",
        fresh,
        old={"serial": certificate.serial, "id": certificate.id},
        new={"serial": fresh.serial, "kind": fresh.kind.value},
        reason=reason,
    )
    return fresh
