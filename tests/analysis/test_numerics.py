"""analysis.numerics checked against scipy/statsmodels on many random tables."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy.stats import chi2, fisher_exact
from statsmodels.stats.contingency_tables import StratifiedTable, Table2x2
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from analysis.numerics import (chi2_cdf, fisher_exact_2x2, mantel_haenszel, newcomb_diff_interval,
                               norm_isf, odds_ratio_2x2, wilson_interval)


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


def test_normal_quantile_matches_scipy() -> None:
    from scipy.stats import norm
    for p in (0.025, 0.05, 0.005, 0.1, 0.3):
        assert norm_isf(p) == pytest.approx(norm.isf(p), rel=1e-14)
    assert norm_isf(0.025) == norm.isf(0.025)


def test_fisher_matches_scipy_on_random_tables() -> None:
    for t in random_tables(1, 1500):
        assert close(fisher_exact_2x2(t), min(fisher_exact(t).pvalue, 1.0)), t.tolist()


@pytest.mark.parametrize("table", [[[4, 2], [2, 4]], [[5, 5], [5, 5]], [[0, 5], [5, 0]], [[3, 0], [0, 4]],
                                   [[1, 0], [0, 0]], [[0, 0], [3, 4]], [[500_000, 1], [2, 499_997]]])
def test_fisher_edge_cases(table) -> None:
    assert close(fisher_exact_2x2(table), min(fisher_exact(table).pvalue, 1.0))


def test_wilson_newcomb_and_odds_ratio_match_statsmodels() -> None:
    for t in random_tables(2, 1500):
        k, n, k2, n2 = int(t[0, 0]), int(t[0, :].sum()), int(t[1, 0]), int(t[1, :].sum())
        if n:
            lo, hi = wilson_interval(k, n)
            elo, ehi = proportion_confint(k, n, method="wilson")
            assert float(lo) == pytest.approx(elo, abs=1e-14) and float(hi) == pytest.approx(ehi, abs=1e-14)
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
            assert close(m["pooled"], st.oddsratio_pooled) and close(m["lo"], lo) and close(m["hi"], hi)
            assert close(m["cmh_p"], st.test_null_odds().pvalue)
            if len(tabs) > 1:
                assert close(m["bd_p"], st.test_equal_odds().pvalue)
        checked += 1
    assert checked > 150


@pytest.mark.parametrize("df", [1, 2, 3, 5, 10, 50, 999, 9999, 20001])
def test_chi2_cdf_matches_scipy(df: int) -> None:
    for x in (0.01, 0.5, 1.0, df * 0.5, df * 0.9, df, df * 1.1, df * 1.5, df * 3 + 50):
        assert chi2_cdf(x, df) == pytest.approx(chi2.cdf(x, df), rel=1e-9, abs=1e-12)
        assert 1 - chi2_cdf(x, df) == pytest.approx(1 - chi2.cdf(x, df), rel=1e-9, abs=1e-12)
    assert math.isnan(chi2_cdf(float("nan"), df)) and chi2_cdf(-1.0, df) == 0.0


def test_summary_path_imports_neither_scipy_stats_nor_statsmodels() -> None:
    import subprocess
    import sys
    code = ("import sys, datetime as dt; from data import import_files; from analysis.summary import summarize;"
            "r = import_files([('a.csv', b'Participant,Company,Applied,Followed up?,Status\\n"
            "A,X,2026-01-02,Yes,Interview\\nB,Y,2026-01-03,,Rejected\\nA,Z,2026-01-04,,Rejected\\n')]);"
            "summarize(r, dt.date(2026, 6, 30));"
            "print(sorted(m for m in sys.modules if m.startswith(('scipy.stats', 'statsmodels'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=__file__.rsplit("/tests/", 1)[0])
    assert out.stdout.strip() == "[]"
