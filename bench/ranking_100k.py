"""Benchmark: rank 100,000 present participants of grades 7-11 with the official award rules.

Pure domain code only (olympiad.domain.awards): no app, no database. The entries are
synthetic and seeded: totals in halves, roughly bell-shaped around 45% of the paper's maximum
(70 points for grades 7-8, 100 for 9-11), and names from short lists, so ties on totals and on
names are frequent. Prints the best of three timings and the count of each status.

Run: .venv/bin/python bench/ranking_100k.py [entries]
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter
from decimal import Decimal

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


def main(count: int = 100_000) -> None:
    units = build(count)
    rules = AwardRules()
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        tables = rank_units(units, rules)
        timings.append(time.perf_counter() - started)
    print(f"entries:          {count} in grades {GRADES[0]}-{GRADES[-1]}, official rules")
    print(
        f"rank, best of 3:  {min(timings):.3f} s  (all runs: "
        + ", ".join(f"{t:.3f}" for t in timings)
        + ")"
    )
    print(f"per entry:        {min(timings) / count * 1e6:.1f} µs")
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
