"""The few textbook statistics the summary needs, in numpy and the standard library.

Why: ``import scipy.stats`` plus ``statsmodels.stats`` costs about 0.6 s of a process's
start (measured on the 2-core dev machine: ``import pandas`` 0.45-0.5 s, with
``scipy.stats`` and statsmodels' ``proportion`` + ``contingency_tables`` 1.2 s), which is a
third of the whole 1M-row CSV summary budget (issue 2, "Speed"). The formulas below are the
same ones those libraries use, written out line by line from their source (statsmodels
0.15 ``proportion_confint(method="wilson")``, ``confint_proportions_2indep(method="newcomb")``,
``Table2x2``, ``StratifiedTable``; scipy 1.17 ``fisher_exact``), so they give the same
numbers; ``tests/analysis/test_numerics.py`` checks them against the libraries on many
random tables (and ``test_stats.py``/``test_cohort.py`` keep checking the public functions).

Special functions:

* normal quantile: ``statistics.NormalDist`` (the 95% value is pinned to scipy's double);
* chi-square CDF: ``erf`` for 1 degree of freedom, else the regularised incomplete gamma
  function by its series / continued fraction (Numerical Recipes ``gser``/``gcf``);
* hypergeometric probabilities (Fisher's exact test): ``lgamma`` at the observed table,
  then a vectorised recurrence of log ratios over the whole support.

Examples
--------
>>> round(norm_isf(0.025), 6)
1.959964
>>> lo, hi = wilson_interval(12, 40)
>>> round(float(lo), 3), round(float(hi), 3)
(0.181, 0.454)
>>> round(fisher_exact_2x2([[3, 0], [0, 4]]), 4)
0.0286
>>> round(chi2_cdf(3.841458820694124, 1), 6), round(chi2_cdf(2.0, 3), 6)
(0.95, 0.427593)
"""
from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

__all__ = ["norm_isf", "wilson_interval", "newcomb_diff_interval", "fisher_exact_2x2", "chi2_cdf",
           "odds_ratio_2x2", "mantel_haenszel"]

# scipy.stats.norm.isf(0.025) exactly (NormalDist differs in the last bit)
_ISF = {0.025: 1.9599639845400545}


def norm_isf(p: float) -> float:
    """Upper-tail quantile of the standard normal: ``z`` with ``P(Z > z) = p``."""
    p = float(p)
    if p in _ISF:
        return _ISF[p]
    return NormalDist().inv_cdf(1.0 - p)


def wilson_interval(count, nobs, alpha: float = 0.05):
    """Wilson score interval (statsmodels ``proportion_confint(method="wilson")``), vectorised."""
    count = np.asarray(count, dtype="float64") if np.ndim(count) else float(count)
    nobs = np.asarray(nobs, dtype="float64") if np.ndim(nobs) else float(nobs)
    q_ = count / nobs
    crit = norm_isf(alpha / 2.0)
    crit2 = crit**2
    denom = 1 + crit2 / nobs
    center = (q_ + crit2 / (2 * nobs)) / denom
    dist = crit * np.sqrt(q_ * (1.0 - q_) / nobs + crit2 / (4.0 * nobs**2))
    dist /= denom
    return center - dist, center + dist


def newcomb_diff_interval(count1, nobs1, count2, nobs2, alpha: float = 0.05) -> tuple[float, float]:
    """Newcombe's hybrid score interval for ``p1 - p2`` (statsmodels ``method="newcomb"``)."""
    p1 = count1 / nobs1
    p2 = count2 / nobs2
    diff = p1 - p2
    low1, upp1 = wilson_interval(count1, nobs1, alpha)
    low2, upp2 = wilson_interval(count2, nobs2, alpha)
    d_low = np.sqrt((p1 - low1) ** 2 + (upp2 - p2) ** 2)
    d_upp = np.sqrt((p2 - low2) ** 2 + (upp1 - p1) ** 2)
    return float(diff - d_low), float(diff + d_upp)


# --------------------------------------------------------------------------- Fisher
def _log_hypergeom_pmf(x: int, total: int, good: int, draws: int) -> float:
    """log P(X = x), X ~ Hypergeometric(total, good, draws)."""
    lg = math.lgamma
    return (lg(good + 1) - lg(x + 1) - lg(good - x + 1)
            + lg(total - good + 1) - lg(draws - x + 1) - lg(total - good - draws + x + 1)
            - lg(total + 1) + lg(draws + 1) + lg(total - draws + 1))


def fisher_exact_2x2(table) -> float:
    """Two-sided p-value of Fisher's exact test on a 2×2 table of counts (scipy's definition:
    the probability of all tables at most as likely as the observed one, relative
    tolerance on ties)."""
    c = np.asarray(table, dtype=np.int64)
    if c.shape != (2, 2):
        raise ValueError("expected a 2x2 table")
    if (c < 0).any():
        raise ValueError("All values in `table` must be nonnegative.")
    if 0 in c.sum(axis=0) or 0 in c.sum(axis=1):
        return 1.0
    n1 = int(c[0, 0] + c[0, 1])
    n2 = int(c[1, 0] + c[1, 1])
    n = int(c[0, 0] + c[1, 0])
    total = n1 + n2
    x0 = int(c[0, 0])
    lo, hi = max(0, n - n2), min(n, n1)
    xs = np.arange(lo, hi + 1, dtype=np.float64)
    # log pmf(x+1) - log pmf(x) = log((n1-x)(n-x)) - log((x+1)(n2-n+x+1))
    step = (np.log((n1 - xs[:-1]) * (n - xs[:-1])) - np.log((xs[:-1] + 1) * (n2 - n + xs[:-1] + 1)))
    rel = np.concatenate(([0.0], np.cumsum(step)))
    rel -= rel[x0 - lo]                      # log pmf(x) - log pmf(observed)
    rel[x0 - lo] = 0.0
    # scipy counts tables within a relative 1e-14 of the observed probability as ties; the
    # recurrence carries rounding of about 1e-12 on huge supports, so ties are taken at 1e-9
    # (distinct hypergeometric probabilities that close do not occur at these sizes)
    keep = rel <= 1e-9
    log_p = _log_hypergeom_pmf(x0, total, n1, n)
    m = rel[keep].max()
    log_sum = m + math.log(float(np.exp(rel[keep] - m).sum()))
    return min(math.exp(log_p + log_sum), 1.0)


