"""Reading issued certificates: whose they are, what a download holds, what a code proves."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import contains_eager

from olympiad.certificates.labels import KINDS
from olympiad.domain.codes import ACCESS_ALPHABET
from olympiad.extensions import db
from olympiad.models import Certificate, Olympiad, Participant, School
from olympiad.pdf.certificates import Kind

# What a bundle holds: everything, the participants' own documents, or the mentors' letters
SETS = {
    "all": tuple(KINDS),
    "students": (Kind.WINNER, Kind.PRIZE_WINNER, Kind.PARTICIPANT),
    "mentors": (Kind.MENTOR,),
}

_LOOKALIKES = str.maketrans("АВСЕНКМРТХУ", "ABCEHKMPTXY")
_CODE = re.compile(rf"[{ACCESS_ALPHABET}]{{12}}")


def has_certificates(participant: Participant) -> bool:
    """The participant has a valid document of their own (their home page links to it)."""
    return bool(
        db.session.scalar(
            select(func.count(Certificate.id)).where(
                Certificate.participant_id == participant.id,
                Certificate.kind != Kind.MENTOR,
                Certificate.revoked_at.is_(None),
            )
        )
    )


def own(participant: Participant) -> list[Certificate]:
    """A participant's valid documents (letters to their mentors are the school's)."""
    query = select(Certificate).where(
        Certificate.participant_id == participant.id,
        Certificate.kind != Kind.MENTOR,
        Certificate.revoked_at.is_(None),
    )
    return list(db.session.scalars(query.order_by(Certificate.number)))


def _order(certificate: Certificate) -> tuple:
    person = certificate.participant
    return (
        person.school.short_name.casefold(),
        KINDS.index(certificate.kind),
        person.surname.casefold(),
        person.name.casefold(),
        (person.patronymic or "").casefold(),
        certificate.mentor.casefold(),
        certificate.number,
    )


def valid(
    olympiad: Olympiad, school_id: int | None = None, which: str = "all"
) -> list[Certificate]:
    """Valid certificates of the olympiad (of one school), ordered for printing: by school,
    kind (winners first), surname. Revoked ones never go into a download."""
    query = (
        select(Certificate)
        .join(Certificate.participant)
        .join(Participant.school)
        .options(contains_eager(Certificate.participant).contains_eager(Participant.school))
        .where(
            Certificate.olympiad_id == olympiad.id,
            Certificate.revoked_at.is_(None),
            Certificate.kind.in_(SETS[which]),
        )
    )
    if school_id is not None:
        query = query.where(Participant.school_id == school_id)
    return sorted(db.session.scalars(query).unique(), key=_order)


@dataclass(frozen=True)
class SchoolCount:
    school: School
    students: int
    mentors: int

    @property
    def total(self) -> int:
        return self.students + self.mentors


def per_school(olympiad: Olympiad) -> list[SchoolCount]:
    rows = db.session.execute(
        select(School, Certificate.kind, func.count(Certificate.id))
        .join(Participant, Participant.school_id == School.id)
        .join(Certificate, Certificate.participant_id == Participant.id)
        .where(Certificate.olympiad_id == olympiad.id, Certificate.revoked_at.is_(None))
        .group_by(School.id, Certificate.kind)
    ).all()
    counts: dict[int, list] = {}
    for school, kind, n in rows:
        entry = counts.setdefault(school.id, [school, 0, 0])
        entry[2 if kind == Kind.MENTOR else 1] += n
    found = [SchoolCount(*entry) for entry in counts.values()]
    return sorted(found, key=lambda c: c.school.short_name.casefold())


def kind_counts(olympiad: Olympiad) -> tuple[Counter, int]:
    """Valid certificates per kind, and how many were revoked."""
    rows = db.session.execute(
        select(Certificate.kind, Certificate.revoked_at.is_(None), func.count(Certificate.id))
        .where(Certificate.olympiad_id == olympiad.id)
        .group_by(Certificate.kind, Certificate.revoked_at.is_(None))
    ).all()
    valid_counts: Counter = Counter()
    revoked = 0
    for kind, is_valid, n in rows:
        if is_valid:
            valid_counts[Kind(kind)] += n
        else:
            revoked += n
    return valid_counts, revoked


def search(olympiad: Olympiad, q: str):
    """The organizer's register of issued certificates in the order of their serials,
    found by serial, surname or mentor."""
    query = (
        select(Certificate)
        .join(Certificate.participant)
        .options(contains_eager(Certificate.participant))
        .where(Certificate.olympiad_id == olympiad.id)
        .order_by(Certificate.number)
    )
    q = q.strip()
    if q:
        like = f"%{q.lower()}%"
        query = query.where(
            or_(
                func.lower(Certificate.serial).like(like),
                func.lower(Participant.surname).like(like),
                func.lower(Certificate.mentor).like(like),
            )
        )
    return query


def normalize_code(text: str) -> str | None:
    """What someone typed from a printed code -> 'K7MX4QPR9TWZ'; None if it cannot be one."""
    text = (text or "").strip().rstrip("/").rpartition("/")[2]  # a whole address pasted
    compact = re.sub(r"[\s\-–—_.]", "", text.upper().translate(_LOOKALIKES))
    return compact if _CODE.fullmatch(compact) else None


def by_code(text: str) -> Certificate | None:
    code = normalize_code(text)
    if code is None:
        return None
    return db.session.scalar(select(Certificate).where(Certificate.code == code))


_SERIAL = re.compile(r"№?(\d{4})[-–—](\d{4})/(?:ИК|IK)/(\d{1,6})")


def by_serial(text: str) -> Certificate | None:
    """'2020-2021/ИК/0123' (or typed as 2020–2021/ик/123) -> its certificate."""
    found = _SERIAL.fullmatch(re.sub(r"\s+", "", text or "").upper())
    if found is None:
        return None
    first, second, number = found.groups()
    serial = f"{first}-{second}/ИК/{int(number):04d}"
    return db.session.scalar(select(Certificate).where(Certificate.serial == serial))


def successor(certificate: Certificate) -> Certificate | None:
    """The valid document that replaced a revoked one, if any."""
    return db.session.scalar(
        select(Certificate).where(
            Certificate.participant_id == certificate.participant_id,
            Certificate.kind == certificate.kind,
            Certificate.mentor == certificate.mentor,
            Certificate.revoked_at.is_(None),
        )
    )
