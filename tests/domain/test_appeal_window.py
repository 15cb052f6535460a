"""The appeal window's default end, the time left and the approval bar."""

from datetime import UTC, datetime, timedelta

from olympiad.domain.appeal_window import (
    ApprovalBar,
    approval_bar,
    default_close,
    split_left,
    time_left,
)


def test_two_working_days_skip_the_weekend():
    # Thursday -> Monday 18:00; Monday -> Wednesday 18:00; Saturday -> Tuesday
    assert default_close(datetime(2021, 3, 4, 15, 0)) == datetime(2021, 3, 8, 18, 0)
    assert default_close(datetime(2021, 3, 1, 9, 0)) == datetime(2021, 3, 3, 18, 0)
    assert default_close(datetime(2021, 3, 6, 12, 0)) == datetime(2021, 3, 9, 18, 0)


def test_time_left_never_goes_below_zero_and_rounds_minutes_up():
    now = datetime(2021, 3, 1, 12, 0, tzinfo=UTC)
    assert time_left(None, now) is None
    assert time_left(now - timedelta(hours=1), now) == timedelta(0)
    assert split_left(timedelta(days=1, hours=2, minutes=3)) == (1, 2, 3)
    assert split_left(timedelta(seconds=1)) == (0, 0, 1)


def test_approval_waits_for_an_end_that_has_passed():
    now = datetime(2021, 3, 1, 12, 0, tzinfo=UTC)
    assert approval_bar(None, now) is ApprovalBar.NO_END
    assert approval_bar(now + timedelta(seconds=1), now) is ApprovalBar.NOT_ENDED
    assert approval_bar(now, now) is None
