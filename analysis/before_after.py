"""Before / after a workshop: did participants follow up (and hear back) more afterwards?

Applications are split by the date they were sent: **before** is applied strictly before the
workshop date, **after** is applied on the workshop date or later; undated applications are
left out and counted. Two measures, each over the applications where it is known:

* ``followup``: followed up after applying (among applications where the log tracks it);
* ``response``: the employer answered (:func:`analysis.responses.responded`, among the
  applications whose answer is known, :func:`analysis.responses.response_known`; still
  waiting ones are left out, never counted as "no").

Each participant is their own control: the headline is the Mantel–Haenszel odds ratio of
"after vs before" stratified by participant (statsmodels ``StratifiedTable`` through
:mod:`analysis.numerics`), so a room where the keen followers-up sent more applications
after the workshop cannot fake a change. Pooled rates with Wilson intervals are shown
beside it with their counts. Below 5 applications in either period the word is
"not enough data"; a change is only called "higher after" / "lower after" when the
within-participant test gives p < 0.05 — and it is an association in time, not an effect
of the workshop.

Examples
--------
>>> import datetime as dt, pandas as pd
>>> from data.schema import coerce_applications
>>> from analysis.outcomes import resolve
>>> apps = coerce_applications(pd.DataFrame({"participant": ["A"] * 4,
...     "applied_on": ["2026-01-05", "2026-01-09", "2026-01-10", "2026-01-20"],
...     "stage_reached": ["applied"] * 4, "outcome": ["rejected"] * 4,
...     "followup_after_apply": [False, False, True, True]}))
>>> r = before_after(resolve(apps, dt.date(2026, 3, 1)), dt.date(2026, 1, 10))
>>> r["followup"].before.k, r["followup"].before.n, r["followup"].after.k, r["followup"].after.n
(0, 2, 2, 2)
>>> r["followup"].word
'not enough data'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.numerics import mantel_haenszel
from analysis.responses import responded, response_known
from analysis.stats import Rate, clean_number, wilson

__all__ = ["PeriodChange", "before_after", "split_by_date", "MEASURES", "as_rows"]

#: measure key -> label.
MEASURES: dict[str, str] = {
    "followup": "Followed up after applying",
    "response": "Employer answered",
}
MIN_N = 5


@dataclass(frozen=True)
class PeriodChange:
    """One measure before vs after: pooled rates, the within-participant odds ratio.

    ``odds_ratio`` (after vs before) with ``or_lo``/``or_hi`` and ``p_value`` (CMH) are
    stratified by participant over the participants with applications in both periods
    (``participants_both``); None when undefined. ``word`` is "higher after",
    "lower after", "no clear difference" or "not enough data"; ``undated`` counts the
    applications left out for having no date.

    Examples
    --------
    >>> from analysis.stats import wilson
    >>> PeriodChange("followup", "x", wilson(1, 5), wilson(4, 5), None, None, None, None, 0,
    ...              "not enough data", 0).after.k
    4
    """

    measure: str
    label: str
    before: Rate
    after: Rate
    odds_ratio: float | None
    or_lo: float | None
    or_hi: float | None
    p_value: float | None
    participants_both: int
    word: str
    undated: int


def split_by_date(resolved: pd.DataFrame, workshop_date: dt.date) -> pd.Series:
    """Per row: ``"before"`` (applied before the date), ``"after"`` (on it or later) or NA.

    Examples
    --------
    >>> t = pd.DataFrame({"applied_on": pd.to_datetime(["2026-01-09", "2026-01-10", None])})
    >>> split_by_date(t, dt.date(2026, 1, 10)).tolist()
    ['before', 'after', <NA>]
    """
    d = resolved["applied_on"]
    day = pd.Timestamp(workshop_date)
    out = pd.Series(pd.NA, index=resolved.index, dtype="string")
    out[(d < day).fillna(False).to_numpy(dtype=bool)] = "before"
    out[(d >= day).fillna(False).to_numpy(dtype=bool)] = "after"
    return out


def _outcomes(resolved: pd.DataFrame, measure: str) -> tuple[np.ndarray, np.ndarray]:
    """(row counts for this measure, success) as bool arrays."""
    if measure == "followup":
        flag = resolved["followed_after_applying"].astype("boolean")
        counts = resolved["eligible_after_applying"].to_numpy(dtype=bool) & flag.notna().to_numpy()
        return counts, flag.fillna(False).to_numpy(dtype=bool)
    if measure == "response":  # the app's one definition of an answer and a known answer
        known = response_known(resolved).to_numpy(dtype=bool)
        return known, responded(resolved).to_numpy(dtype=bool)
    raise ValueError(f"unknown measure {measure!r} (one of {', '.join(MEASURES)})")


def _word(before: Rate, after: Rate, odds: float | None, p: float | None) -> str:
    if before.n < MIN_N or after.n < MIN_N or odds is None or p is None:
        return "not enough data"
    if p < 0.05:
        return "higher after" if odds > 1 else "lower after"
    return "no clear difference"


def _change(resolved: pd.DataFrame, period: pd.Series, measure: str) -> PeriodChange:
    counts, success = _outcomes(resolved, measure)
    is_after = period.eq("after").fillna(False).to_numpy(dtype=bool)
    is_before = period.eq("before").fillna(False).to_numpy(dtype=bool)
    dated = is_after | is_before
    use = counts & dated
    before = wilson(int((use & is_before & success).sum()), int((use & is_before).sum()))
    after = wilson(int((use & is_after & success).sum()), int((use & is_after).sum()))
    people = resolved["participant"].astype("object").fillna("(no participant)").to_numpy()
    tables = []
    for who in pd.unique(people[use]):
        m = use & (people == who)
        t = np.array(
            [
                [(m & is_after & success).sum(), (m & is_after & ~success).sum()],
                [(m & is_before & success).sum(), (m & is_before & ~success).sum()],
            ]
        )
        if (t.sum(axis=1) > 0).all() and (t.sum(axis=0) > 0).all():
            tables.append(t)
    odds = lo = hi = p = None
    if tables:
        mh = mantel_haenszel(np.array(tables))
        odds, lo, hi = clean_number(mh["pooled"]), clean_number(mh["lo"]), clean_number(mh["hi"])
        p = clean_number(mh["cmh_p"])
    return PeriodChange(
        measure=measure,
        label=MEASURES[measure],
        before=before,
        after=after,
        odds_ratio=odds,
        or_lo=lo,
        or_hi=hi,
        p_value=p,
        participants_both=len(tables),
        word=_word(before, after, odds, p),
        undated=int((counts & ~dated).sum()),
    )


def before_after(resolved: pd.DataFrame, workshop_date: dt.date) -> dict[str, PeriodChange]:
    """Follow-up and response rates before vs after ``workshop_date``, within participants.

    Parameters
    ----------
    resolved : DataFrame
        Output of :func:`analysis.outcomes.resolve` (not modified).
    workshop_date : datetime.date
        Applications sent on this day or later count as "after".

    Returns
    -------
    dict
        ``{"followup": PeriodChange, "response": PeriodChange}``.

    Examples
    --------
    >>> import pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({"participant": ["A", "A"],
    ...     "applied_on": ["2026-01-01", "2026-02-01"], "stage_reached": ["applied"] * 2,
    ...     "outcome": ["rejected"] * 2}))
    >>> before_after(resolve(apps, dt.date(2026, 3, 1)), dt.date(2026, 1, 15))["response"].after.n
    1
    """
    if not isinstance(workshop_date, dt.date):
        raise ValueError(f"workshop_date must be a date, got {workshop_date!r}")
    for col in ("applied_on", "participant", "followed_after_applying", "known_after_applying"):
        if col not in resolved.columns:
            raise ValueError(f"expected the output of analysis.outcomes.resolve (no {col!r})")
    period = split_by_date(resolved, workshop_date)
    return {m: _change(resolved, period, m) for m in MEASURES}


def as_rows(changes: dict[str, PeriodChange]) -> pd.DataFrame:
    """Long table for a chart: measure, period, rate, lo, hi, k, n.

    Examples
    --------
    >>> c = PeriodChange("followup", "F", wilson(1, 4), wilson(3, 4), None, None, None, None,
    ...                  0, "not enough data", 0)
    >>> as_rows({"followup": c})[["period", "k", "n"]].values.tolist()
    [['before', 1, 4], ['after', 3, 4]]
    """
    rows = []
    for c in changes.values():
        for period, r in (("before", c.before), ("after", c.after)):
            rows.append(
                {
                    "measure": c.label,
                    "period": period,
                    "rate": r.rate,
                    "lo": r.lo,
                    "hi": r.hi,
                    "k": r.k,
                    "n": r.n,
                }
            )
    return pd.DataFrame(rows, columns=["measure", "period", "rate", "lo", "hi", "k", "n"])
