"""The organizer's cockpit: the stage, the next step and what blocks it."""

from datetime import UTC, date, datetime, timedelta

import pytest

from olympiad.domain.cockpit import Facts, cockpit, counts, next_step, percent, steps, warnings
from olympiad.domain.olympiad_rules import OlympiadStatus as S

TODAY = date(2021, 2, 1)
NOW = datetime(2021, 2, 1, 12, tzinfo=UTC)


def facts(status: S, **overrides) -> Facts:
    base = {"jurors": 4, "has_chair": True, "participants": 10, "schools": 8}
    return Facts(status=status, today=TODAY, now=NOW, **{**base, **overrides})


def codes(f: Facts) -> list[str]:
    return [w.code for w in warnings(f)]


def test_the_stepper_marks_stages_before_as_done_and_after_as_to_do():
    states = [(s.status, s.state) for s in steps(S.MARKING)]
    assert states[:5] == [
        (S.DRAFT, "done"),
        (S.REGISTRATION_OPEN, "done"),
        (S.REGISTRATION_CLOSED, "done"),
        (S.HELD, "done"),
        (S.MARKING, "current"),
    ]
    assert {state for _, state in states[5:]} == {"todo"}
    assert len(states) == 9


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (S.DRAFT, "open_registration"),
        (S.REGISTRATION_OPEN, "close_registration"),
        (S.REGISTRATION_CLOSED, "mark_held"),
        (S.HELD, "start_marking"),
        (S.MARKING, "close_marking"),
        (S.PRELIMINARY, "await_approval"),
        (S.FINAL, "publish"),
        (S.PUBLISHED, "issue_certificates"),
    ],
)
def test_each_stage_has_its_next_step(status, step):
    assert next_step(facts(status)) == step


def test_a_published_olympiad_offers_certificates_before_the_archive():
    assert next_step(facts(S.PUBLISHED, certificates=0)) == "issue_certificates"
    assert next_step(facts(S.PUBLISHED, certificates=161)) == "archive"


def test_before_the_day_a_group_without_paper_and_a_missing_jury_are_warned():
    found = warnings(facts(S.REGISTRATION_CLOSED, groups_without_paper=("7-8",), jurors=0))
    assert [(w.code, w.params) for w in found] == [("no_paper", {"groups": "7-8"}), ("no_jury", {})]
    assert codes(facts(S.DRAFT, has_chair=False)) == ["no_chair"]


def test_schools_without_participants_are_warned_only_when_registration_closes_soon():
    silent = ("Саянтуйская СОШ", "Тарбагатайская СОШ")
    later = facts(
        S.REGISTRATION_OPEN,
        registration_closes_on=TODAY + timedelta(days=10),
        schools_without_participants=silent,
    )
    soon = facts(
        S.REGISTRATION_OPEN,
        registration_closes_on=TODAY + timedelta(days=2),
        schools_without_participants=silent,
    )
    assert codes(later) == []
    [warning] = warnings(soon)
    assert warning.params == {"n": 2, "schools": "Саянтуйская СОШ, Тарбагатайская СОШ"}


def test_on_the_day_unknown_attendance_and_online_writers_block_the_start_of_marking():
    assert codes(facts(S.HELD, attendance_unknown=3, writing_online=2)) == [
        "attendance_unknown",
        "writing_online",
    ]


def test_marking_warns_of_unmarked_works_and_discrepancies():
    f = facts(S.MARKING, works=40, works_complete=37, discrepancies=2)
    assert [(w.code, w.params) for w in warnings(f)] == [
        ("works_unmarked", {"n": 3}),
        ("discrepancies", {"n": 2}),
    ]
    assert dict(counts(f))["works_marked"] == "92 %"


def test_preliminary_results_wait_for_appeals_and_the_end_of_their_window():
    assert codes(facts(S.PRELIMINARY)) == ["appeal_window_unset"]
    open_window = facts(S.PRELIMINARY, appeals_pending=1, appeals_close_at=NOW + timedelta(days=1))
    assert codes(open_window) == ["appeals_pending", "appeal_window_open"]
    assert codes(facts(S.PRELIMINARY, appeals_close_at=NOW - timedelta(hours=1))) == []


def test_percent_never_rounds_an_unfinished_job_up_to_a_hundred():
    assert percent(999, 1000) == 99
    assert percent(0, 0) == 0
    assert percent(5, 5) == 100


def test_the_counts_follow_the_stage():
    registration = cockpit(
        facts(S.REGISTRATION_OPEN, schools=8, schools_without_participants=("A", "B"))
    )
    assert registration.counts == [
        ("schools_enrolled", 6),
        ("schools_without", 2),
        ("participants", 10),
    ]
    assert [key for key, _ in counts(facts(S.PUBLISHED, certificates=5))] == [
        "participants",
        "certificates",
    ]
