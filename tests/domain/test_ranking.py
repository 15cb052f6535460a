from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from olympiad.domain.ranking import competition_places

D = Decimal


def test_ties_share_a_place_and_skip_the_next():
    totals = {"a": D(10), "b": D("8.5"), "c": D("8.5"), "d": D(5)}
    assert competition_places(totals) == {"a": 1, "b": 2, "c": 2, "d": 4}


def test_all_equal_and_empty():
    assert competition_places({1: D(0), 2: D(0), 3: D(0)}) == {1: 1, 2: 1, 3: 1}
    assert competition_places({}) == {}


def test_order_of_input_does_not_matter():
    totals = {"low": D(1), "top": D("20.5"), "mid": D(7), "mid2": D("7.0")}
    assert competition_places(totals) == {"top": 1, "mid": 2, "mid2": 2, "low": 4}


@given(st.dictionaries(st.integers(), st.integers(0, 40).map(lambda n: D(n) / 2)))
def test_place_is_one_plus_the_number_of_better_totals(totals):
    places = competition_places(totals)
    for key, total in totals.items():
        assert places[key] == 1 + sum(other > total for other in totals.values())
