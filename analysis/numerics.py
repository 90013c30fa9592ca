"""Thin, typed adapters over the statistics libraries the design names.

Every number here comes from a well-kept implementation, never a re-derived formula
(DESIGN.md, "Statistics"): statsmodels ``proportion_confint(method="wilson")``,
``confint_proportions_2indep(method="newcomb")``, ``Table2x2`` and ``StratifiedTable``;
scipy ``fisher_exact``. The adapters only fix argument order, shapes and return types so
the rest of ``analysis/`` has one place to call.

The libraries are imported inside the functions: ``import scipy.stats`` plus statsmodels
costs ~0.6 s of process start, paid only by code that computes a statistic.

Examples
--------
>>> lo, hi = wilson_interval(12, 40)
>>> round(float(lo), 3), round(float(hi), 3)
(0.181, 0.454)
>>> round(fisher_exact_2x2([[3, 0], [0, 4]]), 4)
0.0286
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "wilson_interval",
    "newcomb_diff_interval",
    "newcomb_diff_intervals",
    "fisher_exact_2x2",
    "kaplan_meier",
    "logrank_p",
    "odds_ratio_2x2",
    "mantel_haenszel",
    "holm",
    "prob_beta_greater",
    "load_libraries",
]


_LIBRARIES = (
    "scipy.integrate",
    "scipy.stats",
    "statsmodels.duration.survfunc",
    "statsmodels.stats.contingency_tables",
    "statsmodels.stats.multitest",
    "statsmodels.stats.proportion",
)


def load_libraries() -> None:
    """Import every statistics module the adapters below use (they import lazily, on first
    call); a one-shot program can call this while it waits on something else.

    Examples
    --------
    >>> load_libraries()
    >>> import sys; "statsmodels.stats.proportion" in sys.modules
    True
    """
    import importlib

    for name in _LIBRARIES:
        importlib.import_module(name)


def wilson_interval(count: Any, nobs: Any, alpha: float = 0.05) -> Any:
    """Wilson score interval, scalar or vectorised
    (``statsmodels.stats.proportion.proportion_confint(method="wilson")``)."""
    from statsmodels.stats.proportion import proportion_confint

    if np.ndim(count) or np.ndim(nobs):
        count = np.asarray(count, dtype="float64")
        nobs = np.asarray(nobs, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return proportion_confint(count, nobs, alpha=alpha, method="wilson")


def newcomb_diff_interval(
    count1: int, nobs1: int, count2: int, nobs2: int, alpha: float = 0.05
) -> tuple[float, float]:
    """Newcombe's hybrid score interval for ``p1 - p2``
    (``statsmodels.stats.proportion.confint_proportions_2indep(method="newcomb")``)."""
    from statsmodels.stats.proportion import confint_proportions_2indep

    lo, hi = confint_proportions_2indep(
        count1, nobs1, count2, nobs2, method="newcomb", compare="diff", alpha=alpha
    )
    return float(lo), float(hi)


def newcomb_diff_intervals(
    count1: npt.ArrayLike,
    nobs1: npt.ArrayLike,
    count2: npt.ArrayLike,
    nobs2: npt.ArrayLike,
    alpha: float = 0.05,
) -> tuple[np.ndarray, np.ndarray]:
    """Newcombe's interval for many ``p1 - p2`` at once (the same statsmodels call on arrays);
    NaN where an arm is empty.

    Examples
    --------
    >>> lo, hi = newcomb_diff_intervals([3, 1], [5, 0], [1, 1], [6, 2])
    >>> [round(float(x), 4) for x in (lo[0], hi[0])], bool(np.isnan(lo[1]))
    ([-0.1087, 0.747], True)
    """
    from statsmodels.stats.proportion import confint_proportions_2indep

    k1, m1, k2, m2 = (np.asarray(x, dtype=np.float64) for x in (count1, nobs1, count2, nobs2))
    lo = np.full(k1.shape, np.nan)
    hi = np.full(k1.shape, np.nan)
    ok = (m1 > 0) & (m2 > 0)
    if ok.any():
        with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)
            lo_ok, hi_ok = confint_proportions_2indep(
                k1[ok], m1[ok], k2[ok], m2[ok], method="newcomb", compare="diff", alpha=alpha
            )
        lo[ok], hi[ok] = lo_ok, hi_ok
    return lo, hi


def fisher_exact_2x2(table: npt.ArrayLike) -> float:
    """Two-sided p of Fisher's exact test on a 2×2 table (``scipy.stats.fisher_exact``)."""
    from scipy.stats import fisher_exact

    return float(min(fisher_exact(np.asarray(table), alternative="two-sided").pvalue, 1.0))


def odds_ratio_2x2(table: npt.ArrayLike, alpha: float = 0.05) -> tuple[float, float, float]:
    """Odds ratio of a 2×2 table and its interval
    (``statsmodels.stats.contingency_tables.Table2x2``: ``oddsratio``, ``oddsratio_confint``;
    zero cells shifted by 0.5 as the library does)."""
    from statsmodels.stats.contingency_tables import Table2x2

    t = Table2x2(np.asarray(table, dtype=np.float64), shift_zeros=True)
    lo, hi = t.oddsratio_confint(alpha=alpha)
    return float(t.oddsratio), float(lo), float(hi)


