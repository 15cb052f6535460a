"""The demo olympiad taken to published final results, and its export checked against a
recomputation by hand for a grade where a tie straddles the quota boundary."""

import json
import math
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select

from olympiad.demo import DEMO_PASSWORD
from olympiad.extensions import db
from olympiad.models import (
    Answer,
    Appeal,
    AppealState,
    Attendance,
    Mark,
    Olympiad,
    OlympiadStatus,
    Participant,
    User,
)


def _by_hand(olympiad, grade: int, max_total: Decimal):
    """Totals from the stored answers and marks, then the official procedure step by step:
    more than half of the maximum, at most 45 % of the present (rounded down), everyone with
    the top total wins, a tie across the boundary is admitted as a whole."""
    people = db.session.scalars(
        select(Participant).where(
            Participant.olympiad_id == olympiad.id,
            Participant.grade_competed == grade,
            Participant.attendance == Attendance.PRESENT,
        )
    ).all()
    totals = defaultdict(Decimal)
    for person in people:
        for answer in db.session.scalars(select(Answer).where(Answer.participant_id == person.id)):
            totals[person.cipher] += Decimal(str(answer.points))
        marks = defaultdict(dict)
        for mark in db.session.scalars(select(Mark).where(Mark.participant_id == person.id)):
            marks[mark.paper_task_id][mark.slot.value] = Decimal(str(mark.total))
        for slots in marks.values():
            if "chair" in slots:
                totals[person.cipher] += slots["chair"]
            elif "second" in slots:  # within the tolerance: the mean, to a half, up
                mean = (slots["first"] + slots["second"]) / 2
                totals[person.cipher] += (mean * 2).quantize(Decimal(1), ROUND_HALF_UP) / 2
            else:
                totals[person.cipher] += slots["first"]
    ordered = sorted(totals.items(), key=lambda kv: -kv[1])
    quota = math.floor(len(ordered) * 0.45)
    expected, awarded = {}, 0
    for place_index, (cipher, total) in enumerate(ordered):
        place = 1 + sum(1 for _, other in ordered if other > total)
        above = total > max_total / 2
        tie = [c for c, t in ordered if t == total]
        if above and total == ordered[0][1]:
            status = "winner"
        elif above and awarded < quota:
            status = "prize_winner"  # the whole tie group, even past the quota
        else:
            status = "participant"
        if cipher == tie[-1] and status != "participant":
            awarded = place_index + 1
        expected[cipher] = (place, float(total), status)
    return expected, quota


def test_demo_ends_published_with_two_appeals_and_export_agrees_by_hand(app, load_demo, client):
    result = load_demo()
    assert result.exit_code == 0, result.output
    olympiad = db.session.scalar(select(Olympiad).where(Olympiad.academic_year == "2020-2021"))
    assert olympiad.status == OlympiadStatus.PUBLISHED
    assert olympiad.final_order == "112-од"
    appeals = {a.state: a for a in db.session.scalars(select(Appeal))}
    assert sorted(appeals) == [AppealState.ACCEPTED, AppealState.REJECTED]

    organizer = db.session.scalar(select(User).where(User.login == "organizer"))
    client.post("/auth/login", data={"login": organizer.login, "password": DEMO_PASSWORD})
    response = client.get(f"/results/{olympiad.id}/results.json")
    exported = json.loads(response.data)["results"]
    # the accepted appeal brought its author level with the last prize-winner of the grade
    grade = appeals[AppealState.ACCEPTED].participant.grade_competed
    rows = [r for r in exported if r["grade_competed"] == grade and r["place"] is not None]
    expected, quota = _by_hand(olympiad, grade, Decimal(str(rows[0]["max_total"])))
    got = {r["cipher"]: (r["place"], r["total"], r["status"]) for r in rows}
    assert got == expected
    awarded = [c for c, (_, _, s) in expected.items() if s != "participant"]
    assert len(awarded) > quota, "the demo has a tie across the quota boundary"
