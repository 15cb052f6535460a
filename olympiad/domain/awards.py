"""Ranking and awards of one competition unit (a grade or a grade group), pure code.

Follows domain.md, "Ranking and awards"; every rule is a setting of `AwardRules` whose
defaults are the official procedure. The award is decided group by group, a group being the
participants with equal totals, so equal totals always get equal place and equal status:

1. Candidates are those above the threshold; nobody else is ever awarded or undecided.
2. Winners: the top group (`TOP_TOTAL`), or the best within the winners' share (`SHARE`).
3. Prize-winners follow in table order while winners plus prize-winners fit the quota.
4. A group across a boundary (the quota's, or the winners' share) follows `tie_policy`.
"""

from __future__ import annotations

import enum
import functools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import NamedTuple, TypeVar

from olympiad.domain.ranking import competition_places  # noqa: F401  (the old name)


class Status(enum.StrEnum):
    WINNER = "winner"
    PRIZE_WINNER = "prize_winner"
    PARTICIPANT = "participant"
    UNDECIDED = "undecided"  # a tie group across a boundary, left to the jury


class Rounding(enum.StrEnum):
    """How a share of the present participants is made a whole number of people."""

    DOWN = "down"
    NEAREST = "nearest"  # half rounds up


class WinnersRule(enum.StrEnum):
    TOP_TOTAL = "top_total"  # all who share the top total, even when the quota rounds to 0
    SHARE = "share"  # the best within winners_share of the present (at least one)


class TiePolicy(enum.StrEnum):
    """What happens to a group of equal totals that a boundary falls inside."""

    ADMIT = "admit"  # the whole group gets the award (2013 procedure)
    EXCLUDE = "exclude"  # none of the group gets it
    JURY = "jury"  # the group is undecided: the jury decides


_CHOICES = {"rounding": Rounding, "winners": WinnersRule, "tie_policy": TiePolicy}


@dataclass(frozen=True)
class AwardRules:
    """An olympiad's award settings; the defaults are the official procedure."""

    threshold_share: Decimal = Decimal("0.5")
    threshold_strict: bool = True  # strict: total > share * max; otherwise >=
    quota_share: Decimal = Decimal("0.45")
    rounding: Rounding = Rounding.DOWN
    winners: WinnersRule = WinnersRule.TOP_TOTAL
    winners_share: Decimal = Decimal("0.1")
    tie_policy: TiePolicy = TiePolicy.ADMIT

    def __post_init__(self) -> None:
        for name, kind in _CHOICES.items():  # settings stored as strings: "down" -> DOWN
            object.__setattr__(self, name, kind(getattr(self, name)))
        for name in ("threshold_share", "quota_share", "winners_share"):
            if not Decimal(0) <= getattr(self, name) <= Decimal(1):
                raise ValueError(f"{name} must be between 0 and 1")


@dataclass(frozen=True)
class Entry:
    """A present participant of the unit, as the caller knows them."""

    key: Hashable
    total: Decimal
    sort_name: tuple[str, ...]  # (surname, name, patronymic)


class Ranked(NamedTuple):
    """A row of the rating table (a light tuple: a table may have a hundred thousand)."""

    key: Hashable
    place: int  # competition place: 1, 2, 2, 4
    total: Decimal
    percent: Decimal  # of the maximum total, to 0.1
    status: Status


# a tie group across the winners' boundary; EXCLUDE leaves it out: it competes for a prize
_TIED_WINNER = {TiePolicy.ADMIT: Status.WINNER, TiePolicy.JURY: Status.UNDECIDED}
# a tie group across the quota boundary
_TIED_PRIZE = {
    TiePolicy.ADMIT: Status.PRIZE_WINNER,
    TiePolicy.EXCLUDE: Status.PARTICIPANT,
    TiePolicy.JURY: Status.UNDECIDED,
}
_ONE = Decimal(1)
_TENTH = Decimal("0.1")


def threshold_passed(total: Decimal, max_total: Decimal, rules: AwardRules) -> bool:
    """Whether the total is above the threshold (or at it, when the threshold is not strict)."""
    bar = rules.threshold_share * max_total
    return total > bar if rules.threshold_strict else total >= bar


def _whole(share: Decimal, present: int, rounding: Rounding) -> int:
    mode = ROUND_DOWN if rounding is Rounding.DOWN else ROUND_HALF_UP
    return int((share * present).quantize(_ONE, rounding=mode))


def quota(present: int, rules: AwardRules) -> int:
    """How many winners plus prize-winners the unit may have (before a tie group on top)."""
    return _whole(rules.quota_share, present, rules.rounding)


def _winners_limit(present: int, rules: AwardRules) -> int:
    """The winners' share as a number of people: at least one, at most the quota.

    The quota is the limit for winners and prize-winners together, so a winners' share above
    the quota share cannot stretch it; the "at least one" lets a small unit name its best.
    """
    return max(1, min(_whole(rules.winners_share, present, rules.rounding), quota(present, rules)))


def _winner_groups(sizes: Sequence[int], present: int, rules: AwardRules) -> list[Status]:
    """Statuses of the leading candidate groups that the winners rule decides.

    A group across the winners' boundary that `EXCLUDE` leaves out is not decided here: it
    competes for a prize. An undecided group counts towards the quota, since the jury may
    make it winners.
    """
    if not sizes:
        return []
    if rules.winners is WinnersRule.TOP_TOTAL:
        return [Status.WINNER]
    limit, count, decided = _winners_limit(present, rules), 0, []
    for size in sizes:
        if count + size <= limit:
            decided.append(Status.WINNER)
            count += size
            continue
        if count < limit and rules.tie_policy in _TIED_WINNER:
            decided.append(_TIED_WINNER[rules.tie_policy])
        break
    return decided


