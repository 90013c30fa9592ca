"""analysis.numerics (adapters over scipy/statsmodels) checked against direct library calls:
argument order, shapes (k,2,2 vs 2,2,k), zero handling and scalar/vector paths."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy.stats import fisher_exact
from statsmodels.stats.contingency_tables import StratifiedTable, Table2x2
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from analysis.numerics import (
    fisher_exact_2x2,
    mantel_haenszel,
    newcomb_diff_interval,
    odds_ratio_2x2,
    wilson_interval,
)


def close(a: float, b: float, rel: float = 1e-7, abs_: float = 1e-12) -> bool:
    if math.isnan(b):
        return math.isnan(a)
    return a == pytest.approx(b, rel=rel, abs=abs_)


def random_tables(seed: int, count: int):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        scale = int(rng.choice([3, 10, 100, 10_000, 300_000]))
        t = rng.integers(0, scale, size=(2, 2))
        if rng.random() < 0.2:
            t[rng.integers(2), rng.integers(2)] = 0
        yield t


def test_fisher_matches_scipy_on_random_tables() -> None:
    for t in random_tables(1, 1500):
        assert close(fisher_exact_2x2(t), min(fisher_exact(t).pvalue, 1.0)), t.tolist()


@pytest.mark.parametrize(
    "table",
    [
        [[4, 2], [2, 4]],
        [[5, 5], [5, 5]],
        [[0, 5], [5, 0]],
        [[3, 0], [0, 4]],
        [[1, 0], [0, 0]],
        [[0, 0], [3, 4]],
        [[500_000, 1], [2, 499_997]],
    ],
)
def test_fisher_edge_cases(table) -> None:
    assert close(fisher_exact_2x2(table), min(fisher_exact(table).pvalue, 1.0))


def test_wilson_newcomb_and_odds_ratio_match_statsmodels() -> None:
    for t in random_tables(2, 1500):
        k, n, k2, n2 = int(t[0, 0]), int(t[0, :].sum()), int(t[1, 0]), int(t[1, :].sum())
        if n:
            lo, hi = wilson_interval(k, n)
            elo, ehi = proportion_confint(k, n, method="wilson")
            assert float(lo) == pytest.approx(elo, abs=1e-14) and float(hi) == pytest.approx(
                ehi, abs=1e-14
            )
        if n and n2:
            lo, hi = newcomb_diff_interval(k, n, k2, n2)
            elo, ehi = confint_proportions_2indep(k, n, k2, n2, method="newcomb", compare="diff")
            assert lo == pytest.approx(elo, abs=1e-14) and hi == pytest.approx(ehi, abs=1e-14)
        if (t.sum(0) > 0).all() and (t.sum(1) > 0).all():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ref = Table2x2(t)
                o, lo, hi = odds_ratio_2x2(t)
                elo, ehi = ref.oddsratio_confint()
            assert close(o, ref.oddsratio) and close(lo, elo) and close(hi, ehi)


def test_wilson_vectorised() -> None:
    k, n = np.array([0, 3, 7, 10]), np.array([4, 9, 7, 1000])
    lo, hi = wilson_interval(k, n)
    elo, ehi = proportion_confint(k, n, method="wilson")
    np.testing.assert_allclose(lo, elo, atol=1e-15)
    np.testing.assert_allclose(hi, ehi, atol=1e-15)


def test_mantel_haenszel_matches_stratified_table() -> None:
    rng = np.random.default_rng(3)
    checked = 0
    for _ in range(200):
        k = int(rng.integers(1, 300))
        tabs = rng.integers(0, int(rng.choice([3, 20, 200])), size=(k, 2, 2))
        tabs = tabs[(tabs.sum(axis=2) > 0).all(axis=1) & (tabs.sum(axis=1) > 0).all(axis=1)]
        if not len(tabs):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            st = StratifiedTable(np.moveaxis(tabs, 0, -1).astype(float))
            m = mantel_haenszel(tabs)
            lo, hi = st.oddsratio_pooled_confint()
            assert (
                close(m["pooled"], st.oddsratio_pooled)
                and close(m["lo"], lo)
                and close(m["hi"], hi)
            )
            assert close(m["cmh_p"], st.test_null_odds().pvalue)
            if len(tabs) > 1:
                assert close(m["bd_p"], st.test_equal_odds().pvalue)
        checked += 1
    assert checked > 150
