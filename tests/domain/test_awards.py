"""Ranking and awards of one unit (domain.md, "Ranking and awards")."""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from olympiad.domain import ranking
from olympiad.domain.awards import (
    AwardRules,
    Entry,
    Ranked,
    Rounding,
    Status,
    TiePolicy,
    WinnersRule,
    changes,
    competition_places,
    quota,
    rank,
    rank_units,
    threshold_passed,
)
from tests.domain.strategies import award_rules, units

D = Decimal
S = Status
OFFICIAL = AwardRules()
CODE = {S.WINNER: "W", S.PRIZE_WINNER: "P", S.UNDECIDED: "?", S.PARTICIPANT: "-"}
LEVEL = {S.PARTICIPANT: 0, S.UNDECIDED: 1, S.PRIZE_WINNER: 2, S.WINNER: 3}


def unit(*totals):
    """Entries with keys 0, 1, ... in the order given; names keep that order within ties."""
    return [Entry(i, D(str(t)), (f"Фамилия{i:02d}", "Имя")) for i, t in enumerate(totals)]


def codes(*totals, max_total=100, **rules):
    """The statuses of the table as a string: W winner, P prize-winner, ? undecided, - none."""
    rows = rank(unit(*totals), D(max_total), replace(OFFICIAL, **rules))
    return "".join(CODE[row.status] for row in rows)


# official defaults: strictly more than half, 45% of the present rounded down, top total wins

TEN = (90, 85, 80, 75, 70, 65, 60, 55, 40, 30)


def test_ten_present_give_one_winner_and_three_prize_winners():
    assert quota(10, OFFICIAL) == 4
    assert codes(*TEN) == "WPPP------"  # 70, 65, 60, 55 are above half but outside the quota


def test_everyone_sharing_the_top_total_wins():
    assert codes(90, 90, 80, 75, 70, 65, 60, 55, 40, 30) == "WWPP------"
    assert codes(90, 90, 90, 90, 90, 85, 60, 55, 40, 30) == "WWWWW-----"  # winners fill it


def test_a_tie_group_across_the_quota_boundary_is_admitted_whole():
    assert codes(90, 85, 80, 75, 75, 75, 60, 55, 40, 30) == "WPPPPP----"


def test_a_group_that_ends_exactly_at_the_quota_is_not_a_tie_at_the_boundary():
    for policy in TiePolicy:
        assert codes(90, 85, 75, 75, 70, 65, 60, 55, 40, 30, tie_policy=policy) == "WPPP------"


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (TiePolicy.ADMIT, "WPPPPP----"),
        (TiePolicy.EXCLUDE, "WPP-------"),
        (TiePolicy.JURY, "WPP???----"),
    ],
)
def test_tie_policy_at_the_quota_boundary(policy, expected):
    assert codes(90, 85, 80, 75, 75, 75, 60, 55, 40, 30, tie_policy=policy) == expected


def test_nobody_above_half_gets_nothing():
    assert codes(50, 50, 45, 30, 10) == "-----"
    assert codes(0, 0, 0) == "---"


def test_all_equal_above_half_all_win():
    rows = rank(unit(*[80] * 10), D(100))
    assert {(row.place, row.status) for row in rows} == {(1, S.WINNER)}


def test_winners_are_named_when_the_quota_rounds_to_zero():
    assert quota(2, OFFICIAL) == 0
    assert codes(80, 70) == "W-"
    assert codes(60) == "W"
    assert codes(70, 70) == "WW"
    assert codes(40, 30) == "--"


def test_threshold_strict_and_not_exactly_at_half():
    assert not threshold_passed(D(50), D(100), OFFICIAL)
    assert threshold_passed(D("50.5"), D(100), OFFICIAL)
    at_least = replace(OFFICIAL, threshold_strict=False)
    assert threshold_passed(D(50), D(100), at_least)
    assert not threshold_passed(D("49.5"), D(100), at_least)
    assert threshold_passed(D("17.5"), D(35), at_least)  # half of an odd maximum
    assert not threshold_passed(D("17.5"), D(35), OFFICIAL)
    assert codes(50, 40) == "--"
    assert codes(50, 40, threshold_strict=False) == "W-"


def test_threshold_share_is_a_setting():
    assert codes(65, 62, 61, 60, 59, 58, 57, 56, 55, 54, threshold_share=D("0.6")) == "WPP-------"


def test_rounding_down_and_to_the_nearest_half_up():
    nearest = replace(OFFICIAL, rounding=Rounding.NEAREST)
    assert (quota(11, OFFICIAL), quota(11, nearest)) == (4, 5)  # 4.95
    assert (quota(10, OFFICIAL), quota(10, nearest)) == (4, 5)  # 4.5: half up
    assert (quota(9, OFFICIAL), quota(9, nearest)) == (4, 4)  # 4.05
    assert (quota(0, OFFICIAL), quota(0, nearest)) == (0, 0)
    eleven = (*TEN, 20)
    assert codes(*eleven) == "WPPP-------"
    assert codes(*eleven, rounding=Rounding.NEAREST) == "WPPPP------"


# winners by share: 20 present, 10% -> 2 winners, quota 9

