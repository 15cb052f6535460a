"""Statistics on a small olympiad computed by hand.

Grade 7 (max 5): a single-choice task of 1 point (А right) and an open task of 4 points.
    p1 school A: А, 4 -> 5 (100%) winner       p2 school B: А, 2 -> 3 (60%) prize-winner
    p3 school A: Б, 2 -> 2 (40%)               p4 school B: Б, 0 -> 0 (0%)
    p5 school A: absent
Grade 8 (max 12): a number task of 10 points and one of 2 points that everybody solved.
    q1 school A: 10, 2 -> 12 (100%) winner     q2 school B: 5, 2 -> 7 (58 1/3%)
"""

import pytest

from olympiad.domain.awards import Status
from olympiad.domain.statistics import (
    Flag,
    Person,
    TaskInfo,
    Unit,
    analyse,
    compare,
    flags_of,
    histogram,
    spread,
)

W, PW, P = Status.WINNER, Status.PRIZE_WINNER, Status.PARTICIPANT
approx = pytest.approx

T1 = TaskInfo("t1", "1", 1, "single_choice", ("каталог", "формуляр", "картотека"), (0,))
T2 = TaskInfo("t2", "2", 4, "open")
T3 = TaskInfo("t3", "1", 10, "number")
T4 = TaskInfo("t4", "2", 2, "number")


def person(key, school, grade, total=0, status=P, points=None, choices=None, present=True):
    return Person(key, school, grade, present, total, status, points or {}, choices or {})


SEVEN = Unit(
    "7",
    5,
    (T1, T2),
    (
        person("p1", "A", 7, 5, W, {"t1": 1, "t2": 4}, {"t1": (0,)}),
        person("p2", "B", 7, 3, PW, {"t1": 1, "t2": 2}, {"t1": (0,)}),
        person("p3", "A", 7, 2, P, {"t1": 0, "t2": 2}, {"t1": (1,)}),
        person("p4", "B", 7, 0, P, {"t1": 0, "t2": 0}, {"t1": (1,)}),
        person("p5", "A", 7, status=None, present=False),
    ),
)
EIGHT = Unit(
    "8",
    12,
    (T3, T4),
    (
        person("q1", "A", 8, 12, W, {"t3": 10, "t4": 2}),
        person("q2", "B", 8, 7, P, {"t3": 5, "t4": 2}),
    ),
)


@pytest.fixture(scope="module")
def analysis():
    return analyse([SEVEN, EIGHT], "Всего")


def test_spread_of_a_grade(analysis):
    seven = analysis.units[0].spread  # 100, 60, 40, 0
    assert (seven.count, seven.mean, seven.median) == (4, 50, 50)
    assert (seven.minimum, seven.maximum) == (0, 100)
    assert seven.stdev == approx(1300**0.5)  # deviations 50, 10, 10, 50
    assert (seven.q1, seven.q3, seven.iqr) == (approx(30), approx(70), approx(40))
    eight = analysis.units[1].spread
    assert eight.mean == approx((100 + 700 / 12) / 2)


def test_histogram_of_a_grade(analysis):
    assert analysis.units[0].histogram == (1, 0, 0, 0, 1, 0, 1, 0, 0, 1)
    assert histogram([99.9, 100, 10]) == (0, 1, 0, 0, 0, 0, 0, 0, 0, 2)


def test_tasks_completion_and_shares(analysis):
    one, two = analysis.units[0].tasks
    assert (one.completion, one.full, one.partial, one.zero) == (50, 50, 0, 50)
    assert (two.completion, two.full, two.partial, two.zero) == (50, 25, 50, 25)
    three, four = analysis.units[1].tasks
    assert (three.completion, three.full, three.partial, three.zero) == (75, 50, 50, 0)
    assert (four.completion, four.full) == (100, 100)


def test_discrimination_upper_and_lower_groups(analysis):
    one, two = analysis.units[0].tasks
    # 27% of 4 rounds to 1: p1 against p4
    assert one.discrimination == 1 and two.discrimination == 1
    three, four = analysis.units[1].tasks
    assert three.discrimination == 0.5  # 10/10 - 5/10
    assert four.discrimination == 0


def test_chosen_options_of_a_choice_task(analysis):
    options = analysis.units[0].tasks[0].options
    assert [(o.label, o.chosen, o.percent, o.correct) for o in options] == [
        ("А", 2, 50, True),
        ("Б", 2, 50, False),
        ("В", 0, 0, False),
    ]
    assert analysis.units[0].tasks[1].options == ()  # not a choice task


def test_flags(analysis):
    assert [t.flags for t in analysis.units[0].tasks] == [(), ()]
    assert analysis.units[1].tasks[1].flags == (Flag.TOO_EASY, Flag.NOT_DISCRIMINATING)
    assert [t.task.key for t in analysis.units[1].flagged] == ["t4"]
    assert flags_of(85, 0.2) == () and flags_of(85.1, 0.5) == (Flag.TOO_EASY,)
    assert flags_of(14.9, 0.19) == (Flag.TOO_HARD, Flag.NOT_DISCRIMINATING)
    assert flags_of(15, None) == ()


def test_per_school(analysis):
    a, b = analysis.schools
    assert (a.name, a.enrolled, a.present, a.absent, a.winners, a.prize_winners) == (
        "A",
        4,
        3,
        1,
        2,
        0,
    )
    assert a.average_percent == approx(80)  # 100, 40, 100
    assert a.winners_percent == approx(200 / 3) and a.awarded_percent == approx(200 / 3)
    assert (b.enrolled, b.present, b.winners, b.prize_winners) == (3, 3, 0, 1)
    assert b.prize_winners_percent == approx(100 / 3)
    assert b.average_percent == approx((60 + 0 + 700 / 12) / 3)


def test_per_grade_and_total(analysis):
    seven, eight = analysis.grades
    assert (seven.enrolled, seven.present, seven.absent, seven.awarded) == (5, 4, 1, 2)
    assert seven.awarded_percent == 50 and seven.average_percent == 50
    assert (eight.present, eight.winners, eight.awarded_percent) == (2, 1, 50)
    total = analysis.total
    assert (total.enrolled, total.present, total.absent, total.winners) == (7, 6, 1, 2)
    assert total.average_percent == approx((200 + 100 + 700 / 12) / 6)
    assert analysis.units[0].count.absent == 1


def test_small_and_empty_units():
    assert spread([]) is None
    one = spread([40.0])
    assert (one.median, one.stdev, one.iqr) == (40, 0, 0)
    alone = analyse([Unit("9", 10, (T3,), (person("x", "A", 9, 5, P, {"t3": 5}),))])
    assert alone.units[0].tasks[0].discrimination is None
    assert alone.units[0].tasks[0].flags == ()


def test_comparison_with_the_previous_year(analysis):
    previous = analyse([SEVEN]).total
    changes = {c.name: c for c in compare(previous, analysis.total, (2, 2))}
    assert changes["enrolled"].delta == 2
    assert changes["winners"].delta == 1
    assert changes["average_percent"].delta == approx(analysis.total.average_percent - 50)
    assert changes["schools"].delta == 0
