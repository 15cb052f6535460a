"""Rules of the online round: the window, each participant's deadline, what a participant's
screen shows of their progress, and how the answers on the screen become sheet answers.

Times are timezone-aware datetimes; no function reads the clock: `now` is always given.

- A sitting has a window [starts_at, ends_at) and a time limit per participant.
- A participant may start while the window is open. Their deadline is
  min(window end, started_at + limit) + the extensions the organizer gave them.
- Saves are accepted until the deadline plus a short GRACE (a save typed a second before the
  deadline may arrive a moment later); after that the work is due and is submitted
  automatically, at its deadline.
- A participant who has not saved or opened a page for IDLE_AFTER shows as idle.

The screen's fields (a form, or the same form posted by the page's script) are read by
`read_fields` into a raw answer; `sheet_answer` turns a raw answer into what a paper answer
sheet typed in by the jury gives: (value for the scoring engine, text as an operator types it).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from olympiad.domain.scoring import canonical_answer
from olympiad.domain.task_keys import LETTERS, TaskType
from olympiad.domain.typed_answers import format_answer

T = TaskType

GRACE = timedelta(seconds=10)
IDLE_AFTER = timedelta(minutes=5)
MIN_LIMIT, MAX_LIMIT = 5, 600  # minutes per participant
MAX_EXTENSION = 240  # minutes, one extension
MAX_SHORT = 200  # characters of a short or numeric answer
MAX_OPEN = 20_000  # characters of an open answer
MAX_SHEET_TEXT = 300  # what a typed sheet cell holds (marking.answers.MAX_TEXT)


class WindowState(enum.StrEnum):
    BEFORE = "before"
    OPEN = "open"
    CLOSED = "closed"


class AttemptState(enum.StrEnum):
    NOT_STARTED = "not_started"
    WRITING = "writing"
    IDLE = "idle"
    DUE = "due"  # the time is up; the work is submitted on the next request (after GRACE)
    SUBMITTED = "submitted"


@dataclass(frozen=True)
class Window:
    starts_at: datetime
    ends_at: datetime
    limit_minutes: int


def window_state(window: Window, now: datetime) -> WindowState:
    if now < window.starts_at:
        return WindowState.BEFORE
    if now < window.ends_at:
        return WindowState.OPEN
    return WindowState.CLOSED


class WindowProblem(enum.StrEnum):
    LIMIT = "limit"  # the time limit is out of MIN_LIMIT..MAX_LIMIT
    ORDER = "order"  # the window ends before it starts
    SHORT = "short"  # the window is shorter than the time limit
    STARTED = "started"  # the window has already started


def window_problems(window: Window, now: datetime | None = None) -> list[WindowProblem]:
    """What is wrong with a window; with `now` given it must also not have started yet."""
    problems = []
    if not MIN_LIMIT <= window.limit_minutes <= MAX_LIMIT:
        problems.append(WindowProblem.LIMIT)
    if window.ends_at <= window.starts_at:
        problems.append(WindowProblem.ORDER)
    elif window.ends_at - window.starts_at < timedelta(minutes=window.limit_minutes):
        problems.append(WindowProblem.SHORT)
    if now is not None and window.starts_at <= now:
        problems.append(WindowProblem.STARTED)
    return problems


def deadline(window: Window, started_at: datetime, extra_minutes: int = 0) -> datetime:
    """When this participant's time is up: min(window end, start + limit) + extensions."""
    own = started_at + timedelta(minutes=window.limit_minutes)
    return min(window.ends_at, own) + timedelta(minutes=extra_minutes)


def accepts_saves(due: datetime, now: datetime) -> bool:
    return now <= due + GRACE


def is_due(due: datetime, now: datetime) -> bool:
    """The time (and the grace) is over: the work must be submitted."""
    return not accepts_saves(due, now)


def time_left(due: datetime, now: datetime) -> timedelta:
    return max(due - now, timedelta(0))