def _prize_groups(sizes: Sequence[int], awarded: int, places: int, tie: TiePolicy) -> list[Status]:
    """Statuses of the candidate groups after the winners, `awarded` seats of `places` taken.

    Prize-winners follow the winners without gaps: after a group left out at the quota
    boundary nobody lower is a prize-winner.
    """
    decided = []
    for size in sizes:
        if awarded >= places:
            break
        if awarded + size > places:
            decided.append(_TIED_PRIZE[tie])
            break
        decided.append(Status.PRIZE_WINNER)
        awarded += size
    return decided


def _group_statuses(sizes: Sequence[int], candidates: int, rules: AwardRules) -> list[Status]:
    """One status per group of equal totals, in table order; the first `candidates` groups
    are above the threshold."""
    present = sum(sizes)
    leading = sizes[:candidates]
    winners = _winner_groups(leading, present, rules)
    awarded = sum(leading[: len(winners)])
    rest = leading[len(winners) :]
    prizes = _prize_groups(rest, awarded, quota(present, rules), rules.tie_policy)
    decided = winners + prizes
    return decided + [Status.PARTICIPANT] * (len(sizes) - len(decided))


def _name_key(sort_name: tuple[str, ...]) -> tuple[str, ...]:
    """Alphabetical order as people expect it: case does not matter, 'ё' is 'е'."""
    return tuple(part.casefold().replace("ё", "е") for part in sort_name)


def _percent(total: Decimal, max_total: Decimal) -> Decimal:
    if not max_total:
        return Decimal(0).quantize(_TENTH)
    return (total * 100 / max_total).quantize(_TENTH, rounding=ROUND_HALF_UP)


_KEY, _TOTAL, _NAME = attrgetter("key"), attrgetter("total"), attrgetter("sort_name")
_SECOND, _THIRD = itemgetter(1), itemgetter(2)
_ROW = functools.partial(tuple.__new__, Ranked)  # a row without keyword handling


def rank(
    entries: Iterable[Entry], max_total: Decimal, rules: AwardRules = AwardRules()
) -> list[Ranked]:
    """The rating table of one unit: its present participants in table order, each with place,
    percent of `max_total` and status. Order: total descending, then surname, name and
    patronymic alphabetically, then key.

    Entries go into buckets by total and only the distinct totals are sorted; a group of
    equal totals is ordered by name (each distinct name's key computed once), then key. A
    place is one more than the sizes of the buckets above; a group's percent and status are
    decided once for the whole group."""
    buckets: defaultdict[Decimal, list[Entry]] = defaultdict(list)
    for entry in entries:
        buckets[entry.total].append(entry)
    everyone = [entry for group in buckets.values() for entry in group]
    if len(set(map(_KEY, everyone))) != len(everyone):
        raise ValueError("each participant may be ranked only once in a unit")
    # each distinct name once: its alphabetical rank among the unit's names (equal keys,
    # equal ranks), so that ties are ordered by comparing small numbers
    keyed = sorted((_name_key(name), name) for name in set(map(_NAME, everyone)))
    names, previous = {}, None
    for position, (name_key, name) in enumerate(keyed):
        if name_key != previous:
            ordinal, previous = position, name_key
        names[name] = ordinal
    totals = sorted(buckets, reverse=True)
    sizes = [len(buckets[total]) for total in totals]
    # the table goes down by total, so the groups above the threshold come first
    candidates = sum(threshold_passed(total, max_total, rules) for total in totals)
    statuses = _group_statuses(sizes, candidates, rules)
    rows: list[Ranked] = []
    place = 1
    for total, size, status in zip(totals, sizes, statuses, strict=True):
        group = buckets[total]
        # (name's rank, key, total): keys are unique and of one orderable type (ids), so the
        # order never depends on the input's and the totals are never compared
        ordered = sorted(
            zip(
                map(names.__getitem__, map(_NAME, group)),
                map(_KEY, group),
                map(_TOTAL, group),
                strict=True,
            )
        )
        percent = _percent(total, max_total)
        rows += map(
            _ROW,
            zip(
                map(_SECOND, ordered),
                repeat(place, size),
                map(_THIRD, ordered),
                repeat(percent, size),
                repeat(status, size),
                strict=True,
            ),
        )
        place += size
    return rows


U = TypeVar("U", bound=Hashable)


def rank_units(
    units: Mapping[U, tuple[Sequence[Entry], Decimal]], rules: AwardRules = AwardRules()
) -> dict[U, list[Ranked]]:
    """`rank` for each unit (grade or grade group): its present entries and its maximum total."""
    return {unit: rank(entries, max_total, rules) for unit, (entries, max_total) in units.items()}


def changes(
    before: Sequence[Ranked], after: Sequence[Ranked]
) -> list[tuple[Hashable, Status, Status]]:
    """(key, old status, new status) for each participant whose status differs, in `after`
    order. A key in only one of the two rankings (attendance changed) is not a change of
    status and is left out."""
    old = {row.key: row.status for row in before}
    return [
        (row.key, old[row.key], row.status)
        for row in after
        if row.key in old and old[row.key] != row.status
    ]
