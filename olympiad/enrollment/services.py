"""Operations on enrollments. They flush; the view (or the CLI) commits."""

from sqlalchemy import select

from olympiad.domain.codes import issue_access_codes, issue_ciphers
from olympiad.extensions import db
from olympiad.models import Olympiad, Participant, ParticipantStatus


def issue_codes(olympiad: Olympiad) -> int:
    """Give every enrolled participant a cipher and an access code; issued ones are kept.
    Returns how many participants got new codes."""
    everyone = db.session.scalars(
        select(Participant).where(Participant.olympiad_id == olympiad.id).order_by(Participant.id)
    ).all()
    enrolled = [p for p in everyone if p.status == ParticipantStatus.ENROLLED]
    ciphers = issue_ciphers(
        [p.id for p in enrolled], {p.id: p.cipher for p in everyone if p.cipher}
    )
    access = issue_access_codes(
        [p.id for p in enrolled], {p.id: p.access_code for p in everyone if p.access_code}
    )
    fresh = 0
    for participant in enrolled:
        fresh += participant.cipher is None
        participant.cipher = ciphers[participant.id]
        participant.access_code = access[participant.id]
    db.session.flush()
    return fresh
