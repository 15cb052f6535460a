"""How the tasks area shows things: labels, bank filters from the query string, a task's key
and text in short, and downloads named in Russian."""

import re

from werkzeug.datastructures import MultiDict

from olympiad.domain.task_keys import (
    DIFFICULTIES,
    LETTERS,
    MODE_LABELS,
    TOPICS,
    TYPE_LABELS,
    TaskType,
    key_answer,
)
from olympiad.domain.task_text import parse_blocks
from olympiad.domain.typed_answers import format_answer
from olympiad.models import TaskVersion

_MARKUP = re.compile(r"\*\*|(?<!\w)\*|\*(?!\w)")


def labels() -> dict:
    return {
        "type_labels": TYPE_LABELS,
        "topics": TOPICS,
        "difficulties": DIFFICULTIES,
        "mode_labels": MODE_LABELS,
        "letters": LETTERS,
    }


def filters(args: MultiDict) -> dict:
    """The bank filters of a query string; anything unknown is no filter."""
    grade, difficulty = args.get("grade", type=int), args.get("difficulty", type=int)
    return {
        "q": args.get("q", "").strip()[:100],
        "topic": args.get("topic", "") if args.get("topic") in TOPICS else "",
        "task_type": args.get("type", "") if args.get("type") in set(TaskType) else "",
        "grade": grade if grade in range(1, 12) else None,
        "difficulty": difficulty if difficulty in DIFFICULTIES else None,
    }


# the query-string keys of the bank's filters and its page: the only ones carried from page to
# form and back (carrying all of request.args let `?group_id=7` clash with the route's own)
BANK_QUERY = ("q", "topic", "type", "grade", "difficulty", "fresh", "page")


def bank_query(args: MultiDict) -> dict[str, str]:
    """The bank filters of a query string, to be carried into url_for as they were typed."""
    return {name: args.get(name, "")[:100] for name in BANK_QUERY if args.get(name)}


def typed_key(version: TaskVersion) -> str:
    """The key as it is typed from an answer sheet: «Б», «1-Б, 2-А», «ВАГБ»."""
    if version.type is TaskType.OPEN:
        return ""
    return format_answer(version.type, version.key, key_answer(version.type, version.key))


def excerpt(text: str) -> str:
    """A task's text on one line without its markup, for lists."""
    lines = (" ".join(part) for block in parse_blocks(text) for part in block.parts)
    return _MARKUP.sub("", " ".join(lines))