TWENTY = tuple(range(95, 75, -1))


def test_winners_by_share():
    assert codes(*TWENTY, winners=WinnersRule.SHARE) == "WWPPPPPPP" + "-" * 11


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (TiePolicy.ADMIT, "WWWPPPPPP"),  # the tied pair are both winners
        (TiePolicy.EXCLUDE, "WPPPPPPPP"),  # neither wins: both compete for a prize
        (TiePolicy.JURY, "W??PPPPPP"),  # the jury decides; they count towards the quota
    ],
)
def test_tie_policy_at_the_winners_boundary(policy, expected):
    totals = (95, 94, 94, *range(93, 76, -1))
    assert codes(*totals, winners=WinnersRule.SHARE, tie_policy=policy) == expected + "-" * 11


def test_winners_by_share_are_at_least_one():
    assert codes(90, 80, 70, 60, 55, winners=WinnersRule.SHARE) == "WP---"  # 0.5 rounds to 1
    assert codes(40, 30, winners=WinnersRule.SHARE) == "--"  # but not below the threshold


def test_winners_by_share_never_stretch_the_quota():
    assert codes(*TEN, winners=WinnersRule.SHARE, winners_share=D(1)) == "WWWW------"


def test_excluded_top_group_competes_for_prizes():
    rules = {"winners": WinnersRule.SHARE, "tie_policy": TiePolicy.EXCLUDE}
    assert codes(90, 90, 90, 80, 70, 60, 55, 50, 40, 30, **rules) == "PPPP------"
    assert codes(90, 90, 90, 80, 80, 60, 55, 50, 40, 30, **rules) == "PPP-------"


# the table: places, order within ties, percent


def test_places_are_competition_places():
    rows = rank(unit(10, "8.5", "8.50", 5, 5, 1), D(10))
    assert [row.place for row in rows] == [1, 2, 2, 4, 4, 6]
    assert ranking.competition_places is competition_places  # the old name still works


def test_ties_are_listed_alphabetically_with_yo_as_ye_and_any_case():
    people = [
        Entry("ж", D(60), ("Жуков", "Иван", "")),
        Entry("ё", D(60), ("Ёлкин", "Пётр", "")),
        Entry("е", D(60), ("Елисеев", "Олег", "")),
        Entry("ёл", D(60), ("ёлкин", "Павел", "")),
        Entry("а", D(50), ("Абрамова", "Анна", "")),
        Entry("я", D(70), ("Яковлев", "Ян", "")),
    ]
    assert [row.key for row in rank(people, D(100))] == ["я", "е", "ёл", "ё", "ж", "а"]


def test_namesakes_are_ordered_by_key():
    twins = [Entry(k, D(5), ("Иванов", "Иван", "Иванович")) for k in (3, 1, 2)]
    assert [row.key for row in rank(twins, D(10))] == [1, 2, 3]


def test_percent_of_the_maximum_to_a_tenth_half_up():
    rows = rank([Entry(1, D("35.5"), ("А",)), Entry(2, D(1), ("Б",))], D(70))
    assert [row.percent for row in rows] == [D("50.7"), D("1.4")]
    (row,) = rank([Entry(1, D(1), ("А",))], D(16))
    assert row.percent == D("6.3")  # 6.25: half up, not to even
    (row,) = rank([Entry(1, D(0), ("А",))], D(0))
    assert row.percent == D(0)


def test_an_empty_unit_and_one_row_in_full():
    assert rank([], D(50)) == []
    assert rank([Entry("x", D(30), ("Орлов",))], D(50)) == [
        Ranked("x", 1, D(30), D("60.0"), S.WINNER)
    ]


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="only once"):
        rank([Entry(1, D(5), ("А",)), Entry(1, D(4), ("Б",))], D(10))
    with pytest.raises(ValueError, match="quota_share"):
        AwardRules(quota_share=D("1.5"))
    with pytest.raises(ValueError, match="threshold_share"):
        AwardRules(threshold_share=D(-1))
    with pytest.raises(ValueError, match="sometimes"):
        AwardRules(tie_policy="sometimes")


def test_settings_stored_as_strings_become_enum_members():
    rules = AwardRules(rounding="nearest", winners="share", tie_policy="jury")
    assert (rules.rounding, rules.winners, rules.tie_policy) == (
        Rounding.NEAREST,
        WinnersRule.SHARE,
        TiePolicy.JURY,
    )
    assert rules.rounding is Rounding.NEAREST and quota(11, rules) == 5


def test_changes_lists_who_would_change_in_the_new_order():
    entries = unit(90, 85, 80, 75, 75, 75, 60, 55, 40, 30)
    before = rank(entries, D(100))
    after = rank(entries, D(100), replace(OFFICIAL, tie_policy=TiePolicy.JURY))
    assert changes(before, after) == [(k, S.PRIZE_WINNER, S.UNDECIDED) for k in (3, 4, 5)]
    assert changes(before, before) == []
    fewer = rank(entries[:9], D(100))  # one left, and the quota went down to 4
    assert changes(before, fewer) == []
    assert changes(before, rank(entries[1:], D(100))) == [(1, S.PRIZE_WINNER, S.WINNER)]


