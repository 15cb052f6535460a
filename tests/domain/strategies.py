"""Hypothesis strategies: random valid tasks of every auto-scored type, and answers to them;
rating units and award rules."""

from decimal import Decimal

from hypothesis import strategies as st

from olympiad.domain.awards import AwardRules, Entry, Rounding, TiePolicy, WinnersRule
from olympiad.domain.normalise import normalise_text
from olympiad.domain.task_keys import MAX_ITEMS, MODES, TaskType

T = TaskType

max_points = st.integers(1, 200).map(lambda halves: halves / 2)
size = st.integers(2, MAX_ITEMS)
words = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяABCXYZ0123456789 -.«»", max_size=12)


def _labels(n: int, stem: str) -> list[str]:
    return [f"{stem} {i + 1}" for i in range(n)]


@st.composite
def single_keys(draw):
    n = draw(size)
    return {"options": _labels(n, "вариант"), "correct": draw(st.integers(0, n - 1))}


@st.composite
def multiple_keys(draw, modes=MODES[T.MULTIPLE_CHOICE]):
    n = draw(size)
    correct = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n - 1, unique=True))
    return {
        "options": _labels(n, "вариант"),
        "correct": correct,
        "mode": draw(st.sampled_from(modes)),
    }


@st.composite
def matching_keys(draw, modes=MODES[T.MATCHING]):
    left = draw(size)
    right = draw(st.integers(left, MAX_ITEMS))
    rights = draw(st.permutations(range(right)))[:left]
    pairs = [[li, ri] for li, ri in enumerate(rights)]
    pairs = draw(st.permutations(pairs))  # the order of pairs in a key does not matter
    return {
        "left": _labels(left, "пункт"),
        "right": _labels(right, "ответ"),
        "pairs": pairs,
        "mode": draw(st.sampled_from(modes)),
    }


@st.composite
def ordering_keys(draw, modes=MODES[T.ORDERING]):
    n = draw(size)
    order = draw(st.permutations(range(n)).filter(lambda p: p != list(range(n))))
    return {"items": _labels(n, "этап"), "order": order, "mode": draw(st.sampled_from(modes))}


@st.composite
def short_keys(draw):
    accepted = draw(
        st.lists(
            words.filter(lambda w: any(c.isalnum() for c in w)),
            min_size=1,
            max_size=4,
            unique_by=normalise_text,
        )
    )
    return {"accepted": accepted}


thousandths = st.integers(-(10**9), 10**9).map(lambda n: n / 1000)


@st.composite
def number_keys(draw):
    tolerance = draw(st.integers(0, 10**6).map(lambda n: n / 1000))
    return {"value": draw(thousandths), "tolerance": tolerance}


KEYS = {
    T.SINGLE_CHOICE: single_keys(),
    T.MULTIPLE_CHOICE: multiple_keys(),
    T.MATCHING: matching_keys(),
    T.ORDERING: ordering_keys(),
    T.SHORT_ANSWER: short_keys(),
    T.NUMBER: number_keys(),
}

tasks = st.sampled_from(sorted(KEYS)).flatmap(
    lambda kind: st.tuples(st.just(kind), KEYS[kind], max_points)
)

# anything a broken form, an old export or a hand-edited file might hold
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 12) | st.floats() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=12,
)


def answers_for(kind: TaskType, key: dict):
    """Well-formed answers of every shape the type allows, right or wrong."""
    if kind is T.SINGLE_CHOICE:
        return st.integers(0, len(key["options"]) - 1)
    if kind is T.MULTIPLE_CHOICE:
        return st.lists(st.integers(0, len(key["options"]) - 1), unique=True)
    if kind is T.MATCHING:
        return st.dictionaries(
            st.integers(0, len(key["left"]) - 1).map(str), st.integers(0, len(key["right"]) - 1)
        )
    if kind is T.ORDERING:
        n = len(key["items"])
        return st.permutations(range(n)).flatmap(lambda p: st.integers(0, n).map(lambda k: p[:k]))
    if kind is T.SHORT_ANSWER:
        return words | st.sampled_from(key["accepted"])
    return (thousandths | st.just(key["value"])).map(lambda x: str(x).replace(".", ","))


# ranking and awards: one unit's present participants, and award rules of every setting

hundredths = st.integers(0, 100).map(lambda n: Decimal(n) / 100)
award_rules = st.builds(
    AwardRules,
    threshold_share=st.sampled_from([Decimal("0.5"), Decimal(0), Decimal(1)]) | hundredths,
    threshold_strict=st.booleans(),
    quota_share=st.sampled_from([Decimal("0.45")]) | hundredths,
    rounding=st.sampled_from(Rounding),
    winners=st.sampled_from(WinnersRule),
    winners_share=st.sampled_from([Decimal("0.1")]) | hundredths,
    tie_policy=st.sampled_from(TiePolicy),
)
# same surnames in other letter cases and with ё/е, so ties are ordered by every rule
sort_names = st.tuples(
    st.sampled_from(["Ёлкин", "Елисеев", "елкин", "Жуков", "ЖУКОВ", "Абрамова"]),
    st.sampled_from(["Пётр", "Петр", "анна"]),
)


@st.composite
def units(draw, max_size=40):
    """(entries, max_total): totals in halves from 0 to the maximum, ties frequent."""
    max_total = Decimal(draw(st.integers(0, 200))) / 2
    pool = st.integers(0, int(max_total * 2)).map(lambda n: Decimal(n) / 2)
    distinct = draw(st.lists(pool, min_size=1, max_size=max_size, unique=True))
    totals = draw(st.lists(st.sampled_from(distinct), max_size=max_size))
    keys = draw(st.permutations(range(len(totals))))
    entries = [Entry(k, t, draw(sort_names)) for k, t in zip(keys, totals, strict=True)]
    return entries, max_total
