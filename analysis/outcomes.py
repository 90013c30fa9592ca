"""Outcomes and stages: pending vs ghosted, and the per-touchpoint step columns.

:func:`resolve` is the first call of every analysis: it takes the canonical Applications
table (``data.schema``) and an as-of date and returns a *copy* with

- stale ``pending`` applications turned into ``ghosted`` (no activity for more than
  ``ghost_after_days`` days before ``as_of``; a row with no date at all stays pending);
- ``stage_reached`` raised to what the row's dates and outcome show (an ``interview_on``
  date means the interview stage was reached; outcome ``offer``/``hired`` means that stage);
- ``response_on``: the employer's first response (``responded_on``, else the earliest
  invite date, else the rejection date when rejected right after applying);
- for each touchpoint ``tp`` in ``data.schema.TOUCHPOINTS``: ``eligible_<tp>``,
  ``known_<tp>``, ``advanced_<tp>`` (bool) and ``followed_<tp>`` (nullable boolean:
  NA where the log does not track that follow-up).

Examples
--------
>>> import datetime as dt, pandas as pd
>>> from data.schema import coerce_applications
>>> apps = coerce_applications(pd.DataFrame({
...     "applied_on": ["2026-01-01", "2026-03-01"], "stage_reached": ["applied", "applied"],
...     "outcome": ["pending", "pending"], "followup_after_apply": [True, False]}))
>>> r = resolve(apps, dt.date(2026, 3, 10))
>>> list(r["outcome"].astype(str)), list(r["known_after_applying"])
(['ghosted', 'pending'], [True, False])
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from data import rules
from data.rules import ACTIVITY_COLUMNS as ACTIVITY_COLUMNS
from data.rules import OUTCOME_DTYPE, OUTCOMES, STAGE_DTYPE, STAGES, TOUCHPOINTS

__all__ = [
    "resolve",
    "funnel",
    "outcome_counts",
    "TOUCHPOINT_STAGES",
    "ACTIVITY_COLUMNS",
    "last_activity",
    "stage_codes",
]

#: touchpoint -> (stage that makes an application eligible, stage that counts as advancing)
TOUCHPOINT_STAGES: dict[str, tuple[str, str]] = {
    k: (t.eligible_stage, t.advanced_stage) for k, t in TOUCHPOINTS.items()
}

_OUTCOME_INDEX = {o: i for i, o in enumerate(OUTCOME_DTYPE.categories)}


def _as_timestamp(as_of: dt.date) -> pd.Timestamp:
    if not isinstance(as_of, dt.date):
        raise ValueError(f"as_of must be a datetime.date, got {type(as_of).__name__}")
    return pd.Timestamp(as_of).normalize()


def last_activity(apps: pd.DataFrame) -> pd.Series:
    """Latest dated activity per row (NaT when the row has no date at all).

    Examples
    --------
    >>> import pandas as pd
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(
    ...     pd.DataFrame({"applied_on": ["2026-01-01"], "interview_on": ["2026-02-01"]}))
    >>> last_activity(t).iloc[0].date().isoformat()
    '2026-02-01'
    """
    return rules.last_activity(apps)


def stage_codes(stage: pd.Series) -> np.ndarray:
    """Integer codes of an ordered stage column (-1 for NA), 0 = applied … 4 = hired.

    Examples
    --------
    >>> import pandas as pd
    >>> from data.schema import STAGE_DTYPE
    >>> stage_codes(pd.Series(["interview", None], dtype=STAGE_DTYPE)).tolist()
    [2, -1]
    """
    return rules.stage_codes(stage)


def resolve(apps: pd.DataFrame, as_of: dt.date, ghost_after_days: int = 30) -> pd.DataFrame:
    """Return a copy of ``apps`` with outcomes resolved at ``as_of`` and step columns added.

    Parameters
    ----------
    apps : DataFrame
        Canonical Applications table (``data.schema.coerce_applications`` shape).
    as_of : datetime.date
        The date the data is looked at; ``pending`` rows whose last activity is more than
        ``ghost_after_days`` days before it become ``ghosted``.
    ghost_after_days : int, default 30
        Days of silence after which a pending application counts as ghosted.

    Returns
    -------
    DataFrame
        A copy, same rows and order. A missing outcome is read as ``pending``; a missing
        stage as ``applied``. Added columns: ``response_on`` and, per touchpoint
        ``tp``, ``eligible_<tp>``, ``known_<tp>``, ``advanced_<tp>`` (bool) and
        ``followed_<tp>`` (boolean, NA = not tracked). A step is *known* when the employer
        answered (the next stage was reached, or the application was rejected at this
        stage) or the application was ghosted at this stage; pending and withdrawn-at-this-
        stage rows are not known. ``followed_after_applying`` is False when the follow-up
        is dated on or after the employer's response (it cannot have helped).

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> apps = coerce_applications(pd.DataFrame({
    ...     "applied_on": ["2026-01-01"], "stage_reached": ["interview"], "outcome": ["rejected"],
    ...     "thank_you_after_interview": [True]}))
    >>> r = resolve(apps, dt.date(2026, 6, 1))
    >>> [bool(r.loc[0, c]) for c in ("advanced_after_intro_call", "known_after_interview",
    ...                              "advanced_after_interview")]
    [True, True, False]
    """
    if not isinstance(apps, pd.DataFrame):
        raise ValueError("apps must be a pandas DataFrame (the canonical Applications table)")
    if ghost_after_days is None or int(ghost_after_days) < 0:
        raise ValueError(
            f"ghost_after_days must be a non-negative number of days, got {ghost_after_days!r}"
        )
    missing = [c for c in ("stage_reached", "outcome") if c not in apps.columns]
    if missing:
        raise ValueError(
            f"not a canonical Applications table: missing column(s) {', '.join(missing)}"
        )
    ts = _as_timestamp(as_of)
    out = apps.copy(deep=False)  # copy-on-write: the caller's frame is never modified
    new: dict[str, object] = {}

    def col(name: str, dtype: str = "datetime64[ns]") -> pd.Series:
        if name in out.columns:
            return out[name]
        return pd.Series(
            pd.NA if dtype != "datetime64[ns]" else pd.NaT, index=out.index, dtype=dtype
        )

    # ---- outcome codes: NA -> pending
    o = _OUTCOME_INDEX
    oc = np.asarray(out["outcome"].astype(OUTCOME_DTYPE).cat.codes, dtype=np.int64)
    oc = np.where(oc < 0, o["pending"], oc)

    # ---- stage: max(stage_reached, dates, outcome) -- the one rule in data.rules
    code = rules.furthest_stage_codes(out.assign(outcome=out["outcome"].astype(OUTCOME_DTYPE)))
    out["stage_reached"] = pd.Categorical.from_codes(code, dtype=STAGE_DTYPE)

    # ---- pending -> ghosted
    last = last_activity(out)
    stale = last.notna() & ((ts - last).dt.days > int(ghost_after_days))
    ghost = (oc == o["pending"]) & stale.to_numpy()
    oc = np.where(ghost, o["ghosted"], oc)
    out["outcome"] = pd.Categorical.from_codes(oc, dtype=OUTCOME_DTYPE)

    # ---- employer's first response date
    invite = rules.earliest_date(out, rules.STAGE_DATE_COLUMNS.values())
    rejected_now = pd.Series((oc == o["rejected"]) & (code == 0), index=out.index)
    reject_date = col("outcome_on").where(rejected_now)
    response = col("responded_on").fillna(invite.astype("datetime64[ns]")).fillna(reject_date)
    new["response_on"] = response.astype("datetime64[ns]")

    # ---- per-touchpoint step columns
    final_no = (oc == o["rejected"]) | (oc == o["ghosted"])
    for tp in TOUCHPOINTS:
        i_at = rules.stage_index(TOUCHPOINTS[tp].eligible_stage)
        i_next = rules.stage_index(TOUCHPOINTS[tp].advanced_stage)
        eligible = code >= i_at
        advanced = code >= i_next
        known = advanced | (eligible & (code == i_at) & final_no)
        new[f"eligible_{tp}"] = eligible
        new[f"known_{tp}"] = known
        new[f"advanced_{tp}"] = advanced
        flag_col = TOUCHPOINTS[tp].flag
        flag = col(flag_col, "boolean").astype("boolean")
        if tp == "after_applying":
            fu_on = col("followup_after_apply_on")
            too_late = (fu_on.notna() & response.notna() & (fu_on >= response)).to_numpy()
            flag = flag.mask(pd.Series(too_late, index=out.index) & flag.notna(), False)
        new[f"followed_{tp}"] = flag
    out = out.drop(columns=[c for c in new if c in out.columns])
    out = pd.concat([out, pd.DataFrame(new, index=out.index)], axis=1)
    return out


def funnel(resolved: pd.DataFrame) -> pd.DataFrame:
    """Cumulative funnel: how many applications reached each stage, and the share of all.

    Parameters
    ----------
    resolved : DataFrame
        Output of :func:`resolve`.

    Returns
    -------
    DataFrame
        Columns ``stage`` (applied … hired), ``reached`` (int), ``share`` (float, NaN when
        the table is empty).

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> apps = coerce_applications(pd.DataFrame(
    ...     {"stage_reached": ["applied", "interview"], "outcome": ["pending"] * 2}))
    >>> funnel(resolve(apps, dt.date(2026, 1, 1)))["reached"].tolist()
    [2, 1, 1, 0, 0]
    """
    code = np.maximum(stage_codes(resolved["stage_reached"]), 0)
    total = len(code)
    counts = np.bincount(code, minlength=len(STAGES))
    reached = counts[::-1].cumsum()[::-1]
    share = reached / total if total else np.full(len(STAGES), np.nan)
    return pd.DataFrame({"stage": list(STAGES), "reached": reached.astype(int), "share": share})


def outcome_counts(resolved: pd.DataFrame) -> dict[str, int]:
    """Number of applications per outcome (every outcome present, zero when absent).

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> apps = coerce_applications(
    ...     pd.DataFrame({"stage_reached": ["applied"], "outcome": ["rejected"]}))
    >>> outcome_counts(resolve(apps, dt.date(2026, 1, 1)))["rejected"]
    1
    """
    vc = resolved["outcome"].astype(OUTCOME_DTYPE).value_counts(dropna=True)
    return {o: int(vc.get(o, 0)) for o in OUTCOMES}
