"""Follow-up touchpoints: how often you follow up, and how advancing differs with and without.

Both functions take the output of :func:`analysis.outcomes.resolve`.

Examples
--------
>>> import datetime as dt, pandas as pd
>>> from data.schema import coerce_applications
>>> from analysis.outcomes import resolve
>>> apps = coerce_applications(pd.DataFrame({
...     "applied_on": ["2026-01-01"] * 4,
...     "stage_reached": ["intro_call", "applied", "applied", "applied"],
...     "outcome": ["rejected"] * 4, "followup_after_apply": [True, True, False, False]}))
>>> r = resolve(apps, dt.date(2026, 6, 1))
>>> c = compare_touchpoints(r)["after_applying"]
>>> (c.with_.k, c.with_.n, c.without.k, c.without.n)
(1, 2, 0, 2)
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.stats import Comparison, compare, wilson
from data.rules import DEFAULT_WINDOWS, TOUCHPOINT_LABELS, TOUCHPOINTS

__all__ = [
    "followup_rates",
    "compare_touchpoints",
    "touchpoint_counts",
    "TOUCHPOINT_LABELS",
    "DEFAULT_WINDOWS",
]

#: touchpoint -> (date the step starts, date the follow-up was made) where the schema has both.
_TIMING_DATES: dict[str, tuple[str, str] | None] = {
    k: (t.step_date, t.followup_date) if t.followup_date else None for k, t in TOUCHPOINTS.items()
}


def _check_resolved(resolved: pd.DataFrame) -> None:
    need = [
        f"{p}_{tp}" for tp in TOUCHPOINTS for p in ("eligible", "known", "advanced", "followed")
    ]
    missing = [c for c in need if c not in resolved.columns]
    if missing:
        raise ValueError(
            "expected the output of analysis.outcomes.resolve (missing "
            + ", ".join(missing[:3])
            + ")"
        )


def followup_rates(
    resolved: pd.DataFrame, windows: Mapping[str, int] | None = None
) -> pd.DataFrame:
    """How often follow-ups were made at each touchpoint, with Wilson 95% intervals.

    Parameters
    ----------
    resolved : DataFrame
        Output of :func:`analysis.outcomes.resolve`.
    windows : mapping, optional
        touchpoint -> days for "timely" (defaults :data:`DEFAULT_WINDOWS`: 7 after
        applying, 3 after an intro call, 2 for a thank-you).

    Returns
    -------
    DataFrame
        One row per touchpoint: ``touchpoint``, ``label``, ``tracked`` (some eligible row
        has a non-missing flag), ``eligible`` (eligible applications whose flag is tracked:
        the rate's n), ``followed_up`` (k), ``rate``, ``lo``, ``hi`` (NaN when n = 0),
        ``timely`` (share of dated follow-ups made within the window, NaN without dates),
        ``timely_n`` (counted follow-ups with both dates: a follow-up after the employer's
        answer does not count, so it is not here either), ``timely_k``, ``window_days``,
        ``eligible_all`` (all eligible applications, tracked or not). The follow-up flag
        used for the rate is the timing-checked one of ``resolve``; timeliness uses every
        dated follow-up (days from the step's start date to the follow-up date, negative
        gaps ignored).

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({
    ...     "applied_on": ["2026-01-01", "2026-01-01"], "stage_reached": ["applied", "applied"],
    ...     "outcome": ["pending"] * 2, "followup_after_apply": [True, False],
    ...     "followup_after_apply_on": ["2026-01-05", None]}))
    >>> t = followup_rates(resolve(apps, dt.date(2026, 1, 10)))
    >>> [float(t.loc[0, c]) for c in ("eligible", "followed_up", "rate", "timely")]
    [2.0, 1.0, 0.5, 1.0]
    >>> bool(t.loc[1, "tracked"])
    False
    """
    _check_resolved(resolved)
    win = dict(DEFAULT_WINDOWS)
    if windows:
        for key, v in windows.items():
            if key not in win:
                raise ValueError(
                    f"unknown touchpoint {key!r} in windows "
                    f"(expected one of {', '.join(TOUCHPOINTS)})"
                )
            if v is None or int(v) < 0:
                raise ValueError(
                    f"window for {key} must be a non-negative number of days, got {v!r}"
                )
            win[key] = int(v)
    rows = []
    for tp in TOUCHPOINTS:
        eligible = resolved[f"eligible_{tp}"].to_numpy(dtype=bool)
        flag = resolved[f"followed_{tp}"].astype("boolean")
        tracked_mask = eligible & flag.notna().to_numpy()
        n = int(tracked_mask.sum())
        k = int((tracked_mask & flag.fillna(False).to_numpy(dtype=bool)).sum())
        r = wilson(k, n)
        timely = None
        timely_n = 0
        timely_k = 0
        dates = _TIMING_DATES[tp]
        if dates is not None and all(d in resolved.columns for d in dates):
            start, made = resolved[dates[0]], resolved[dates[1]]
            # among the follow-ups that count for the step (a follow-up after the employer's
            # answer is not one, see analysis.outcomes.resolve), those with both dates
            counted = flag.fillna(False).to_numpy(dtype=bool)
            dated = eligible & counted & start.notna().to_numpy() & made.notna().to_numpy()
            days = (made - start).dt.days.to_numpy(dtype="float64")
            dated = dated & (days >= 0)
            timely_n = int(dated.sum())
            timely_k = int((dated & (days <= win[tp])).sum())
            timely = timely_k / timely_n if timely_n else None
        rows.append(
            {
                "touchpoint": tp,
                "label": TOUCHPOINT_LABELS[tp],
                "tracked": n > 0,
                "eligible": n,
                "followed_up": k,
                "rate": r.rate,
                "lo": r.lo,
                "hi": r.hi,
                "timely": timely,
                "timely_n": timely_n,
                "timely_k": timely_k,
                "window_days": win[tp],
                "eligible_all": int(eligible.sum()),
            }
        )
    return pd.DataFrame(rows)


def touchpoint_counts(resolved: pd.DataFrame) -> pd.DataFrame:
    """The 2×2 counts behind each comparison (eligible, outcome known, flag tracked).

    Returns
    -------
    DataFrame
        One row per touchpoint: ``touchpoint``, ``eligible`` (eligible with a known
        outcome of the step, tracked or not), ``tracked`` (bool), ``n_with``, ``k_with``,
        ``n_without``, ``k_without`` (k = advanced).

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({"stage_reached": ["interview", "applied"],
    ...     "outcome": ["rejected", "pending"], "followup_after_apply": [True, True]}))
    >>> c = touchpoint_counts(resolve(apps, dt.date(2026, 1, 1)))
    >>> c.loc[0, ["eligible", "n_with", "k_with"]].tolist()
    [1, 1, 1]
    """
    _check_resolved(resolved)
    rows = []
    for tp in TOUCHPOINTS:
        base = resolved[f"eligible_{tp}"].to_numpy(dtype=bool) & resolved[f"known_{tp}"].to_numpy(
            dtype=bool
        )
        flag = resolved[f"followed_{tp}"].astype("boolean")
        tracked = flag.notna().to_numpy()
        f = flag.fillna(False).to_numpy(dtype=bool)
        adv = resolved[f"advanced_{tp}"].to_numpy(dtype=bool)
        w = base & tracked & f
        wo = base & tracked & ~f
        rows.append(
            {
                "touchpoint": tp,
                "eligible": int(base.sum()),
                "tracked": bool((resolved[f"eligible_{tp}"].to_numpy(dtype=bool) & tracked).any()),
                "n_with": int(w.sum()),
                "k_with": int((w & adv).sum()),
                "n_without": int(wo.sum()),
                "k_without": int((wo & adv).sum()),
            }
        )
    return pd.DataFrame(rows)


def compare_touchpoints(resolved: pd.DataFrame, min_n: int = 5) -> dict[str, Comparison]:
    """Advancing rate with vs without follow-up, per touchpoint, split from day 0.

    Not the verdict: this split ignores timing (fast answers fill the "without" arm) and is
    kept for comparison only (``bench/calibration.py`` shows how often it misleads). Every
    place that shows a verdict reads :func:`analysis.verdict.step_verdicts`.

    Among applications eligible for the step, whose outcome of the step is known and whose
    follow-up flag is tracked: ``with_`` = followed up (timing-checked), ``without`` = not.

    Parameters
    ----------
    resolved : DataFrame
        Output of :func:`analysis.outcomes.resolve`.
    min_n : int, default 5
        Smallest arm for a verdict (see :func:`analysis.stats.compare`).

    Returns
    -------
    dict
        touchpoint -> :class:`analysis.stats.Comparison`, in ``TOUCHPOINTS`` order.

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({"stage_reached": ["offer", "interview"],
    ...     "outcome": ["offer", "rejected"], "thank_you_after_interview": [True, False]}))
    >>> c = compare_touchpoints(resolve(apps, dt.date(2026, 1, 1)))["after_interview"]
    >>> c.with_.rate, c.without.rate, c.enough_data
    (1.0, 0.0, False)
    """
    counts = touchpoint_counts(resolved)
    out: dict[str, Comparison] = {}
    for row in counts.itertuples(index=False):
        out[row.touchpoint] = compare(
            row.k_with, row.n_with, row.k_without, row.n_without, min_n=min_n
        )
    return out
