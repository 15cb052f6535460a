"""No lost updates: two real database sessions in two threads race on one mark or one answer;
exactly one save wins, the other is refused as stale, and every acknowledged save is kept."""

import threading

from sqlalchemy import func, select

from olympiad.extensions import db
from olympiad.marking.answers import StaleEntry, save_answer
from olympiad.marking.marks import marks_of, own_mark, save_mark
from olympiad.marking.works import find_work
from olympiad.models import Answer, AuditEntry, Mark, Olympiad, PaperTask, User


def race(app, job, threads=2):
    """Run job(i, barrier) in threads, each in its own app context (its own session)."""
    barrier = threading.Barrier(threads, timeout=30)
    results: list = [None] * threads

    def run(i):
        with app.app_context():
            try:
                results[i] = job(i, barrier)
            except Exception as error:  # reported to the test below
                results[i] = error
                db.session.rollback()
            finally:
                db.session.remove()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    return results


def _load(scene, name, user):
    olympiad = db.session.get(Olympiad, scene.olympiad.id)
    item = db.session.get(PaperTask, scene.items[name].id)
    return olympiad, find_work(olympiad, "KMT-101"), item, db.session.get(User, user.id)


def test_two_sessions_racing_on_one_mark_one_wins(app, scene):
    ids = {"o": scene.olympiad.id}
    olympiad, work, item, juror = _load(scene, "annotation", scene.juror_a)
    save_mark(juror, olympiad, work, item, [1.0, 1.0], "", 0)
    db.session.commit()
    ids["mark"] = own_mark(marks_of(work, item), juror).id

    def job(i, barrier):
        olympiad, work, item, juror = _load(scene, "annotation", scene.juror_a)
        barrier.wait()  # both have read version 1
        try:
            save_mark(juror, olympiad, work, item, [float(i + 1), 3.0], "", 1, f"поток {i}")
            db.session.commit()
            return "saved"
        except StaleEntry as stale:
            db.session.rollback()
            return stale.current

    results = race(app, job)
    assert sorted(map(str, results)).count("saved") == 1, results
    refused = next(r for r in results if r != "saved")
    assert isinstance(refused, dict) and refused["version"] == 2, results
    winner = results.index("saved")
    db.session.expire_all()
    mark = db.session.get(Mark, ids["mark"])
    assert mark.version == 2 and mark.criteria == [float(winner + 1), 3.0]
    assert refused["total"] == mark.total  # the loser was shown the winner's mark
    changes = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "mark_changed"))
    assert [c.reason for c in changes] == [f"поток {winner}"]


def test_two_first_entries_of_one_cell_one_wins(app, scene):
    def job(i, barrier):
        olympiad, work, item, user = _load(scene, "single", (scene.juror_a, scene.juror_b)[i])
        barrier.wait()
        try:
            save_answer(user, olympiad, work, item, "АБВ"[i], 0)
            db.session.commit()
            return "saved"
        except StaleEntry as stale:
            db.session.rollback()
            return stale.current

    results = race(app, job)
    assert results.count("saved") == 1, results
    refused = next(r for r in results if r != "saved")
    answers = db.session.scalars(select(Answer)).all()
    assert len(answers) == 1 and answers[0].version == 1
    assert refused["text"] == answers[0].text == "АБВ"[results.index("saved")]


def test_every_acknowledged_save_is_kept(app, scene):
    """Two sessions keep saving one mark, retrying on stale: the version counts every save."""
    olympiad, work, item, juror = _load(scene, "annotation", scene.juror_a)
    save_mark(juror, olympiad, work, item, [2.0, 3.0], "", 0)  # no thread writes a 2 first
    db.session.commit()
    rounds = 8

    def job(i, barrier):
        olympiad, work, item, juror = _load(scene, "annotation", scene.juror_a)
        barrier.wait()
        saved = stale = 0
        while saved < rounds:
            mark = own_mark(marks_of(work, item, fresh=True), juror)
            version = mark.version
            db.session.rollback()  # the view and the save are separate requests
            value = float(saved % 3)
            try:
                save_mark(juror, olympiad, work, item, [float(i), value], "", version, "правка")
                db.session.commit()
                saved += 1
            except StaleEntry:
                db.session.rollback()
                stale += 1
        return saved

    results = race(app, job)
    assert results == [rounds, rounds], results
    db.session.expire_all()
    changes = db.session.scalar(
        select(func.count(AuditEntry.id)).where(AuditEntry.action == "mark_changed")
    )
    mark = db.session.scalar(select(Mark))
    # every save changed the value (each thread writes its own first criterion, and its
    # second one never repeats twice running), and every one of them is there
    assert changes == 2 * rounds
    assert mark.version == 1 + 2 * rounds
