"""The demo's appeals: on the demo olympiad in preliminary results, one participant's appeal
accepted with a new mark, one coordinator's appeal rejected, both with their protocols."""

from decimal import Decimal

from sqlalchemy import select

from olympiad.appeals.demo import load_appeals
from olympiad.appeals.records import task_points, work_of
from olympiad.demo import load_plan, load_schools_and_accounts
from olympiad.enrollment.demo import load_olympiad
from olympiad.extensions import db
from olympiad.marking.demo import load_marking
from olympiad.marking.marks import save_mark
from olympiad.marking.progress import progress
from olympiad.models import Appeal, AppealState, Olympiad, OlympiadStatus, Role, User
from olympiad.olympiads.services import change_status
from olympiad.results.tables import rating_tables
from olympiad.tasks.demo import load_bank
from tests.appeals.test_protocols import pdf_text


def _preliminary_demo() -> Olympiad:
    """The demo up to its marking step (the results step would go on to final results), then
    the chair's marks for the discrepancies and marking closed."""
    for step in (load_schools_and_accounts, load_plan, load_olympiad, load_bank, load_marking):
        step()
    olympiad = db.session.scalar(select(Olympiad).where(Olympiad.academic_year == "2020-2021"))
    assert olympiad.status == OlympiadStatus.MARKING
    chair = db.session.scalar(select(User).where(User.login == "jury1"))
    for queued in progress(olympiad).queue:
        total = (queued.first.total + queued.second.total) // 2
        save_mark(
            chair, olympiad, queued.work, queued.item, [], "", 0, chair=True, total_points=total
        )
    organizer = db.session.scalar(select(User).where(User.role == Role.ORGANIZER))
    change_status(organizer, olympiad, OlympiadStatus.PRELIMINARY)
    db.session.commit()
    return olympiad


def test_demo_files_and_decides_two_appeals(app, client_for):
    olympiad = _preliminary_demo()
    before = {line.participant.id: line.total for t in rating_tables(olympiad) for line in t.lines}
    appeals = load_appeals(olympiad)
    db.session.commit()
    assert [a.number for a in appeals] == [1, 2]
    accepted, rejected = appeals
    assert accepted.state == AppealState.ACCEPTED and accepted.filed_by_id is None
    assert accepted.new_points > accepted.old_points
    assert rejected.state == AppealState.REJECTED and rejected.filed_by.role == Role.COORDINATOR
    assert rejected.filed_by.school_id == rejected.participant.school_id
    assert rejected.new_points == rejected.old_points
    work = work_of(accepted.participant)
    assert task_points(olympiad, work, accepted.paper_task) == accepted.new_points
    after = {line.participant.id: line.total for t in rating_tables(olympiad) for line in t.lines}
    gain = Decimal(str(accepted.new_points - accepted.old_points))
    assert after[accepted.participant_id] == before[accepted.participant_id] + gain
    assert after[rejected.participant_id] == before[rejected.participant_id]
    assert load_appeals(olympiad) == []  # once only

    chair = client_for(
        db.session.scalar(select(User).where(User.login == "jury1")), "demo-2020-2021"
    )
    page = chair.get(f"/appeals/{olympiad.id}/").get_data(as_text=True)
    assert accepted.participant.cipher in page and rejected.participant.cipher in page
    text = pdf_text(chair.get(f"/appeals/{olympiad.id}/1/protocol.pdf"))
    assert "апелляция удовлетворена" in text and accepted.participant.cipher in text


def test_the_whole_demo_has_one_accepted_and_one_rejected_appeal(app, load_demo):
    result = load_demo()
    assert result.exit_code == 0, result.output
    appeals = db.session.scalars(select(Appeal).order_by(Appeal.number)).all()
    assert [a.state for a in appeals] == [AppealState.ACCEPTED, AppealState.REJECTED]
    assert appeals[0].filed_by_id is None and appeals[1].filed_by_id is not None