def kaplan_meier(durations: np.ndarray, events: np.ndarray) -> dict[str, np.ndarray]:
    """Kaplan–Meier estimate for right-censored times
    (``statsmodels.duration.survfunc.SurvfuncRight``): arrays ``times``, ``survival``,
    ``se`` (Greenwood) and ``at_risk``, one entry per distinct event time.

    Examples
    --------
    >>> km = kaplan_meier(np.array([2, 3, 3, 5]), np.array([1, 1, 0, 1]))
    >>> km["times"].tolist(), [round(float(s), 3) for s in km["survival"]]
    ([2.0, 3.0, 5.0], [0.75, 0.5, 0.0])
    """
    from statsmodels.duration.survfunc import SurvfuncRight

    sf = SurvfuncRight(np.asarray(durations, dtype=float), np.asarray(events, dtype=int))
    return {
        "times": np.asarray(sf.surv_times, dtype=float),
        "survival": np.asarray(sf.surv_prob, dtype=float),
        "se": np.asarray(sf.surv_prob_se, dtype=float),
        "at_risk": np.asarray(sf.n_risk, dtype=float),
    }


def logrank_p(durations: np.ndarray, events: np.ndarray, groups: np.ndarray) -> float:
    """p-value of the log-rank test that the groups share one survival curve
    (``statsmodels.duration.survfunc.survdiff``).

    Examples
    --------
    >>> p = logrank_p(np.array([1, 2, 3, 10, 11, 12]), np.ones(6), np.array([0, 0, 0, 1, 1, 1]))
    >>> 0 < p < 0.05
    True
    """
    from statsmodels.duration.survfunc import survdiff

    _, p = survdiff(
        np.asarray(durations, dtype=float), np.asarray(events, dtype=int), np.asarray(groups)
    )
    return float(p)


def mantel_haenszel(tables: np.ndarray, alpha: float = 0.05) -> dict[str, float]:
    """Mantel–Haenszel pooled odds ratio over strata
    (``statsmodels.stats.contingency_tables.StratifiedTable``): ``pooled`` with its interval
    ``lo``/``hi``, the CMH test ``cmh_p`` (``test_null_odds()``) and the Breslow–Day test
    ``bd_p`` (``test_equal_odds()``; NaN with a single stratum).

    ``tables`` has shape (k, 2, 2). Degenerate inputs give NaN/inf, as the library does.
    """
    from statsmodels.stats.contingency_tables import StratifiedTable

    arr = np.asarray(tables, dtype=np.float64)
    if arr.ndim != 3 or arr.shape[1:] != (2, 2):
        raise ValueError("expected tables of shape (k, 2, 2)")
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        st = StratifiedTable(np.moveaxis(arr, 0, -1))
        lo, hi = st.oddsratio_pooled_confint(alpha=alpha)
        cmh_p = st.test_null_odds().pvalue
        bd_p = st.test_equal_odds().pvalue if arr.shape[0] > 1 else math.nan
        return {
            "pooled": float(st.oddsratio_pooled),
            "lo": float(lo),
            "hi": float(hi),
            "cmh_p": float(cmh_p),
            "bd_p": float(bd_p),
        }


def holm(pvalues: list[float]) -> list[float]:
    """Holm step-down adjusted p-values, in the input order.

    Sorted ascending, the i-th smallest of m p-values (i from 0) is multiplied by ``m - i``;
    the running maximum keeps the adjusted values in the same order, capped at 1. This is
    what ``statsmodels.stats.multitest.multipletests(method="holm")`` returns (the tests
    compare them), written out because that function runs a full garbage collection on
    every call (0.1 s or more in a server holding many sessions' data, with every session
    waiting on it).

    Examples
    --------
    >>> [round(p, 3) for p in holm([0.01, 0.04, 0.03])]
    [0.03, 0.06, 0.06]
    """
    p = np.asarray(pvalues, dtype=float)
    if p.size == 0:
        return []
    order = np.argsort(p, kind="stable")
    scaled = p[order] * np.arange(p.size, 0, -1)
    adjusted = np.empty_like(p)
    adjusted[order] = np.minimum(np.maximum.accumulate(scaled), 1.0)
    return [float(v) for v in adjusted]


def prob_beta_greater(a1: float, b1: float, a2: float, b2: float) -> float:
    """P(X > Y) for independent X ~ Beta(a1, b1) and Y ~ Beta(a2, b2), by numerical
    integration of ``pdf_X(x) * cdf_Y(x)`` (``scipy.integrate.quad`` over ``scipy.stats.beta``).

    The integral runs over the range that holds all but 1e-12 of X's mass on either side,
    with X's and Y's means as break points, so that peaked densities of big samples are not
    stepped over.

    Examples
    --------
    >>> round(prob_beta_greater(1, 1, 1, 1), 6)
    0.5
    >>> round(prob_beta_greater(2, 1, 1, 1), 6)   # P(max(U1,U2) > U3) = 2/3
    0.666667
    """
    from scipy.integrate import quad
    from scipy.stats import beta

    x_dist, y_dist = beta(a1, b1), beta(a2, b2)
    lo, hi = float(x_dist.ppf(1e-12)), float(x_dist.ppf(1 - 1e-12))
    inside = [m for m in (x_dist.mean(), y_dist.mean()) if lo < m < hi]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        val, _err = quad(
            lambda x: x_dist.pdf(x) * y_dist.cdf(x),
            lo,
            hi,
            points=sorted(inside) or None,
            limit=200,
            epsabs=1e-10,
            epsrel=1e-8,
        )
    return float(min(max(val, 0.0), 1.0))
