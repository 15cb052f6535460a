"""Real sessions in threads race on one attempt: the save with the higher number wins in any
order, and a save racing the submission is either in the submitted sheet or refused."""

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from olympiad.extensions import db
from olympiad.models import Answer, OnlineAnswer, OnlineSitting, Participant
from olympiad.online import attempts
from tests.marking.test_concurrency import race
from tests.online.conftest import CODES, RIGHT, save


def _load(online, name="a1"):
    participant = db.session.get(Participant, online.people[name].id)
    return participant, db.session.get(OnlineSitting, online.sitting.id)


def _fields(**values):
    return MultiDict(values).to_dict(flat=False)


def test_racing_saves_keep_the_higher_number(app, online, participant_client, clock):
    participant_client(CODES["a1"]).post("/online/start")
    n = online.number["short"]
    for round_ in range(4):
        base = round_ * 2

        def job(i, barrier, base=base):
            participant, sitting = _load(online)
            barrier.wait()
            text = "новее" if i == 0 else "старее"
            saved = attempts.save(
                participant, sitting, n, _fields(answer=text), base + 2 - i, clock()
            )
            db.session.commit()
            return saved.stored

        results = race(app, job)
        assert all(isinstance(r, bool) for r in results), results
        stored = db.session.scalar(select(OnlineAnswer).execution_options(populate_existing=True))
        assert (stored.value, stored.seq) == ("новее", base + 2)


def test_a_save_racing_the_submission_is_in_the_sheet_or_refused(
    app, online, participant_client, clock
):
    client = participant_client(CODES["a1"])
    client.post("/online/start")
    save(client, 1, RIGHT["single"])

    def job(i, barrier):
        participant, sitting = _load(online)
        barrier.wait()
        if i == 0:
            attempts.submit(participant, clock())
            db.session.commit()
            return "submitted"
        try:
            saved = attempts.save(participant, sitting, 1, _fields(answer="3"), 2, clock())
        except attempts.TimeUp:
            db.session.commit()
            return "refused"
        db.session.commit()
        return "stored" if saved.stored else "old"

    results = race(app, job)
    assert results[0] == "submitted" and results[1] in ("stored", "refused"), results
    sheet = db.session.scalar(
        select(Answer).where(Answer.paper_task_id == online.items["single"].id)
    )
    assert sheet.text == ("Г" if results[1] == "stored" else "Б")


def test_two_clicks_on_start_at_once_start_one_work(app, online, clock):
    def job(i, barrier):
        participant, sitting = _load(online)
        barrier.wait()
        attempt = attempts.start(participant, sitting, clock())
        db.session.commit()
        return attempt.id

    results = race(app, job)
    assert results[0] == results[1] and isinstance(results[0], int), results
