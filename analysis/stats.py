"""Rates and comparisons of rates, with honest 95% intervals.

JSON-safe wrappers over the well-kept implementations: Wilson score interval
(statsmodels ``proportion_confint(method="wilson")``), Newcombe hybrid score interval for a
difference (``confint_proportions_2indep(method="newcomb")``), Fisher's exact test
(``scipy.stats.fisher_exact``), called through the adapters in :mod:`analysis.numerics`. Undefined
numbers are ``None``, never NaN.

Examples
--------
>>> r = wilson(12, 40)
>>> r.rate, round(r.lo, 3), round(r.hi, 3)
(0.3, 0.181, 0.454)
>>> c = compare(12, 40, 15, 120)
>>> round(c.difference, 3), c.enough_data
(0.175, True)
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing  # noqa: F401  (for the annotation)

from analysis.numerics import fisher_exact_2x2, newcomb_diff_interval, wilson_interval

__all__ = ["Rate", "wilson", "wilson_many", "Comparison", "compare", "clean_number"]


def clean_number(x: Any) -> float | None:
    """``float(x)``, or ``None`` when ``x`` is None, NaN or infinite (JSON-safe).

    Examples
    --------
    >>> clean_number(float("nan")) is None, clean_number(2)
    (True, 2.0)
    """
    if x is None:
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _count(name: str, x: Any) -> int:
    try:
        v = int(x)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be a whole number, got {x!r}") from exc
    if v != x or v < 0:
        raise ValueError(f"{name} must be a non-negative whole number, got {x!r}")
    return v


@dataclass(frozen=True)
class Rate:
    """``k`` successes out of ``n``; ``rate``, ``lo``, ``hi`` (Wilson 95%) are None when n = 0.

    Examples
    --------
    >>> Rate(1, 2, 0.5, 0.09, 0.91).rate
    0.5
    """

    k: int
    n: int
    rate: float | None
    lo: float | None
    hi: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict ``{"n", "advanced", "rate", "ci95"}`` (``ci95`` None when n = 0).

        Examples
        --------
        >>> wilson(0, 0).to_dict()
        {'n': 0, 'advanced': 0, 'rate': None, 'ci95': None}
        """
        ci = None if self.lo is None or self.hi is None else [self.lo, self.hi]
        return {"n": self.n, "advanced": self.k, "rate": self.rate, "ci95": ci}


def wilson(k: int, n: int, alpha: float = 0.05) -> Rate:
    """Rate ``k/n`` with its Wilson score interval (as statsmodels ``proportion_confint``).

    Parameters
    ----------
    k, n : int
        Successes and trials, ``0 <= k <= n``.
    alpha : float, default 0.05
        1 − confidence level.

    Examples
    --------
    >>> wilson(0, 5).lo, wilson(0, 0).rate
    (0.0, None)
    """
    k = _count("k", k)
    n = _count("n", n)
    if k > n:
        raise ValueError(f"k ({k}) cannot exceed n ({n})")
    if n == 0:
        return Rate(0, 0, None, None, None)
    lo, hi = wilson_interval(k, n, alpha=alpha)
    lo_c, hi_c = clean_number(lo), clean_number(hi)
    if lo_c is not None:
        lo_c = min(max(lo_c, 0.0), 1.0)
    if hi_c is not None:
        hi_c = min(max(hi_c, 0.0), 1.0)
    return Rate(k, n, k / n, lo_c, hi_c)


def wilson_many(k: np.typing.ArrayLike, n: np.typing.ArrayLike, alpha: float = 0.05) -> tuple:
    """Vectorised Wilson: arrays ``(rate, lo, hi)``, NaN where n = 0 (for tables).

    Examples
    --------
    >>> rate, lo, hi = wilson_many([1, 0], [2, 0])
    >>> float(rate[0]), bool(np.isnan(lo[1]))
    (0.5, True)
    """
    k_arr = np.asarray(k, dtype="float64")
    n_arr = np.asarray(n, dtype="float64")
    if k_arr.shape != n_arr.shape:
        raise ValueError("k and n must have the same length")
    if (k_arr < 0).any() or (k_arr > n_arr).any():
        raise ValueError("counts must satisfy 0 <= k <= n")
    ok = n_arr > 0
    rate = np.full(k_arr.shape, np.nan)
    lo = np.full(k_arr.shape, np.nan)
    hi = np.full(k_arr.shape, np.nan)
    if ok.any():
        l_, h_ = wilson_interval(k_arr[ok], n_arr[ok], alpha=alpha)
        rate[ok] = k_arr[ok] / n_arr[ok]
        lo[ok] = np.clip(l_, 0.0, 1.0)
        hi[ok] = np.clip(h_, 0.0, 1.0)
    return rate, lo, hi


@dataclass(frozen=True)
class Comparison:
    """Advancing with vs without follow-up.

    ``difference`` = rate with − rate without (Newcombe 95% interval ``diff_lo``..``diff_hi``),
    ``p_value`` Fisher exact two-sided, ``risk_ratio`` = rate with / rate without; all None
    when undefined (an empty arm; risk ratio also when the rate without is 0).
    ``enough_data`` is ``min(n_with, n_without) >= min_n``: below it, draw no conclusion.

    Examples
    --------
    >>> c = compare(6, 10, 2, 10)
    >>> c.with_.rate, c.without.rate, c.enough_data
    (0.6, 0.2, True)
    """

    with_: Rate
    without: Rate
    difference: float | None
    diff_lo: float | None
    diff_hi: float | None
    p_value: float | None
    risk_ratio: float | None
    enough_data: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (nested rates as dicts), JSON-safe.

        Examples
        --------
        >>> sorted(compare(1, 2, 0, 0).to_dict())[:3]
        ['diff_hi', 'diff_lo', 'difference']
        """
        return asdict(self)


def compare(k_with: int, n_with: int, k_without: int, n_without: int, min_n: int = 5) -> Comparison:
    """Compare advancing rates with and without follow-up.

    Parameters
    ----------
    k_with, n_with : int
        Applications that advanced / all known-outcome applications, with follow-up.
    k_without, n_without : int
        The same without follow-up.
    min_n : int, default 5
        Smallest arm size for which a verdict is allowed (``enough_data``).

    Returns
    -------
    Comparison

    Examples
    --------
    >>> c = compare(3, 3, 0, 4)
    >>> c.difference, c.risk_ratio, c.enough_data
    (1.0, None, False)
    >>> round(c.p_value, 4)
    0.0286
    """
    w = wilson(k_with, n_with)
    wo = wilson(k_without, n_without)
    enough = min(w.n, wo.n) >= min_n
    if w.n == 0 or wo.n == 0:
        return Comparison(w, wo, None, None, None, None, None, enough)
    diff = w.k / w.n - wo.k / wo.n
    lo, hi = newcomb_diff_interval(w.k, w.n, wo.k, wo.n)
    table = [[w.k, w.n - w.k], [wo.k, wo.n - wo.k]]
    p = fisher_exact_2x2(table)
    rr = (w.k / w.n) / (wo.k / wo.n) if wo.k > 0 else None
    p_c = clean_number(p)
    if p_c is not None:
        p_c = min(p_c, 1.0)
    return Comparison(
        w, wo, diff, clean_number(lo), clean_number(hi), p_c, clean_number(rr), enough
    )
