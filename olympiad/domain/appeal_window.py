"""The appeal window: when it ends by default, how much of it is left, whether the final
protocol may be approved.

The official procedure gives participants a fixed time after the preliminary results are
announced (commonly two working days); the organizer sets the end when closing marking, and
the chair may not approve the final protocol before it has passed: appeals cannot be cut
short. Times here are naive local wall-clock times or aware datetimes alike; no I/O.
"""

from __future__ import annotations

import enum
from datetime import datetime, time, timedelta

WORKING_DAYS = 2
ENDS_AT = time(18, 0)  # the end of a working day, local time


def default_close(now_local: datetime, working_days: int = WORKING_DAYS) -> datetime:
    """The end of the `working_days`-th working day (Monday to Friday) after today, at
    18:00 local time, as a naive local time."""
    day = now_local.date()
    left = working_days
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return datetime.combine(day, ENDS_AT)


def time_left(closes: datetime | None, now: datetime) -> timedelta | None:
    """What is left of the window (zero once it has ended); None when it has no end."""
    if closes is None:
        return None
    return max(closes - now, timedelta(0))


def split_left(left: timedelta) -> tuple[int, int, int]:
    """Days, hours and minutes of a time left, minutes rounded up (a second left is a
    minute left, never "0 minutes")."""
    minutes = -(-int(left.total_seconds()) // 60)
    return minutes // (24 * 60), minutes // 60 % 24, minutes % 60


class ApprovalBar(enum.StrEnum):
    NO_END = "no_end"  # the window has no end: appeals could still come at any time
    NOT_ENDED = "not_ended"


def approval_bar(closes: datetime | None, now: datetime) -> ApprovalBar | None:
    """Why the final protocol may not be approved yet because of the window, if so."""
    if closes is None:
        return ApprovalBar.NO_END
    if now < closes:
        return ApprovalBar.NOT_ENDED
    return None
