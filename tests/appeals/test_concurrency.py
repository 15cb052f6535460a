"""Two real sessions at once: simultaneous filings get consecutive numbers and never a
duplicate appeal; two decisions on one appeal, one wins and the other is refused."""

from sqlalchemy import select

from olympiad.appeals.deciding import decide
from olympiad.appeals.filing import file_appeal
from olympiad.appeals.records import AppealError
from olympiad.extensions import db
from olympiad.models import Appeal, AppealState, AuditEntry, Participant, User
from tests.marking.test_concurrency import race


def _participant(cipher: str) -> Participant:
    return db.session.scalar(select(Participant).where(Participant.cipher == cipher))


def test_simultaneous_filings_get_consecutive_numbers(app, prelim):
    record = prelim.items["record"].id
    ciphers = ["KMT-101", "KMT-102", "KMT-103", "KMT-103"]  # the last two: the same appeal

    def job(i, barrier):
        participant = _participant(ciphers[i])
        barrier.wait()
        try:
            appeal = file_appeal(None, participant, record, f"Поток {i}")
            db.session.commit()
            return appeal.number
        except AppealError as refused:
            db.session.rollback()
            return str(refused)

    results = race(app, job, threads=4)
    numbers = sorted(r for r in results if isinstance(r, int))
    assert numbers == [1, 2, 3], results
    assert any("уже подана" in str(r) for r in results), results
    assert len(db.session.scalars(select(Appeal)).all()) == 3


def test_two_decisions_on_one_appeal_one_wins(app, prelim):
    appeal = file_appeal(None, prelim.by_cipher["KMT-103"], prelim.items["record"].id, "Ниже")
    db.session.commit()
    appeal_id = appeal.id

    def job(i, barrier):
        chair = db.session.get(User, prelim.chair.id)
        mine = db.session.get(Appeal, appeal_id)
        barrier.wait()  # both forms show version 1
        try:
            state = (AppealState.ACCEPTED, AppealState.REJECTED)[i]
            decide(chair, mine, state, "8", f"Решение {i}", 1)
            db.session.commit()
            return "decided"
        except AppealError as refused:
            db.session.rollback()
            return str(refused)

    results = race(app, job)
    assert results.count("decided") == 1, results
    db.session.expire_all()
    stored = db.session.get(Appeal, appeal_id)
    winner = results.index("decided")
    assert stored.decision == f"Решение {winner}" and stored.version == 2
    decisions = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "appeal_decided"))
    assert len(decisions.all()) == 1
