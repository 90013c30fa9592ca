"""Time to the employer's first response: Kaplan–Meier curves, followed-up vs not.

Followed-up vs not is compared only as *landmark* curves (DESIGN.md): a follow-up can only
be made while an application is still waiting, so splitting from day 0 hands every fast
answer to "not followed up" and the followed-up curve cannot show an answer before the
follow-up by construction. The curves therefore start at the landmark (the follow-up window
after applying, 7 days by default), among the applications still waiting then; "followed
up" means followed up by the landmark (the same rows and rule as
:func:`analysis.verdict.step_rows`). Applications answered by the landmark are left out and
counted (``before_landmark``). When the log does not record follow-ups at all, one curve of
every application is drawn from day 0.

Days run from ``applied_on`` to the first response (``response_on`` from
:func:`analysis.outcomes.resolve`: ``responded_on``, else the first invite date, else the
rejection date). Applications still waiting are *censored* at ``as_of`` (withdrawn ones at
their ``outcome_on``, else their last activity), never counted as "no answer". Rows without
``applied_on``, and rows that got an answer whose date is unknown, cannot be placed on the
time axis: they are left out and counted in ``left_out``.

Curves use statsmodels ``SurvfuncRight``; the groups are compared with the log-rank test
(``survdiff``); both through the adapters in :mod:`analysis.numerics`.

Examples
--------
>>> import datetime as dt, pandas as pd
>>> from data.schema import coerce_applications
>>> from analysis.outcomes import resolve
>>> apps = coerce_applications(pd.DataFrame({
...     "applied_on": ["2026-01-01"] * 4, "responded_on": ["2026-01-05", "2026-01-11", None, None],
...     "stage_reached": ["intro_call", "applied", "applied", "applied"],
...     "outcome": ["pending", "rejected", "pending", "ghosted"],
...     "followup_after_apply": [True, False, True, False]}))
>>> km = response_curves(resolve(apps, dt.date(2026, 1, 21)), dt.date(2026, 1, 21))
>>> km.n["followed up"], km.n["not followed up"], km.before_landmark
(1, 2, 1)
>>> km.answered_by_14["not followed up"]
0.5
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.numerics import kaplan_meier, logrank_p
from analysis.outcomes import last_activity
from analysis.responses import responded
from analysis.stats import clean_number
from data.rules import DEFAULT_WINDOWS

__all__ = ["KMResult", "response_curves", "response_times", "GROUPS", "ALL_GROUP", "MAX_POINTS"]

#: Group labels, in display order.
GROUPS: tuple[str, str] = ("followed up", "not followed up")
#: The single group drawn when the log does not track follow-ups after applying at all.
ALL_GROUP = "all applications"
#: At most this many points per group in ``KMResult.curves``.
MAX_POINTS: int = 400


@dataclass
class KMResult:
    """Kaplan–Meier curves of time to first response, by follow-up after applying.

    Groups are ``"followed up"`` and ``"not followed up"`` (:data:`GROUPS`; both always
    present in the dicts). When the log does not track that follow-up for any application
    on the time axis, one extra group ``"all applications"`` (:data:`ALL_GROUP`) holds
    every application instead, so response times can still be shown.

    Attributes
    ----------
    curves : DataFrame
        ``group, day, survival, lo, hi, at_risk``: a step table per group starting at day 0
        (survival = share still waiting; lo/hi a pointwise 95% interval, log-log scale).
    logrank_p : float or None
        Log-rank test p between the groups (None when a group is empty or has no answer).
    answered_by_14, answered_by_30 : dict
        group -> 1 − S(14), 1 − S(30) (None for an empty group).
    median_days : dict
        group -> median days to a response (None when not reached).
    n, events : dict
        group -> applications on the curve / responses observed.
    left_out : int
        Rows not placed on the time axis (no applied date, answer with unknown date,
        response dated before applying).
    untracked : int
        Rows placed on the time axis whose follow-up flag is not tracked (in no group),
        or, with landmark curves, that are in neither arm at the landmark.
    landmark_days : int or None
        Day the followed-up vs not curves start (None for the single "all applications"
        curve from day 0). ``answered_by_14``/``_30`` are then the shares of the
        applications still waiting at the landmark that were answered by day 14 / 30.
    before_landmark : int
        Rows on the time axis answered (or censored) by the landmark: not on the curves.

    Examples
    --------
    >>> r = KMResult(curves=pd.DataFrame(), logrank_p=None,
    ...              n={"followed up": 0, "not followed up": 0})
    >>> r.left_out, r.n["followed up"]
    (0, 0)
    """

    curves: pd.DataFrame
    logrank_p: float | None
    answered_by_14: dict[str, float | None] = field(default_factory=dict)
    answered_by_30: dict[str, float | None] = field(default_factory=dict)
    median_days: dict[str, float | None] = field(default_factory=dict)
    n: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    left_out: int = 0
    untracked: int = 0
    landmark_days: int | None = None
    before_landmark: int = 0


def response_times(resolved: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Per-application days to first response (event) or to censoring.

    Parameters
    ----------
    resolved : DataFrame
        Output of :func:`analysis.outcomes.resolve`.
    as_of : datetime.date
        Censoring date for applications still waiting.

    Returns
    -------
    DataFrame
        Same index as ``resolved``: ``days`` (float, NaN when left out), ``event`` (bool:
        a response was observed), ``usable`` (bool), ``group`` ("followed up", "not followed
        up", or NA when the flag is not tracked).

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> a = coerce_applications(pd.DataFrame({"applied_on": ["2026-01-01", "2026-01-01"],
    ...     "responded_on": ["2026-01-04", None], "stage_reached": ["applied"] * 2,
    ...     "outcome": ["rejected", "pending"]}))
    >>> t = response_times(resolve(a, dt.date(2026, 1, 11)), dt.date(2026, 1, 11))
    >>> t[["days", "event"]].values.tolist()
    [[3.0, True], [10.0, False]]
    """
    days, event, usable, gcode = _times(resolved, as_of)
    group = pd.Series(gcode, index=resolved.index).map({1: GROUPS[0], 0: GROUPS[1]})
    group = group.astype("string")
    return pd.DataFrame(
        {"days": np.where(usable, days, np.nan), "event": event, "usable": usable, "group": group},
        index=resolved.index,
    )


