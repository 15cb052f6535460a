"""Ciphers and access codes: unique, kept on re-issue, random rather than in any order."""

import math
import random
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from olympiad.domain.codes import (
    ACCESS_ALPHABET,
    ACCESS_CODE_RE,
    CIPHER_RE,
    issue_access_codes,
    issue_ciphers,
    new_access_code,
    normalize_access_code,
    normalize_cipher,
)

ids = st.lists(st.integers(1, 10**6), unique=True, max_size=300)


@given(ids, st.data(), st.randoms(use_true_random=False))
def test_ciphers_unique_and_kept_on_reissue(participants, data, rng):
    first = issue_ciphers(participants, {}, rng=rng)
    assert list(first) == participants
    assert len(set(first.values())) == len(first)
    assert all(CIPHER_RE.fullmatch(c) for c in first.values())
    # reopen registration: some leave, some join; issued codes are kept and never reused
    leaving = set(
        data.draw(st.lists(st.sampled_from(participants), unique=True)) if participants else []
    )
    joining = data.draw(st.lists(st.integers(10**6 + 1, 2 * 10**6), unique=True, max_size=50))
    staying = [p for p in participants if p not in leaving]
    second = issue_ciphers(staying + joining, first, rng=rng)
    assert all(second[p] == first[p] for p in staying)
    assert len(set(second.values())) == len(second)
    assert not {second[p] for p in joining} & set(first.values())


def test_cipher_order_is_not_enrollment_order():
    participants = list(range(1, 201))
    ciphers = issue_ciphers(participants, {})
    by_cipher = sorted(participants, key=ciphers.__getitem__)
    assert by_cipher != participants and by_cipher != participants[::-1]
    # Spearman's rank correlation between id and cipher order stays near zero
    rng = random.Random(4)
    ciphers = issue_ciphers(participants, {}, rng=rng)
    rank = {p: i for i, p in enumerate(sorted(participants, key=ciphers.__getitem__))}
    d2 = sum((rank[p] - i) ** 2 for i, p in enumerate(participants))
    rho = 1 - 6 * d2 / (200 * (200**2 - 1))
    assert abs(rho) < 0.2


def test_ciphers_do_not_depend_on_ids():
    a = issue_ciphers([1, 2, 3], {}, rng=random.Random(7))
    b = issue_ciphers([30, 20, 10], {}, rng=random.Random(7))
    assert list(a.values()) == list(b.values())  # same draws whatever the ids are


def test_issue_refuses_inconsistent_existing():
    with pytest.raises(ValueError):
        issue_ciphers([1, 2], {1: "ABC-123", 2: "ABC-123"})


def test_normalize_cipher():
    assert normalize_cipher("kmt 482") == "KMT-482"
    assert normalize_cipher("КМТ-482") == "KMT-482"  # typed in Cyrillic
    assert normalize_cipher("KMT482") == "KMT-482"
    assert normalize_cipher("KMZ-482") is None
    assert normalize_cipher("KM-4823") is None


def test_access_code_shape_and_strength():
    codes = {new_access_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert ACCESS_CODE_RE.fullmatch(code)
        assert not set(code) & set("0O1Il")
    assert 12 * math.log2(len(ACCESS_ALPHABET)) >= 50
    assert set(ACCESS_ALPHABET) <= set(string.ascii_uppercase + string.digits)


def test_access_codes_kept_on_reissue():
    first = issue_access_codes([1, 2, 3], {})
    second = issue_access_codes([2, 3, 4], first)
    assert second[2] == first[2] and second[3] == first[3]
    assert len(set(second.values())) == 3


def test_normalize_access_code():
    code = new_access_code()
    assert normalize_access_code(code.lower().replace("-", " ")) == code
    assert normalize_access_code("K7MX4QPR9TWZ") == "K7MX-4QPR-9TWZ"
    assert normalize_access_code("К7МХ-4QPR-9TWZ") == "K7MX-4QPR-9TWZ"  # Cyrillic К, М, Х
    assert normalize_access_code("K7MX-4QPR-9TW0") is None
    assert normalize_access_code("K7MX-4QPR") is None
