"""Optimistic locking across the two requests of an edit form, in one place.

A form carries the version of the row it was opened at, and a save is refused when that is not
the row's version now: someone saved in between, and overwriting would lose their change. A
save that names no version at all (an old page, a crafted or cut-off request) is refused the
same way: it cannot show that it saw the latest change. Code that means to write whatever is
stored (an import with a reason, the demo, a chair's decision applied to marks) says so with
UNCHECKED; nothing skips the check by leaving the version out.
"""

from __future__ import annotations

from typing import Final


class _Unchecked:
    def __repr__(self) -> str:
        return "UNCHECKED"


UNCHECKED: Final = _Unchecked()


def is_stale(sent: object, current: int) -> bool:
    """True if a save made on version `sent` must be refused now that the row is `current`."""
    if sent is UNCHECKED:
        return False
    if not isinstance(sent, int) or isinstance(sent, bool):
        return True  # none given, or not a number
    return sent != current
