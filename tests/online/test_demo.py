"""The demo: the Tarbagatai schools' 9–11 group wrote online; their works were handed in or
submitted at the deadline, one after an extension; the jury got them like paper works."""

from collections import Counter

from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import (
    Answer,
    Attendance,
    AuditEntry,
    Mark,
    OnlineAttempt,
    OnlineSitting,
    Participant,
)
from olympiad.online.demo import DISTRICT


def test_the_demo_holds_part_of_a_group_online(app, load_demo):
    result = load_demo()
    assert result.exit_code == 0, result.output
    sitting = db.session.scalar(select(OnlineSitting))
    assert sitting.group.grades == [9, 10, 11] and sitting.supervised
    assert {s.municipality for s in _schools(sitting)} == {DISTRICT}
    attempts = db.session.scalars(select(OnlineAttempt)).all()
    assert len(attempts) >= 8
    assert all(a.submitted_at is not None for a in attempts)
    ways = Counter(a.auto_submitted for a in attempts)
    assert ways[True] >= 1 and ways[False] >= 1
    assert sum(1 for a in attempts if a.extra_minutes) == 1
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "online_extended"))
    for attempt in attempts:
        person = attempt.participant
        assert person.attendance == Attendance.PRESENT and person.school_id in sitting.school_ids
        answers = db.session.scalars(select(Answer).where(Answer.participant_id == person.id)).all()
        assert answers and all(a.entered_by_id is None for a in answers)  # not typed in
        assert any(a.text.strip() for a in attempt.answers if a.value is None)  # open texts
        assert db.session.scalar(select(Mark).where(Mark.participant_id == person.id))
    paper_people = db.session.scalars(
        select(Participant).where(Participant.school_id.not_in(sitting.school_ids))
    ).all()
    typed = db.session.scalars(
        select(Answer).where(Answer.participant_id.in_([p.id for p in paper_people]))
    ).all()
    assert typed and all(a.entered_by_id is not None for a in typed)


def _schools(sitting):
    from olympiad.models import School

    return db.session.scalars(select(School).where(School.id.in_(sitting.school_ids))).all()