# --------------------------------------------------------------------------- chi-square
def _gammainc_lower(a: float, x: float) -> float:
    """Regularised lower incomplete gamma P(a, x)."""
    if x <= 0:
        return 0.0
    log_front = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1:
        ap, term = a, 1.0 / a
        total = term
        for _ in range(100_000):
            ap += 1
            term *= x / ap
            total += term
            if abs(term) < abs(total) * 1e-17:
                break
        return min(1.0, total * math.exp(log_front))
    tiny = 1e-300
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 100_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-17:
            break
    return max(0.0, 1.0 - math.exp(log_front) * h)


def chi2_cdf(x: float, df: int) -> float:
    """CDF of the chi-square distribution (NaN in, NaN out)."""
    x = float(x)
    if math.isnan(x):
        return math.nan
    if x <= 0:
        return 0.0
    if math.isinf(x):
        return 1.0
    if df == 1:
        return math.erf(math.sqrt(x / 2.0))
    return _gammainc_lower(df / 2.0, x / 2.0)


# --------------------------------------------------------------------------- odds ratios
def odds_ratio_2x2(table, alpha: float = 0.05) -> tuple[float, float, float]:
    """Odds ratio of a 2×2 table with its Woolf (log) interval, zeros shifted to 0.5
    (statsmodels ``Table2x2(table)``: ``oddsratio``, ``oddsratio_confint()``)."""
    t = np.array(table, dtype=np.float64)
    if t.min() == 0:
        t[t == 0] = 0.5
    with np.errstate(divide="ignore", invalid="ignore"):
        oratio = t[0, 0] * t[1, 1] / (t[0, 1] * t[1, 0])
        lor = np.dot(np.log(t.flatten()), np.r_[1, -1, -1, 1])
        se = np.sqrt(np.sum(1 / t))
    f = norm_isf(alpha / 2)
    return float(oratio), float(np.exp(lor - f * se)), float(np.exp(lor + f * se))


def mantel_haenszel(tables: np.ndarray, alpha: float = 0.05) -> dict[str, float]:
    """Mantel–Haenszel pooled odds ratio over strata (statsmodels ``StratifiedTable``):
    ``pooled``, its interval ``lo``/``hi`` (Robins–Breslow–Greenland variance), the CMH test
    ``cmh_p`` (``test_null_odds()``, no continuity correction) and the Breslow–Day test
    ``bd_p`` (``test_equal_odds()``, unadjusted; NaN with a single stratum).

    ``tables`` has shape (k, 2, 2). Degenerate inputs give NaN/inf, as the library does.
    """
    table = np.moveaxis(np.asarray(tables, dtype=np.float64), 0, -1)
    if table.shape[:2] != (2, 2):
        raise ValueError("expected tables of shape (k, 2, 2)")
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        apb = table[0, 0, :] + table[0, 1, :]
        apc = table[0, 0, :] + table[1, 0, :]
        bpd = table[0, 1, :] + table[1, 1, :]
        cpd = table[1, 0, :] + table[1, 1, :]
        ad = table[0, 0, :] * table[1, 1, :]
        bc = table[0, 1, :] * table[1, 0, :]
        apd = table[0, 0, :] + table[1, 1, :]
        dma = table[1, 1, :] - table[0, 0, :]
        n = table.sum(0).sum(0)
        pooled = np.sum(ad / n) / np.sum(bc / n)

        adns = np.sum(ad / n)
        bcns = np.sum(bc / n)
        lor_va = np.sum(apd * ad / n**2) / adns**2
        mid = apd * bc / n**2
        mid += (1 - apd / n) * ad / n
        mid = np.sum(mid)
        mid /= adns * bcns
        lor_va += mid
        lor_va += np.sum((1 - apd / n) * bc / n) / bcns**2
        lor_va /= 2
        lor_se = np.sqrt(lor_va)
        lor = np.log(pooled)
        f = norm_isf(alpha / 2)
        lo, hi = np.exp(lor - f * lor_se), np.exp(lor + f * lor_se)

        stat = np.abs(np.sum(table[0, 0, :] - apb * apc / n)) ** 2
        denom = apb * apc * bpd * cpd
        denom /= n**2 * (n - 1)
        stat /= np.sum(denom)
        cmh_p = 1 - chi2_cdf(float(stat), 1)

        k = table.shape[2]
        bd_p = math.nan
        if k > 1:
            r = pooled
            a = 1 - r
            b = r * (apb + apc) + dma
            c = -r * apb * apc
            dr = np.sqrt(b**2 - 4 * a * c)
            e11 = (-b + dr) / (2 * a)
            v11 = 1 / e11 + 1 / (apc - e11) + 1 / (apb - e11) + 1 / (dma + e11)
            v11 = 1 / v11
            bd_stat = np.sum((table[0, 0, :] - e11) ** 2 / v11)
            bd_p = 1 - chi2_cdf(float(bd_stat), k - 1)
    return {"pooled": float(pooled), "lo": float(lo), "hi": float(hi), "cmh_p": float(cmh_p),
            "bd_p": float(bd_p)}
