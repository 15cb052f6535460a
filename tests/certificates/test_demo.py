"""The demo issues the certificates of its olympiad: one per ranked participant by their
final status, a letter per mentor of an awarded one, dated the day after the protocol."""

from collections import Counter

from sqlalchemy import select

from olympiad.certificates.demo import load_certificates
from olympiad.certificates.letters import mentor_key, mentors_of
from olympiad.extensions import db
from olympiad.models import Certificate, FrozenResult, Olympiad, OlympiadStatus
from olympiad.pdf.certificates import Kind


def test_demo_issues_every_document(load_demo):
    result = load_demo()
    assert result.exit_code == 0, result.output
    olympiad = db.session.scalar(select(Olympiad).where(Olympiad.academic_year == "2020-2021"))
    assert olympiad.status == OlympiadStatus.PUBLISHED
    finals = db.session.scalars(
        select(FrozenResult).where(FrozenResult.olympiad_id == olympiad.id)
    ).all()
    certificates = db.session.scalars(select(Certificate)).all()
    kinds = Counter(c.kind for c in certificates)
    statuses = Counter(f.status.value for f in finals)
    assert kinds[Kind.WINNER] == statuses["winner"] > 0
    assert kinds[Kind.PRIZE_WINNER] == statuses["prize_winner"] > 0
    assert kinds[Kind.PARTICIPANT] == statuses["participant"] > 0
    awarded = [f for f in finals if f.status.value in ("winner", "prize_winner")]
    letters = {
        mentor_key(f.participant.school_id, name)
        for f in awarded
        for name in mentors_of(f.participant.mentor)
    }
    assert kinds[Kind.MENTOR] == len(letters) < len(awarded)  # one letter per mentor
    assert {c.issued_at.date().isoformat() for c in certificates} == {"2021-03-23"}
    before = len(certificates)
    load_certificates()  # a second run adds nothing
    assert db.session.scalar(select(db.func.count(Certificate.id))) == before
