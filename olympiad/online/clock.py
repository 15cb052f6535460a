"""The server's clock, in one place: tests move it, nothing else reads the time."""

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)