def test_rank_units_ranks_each_unit_on_its_own():
    result = rank_units({7: (unit(20, 10), D(30)), 9: (unit(10, 20), D(50))})
    assert [(r.key, r.status) for r in result[7]] == [(0, S.WINNER), (1, S.PARTICIPANT)]
    assert [(r.key, r.status) for r in result[9]] == [(1, S.PARTICIPANT), (0, S.PARTICIPANT)]


def test_adding_a_lower_participant_may_lower_a_prize_winner_to_undecided_by_share_and_jury():
    """The counterexample to monotonicity: 19 -> 20 present moves the winners' share from one
    to two, and its boundary now falls inside the tied pair that were prize-winners."""
    rules = {"winners": WinnersRule.SHARE, "tie_policy": TiePolicy.JURY}
    nineteen = (95, 94, 94, *range(93, 77, -1))
    assert codes(*nineteen, **rules) == "WPPPPPPP" + "-" * 11
    assert codes(*nineteen, 1, **rules) == "W??PPPPPP" + "-" * 11


# properties


def _awarded(rows):
    return [row for row in rows if row.status is not S.PARTICIPANT]


@given(units(), award_rules)
def test_only_one_tie_group_may_exceed_the_quota(unit_, rules):
    entries, max_total = unit_
    rows = rank(entries, max_total, rules)
    awarded, places = _awarded(rows), quota(len(rows), rules)
    assert awarded == rows[: len(awarded)]  # the awarded and undecided lead the table
    if len(awarded) > places:
        last = awarded[-1].total
        assert len([row for row in awarded if row.total != last]) <= places


@given(units(), award_rules)
def test_the_quota_is_used_a_candidate_is_left_out_only_when_full(unit_, rules):
    entries, max_total = unit_
    rows = rank(entries, max_total, rules)
    places = quota(len(rows), rules)
    for row in rows:
        if row.status is S.PARTICIPANT and threshold_passed(row.total, max_total, rules):
            assert sum(other.total >= row.total for other in rows) > places
            if rules.tie_policy is TiePolicy.ADMIT:
                assert sum(other.total > row.total for other in rows) >= places


@given(units(), award_rules)
def test_equal_totals_get_equal_place_and_status(unit_, rules):
    entries, max_total = unit_
    seen = {}
    for row in rank(entries, max_total, rules):
        assert seen.setdefault(row.total, (row.place, row.status)) == (row.place, row.status)


@given(units(), award_rules)
def test_nobody_at_or_below_the_threshold_is_awarded_or_undecided(unit_, rules):
    entries, max_total = unit_
    bar = rules.threshold_share * max_total
    for row in _awarded(rank(entries, max_total, rules)):
        assert row.total > bar if rules.threshold_strict else row.total >= bar


@given(units(), award_rules.filter(lambda rules: rules.winners is WinnersRule.TOP_TOTAL))
def test_the_top_total_wins_when_above_the_threshold(unit_, rules):
    entries, max_total = unit_
    rows = rank(entries, max_total, rules)
    assume(rows)
    top = threshold_passed(rows[0].total, max_total, rules)
    assert [row.status is S.WINNER for row in rows] == [
        top and r.total == rows[0].total for r in rows
    ]


# By share with the jury deciding, a lower newcomer can move the winners' boundary into a tied
# group of prize-winners, who become undecided (see the counterexample above): left out here.
@given(
    units(),
    award_rules.filter(
        lambda r: not (r.winners is WinnersRule.SHARE and r.tie_policy is TiePolicy.JURY)
    ),
    st.integers(0, 199),
)
def test_a_newcomer_below_everyone_lowers_nobody(unit_, rules, below):
    entries, max_total = unit_
    assume(entries)
    lowest = min(entry.total for entry in entries)
    assume(lowest > 0)
    newcomer = Entry(-1, D(below % int(lowest * 2)) / 2, ("Новиков",))
    before = {row.key: row.status for row in rank(entries, max_total, rules)}
    after = {row.key: row.status for row in rank([*entries, newcomer], max_total, rules)}
    assert all(LEVEL[after[key]] >= LEVEL[status] for key, status in before.items())


@given(units(), award_rules)
def test_places_are_one_plus_the_number_of_better_totals(unit_, rules):
    entries, max_total = unit_
    for row in rank(entries, max_total, rules):
        assert row.place == 1 + sum(entry.total > row.total for entry in entries)


def _spelled(entry):
    return tuple(part.lower().replace("ё", "е") for part in entry.sort_name)


@given(units(), award_rules)
def test_the_table_is_in_order_and_holds_everyone_once(unit_, rules):
    entries, max_total = unit_
    rows = rank(entries, max_total, rules)
    by_key = {entry.key: entry for entry in entries}
    assert sorted(row.key for row in rows) == sorted(by_key)
    for upper, lower in zip(rows, rows[1:], strict=False):
        a, b = by_key[upper.key], by_key[lower.key]
        assert (upper.total, lower.total) == (a.total, b.total)
        assert a.total > b.total or (
            a.total == b.total and (_spelled(a), a.key) < (_spelled(b), b.key)
        )
