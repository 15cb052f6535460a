"""Places in a ranking by total, pure code: no Flask, no database.

Competition ranking ("1224"): equal totals share a place, and the places they take are
skipped after them, so 10, 8, 8, 5 rank 1, 2, 2, 4. Award rules come on top of this later.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from decimal import Decimal
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def competition_places(totals: Mapping[K, Decimal]) -> dict[K, int]:
    """Each key's place by its total, the highest first; ties share the better place."""
    ordered = sorted(totals.values(), reverse=True)
    first: dict[Decimal, int] = {}
    for index, total in enumerate(ordered, start=1):
        first.setdefault(total, index)
    return {key: first[total] for key, total in totals.items()}