def attempt_state(
    started_at: datetime | None,
    submitted_at: datetime | None,
    last_seen_at: datetime | None,
    due: datetime | None,
    now: datetime,
    idle_after: timedelta = IDLE_AFTER,
) -> AttemptState:
    if submitted_at is not None:
        return AttemptState.SUBMITTED
    if started_at is None or due is None:
        return AttemptState.NOT_STARTED
    if now >= due:
        return AttemptState.DUE
    if now - (last_seen_at or started_at) > idle_after:
        return AttemptState.IDLE
    return AttemptState.WRITING


def clock(left: timedelta) -> str:
    """1:05:09 or 5:09: what the countdown shows."""
    seconds = max(int(left.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes}:{seconds:02}"


# what a participant's screen sends


class FieldError(ValueError):
    """The fields cannot come from the task's form (a forged or broken request)."""


def _index(text: str, size: int) -> int | None:
    """'' -> None; '2' -> 2 if within range; anything else is an error."""
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 0 <= int(text) < size:
        raise FieldError(f"Нет варианта «{text[:10]}».")
    return int(text)


def _one(fields: Mapping[str, Sequence[str]], name: str) -> str:
    values = fields.get(name) or [""]
    if len(values) != 1:
        raise FieldError(f"Поле «{name}» пришло несколько раз.")
    return values[0]


def read_fields(kind: object, key: dict[str, Any], fields: Mapping[str, Sequence[str]]) -> Any:
    """The raw answer from a task form's fields (name -> values), as stored while writing:

    - single_choice: int | None ("answer")
    - multiple_choice: sorted [int, ...] ("answer", repeated)
    - matching: {"0": 2, ...} (select "pair-<left>" -> right index; unset ones left out)
    - ordering: [int | None, ...] (select "place-<k>" for every place, None if empty)
    - short_answer, number, open: str ("answer"; line breaks kept for open answers)
    """
    kind = TaskType(kind)
    if kind is T.SINGLE_CHOICE:
        return _index(_one(fields, "answer"), len(key["options"]))
    if kind is T.MULTIPLE_CHOICE:
        chosen = {_index(value, len(key["options"])) for value in fields.get("answer", [])}
        return sorted(c for c in chosen if c is not None)
    if kind is T.MATCHING:
        pairs = {}
        for left in range(len(key["left"])):
            right = _index(_one(fields, f"pair-{left}"), len(key["right"]))
            if right is not None:
                pairs[str(left)] = right
        return pairs
    if kind is T.ORDERING:
        size = len(key["items"])
        return [_index(_one(fields, f"place-{k}"), size) for k in range(size)]
    text = _one(fields, "answer").replace("\r\n", "\n").replace("\r", "\n")
    if kind is T.OPEN:
        if len(text) > MAX_OPEN:
            raise FieldError(f"Ответ длиннее {MAX_OPEN} знаков.")
        return text
    return " ".join(text.split())[:MAX_SHORT]


def is_answered(raw: Any) -> bool:
    if isinstance(raw, str):
        return bool(raw.strip())
    if isinstance(raw, list):
        return any(v is not None for v in raw)
    if isinstance(raw, dict):
        return bool(raw)
    return raw is not None


def sheet_answer(kind: object, key: dict[str, Any], raw: Any) -> tuple[Any, str]:
    """A raw closed answer -> (value for the scoring engine, text as typed from a sheet).

    No answer gives (None, "-"), the sheet's mark for an empty box. An ordering with an
    empty place or a repeated item cannot score: its value is None, and its text shows the
    places as given, "_" for an empty one ("В_ГБ").
    """
    kind = TaskType(kind)
    if kind is T.OPEN:
        raise ValueError("Открытые задания не вводят в таблицу ответов.")
    if not is_answered(raw):
        return None, "-"
    if kind is T.ORDERING:
        places = list(raw)
        while places and places[-1] is None:
            places.pop()
        text = "".join("_" if p is None else LETTERS[p] for p in places)
        value = canonical_answer(kind, key, places) if None not in places else None
        return value, text
    value = canonical_answer(kind, key, raw)
    if kind in (T.SHORT_ANSWER, T.NUMBER):
        return value, raw.strip()[:MAX_SHEET_TEXT]
    return value, format_answer(kind, key, value) if value is not None else "-"
