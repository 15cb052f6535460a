"""Double marking, the chair's word, and criterion marks."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from olympiad.domain.marking import (
    FinalRule,
    MarkState,
    Resolution,
    criteria_errors,
    resolve,
    total,
)

halves = st.integers(min_value=0, max_value=40).map(lambda n: n / 2)


def test_single_marker():
    assert resolve(None, None, None, markers=1, tolerance=1, rule="mean").state == MarkState.MISSING
    result = resolve(4.5, None, None, markers=1, tolerance=1, rule="mean")
    assert result == Resolution(MarkState.FINAL, Decimal("4.5"))


def test_two_markers_wait_for_each_other():
    assert resolve(4, None, None, markers=2, tolerance=1, rule="mean").state == MarkState.WAITING
    assert resolve(None, 4, None, markers=2, tolerance=1, rule="mean").state == MarkState.WAITING


def test_within_tolerance_mean_and_higher():
    assert resolve(4, 5, None, markers=2, tolerance=1, rule="mean").final == Decimal("4.5")
    assert resolve(4, 5, None, markers=2, tolerance=1, rule="higher").final == Decimal("5")
    # a quarter goes up to the half: the doubt goes to the participant
    assert resolve(3, 3.5, None, markers=2, tolerance=1, rule="mean").final == Decimal("3.5")


def test_beyond_tolerance_goes_to_the_chair_whose_mark_is_final():
    assert resolve(2, 5, None, markers=2, tolerance=1, rule="mean").state == MarkState.DISCREPANCY
    assert resolve(2, 5, 3, markers=2, tolerance=1, rule="mean") == Resolution(
        MarkState.FINAL,
        Decimal("3"),
    )


def test_tolerance_is_inclusive():
    assert resolve(2, 3, None, markers=2, tolerance=1, rule="mean").state == MarkState.FINAL
    assert resolve(2, 3.5, None, markers=2, tolerance=1, rule="mean").state == MarkState.DISCREPANCY


@given(halves, halves, st.sampled_from(list(FinalRule)), st.sampled_from([0, 0.5, 1, 2]))
def test_final_lies_between_the_two_marks_in_halves(a, b, rule, tolerance):
    result = resolve(a, b, None, markers=2, tolerance=tolerance, rule=rule)
    if result.state == MarkState.FINAL:
        assert Decimal(str(min(a, b))) <= result.final <= Decimal(str(max(a, b)))
        assert (result.final * 2) % 1 == 0
    else:
        assert result.state == MarkState.DISCREPANCY
        assert abs(a - b) > tolerance


CRITERIA = [
    {"title": "Порядок элементов", "max": 3, "description": ""},
    {"title": "Пунктуация", "max": 2, "description": ""},
]


def test_criteria_marks():
    assert criteria_errors(CRITERIA, [3, 1.5]) == []
    assert total([3, 1.5]) == Decimal("4.5")
    assert "от 0 до 2" in criteria_errors(CRITERIA, [3, 2.5])[0]
    assert "половины" in criteria_errors(CRITERIA, [2.25, 1])[0]
    assert "поставьте балл" in criteria_errors(CRITERIA, [None, 1])[0]
    assert "не число" in criteria_errors(CRITERIA, ["три", 1])[0]
    assert "Нужно 2" in criteria_errors(CRITERIA, [1])[0]
    assert "от 0 до 3" in criteria_errors(CRITERIA, [-1, 0])[0]
