"""Issuing certificates once the results are final, and re-issuing one with a reason.

Each ranked participant gets one document of the kind of their approved status; each mentor
of winners or prize-winners gets one letter of thanks listing them (letters.py). Nothing is
issued while a signatory line of a design has no name. Serials are numbered within the
olympiad under a lock of its row (no gaps, no doubles); codes are random and unique.
Both operations flush and audit; the view (or the demo) commits.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from olympiad import audit
from olympiad.actions import Refused
from olympiad.certificates.labels import KIND_OF_STATUS
from olympiad.certificates.letters import (
    awarded_by_mentor,
    mentor_key,
    ranked_results,
)
from olympiad.database import begin_write
from olympiad.domain.awards import Status
from olympiad.domain.codes import ACCESS_ALPHABET
from olympiad.domain.olympiad_rules import FROZEN
from olympiad.extensions import db
from olympiad.models import Certificate, Olympiad, Participant, User
from olympiad.models.base import utcnow
from olympiad.pdf.certificates import Kind

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
    school_id: int = 0

    @property
    def key(self) -> tuple:
        """A pupil has one document of a kind; a mentor one letter in their school."""
        if self.kind is Kind.MENTOR:
            return Kind.MENTOR, mentor_key(self.school_id, self.mentor)
        return self.participant_id, self.kind


def wanted(olympiad: Olympiad) -> list[Wanted]:
    """Every document of the final results: the participants' in the order of the rating
    tables, then one letter per mentor, in the order of their first pupil."""
    rows = ranked_results(olympiad)
    own = []
    for result, _person in rows:
        if result.status == Status.UNDECIDED:  # cannot be final; never print it
            continue
        kind = KIND_OF_STATUS.get(result.status, Kind.PARTICIPANT)
        own.append(Wanted(result.participant_id, kind, "", result.status, result.place))
    letters = [
        Wanted(
            pupils[0][1].id,
            Kind.MENTOR,
            name,
            pupils[0][0].status,
            pupils[0][0].place,
            school_id=pupils[0][1].school_id,
        )  # fmt: skip
        for name, pupils in awarded_by_mentor(olympiad, rows).values()
    ]
    return own + letters


def _live_keys(olympiad: Olympiad) -> set[tuple]:
    rows = db.session.execute(
        select(
            Certificate.participant_id, Certificate.kind, Certificate.mentor, Participant.school_id
        )
        .join(Participant, Participant.id == Certificate.participant_id)
        .where(Certificate.olympiad_id == olympiad.id, Certificate.revoked_at.is_(None))
    )
    return {
        Wanted(pid, kind, mentor, Status.PARTICIPANT, None, school_id).key
        for pid, kind, mentor, school_id in rows
    }


def unsigned(olympiad: Olympiad, kinds) -> list[str]:
    """The signatory lines without a name in the designs of these kinds."""
    from olympiad.certificates.designs import design_of  # designs import this module

    lines = []
    for kind in dict.fromkeys(kinds):
        for title, name in design_of(olympiad, kind).signatories:
            if not name.strip() and title not in lines:
                lines.append(title or _("без должности"))
    return lines


def _check_signed(olympiad: Olympiad, kinds) -> None:
    lines = unsigned(olympiad, kinds)
    if lines:
        raise CertificateError(
            _(
                "Не указано, кто подписывает: %(lines)s. Впишите имена в оформлении "
                "документов, потом выпускайте.",
                lines=", ".join(f"«{line}»" for line in lines),
            )
        )


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
    _check_signed(olympiad, (item.kind for item in todo))
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
    from olympiad.mail import events

    events.certificates_issued(olympiad)
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
    _check_signed(olympiad, [certificate.kind])
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
        certificate.participant.school_id,
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
