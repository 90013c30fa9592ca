"""analysis.stats checked against statsmodels/scipy called directly on the same counts."""

from __future__ import annotations

import math

import pytest
from scipy.stats import fisher_exact
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from analysis.stats import clean_number, compare, wilson

CASES = [(0, 1), (0, 5), (5, 5), (1, 2), (12, 40), (3, 7), (999, 1000), (31_000, 100_000)]


@pytest.mark.parametrize("k,n", CASES)
def test_wilson_matches_statsmodels(k, n):
    lo, hi = proportion_confint(k, n, method="wilson")
    r = wilson(k, n)
    assert (r.k, r.n) == (k, n)
    assert r.rate == pytest.approx(k / n)
    assert r.lo == pytest.approx(max(lo, 0.0), abs=1e-12)
    assert r.hi == pytest.approx(min(hi, 1.0), abs=1e-12)
    assert 0.0 <= r.lo <= r.rate <= r.hi <= 1.0


def test_wilson_empty_is_none():
    r = wilson(0, 0)
    assert (r.rate, r.lo, r.hi) == (None, None, None)
    assert r.to_dict() == {"n": 0, "advanced": 0, "rate": None, "ci95": None}


@pytest.mark.parametrize("k,n", [(-1, 3), (4, 3), (1.5, 3)])
def test_wilson_rejects_bad_counts(k, n):
    with pytest.raises(ValueError):
        wilson(k, n)


ARMS = [
    (12, 40, 15, 120),  # the example
    (0, 10, 0, 10),  # zeros
    (10, 10, 8, 8),  # all advanced
    (0, 6, 6, 6),
    (1, 3, 2, 4),  # tiny
    (3000, 10000, 2500, 10000),  # large
]


@pytest.mark.parametrize("kw,nw,kwo,nwo", ARMS)
def test_compare_matches_statsmodels_and_scipy(kw, nw, kwo, nwo):
    c = compare(kw, nw, kwo, nwo)
    lo, hi = confint_proportions_2indep(kw, nw, kwo, nwo, method="newcomb")
    p = fisher_exact([[kw, nw - kw], [kwo, nwo - kwo]]).pvalue
    assert c.with_.k == kw and c.with_.n == nw and c.without.k == kwo and c.without.n == nwo
    assert c.difference == pytest.approx(kw / nw - kwo / nwo)
    assert c.diff_lo == pytest.approx(lo) and c.diff_hi == pytest.approx(hi)
    assert c.diff_lo <= c.difference <= c.diff_hi
    assert c.p_value == pytest.approx(min(p, 1.0))
    if kwo == 0:
        assert c.risk_ratio is None
    else:
        assert c.risk_ratio == pytest.approx((kw / nw) / (kwo / nwo))
    assert c.enough_data == (min(nw, nwo) >= 5)


def test_difference_sign_is_with_minus_without():
    c = compare(9, 10, 1, 10)
    assert c.difference > 0 and c.diff_lo > 0
    c2 = compare(1, 10, 9, 10)
    assert c2.difference < 0 and c2.diff_hi < 0


@pytest.mark.parametrize("kw,nw,kwo,nwo", [(0, 0, 3, 10), (3, 10, 0, 0), (0, 0, 0, 0)])
def test_empty_arm_gives_none(kw, nw, kwo, nwo):
    c = compare(kw, nw, kwo, nwo)
    assert c.difference is None and c.diff_lo is None and c.p_value is None and c.risk_ratio is None
    assert c.enough_data is False
    d = c.to_dict()
    assert all(v is None or not (isinstance(v, float) and math.isnan(v)) for v in d.values())


def test_enough_data_threshold():
    assert compare(2, 5, 1, 5).enough_data is True
    assert compare(2, 4, 1, 50).enough_data is False
    assert compare(2, 4, 1, 50, min_n=4).enough_data is True


def test_clean_number():
    assert (
        clean_number(float("inf")) is None
        and clean_number(None) is None
        and clean_number("x") is None
    )
    assert clean_number(3) == 3.0
