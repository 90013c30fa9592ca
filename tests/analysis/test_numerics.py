"""analysis.numerics checked against published worked examples, not against the call it wraps.

Sources (expected values typed from the publications, rounded as printed there):

- Newcombe RG (1998a). Two-sided confidence intervals for the single proportion: comparison
  of seven methods. Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score).
- Newcombe RG (1998b). Interval estimation for the difference between independent
  proportions: comparison of eleven methods. Statistics in Medicine 17:873-890, Table II,
  method 10 (hybrid score, no continuity correction). Example (c), 6/7 - 2/7, is left out:
  the value in our notes could not be checked against the printed table.
- Agresti A (2002). Categorical Data Analysis, 2nd ed., Wiley: Fisher's tea-tasting
  experiment (P = 0.243 one-sided, 0.486 two-sided); the aspirin and myocardial infarction
  table of the Physicians' Health Study (odds ratio 1.83, 95% CI 1.44 to 2.33); the
  eight-centre clinical trial of an active cream against a placebo (Beitler and Landis 1985)
  in the Mantel-Haenszel section (estimate 2.13, CMH = 6.38, P = 0.012; Breslow-Day 7.99,
  df 7, P = 0.33).
- Agresti A (2007). An Introduction to Categorical Data Analysis, 2nd ed., Wiley: cancer
  of the larynx, surgery against radiation therapy (one-sided P = 0.3808, two-sided 0.638).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.numerics import (
    fisher_exact_2x2,
    holm,
    mantel_haenszel,
    newcomb_diff_interval,
    odds_ratio_2x2,
    wilson_interval,
)


# ----------------------------------------------------------------- Wilson (Newcombe 1998a)
@pytest.mark.parametrize(
    ("k", "n", "lo", "hi"),
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_matches_newcombe_1998a_table_1(k, n, lo, hi):
    got_lo, got_hi = wilson_interval(k, n)
    assert round(float(got_lo), 4) == pytest.approx(lo, abs=1e-9)
    assert round(float(got_hi), 4) == pytest.approx(hi, abs=1e-9)


def test_wilson_vectorised_gives_the_same_published_intervals():
    lo, hi = wilson_interval([81, 15, 0, 1], [263, 148, 20, 29])
    np.testing.assert_allclose(np.round(lo, 4), [0.2553, 0.0624, 0.0, 0.0061], atol=1e-9)
    np.testing.assert_allclose(np.round(hi, 4), [0.3662, 0.1605, 0.1611, 0.1718], atol=1e-9)


# ------------------------------------------------------ Newcombe difference (1998b, method 10)
@pytest.mark.parametrize(
    ("k1", "n1", "k2", "n2", "lo", "hi"),
    [
        (56, 70, 48, 80, 0.0524, 0.3339),  # (a)
        (9, 10, 3, 10, 0.1705, 0.8090),  # (b)
        (5, 56, 0, 29, -0.0381, 0.1926),  # (d)
        (0, 10, 0, 20, -0.1611, 0.2775),  # (e)
        (0, 10, 0, 10, -0.2775, 0.2775),  # (f)
        (10, 10, 0, 20, 0.6791, 1.0000),  # (g)
        (10, 10, 0, 10, 0.6075, 1.0000),  # (h)
    ],
)
def test_newcombe_difference_matches_newcombe_1998b_table_2(k1, n1, k2, n2, lo, hi):
    got_lo, got_hi = newcomb_diff_interval(k1, n1, k2, n2)
    assert round(got_lo, 4) == pytest.approx(lo, abs=1e-9)
    assert round(got_hi, 4) == pytest.approx(hi, abs=1e-9)


def test_newcombe_difference_is_antisymmetric():
    lo, hi = newcomb_diff_interval(56, 70, 48, 80)
    lo2, hi2 = newcomb_diff_interval(48, 80, 56, 70)
    assert (lo2, hi2) == pytest.approx((-hi, -lo), abs=1e-12)


# ----------------------------------------------------------------------- Fisher (Agresti)
def test_fisher_tea_tasting_two_sided():
    # Agresti 2002: two-sided P = 0.486 (= 34/70); one-sided would be 0.243
    p = fisher_exact_2x2([[3, 1], [1, 3]])
    assert p == pytest.approx(34 / 70, abs=1e-12)
    assert round(p, 3) == 0.486


def test_fisher_larynx_cancer_two_sided():
    # Agresti 2007: surgery 21 controlled / 2 not; radiation 15 / 3; two-sided 0.638
    assert round(fisher_exact_2x2([[21, 2], [15, 3]]), 3) == 0.638


def test_fisher_does_not_depend_on_orientation():
    t = np.array([[21, 2], [15, 3]])
    assert fisher_exact_2x2(t.T) == pytest.approx(fisher_exact_2x2(t), abs=1e-12)
    assert fisher_exact_2x2(t[::-1]) == pytest.approx(fisher_exact_2x2(t), abs=1e-12)


@pytest.mark.parametrize("table", [[[0, 0], [3, 4]], [[5, 5], [5, 5]], [[1, 0], [0, 0]]])
def test_fisher_p_is_one_when_the_table_cannot_say_anything(table):
    assert fisher_exact_2x2(table) == pytest.approx(1.0, abs=1e-12)


# ------------------------------------------------------------------- odds ratio (Agresti)
def test_odds_ratio_aspirin_and_heart_attacks():
    # Agresti 2002: placebo 189 MI / 10845 none; aspirin 104 / 10933; OR 1.83 (1.44, 2.33)
    o, lo, hi = odds_ratio_2x2([[189, 10845], [104, 10933]])
    assert (round(o, 2), round(lo, 2), round(hi, 2)) == (1.83, 1.44, 2.33)


def test_odds_ratio_with_a_zero_cell_is_finite():
    o, lo, hi = odds_ratio_2x2([[5, 0], [2, 4]])  # zero cells shifted by 0.5
    assert 1 < o < math.inf
    assert 0 < lo < o < hi < math.inf


# ---------------------------------------------- Mantel-Haenszel (Agresti's eight centres)
#: Eight centres; per centre ``[[drug success, drug failure], [control success, failure]]``.
AGRESTI_EIGHT_CENTRES = np.array(
    [
        [[11, 25], [10, 27]],
        [[16, 4], [22, 10]],
        [[14, 5], [7, 12]],
        [[2, 14], [1, 16]],
        [[6, 11], [0, 12]],
        [[1, 10], [0, 10]],
        [[1, 4], [1, 8]],
        [[4, 2], [6, 1]],
    ]
)


def test_mantel_haenszel_matches_agresti_eight_centres():
    m = mantel_haenszel(AGRESTI_EIGHT_CENTRES)
    assert round(m["pooled"], 2) == 2.13
    assert round(m["cmh_p"], 3) == 0.012
    assert round(m["bd_p"], 2) == 0.33
    assert m["lo"] < m["pooled"] < m["hi"]


def test_mantel_haenszel_by_hand_on_agresti_eight_centres():
    # theta_MH = sum(a d / n) / sum(b c / n), the textbook formula, on the same table
    t = AGRESTI_EIGHT_CENTRES.astype(float)
    n = t.sum(axis=(1, 2))
    num = (t[:, 0, 0] * t[:, 1, 1] / n).sum()
    den = (t[:, 0, 1] * t[:, 1, 0] / n).sum()
    assert mantel_haenszel(AGRESTI_EIGHT_CENTRES)["pooled"] == pytest.approx(num / den, rel=1e-12)


def test_mantel_haenszel_single_stratum_has_no_breslow_day():
    m = mantel_haenszel(AGRESTI_EIGHT_CENTRES[:1])
    assert math.isnan(m["bd_p"])
    assert m["pooled"] == pytest.approx((11 * 27) / (25 * 10), rel=1e-12)


def test_mantel_haenszel_rejects_a_wrong_shape():
    with pytest.raises(ValueError, match=r"\(k, 2, 2\)"):
        mantel_haenszel(np.ones((2, 2)))


# ----------------------------------------------------------------- Holm (step-down)
def test_holm_on_the_four_hypotheses_worked_by_hand():
    # Holm's procedure as usually worked (e.g. Wikipedia's example): p = .01, .04, .03, .005
    # at alpha .05 rejects H4 (.005 <= .05/4) and H1 (.01 <= .05/3), then stops at H3
    # (.03 > .05/2). Adjusted: .005*4, .01*3, then max(.03*2, .03*3)... in input order:
    adjusted = holm([0.01, 0.04, 0.03, 0.005])
    assert adjusted == pytest.approx([0.03, 0.06, 0.06, 0.02], abs=1e-12)
    assert [p <= 0.05 for p in adjusted] == [True, False, False, True]


@pytest.mark.parametrize("seed", range(30))
def test_holm_matches_statsmodels(seed):
    from statsmodels.stats.multitest import multipletests

    rng = np.random.default_rng(seed)
    m = int(rng.integers(1, 8))
    raw = rng.choice([rng.random(m), rng.random(m) ** 4, np.round(rng.random(m), 1)])
    expected = multipletests(raw, method="holm")[1]
    assert holm(list(raw)) == pytest.approx(list(expected), abs=1e-15)


def test_holm_edge_cases():
    assert holm([]) == []
    assert holm([0.3]) == [0.3]
    assert holm([0.6, 0.9]) == [1.0, 1.0]  # capped at 1
    assert holm([0.02, 0.02]) == [0.04, 0.04]  # ties adjust alike