def _times(
    resolved: pd.DataFrame, as_of: dt.date
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """days (float), event (bool, only where usable), usable (bool), group code (1 followed,
    0 not, -1 NA)."""
    if "response_on" not in resolved.columns or "followed_after_applying" not in resolved.columns:
        raise ValueError("expected the output of analysis.outcomes.resolve (missing response_on)")
    if not isinstance(as_of, dt.date):
        raise ValueError(f"as_of must be a datetime.date, got {type(as_of).__name__}")
    ts = pd.Timestamp(as_of).normalize()
    applied = resolved["applied_on"]
    response = resolved["response_on"]
    oc_cat = resolved["outcome"]
    outcome = np.asarray(oc_cat.cat.categories.astype(str))[np.asarray(oc_cat.cat.codes)]
    event = response.notna().to_numpy()
    answered = responded(resolved).to_numpy(dtype=bool) | event  # undated ones left out below
    # censoring date: as_of; withdrawn -> outcome_on, else last activity
    censor = pd.Series(ts, index=resolved.index, dtype="datetime64[ns]")
    withdrawn = outcome == "withdrawn"
    if withdrawn.any():
        wd_date = resolved["outcome_on"].fillna(last_activity(resolved))
        censor = censor.mask(pd.Series(withdrawn, index=resolved.index) & wd_date.notna(), wd_date)
    end = response.where(event, censor)
    days = (end - applied).dt.days.to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        usable = applied.notna().to_numpy() & (event | ~answered) & (days >= 0)
    flag = resolved["followed_after_applying"].astype("boolean")
    tracked = flag.notna().to_numpy()
    gcode = np.where(tracked, flag.fillna(False).to_numpy(dtype=bool).astype(np.int64), -1)
    return days, event & usable, usable, gcode


def _loglog_ci(
    s: np.ndarray, se: np.ndarray, z: float = 1.959963984540054
) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        log_s = np.log(s)
        theta = np.log(-log_s)
        se_t = se / (s * np.abs(log_s))
        lo = np.exp(-np.exp(theta + z * se_t))
        hi = np.exp(-np.exp(theta - z * se_t))
    degenerate = ~np.isfinite(lo) | ~np.isfinite(hi) | (se <= 0)
    lo = np.where(degenerate, s, lo)
    hi = np.where(degenerate, s, hi)
    return lo, hi


def _thin(idx_count: int, max_points: int) -> np.ndarray:
    if idx_count <= max_points:
        return np.arange(idx_count)
    keep = np.unique(np.linspace(0, idx_count - 1, max_points).round().astype(int))
    return keep


def _survival_at(times: np.ndarray, surv: np.ndarray, day: float) -> float:
    pos = np.searchsorted(times, day, side="right")
    return 1.0 if pos == 0 else float(surv[pos - 1])


def response_curves(
    resolved: pd.DataFrame, as_of: dt.date, *, landmark_days: int | None = None
) -> KMResult:
    """Landmark Kaplan–Meier curves of days to first response, followed up after applying
    (by the landmark) vs not, among the applications still waiting at the landmark.

    Parameters
    ----------
    resolved : DataFrame
        Output of :func:`analysis.outcomes.resolve`.
    as_of : datetime.date
        Censoring date for applications still waiting.
    landmark_days : int, optional
        The follow-up window after applying (default 7, ``data.rules``).

    Returns
    -------
    KMResult

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> a = coerce_applications(pd.DataFrame({"applied_on": ["2026-01-01"] * 2,
    ...     "responded_on": ["2026-01-03", "2026-01-05"], "stage_reached": ["applied"] * 2,
    ...     "outcome": ["rejected"] * 2, "followup_after_apply": [False, False]}))
    >>> km = response_curves(resolve(a, dt.date(2026, 2, 1)), dt.date(2026, 2, 1),
    ...                      landmark_days=1)
    >>> km.median_days["not followed up"], km.n["followed up"], km.landmark_days
    (2.0, 0, 1)
    """
    from analysis.verdict import step_rows

    window = DEFAULT_WINDOWS["after_applying"] if landmark_days is None else int(landmark_days)
    days_all, event_all, usable, gcode = _times(resolved, as_of)
    left_out = int((~usable).sum())
    lm_days: int | None = None
    before = 0
    if (gcode >= 0).any():  # follow-ups recorded: landmark curves
        lm_days = window
        arm = step_rows(resolved, "after_applying", window=window).frame["landmark_arm"]
        waiting = usable & (np.nan_to_num(days_all, nan=-1.0) > window)
        before = int((usable & ~waiting).sum())
        gcode = np.where(
            waiting & arm.eq("with").fillna(False).to_numpy(dtype=bool),
            1,
            np.where(waiting & arm.eq("without").fillna(False).to_numpy(dtype=bool), 0, -1),
        )
        untracked = int((waiting & (gcode < 0)).sum())
    else:
        untracked = int((usable & (gcode < 0)).sum())
    start = float(lm_days or 0)
    frames = []
    a14: dict[str, float | None] = {}
    a30: dict[str, float | None] = {}
    med: dict[str, float | None] = {}
    ns: dict[str, int] = {}
    evs: dict[str, int] = {}
    masks = {GROUPS[0]: usable & (gcode == 1), GROUPS[1]: usable & (gcode == 0)}
    if lm_days is None and untracked > 0:
        masks[ALL_GROUP] = usable.copy()  # nothing tracked: one curve for every application
    for g, m in masks.items():
        ns[g] = int(m.sum())
        evs[g] = int((m & event_all).sum())
        if ns[g] == 0:
            a14[g] = a30[g] = med[g] = None
            continue
        t = days_all[m]
        e = event_all[m].astype(int)
        if evs[g] == 0:
            times = np.array([], dtype=float)
            surv = np.array([], dtype=float)
            se = np.array([], dtype=float)
            risk = np.array([], dtype=float)
        else:
            km = kaplan_meier(t, e)
            times, surv, se, risk = km["times"], km["survival"], km["se"], km["at_risk"]
        a14[g] = 1.0 - _survival_at(times, surv, 14)
        a30[g] = 1.0 - _survival_at(times, surv, 30)
        below = np.nonzero(surv <= 0.5)[0]
        med[g] = float(times[below[0]]) if below.size else None
        lo, hi = _loglog_ci(surv, se)
        keep = _thin(len(times), MAX_POINTS - 1)
        frames.append(
            pd.DataFrame(
                {
                    "group": g,
                    "day": np.concatenate([[start], times[keep]]),
                    "survival": np.concatenate([[1.0], surv[keep]]),
                    "lo": np.concatenate([[1.0], lo[keep]]),
                    "hi": np.concatenate([[1.0], hi[keep]]),
                    "at_risk": np.concatenate([[float(ns[g])], risk[keep]]).astype(int),
                }
            )
        )
        if len(times) and times[0] == start:
            frames[-1] = frames[-1].iloc[1:].reset_index(drop=True)
    curves = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(
            {
                "group": pd.Series([], dtype="object"),
                "day": [],
                "survival": [],
                "lo": [],
                "hi": [],
                "at_risk": pd.Series([], dtype=int),
            }
        )
    )
    p = None
    if all(ns[g] > 0 for g in GROUPS) and sum(evs.values()) > 0:
        m = usable & (gcode >= 0)
        try:
            p = clean_number(logrank_p(days_all[m], event_all[m].astype(int), gcode[m]))
        except (
            ValueError,
            np.linalg.LinAlgError,
            ZeroDivisionError,
        ):  # pragma: no cover - degenerate input
            p = None
    return KMResult(
        curves=curves,
        logrank_p=p,
        answered_by_14=a14,
        answered_by_30=a30,
        median_days=med,
        n=ns,
        events=evs,
        left_out=left_out,
        untracked=untracked,
        landmark_days=lm_days,
        before_landmark=before,
    )
