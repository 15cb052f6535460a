"""Benchmark: rank 100,000 present participants of grades 7-11 with the official award rules.

Pure domain code only (olympiad.domain.awards): no app, no database. The entries are
synthetic and seeded: totals in halves, roughly bell-shaped around 45% of the paper's maximum
(70 points for grades 7-8, 100 for 9-11), and names from short lists, so ties on totals and on
names are frequent. Prints the best of three timings and the count of each status.

Run: .venv/bin/python bench/ranking_100k.py [entries]
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections import Counter
from decimal import Decimal

from olympiad.domain import awards
from olympiad.domain.awards import AwardRules, Entry, Status, rank_units

GRADES = range(7, 12)
MAXIMUM = {7: 70, 8: 70, 9: 100, 10: 100, 11: 100}
SURNAMES = ["Иванов", "Смирнов", "Ёлкин", "Елисеев", "Фёдоров", "Фролов", "Орлов", "Жуков"]
NAMES = ["Александр", "Алёна", "Дмитрий", "Мария", "Пётр", "Анна", "Егор", "Ксения"]
PATRONYMICS = ["Иванович", "Сергеевна", "Петрович", "Андреевна", ""]


def build(count: int, seed: int = 2021) -> dict[int, tuple[list[Entry], Decimal]]:
    """`count` entries spread over the grades, each grade with its maximum total."""
    rng = random.Random(seed)
    units: dict[int, tuple[list[Entry], Decimal]] = {
        grade: ([], Decimal(MAXIMUM[grade])) for grade in GRADES
    }
    for key in range(count):
        grade = GRADES[key % len(GRADES)]
        halves = 2 * MAXIMUM[grade]
        total = min(halves, max(0, round(rng.gauss(0.45 * halves, 0.18 * halves))))
        name = (rng.choice(SURNAMES), rng.choice(NAMES), rng.choice(PATRONYMICS))
        units[grade][0].append(Entry(key, Decimal(total) / 2, name))
    return units


def previous_rank(entries, max_total: Decimal, rules: AwardRules) -> list[tuple]:
    """The ranking as it was before issue 20 (one sort by a key of Decimal negations and
    casefolded names, a second sort for places, a frozen dataclass per row), kept here to
    measure the ratio in the same run; the rows must come out the same."""
    from dataclasses import dataclass
    from itertools import groupby

    from olympiad.domain.ranking import competition_places

    @dataclass(frozen=True)
    class Row:
        key: object
        place: int
        total: Decimal
        percent: Decimal
        status: Status

    def table_key(entry):
        return (-entry.total, awards._name_key(entry.sort_name), entry.key)

    ordered = sorted(entries, key=table_key)
    places = competition_places({entry.key: entry.total for entry in ordered})
    groups = [list(group) for _, group in groupby(ordered, key=lambda e: e.total)]
    candidates = sum(awards.threshold_passed(g[0].total, max_total, rules) for g in groups)
    statuses = awards._group_statuses([len(g) for g in groups], candidates, rules)
    percents = [awards._percent(g[0].total, max_total) for g in groups]
    return [
        Row(e.key, places[e.key], e.total, percent, status)
        for group, status, percent in zip(groups, statuses, percents, strict=True)
        for e in group
    ]


def best_of_3(run) -> tuple[float, list[float], object]:
    timings, result = [], None
    for _ in range(3):
        started = time.perf_counter()
        result = run()
        timings.append(time.perf_counter() - started)
    return min(timings), timings, result


def main(count: int = 100_000) -> None:
    units = build(count)
    rules = AwardRules()
    before, before_runs, old = best_of_3(
        lambda: {unit: previous_rank(e, m, rules) for unit, (e, m) in units.items()}
    )
    best, timings, tables = best_of_3(lambda: rank_units(units, rules))
    for unit, rows in tables.items():  # the same table, row for row
        assert [tuple(row) for row in rows] == [
            (r.key, r.place, r.total, r.percent, r.status) for r in old[unit]
        ], unit
    print(f"entries:          {count} in grades {GRADES[0]}-{GRADES[-1]}, official rules")
    print(
        f"rank, best of 3:  {best:.3f} s  (all runs: "
        + ", ".join(f"{t:.3f}" for t in timings)
        + f"); goal ≤ 0.300 s for 100,000: {'met' if best <= 0.3 else 'NOT met'}"
    )
    print(
        f"previous ranking: {before:.3f} s  (same run, same rows); ratio new/previous "
        f"{best / before:.2f}"
    )
    print(f"per entry:        {best / count * 1e6:.1f} µs")
    print(
        f"machine load:     {os.getloadavg()[0]:.1f} "
        f"(1-minute load average, {os.cpu_count()} cores)"
    )
    overall: Counter[Status] = Counter()
    for grade, rows in tables.items():
        counts = Counter(row.status for row in rows)
        overall += counts
        print(
            f"grade {grade:>2}: {len(rows):>6} present, top {rows[0].total:>5} "
            f"of {MAXIMUM[grade]}, "
            + ", ".join(f"{status.value} {counts[status]}" for status in Status)
        )
    print("all:      " + ", ".join(f"{status.value} {overall[status]}" for status in Status))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
