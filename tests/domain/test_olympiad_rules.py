"""Grade groups, the registration window and the order of an olympiad's states."""

from datetime import date

import pytest

from olympiad.domain.olympiad_rules import (
    GradeGroupError,
    OlympiadStatus,
    can_move,
    format_grades,
    parse_grades,
    parse_groups,
    registration_is_open,
)


def test_parse_grades():
    assert parse_grades("7-11") == [7, 8, 9, 10, 11]
    assert parse_grades("7, 9–10") == [7, 9, 10]
    with pytest.raises(GradeGroupError, match="1–11"):
        parse_grades("5-12")
    with pytest.raises(GradeGroupError):
        parse_grades("семь")


def test_groups_cover_grades_exactly_once():
    groups = parse_groups("7-8; 9-11", [7, 8, 9, 10, 11])
    assert [(g.name, g.grades) for g in groups] == [("7–8", (7, 8)), ("9–11", (9, 10, 11))]
    with pytest.raises(GradeGroupError, match="две группы"):
        parse_groups("7-8; 8-11", [7, 8, 9, 10, 11])
    with pytest.raises(GradeGroupError, match="ни в одну"):
        parse_groups("7-8", [7, 8, 9])
    with pytest.raises(GradeGroupError, match="не участвуют"):
        parse_groups("7-8; 9-11", [7, 8, 9])


def test_format_grades_round_trips():
    assert format_grades([7, 8, 9, 11]) == "7-9, 11"
    assert parse_grades(format_grades([7, 8, 9, 11])) == [7, 8, 9, 11]


def test_registration_window():
    open_ = OlympiadStatus.REGISTRATION_OPEN
    day = date(2021, 1, 15)
    assert registration_is_open(open_, None, None, day)
    assert registration_is_open(open_, date(2021, 1, 15), date(2021, 1, 15), day)
    assert not registration_is_open(open_, date(2021, 1, 16), None, day)
    assert not registration_is_open(open_, None, date(2021, 1, 14), day)
    assert not registration_is_open(OlympiadStatus.REGISTRATION_CLOSED, None, None, day)


def test_registration_can_be_reopened_but_not_skipped():
    S = OlympiadStatus
    assert can_move(S.REGISTRATION_CLOSED, S.REGISTRATION_OPEN)
    assert not can_move(S.DRAFT, S.HELD)
    assert not can_move(S.REGISTRATION_OPEN, S.DRAFT)
