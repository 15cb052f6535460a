"""Answers that reach the server after the deadline (the browser kept them while offline): kept
as late answers, never scored by themselves, never over an acknowledged answer; the organizer
accepts them (per participant or for a whole school, with a reason, audited, until marking
starts) and they are scored, or refuses them and they stay in the work's history."""

from sqlalchemy import select

from olympiad.extensions import db
from olympiad.models import Answer, AuditEntry, LateAnswer, OlympiadStatus, OnlineAnswer
from tests.online.conftest import CODES, RIGHT, save


def late(client, n, fields, seq, left="30"):
    return save(client, n, {**fields, "late": "1", "typed_left": left}, seq=seq)


def _started(participant_client, code):
    client = participant_client(code)
    client.post("/online/start")
    return client


def _sheet(item):
    query = select(Answer).where(Answer.paper_task_id == item.id)
    return db.session.scalars(query.execution_options(populate_existing=True)).all()


def test_a_save_after_the_deadline_waits_for_the_organizer(online, participant_client, clock):
    student = _started(participant_client, CODES["a1"])
    n = online.number
    assert save(student, n["short"], {"answer": "шифр"}, seq=1).status_code == 200
    clock.move(minutes=61)
    # without the mark "late" the work is closed, as before
    refused = save(student, n["single"], RIGHT["single"], seq=1)
    assert refused.status_code == 409 and refused.get_json()["closed"] is True
    kept = late(student, n["single"], RIGHT["single"], seq=1)
    assert kept.status_code == 202 and kept.get_json() == {"late": True, "stored": True, "seq": 1}
    # the same save again (its reply was lost): kept once
    again = late(student, n["single"], RIGHT["single"], seq=1).get_json()
    assert again["stored"] is False and again["seq"] == 1
    # never over the acknowledged answer: a number at or below it is not kept
    old = late(student, n["short"], {"answer": "старое"}, seq=1).get_json()
    assert old["stored"] is False
    rows = db.session.scalars(select(LateAnswer)).all()
    assert [(r.status, r.value, r.client_left) for r in rows] == [("pending", 1, 30)]
    # not scored: the single choice has no answer on the sheet yet
    assert [a.text for a in _sheet(online.items["single"])] == ["-"]
    # a forged time is only stored as what the page said
    forged = late(student, n["number"], RIGHT["number"], seq=1, left="99999999").get_json()
    assert forged["stored"] is True
    assert (
        db.session.scalar(
            select(LateAnswer.client_left)
            .where(LateAnswer.seq == 1)
            .where(LateAnswer.paper_task_id == online.items["number"].id)
        )
        is None
    )


def test_a_work_handed_in_takes_no_late_answer(online, participant_client, clock):
    student = _started(participant_client, CODES["a1"])
    student.post("/online/submit")
    reply = late(student, online.number["single"], RIGHT["single"], seq=1)
    assert reply.status_code == 409
    assert db.session.scalars(select(LateAnswer)).all() == []


def test_the_organizer_accepts_a_schools_late_answers_and_they_are_scored(
    online, participant_client, client_for, clock
):
    a1 = _started(participant_client, CODES["a1"])
    a2 = _started(participant_client, CODES["a2"])
    b1 = _started(participant_client, CODES["b1"])
    n = online.number
    clock.move(minutes=61)
    late(a1, n["single"], RIGHT["single"], seq=1)
    late(a1, n["annotation"], RIGHT["annotation"], seq=1)
    late(a2, n["multiple"], RIGHT["multiple"], seq=3)
    late(b1, n["single"], RIGHT["single"], seq=1)
    organizer = client_for(online.organizer)
    url = f"/online/sittings/{online.sitting.id}/late"
    page = organizer.get(url).get_data(as_text=True)
    assert "Школа А" in page and "Школа Б" in page and "ждут решения: 3" in page
    assert "задание 1" in page and "Последняя связь до этого" in page
    progress = organizer.get(f"/online/sittings/{online.sitting.id}").get_data(as_text=True)
    assert "ждут решения: 4" in progress
    # no reason: nothing changes
    organizer.post(url, data={"target": f"s{online.school_a.id}", "decision": "accept"})
    assert db.session.scalar(select(LateAnswer).where(LateAnswer.status != "pending")) is None
    done = organizer.post(
        url,
        data={
            "target": f"s{online.school_a.id}",
            "decision": "accept",
            "reason": "В школе А пропал интернет в 10:55",
        },
        follow_redirects=True,
    )
    assert "приняты и оценены" in done.get_data(as_text=True)
    single = [(a.participant_id, a.text, a.points) for a in _sheet(online.items["single"])]
    a1_id, b1_id = online.people["a1"].id, online.people["b1"].id
    assert (a1_id, "Б", 1) in single and (b1_id, "-", 0) in single  # school B still waits
    multiple = {a.participant_id: a.points for a in _sheet(online.items["multiple"])}
    assert multiple[online.people["a2"].id] == 2
    text = db.session.scalar(
        select(OnlineAnswer.text).where(OnlineAnswer.paper_task_id == online.items["annotation"].id)
    )
    assert text == RIGHT["annotation"]["answer"]  # the jury will see it
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "online_late_accepted")
    ).all()
    assert len(entries) == 2 and entries[0].reason == "В школе А пропал интернет в 10:55"
    # school B refused: it stays in the history, unscored
    organizer.post(url, data={"target": f"p{b1_id}", "decision": "refuse", "reason": "Связь была"})
    row = db.session.scalar(
        select(LateAnswer)
        .where(LateAnswer.status == "refused")
        .execution_options(populate_existing=True)
    )
    assert row is not None and row.reason == "Связь была"
    assert (b1_id, "-", 0) in [
        (a.participant_id, a.text, a.points) for a in _sheet(online.items["single"])
    ]
    # a decided answer takes no new late save
    assert late(b1, n["single"], RIGHT["single"], seq=2).get_json()["stored"] is False


def test_decisions_end_when_marking_starts(online, participant_client, client_for, clock):
    a1 = _started(participant_client, CODES["a1"])
    clock.move(minutes=61)
    late(a1, online.number["single"], RIGHT["single"], seq=1)
    online.olympiad.status = OlympiadStatus.MARKING
    db.session.commit()
    organizer = client_for(online.organizer)
    url = f"/online/sittings/{online.sitting.id}/late"
    reply = organizer.post(
        url,
        data={"target": f"p{online.people['a1'].id}", "decision": "accept", "reason": "сеть"},
        follow_redirects=True,
    )
    assert "Проверка работ уже началась" in reply.get_data(as_text=True)
    assert db.session.scalar(select(LateAnswer.status)) == "pending"
    # and a late save now finds the round closed
    assert late(a1, online.number["multiple"], RIGHT["multiple"], seq=1).status_code == 409


def test_only_the_organizer_sees_late_answers(online, client_for):
    url = f"/online/sittings/{online.sitting.id}/late"
    assert client_for(online.coordinator_a).get(url).status_code == 403
    assert client_for(online.organizer).get(url).status_code == 200
