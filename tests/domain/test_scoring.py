"""Automatic scoring: every type and mode, empty and malformed answers, Russian normalisation."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from olympiad.domain.normalise import normalise_text, parse_number
from olympiad.domain.scoring import canonical_answer, round_down, score
from olympiad.domain.task_keys import TaskType, key_answer
from tests.domain.strategies import (
    answers_for,
    json_values,
    matching_keys,
    max_points,
    multiple_keys,
    ordering_keys,
    tasks,
)

T = TaskType
SINGLE = {"options": ["аннотация", "колонтитул", "форзац", "оглавление"], "correct": 0}
MULTIPLE = {"options": ["а", "б", "в", "г", "д"], "correct": [0, 1, 2], "mode": "partial"}
MATCHING = {
    "left": ["один", "два", "три", "четыре"],
    "right": ["А", "Б", "В", "Г", "Д"],
    "pairs": [[0, 1], [1, 0], [2, 3], [3, 2]],
    "mode": "per_pair",
}
ORDERING = {"items": ["а", "б", "в", "г"], "order": [2, 0, 3, 1], "mode": "partial"}
SHORT = {"accepted": ["предметный указатель", "указатель предметный"]}
NUMBER = {"value": 3.5, "tolerance": 0.5}


def with_mode(key, mode):
    return {**key, "mode": mode}


def test_single_choice():
    assert score(T.SINGLE_CHOICE, SINGLE, 1, 0) == 1
    assert score("single_choice", SINGLE, 1, 2) == 0
    assert score(T.SINGLE_CHOICE, SINGLE, 2.5, 0) == Decimal("2.5")


@pytest.mark.parametrize(
    ("answer", "points"),
    [
        ([0, 1, 2], "3"),
        ([2, 0, 1], "3"),
        ([0, 0, 1, 2], "3"),  # a repeat is the same choice
        ([0, 1], "2"),
        ([0], "1"),
        ([0, 1, 2, 3], "2"),  # a wrong option takes away as much as a right one gives
        ([0, 3], "0"),
        ([3, 4], "0"),  # never below zero
        ([0, 1, 2, 3, 4], "1"),
        ([], "0"),
    ],
)
def test_multiple_choice_partial(answer, points):
    assert score(T.MULTIPLE_CHOICE, MULTIPLE, 3, answer) == Decimal(points)


def test_multiple_choice_partial_rounds_down_to_halves():
    assert score(T.MULTIPLE_CHOICE, MULTIPLE, 2, [0]) == Decimal("0.5")  # 0.67
    assert score(T.MULTIPLE_CHOICE, MULTIPLE, 2, [0, 1]) == Decimal("1")  # 1.33
    assert score(T.MULTIPLE_CHOICE, MULTIPLE, 2, [0, 1, 2]) == Decimal("2")


def test_multiple_choice_all_or_nothing():
    key = with_mode(MULTIPLE, "all_or_nothing")
    assert score(T.MULTIPLE_CHOICE, key, 2, [2, 1, 0]) == 2
    assert score(T.MULTIPLE_CHOICE, key, 2, [0, 1]) == 0
    assert score(T.MULTIPLE_CHOICE, key, 2, [0, 1, 2, 3]) == 0


def test_matching_per_pair_and_all_or_nothing():
    right = {"0": 1, "1": 0, "2": 3, "3": 2}
    assert score(T.MATCHING, MATCHING, 4, right) == 4
    assert score(T.MATCHING, MATCHING, 4, {"0": 1, "1": 0, "2": 4}) == 2  # 4 is a distractor
    assert score(T.MATCHING, MATCHING, 4, {"3": 2}) == 1
    assert score(T.MATCHING, MATCHING, 4, {"0": 1, "1": 1, "2": 1, "3": 1}) == 1
    assert score(T.MATCHING, MATCHING, 2, {"0": 1}) == Decimal("0.5")
    assert score(T.MATCHING, MATCHING, 3, {"0": 1}) == Decimal("0.5")  # 0.75 -> 0.5
    key = with_mode(MATCHING, "all_or_nothing")
    assert score(T.MATCHING, key, 4, right) == 4
    assert score(T.MATCHING, key, 4, {**right, "3": 4}) == 0


def test_matching_accepts_integer_keys_from_python_callers():
    assert score(T.MATCHING, MATCHING, 4, {0: 1, 1: 0, 2: 3, 3: 2}) == 4


def test_ordering_partial_and_all_or_nothing():
    assert score(T.ORDERING, ORDERING, 2, [2, 0, 3, 1]) == 2
    assert score(T.ORDERING, ORDERING, 2, [2, 0, 1, 3]) == 1
    assert score(T.ORDERING, ORDERING, 2, [0, 1, 2, 3]) == 0
    assert score(T.ORDERING, ORDERING, 2, [2, 0]) == 1  # the last boxes left empty
    assert score(T.ORDERING, ORDERING, 3, [2]) == Decimal("0.5")  # 0.75 -> 0.5
    key = with_mode(ORDERING, "all_or_nothing")
    assert score(T.ORDERING, key, 2, [2, 0, 3, 1]) == 2
    assert score(T.ORDERING, key, 2, [2, 0, 1, 3]) == 0
    assert score(T.ORDERING, key, 2, [2, 0, 3]) == 0


@pytest.mark.parametrize(
    "answer",
    [
        "предметный указатель",
        "Предметный указатель.",
        "  ПРЕДМЕТНЫЙ   указатель  ",
        "«Предметный указатель»",
        '"предметный указатель"!',
        "предметный\u00a0указатель",  # a no-break space from a word processor
        "предмет\u00adный указатель",  # a soft hyphen
        "Указатель предметный;",
        "указатель предметный ?!",
    ],
)
def test_short_answer_normalised_matches(answer):
    assert score(T.SHORT_ANSWER, SHORT, 2, answer) == 2


@pytest.mark.parametrize("answer", ["указатель", "предметный каталог", "предметныйуказатель", ""])
def test_short_answer_other_words_do_not_match(answer):
    assert score(T.SHORT_ANSWER, SHORT, 2, answer) == 0


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("Ёлка", "елка"),
        ("ЁЖИК", "ежик"),
        ("е\u0308жик", "ёжик"),  # a decomposed ё
        ("фейк‐ньюс", "фейк-ньюс"),  # U+2010 hyphen
        ("фейк‑ньюс", "фейк-ньюс"),  # U+2011 non-breaking hyphen
        ("фейк–ньюс", "фейк-ньюс"),
        ("фейк — ньюс", "фейк-ньюс"),
        ("Москва ― 2019", "Москва-2019"),
        ("„Капитанская дочка“", "Капитанская дочка"),
        ("‘ISBN’", "isbn"),
        ("д’Артаньян", "д'Артаньян"),
        ("т. е.", "т. е"),
        ("Слово о полку Игореве…", "Слово о полку Игореве"),
    ],
)
def test_russian_normalisation(typed, accepted):
    assert normalise_text(typed) == normalise_text(accepted)
    assert score(T.SHORT_ANSWER, {"accepted": [accepted]}, 1, typed) == 1


def test_normalisation_keeps_what_changes_the_meaning():
    assert normalise_text("ББК 84") != normalise_text("ББК 83")
    assert normalise_text("7.0.100") != normalise_text("7.0.10")
    assert normalise_text("и.о.") == "и.о"  # only trailing punctuation goes
    assert normalise_text(".,!") == ""


@pytest.mark.parametrize(
    ("answer", "points"),
    [
        ("3,5", 1),
        ("3.5", 1),
        (" 3 , 5 ", 1),
        ("4", 1),  # the tolerance is inclusive
        ("3,0", 1),
        ("+3", 1),
        ("4,01", 0),
        ("2,99", 0),
        (3.5, 1),
        (4, 1),
        (Decimal("3.9"), 1),
        ("3,5 см", 0),
        ("3½", 0),
        ("3,5,1", 0),
        ("1e1", 0),
        ("", 0),
        (True, 0),
        (float("nan"), 0),
    ],
)
def test_number(answer, points):
    assert score(T.NUMBER, NUMBER, 1, answer) == points


def test_number_is_exact_and_reads_a_minus_and_thousands():
    assert score(T.NUMBER, {"value": 0.3, "tolerance": 0}, 1, "0,3") == 1
    assert score(T.NUMBER, {"value": 0.1, "tolerance": 0.2}, 1, "0,3") == 1
    assert score(T.NUMBER, {"value": -2, "tolerance": 0}, 1, "−2") == 1
    assert score(T.NUMBER, {"value": 1000, "tolerance": 0}, 1, "1 000") == 1
    long = "3.5000000000000000000000000000001"  # Decimal arithmetic would round this to 3.5
    assert score(T.NUMBER, {"value": 3.5, "tolerance": 0}, 1, long) == 0


def test_parse_number():
    assert parse_number("−1,25") == Decimal("-1.25")
    assert parse_number(",5") == Decimal("0.5")
    assert parse_number("5.") == Decimal("5")
    assert parse_number("1" * 41) is None
    assert parse_number(float("inf")) is None
    assert parse_number([1]) is None


EMPTY_OR_MALFORMED = [
    (T.SINGLE_CHOICE, SINGLE, [None, "", "0", 0.0, True, 4, -1, [0], {"0": 0}]),
    (T.MULTIPLE_CHOICE, MULTIPLE, [None, [], "0,1", [True], [0, 5], [0, -1], [[0]], {0: 1}, 2]),
    (
        T.MATCHING,
        MATCHING,
        [None, {}, [[0, 1]], {"0": 9}, {"9": 1}, {"00": 1}, {"a": 1}, {"0": "1"}, {"0": True}],
    ),
    (T.ORDERING, ORDERING, [None, [], [2, 2, 3, 1], [2, 0, 3, 1, 4], [0, 1, 2, 9], "2031", [True]]),
    (T.SHORT_ANSWER, SHORT, [None, "", "   ", "«»", "...", 5, ["предметный указатель"]]),
    (T.NUMBER, NUMBER, [None, "", " ", "три с половиной", [3.5], {"value": 3.5}]),
]


@pytest.mark.parametrize(
    ("kind", "key", "answer"),
    [(kind, key, answer) for kind, key, answers in EMPTY_OR_MALFORMED for answer in answers],
)
def test_empty_and_malformed_answers_score_zero(kind, key, answer):
    assert score(kind, key, 3, answer) == 0
    assert canonical_answer(kind, key, answer) is None


def test_matching_with_a_key_repeated_as_int_and_string_is_malformed():
    assert score(T.MATCHING, MATCHING, 4, {0: 1, "0": 1}) == 0


def test_open_tasks_are_marked_by_the_jury():
    key = {"criteria": [{"title": "Полнота", "max": 5, "description": "Все элементы"}]}
    with pytest.raises(ValueError, match="жюри"):
        score(T.OPEN, key, 5, "текст")


def test_a_broken_key_raises_instead_of_scoring():
    with pytest.raises(ValueError, match="Ключ задания неверен"):
        score(T.SINGLE_CHOICE, {"options": ["а", "б"], "correct": 5}, 1, 0)
    with pytest.raises(ValueError, match="Максимальный балл"):
        score(T.SINGLE_CHOICE, SINGLE, 0.3, 0)
    with pytest.raises(ValueError):
        score("essay", SINGLE, 1, 0)


def test_canonical_answers():
    assert canonical_answer(T.MULTIPLE_CHOICE, MULTIPLE, [2, 0, 2]) == [0, 2]
    assert canonical_answer(T.MATCHING, MATCHING, {3: 2, "0": 1}) == {"0": 1, "3": 2}
    assert canonical_answer(T.ORDERING, ORDERING, (2, 0)) == [2, 0]
    assert canonical_answer(T.NUMBER, NUMBER, "3,5") == "3,5"


def test_round_down():
    assert round_down(Fraction(199, 100)) == Decimal("1.5")
    assert round_down(Fraction(2)) == Decimal("2")
    assert round_down(Fraction(1, 3)) == 0
    assert str(round_down(Fraction(5, 2))) == "2.5"


# properties -----------------------------------------------------------------------------


def in_range_and_halves(points: Decimal, top: float) -> bool:
    return 0 <= points <= Decimal(str(top)) and (points * 2) % 1 == 0


@given(tasks.flatmap(lambda t: st.tuples(st.just(t), answers_for(t[0], t[1]) | json_values)))
def test_points_are_halves_between_zero_and_max(case):
    (kind, key, top), answer = case
    assert in_range_and_halves(score(kind, key, top, answer), top)


@given(tasks)
def test_the_keys_own_answer_gets_the_max(task):
    kind, key, top = task
    assert score(kind, key, top, key_answer(kind, key)) == Decimal(str(top))


@given(multiple_keys(), max_points, st.data())
def test_adding_a_wrong_option_never_raises_the_points(key, top, data):
    answer = data.draw(st.lists(st.integers(0, len(key["options"]) - 1), unique=True))
    wrong = [i for i in range(len(key["options"])) if i not in key["correct"]]
    extra = data.draw(st.sampled_from(wrong))
    before = score(T.MULTIPLE_CHOICE, key, top, answer)
    assert score(T.MULTIPLE_CHOICE, key, top, [*answer, extra]) <= before


@given(multiple_keys(), max_points, st.data())
def test_adding_a_correct_option_never_lowers_the_points(key, top, data):
    answer = data.draw(st.lists(st.integers(0, len(key["options"]) - 1), unique=True))
    extra = data.draw(st.sampled_from(key["correct"]))
    before = score(T.MULTIPLE_CHOICE, key, top, answer)
    assert score(T.MULTIPLE_CHOICE, key, top, [*answer, extra]) >= before


@given(multiple_keys(modes=("partial",)), max_points, st.data())
def test_partial_credit_is_at_least_all_or_nothing(key, top, data):
    answer = data.draw(answers_for(T.MULTIPLE_CHOICE, key))
    strict = {**key, "mode": "all_or_nothing"}
    assert score(T.MULTIPLE_CHOICE, key, top, answer) >= score(
        T.MULTIPLE_CHOICE, strict, top, answer
    )


@given(matching_keys(modes=("per_pair",)), max_points, st.data())
def test_matching_a_pair_right_never_lowers_the_points(key, top, data):
    answer = data.draw(answers_for(T.MATCHING, key))
    left, right = data.draw(st.sampled_from(key["pairs"]))
    before = score(T.MATCHING, key, top, answer)
    assert score(T.MATCHING, key, top, {**answer, str(left): right}) >= before
    strict = {**key, "mode": "all_or_nothing"}
    assert before >= score(T.MATCHING, strict, top, answer)


@given(ordering_keys(modes=("partial",)), max_points, st.data())
def test_putting_an_item_in_its_place_never_lowers_the_points(key, top, data):
    n = len(key["items"])
    answer = list(data.draw(st.permutations(range(n))))
    position = data.draw(st.integers(0, n - 1))
    fixed = answer.copy()
    other = fixed.index(key["order"][position])
    fixed[position], fixed[other] = fixed[other], fixed[position]
    before = score(T.ORDERING, key, top, answer)
    assert score(T.ORDERING, key, top, fixed) >= before
    strict = {**key, "mode": "all_or_nothing"}
    assert before >= score(T.ORDERING, strict, top, answer)


@given(st.text())
def test_normalisation_is_idempotent(text):
    assert normalise_text(normalise_text(text)) == normalise_text(text)


# what participants type: Russian and Latin letters, digits, punctuation (not, say, Turkish ı)
typed_words = st.text(
    alphabet=st.characters(
        categories=("L", "N", "P", "Zs"), max_codepoint=0x4FF, exclude_characters="ıİſ"
    ),
    min_size=1,
)


@given(st.lists(typed_words, min_size=1, max_size=3), st.data())
def test_decorated_accepted_answers_still_match(words, data):
    accepted = " ".join(words)
    if not normalise_text(accepted):
        return
    decorated = data.draw(
        st.sampled_from(
            [accepted.upper(), f"«{accepted}»", f"  {accepted}. ", accepted.replace(" ", "  ")]
        )
    )
    assert score(T.SHORT_ANSWER, {"accepted": [accepted]}, 1, decorated) == 1
