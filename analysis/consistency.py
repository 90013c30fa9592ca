"""Consistency: per-participant follow-up habits, weekly activity and streaks.

All functions take the output of :func:`analysis.outcomes.resolve` (or, for
:func:`current_streak`, the output of :func:`weekly_activity`).

Examples
--------
>>> import datetime as dt, pandas as pd
>>> from data.schema import coerce_applications
>>> from analysis.outcomes import resolve
>>> apps = coerce_applications(pd.DataFrame({"participant": ["A", "A", "B"],
...     "applied_on": ["2026-01-05", "2026-01-20", "2026-01-06"], "stage_reached": ["applied"] * 3,
...     "outcome": ["rejected"] * 3, "followup_after_apply": [True, False, True]}))
>>> r = resolve(apps, dt.date(2026, 2, 1))
>>> per_participant(r).set_index("participant")["consistency"].to_dict()
{'A': 0.5, 'B': 1.0}
>>> weekly_activity(r)["applications"].tolist()
[2, 0, 1]
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis.stats import wilson_many
from data.schema import FOLLOWUP_FLAG_COLUMNS, TOUCHPOINTS

__all__ = [
    "per_participant",
    "weekly_activity",
    "current_streak",
    "week_start",
    "group_codes",
    "UNKNOWN_PARTICIPANT",
]

#: Label used for rows whose participant is missing.
UNKNOWN_PARTICIPANT = "(no participant)"

_NAT = np.iinfo(np.int64).min
_NS_PER_DAY = 86_400 * 10**9


def _days(s: pd.Series) -> np.ndarray:
    """Days since 1970-01-01 as float (NaN for NaT)."""
    v = np.asarray(s.astype("datetime64[ns]").to_numpy()).view(np.int64)
    out = np.floor_divide(v, _NS_PER_DAY).astype("float64")
    out[v == _NAT] = np.nan
    return out


def _week_days(days: np.ndarray) -> np.ndarray:
    # 1970-01-01 was a Thursday (weekday 3): Monday-start weeks
    return days - np.mod(days + 3, 7)


def week_start(dates: pd.Series) -> pd.Series:
    """Monday of each date's week (vectorised; NaT stays NaT).

    Examples
    --------
    >>> import pandas as pd
    >>> w = week_start(pd.Series(pd.to_datetime(["2026-01-07", "2026-01-11", None])))
    >>> w.dt.strftime("%Y-%m-%d").tolist()
    ['2026-01-05', '2026-01-05', nan]
    """
    d = _days(pd.Series(dates))
    w = _week_days(d)
    ns = np.where(np.isnan(w), _NAT, np.nan_to_num(w) * _NS_PER_DAY).astype(np.int64)
    return pd.Series(ns.view("datetime64[ns]"), index=pd.Series(dates).index, name="week_start")


def group_codes(values: pd.Series, na_label: str) -> tuple[np.ndarray, list[str]]:
    """Integer group codes and sorted group names (missing values form ``na_label``), vectorised.

    Examples
    --------
    >>> import pandas as pd
    >>> group_codes(pd.Series(["b", None, "a", "b"], dtype="string"), "(none)")
    (array([2, 0, 1, 2]), ['(none)', 'a', 'b'])
    """
    arr = getattr(getattr(values, "array", None), "_pa_array", None)
    hit = next((c for c in _GROUP_CACHE if c[0] is arr), None) if arr is not None else None
    if hit is not None:  # Arrow-backed (immutable): the summary asks for the same column thrice
        _, codes, names = hit
        names = list(names)
    else:
        codes, uniques = pd.factorize(pd.Series(values), sort=False)
        names = [str(u) for u in (uniques.tolist() if hasattr(uniques, "tolist") else uniques)]
        codes = np.asarray(codes, dtype=np.int64)
        if arr is not None:
            _GROUP_CACHE.insert(0, (arr, codes, list(names)))
            del _GROUP_CACHE[2:]
    codes = np.asarray(codes, dtype=np.int64)
    if (codes < 0).any():
        if na_label in names:
            codes = np.where(codes < 0, names.index(na_label), codes)
        else:
            names.append(na_label)
            codes = np.where(codes < 0, len(names) - 1, codes)
    order = np.argsort(np.array(names, dtype=object), kind="stable")
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    return (rank[codes] if len(codes) else codes.copy()), [names[i] for i in order]


#: The last two factorisations of Arrow-backed columns, keyed by the (immutable) Arrow
#: array object itself; held strongly, so the key cannot be reused while it is cached.
_GROUP_CACHE: list[tuple[object, np.ndarray, list[str]]] = []


def _followup_count(resolved: pd.DataFrame) -> np.ndarray:
    """Follow-ups per row: ``followups`` when known, else the number of raw flags set."""
    flags = np.zeros(len(resolved), dtype=np.int64)
    for col in FOLLOWUP_FLAG_COLUMNS.values():
        if col in resolved.columns:
            flags += resolved[col].astype("boolean").fillna(False).to_numpy(dtype=bool)
    if "followups" in resolved.columns:
        fu = resolved["followups"].astype("Int64")
        known = fu.notna().to_numpy()
        return np.where(known, fu.fillna(0).to_numpy(dtype=np.int64), flags)
    return flags


def per_participant(resolved: pd.DataFrame) -> pd.DataFrame:
    """One row per participant: consistency, follow-ups per application, response and
    interview rates.

    Parameters
    ----------
    resolved : DataFrame
        Output of :func:`analysis.outcomes.resolve`.

    Returns
    -------
    DataFrame
        ``participant``, ``applications``, ``touchpoints_tracked`` (eligible touchpoints
        with a tracked flag, pooled over the three), ``touchpoints_followed``,
        ``consistency`` (their ratio) with ``consistency_lo``/``consistency_hi`` (Wilson
        95%), ``followups`` and ``followups_per_application`` (``followups`` column when
        known, else the flags set), ``known`` (applications whose first answer is known:
        answered or ghosted), ``responses`` and ``response_rate`` (+ ``response_lo``/``hi``),
        ``interviews`` (reached interview) and ``interview_rate`` (+ ``interview_lo``/``hi``),
        both over ``known``. Undefined rates are NaN. Sorted by participant.

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({
    ...     "participant": ["A", "A"], "stage_reached": ["interview", "applied"],
    ...     "outcome": ["rejected", "rejected"], "followups": [2, None],
    ...     "followup_after_apply": [True, True]}))
    >>> row = per_participant(resolve(apps, dt.date(2026, 1, 1))).iloc[0]
    >>> int(row["followups"]), float(row["interview_rate"]), float(row["response_rate"])
    (3, 0.5, 1.0)
    """
    if "participant" in resolved.columns:
        pcode, pnames = group_codes(resolved["participant"], UNKNOWN_PARTICIPANT)
    else:
        pcode, pnames = (
            np.zeros(len(resolved), dtype=np.int64),
            ([UNKNOWN_PARTICIPANT] if len(resolved) else []),
        )
    oc = np.asarray(resolved["outcome"].cat.codes, dtype=np.int64)
    rejected_code = list(resolved["outcome"].cat.categories).index("rejected")
    stage = np.asarray(resolved["stage_reached"].cat.codes, dtype=np.int64)
    tracked = np.zeros(len(resolved), dtype=np.int64)
    followed = np.zeros(len(resolved), dtype=np.int64)
    for tp in TOUCHPOINTS:
        el = resolved[f"eligible_{tp}"].to_numpy(dtype=bool)
        f = resolved[f"followed_{tp}"].astype("boolean")
        tracked += el & f.notna().to_numpy()
        followed += el & f.fillna(False).to_numpy(dtype=bool)
    known = resolved["known_after_applying"].to_numpy(dtype=bool)
    responded = resolved["advanced_after_applying"].to_numpy(dtype=bool) | (
        (stage == 0) & (oc == rejected_code)
    )
    k = len(pnames)

    def total(x: np.ndarray) -> np.ndarray:
        return np.bincount(pcode, weights=x, minlength=k).round().astype(np.int64)

    g = pd.DataFrame(
        {
            "participant": pd.array(pnames, dtype="string"),
            "applications": np.bincount(pcode, minlength=k).astype(np.int64),
            "touchpoints_tracked": total(tracked),
            "touchpoints_followed": total(followed),
            "followups": total(_followup_count(resolved)),
            "known": total(known),
            "responses": total(known & responded),
            "interviews": total(known & (stage >= 2)),
        }
    )
    rate, lo, hi = wilson_many(g["touchpoints_followed"], g["touchpoints_tracked"])
    g["consistency"], g["consistency_lo"], g["consistency_hi"] = rate, lo, hi
    g["followups_per_application"] = g["followups"] / g["applications"]
    rate, lo, hi = wilson_many(g["responses"], g["known"])
    g["response_rate"], g["response_lo"], g["response_hi"] = rate, lo, hi
    rate, lo, hi = wilson_many(g["interviews"], g["known"])
    g["interview_rate"], g["interview_lo"], g["interview_hi"] = rate, lo, hi
    cols = [
        "participant",
        "applications",
        "touchpoints_tracked",
        "touchpoints_followed",
        "consistency",
        "consistency_lo",
        "consistency_hi",
        "followups",
        "followups_per_application",
        "known",
        "responses",
        "response_rate",
        "response_lo",
        "response_hi",
        "interviews",
        "interview_rate",
        "interview_lo",
        "interview_hi",
    ]
    return g[cols]


def weekly_activity(resolved: pd.DataFrame) -> pd.DataFrame:
    """Applications and follow-ups per week (weeks start on Monday), gaps filled with zeros.

    Applications count at their ``applied_on`` week. Follow-ups count at their own date
    where known (the follow-up after applying at ``followup_after_apply_on``, the one after
    the intro call at ``intro_call_on``, the thank-you at ``interview_on``), else at the
    application's week; follow-ups beyond the flags (from ``followups``) at the
    application's week. Undated rows, and rows dated only to the month
    (``date_precision == "month"``), are not placed.

    Parameters
    ----------
    resolved : DataFrame
        Output of :func:`analysis.outcomes.resolve` (or any canonical table).

    Returns
    -------
    DataFrame
        ``week_start`` (datetime64, Monday), ``applications``, ``followups`` (int), one row
        per week from the first to the last active week.

    Examples
    --------
    >>> import pandas as pd
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"applied_on": ["2026-01-05", "2026-01-06"],
    ...     "followup_after_apply": [True, False],
    ...     "followup_after_apply_on": ["2026-01-14", None]}))
    >>> w = weekly_activity(t)
    >>> w["week_start"].dt.strftime("%m-%d").tolist()
    ['01-05', '01-12']
    >>> w["applications"].tolist(), w["followups"].tolist()
    ([2, 0], [0, 1])
    """

    month_only = (
        resolved["date_precision"].eq("month").fillna(False).to_numpy(dtype=bool)
        if "date_precision" in resolved.columns
        else np.zeros(len(resolved), dtype=bool)
    )

    def days_of(col: str) -> np.ndarray:
        if col in resolved.columns:
            # a row dated only to the month is never placed on a week
            return np.where(month_only, np.nan, _days(resolved[col]))
        return np.full(len(resolved), np.nan)

    def flag(col: str) -> np.ndarray:
        if col in resolved.columns:
            return resolved[col].astype("boolean").fillna(False).to_numpy(dtype=bool)
        return np.zeros(len(resolved), dtype=bool)

    app_w = _week_days(days_of("applied_on"))
    fu_weeks: list[np.ndarray] = []
    fu_counts: list[np.ndarray] = []
    placed = np.zeros(len(resolved), dtype=np.int64)
    apply_on = days_of("followup_after_apply_on")
    for flag_col, date in (
        ("followup_after_apply", apply_on),
        ("followup_after_intro", days_of("intro_call_on")),
        ("thank_you_after_interview", days_of("interview_on")),
    ):
        made = flag(flag_col)
        if flag_col == "followup_after_apply":
            made = made | ~np.isnan(apply_on)
        wk = np.where(np.isnan(date), app_w, _week_days(date))
        fu_weeks.append(wk)
        fu_counts.append(made.astype(np.int64))
        placed += made
    total = _followup_count(resolved)
    fu_weeks.append(app_w)
    fu_counts.append(np.maximum(total - placed, 0))
    all_fw = np.concatenate(fu_weeks) if fu_weeks else np.array([])
    all_fc = np.concatenate(fu_counts) if fu_counts else np.array([], dtype=np.int64)
    ok_a = ~np.isnan(app_w)
    ok_f = ~np.isnan(all_fw) & (all_fc > 0)
    weeks_seen = np.concatenate([app_w[ok_a], all_fw[ok_f]])
    if weeks_seen.size == 0:
        return pd.DataFrame(
            {
                "week_start": pd.Series([], dtype="datetime64[ns]"),
                "applications": pd.Series([], dtype=np.int64),
                "followups": pd.Series([], dtype=np.int64),
            }
        )
    first, last = int(weeks_seen.min()), int(weeks_seen.max())
    n_weeks = (last - first) // 7 + 1
    apps_per = np.bincount(((app_w[ok_a] - first) // 7).astype(np.int64), minlength=n_weeks)
    fu_per = np.bincount(
        ((all_fw[ok_f] - first) // 7).astype(np.int64), weights=all_fc[ok_f], minlength=n_weeks
    )
    starts = (first + 7 * np.arange(n_weeks)).astype(np.int64) * _NS_PER_DAY
    return pd.DataFrame(
        {
            "week_start": starts.view("datetime64[ns]"),
            "applications": apps_per.astype(np.int64),
            "followups": fu_per.round().astype(np.int64),
        }
    )


def current_streak(
    weekly: pd.DataFrame, goal: int, as_of: dt.date, column: str = "applications"
) -> int:
    """Consecutive weeks, up to the week of ``as_of``, in which ``column`` reached ``goal``.

    The current (unfinished) week counts when the goal is already met and does not break
    the streak when it is not yet met. Weeks after ``as_of`` are ignored; weeks missing from
    ``weekly`` count as zero.

    Parameters
    ----------
    weekly : DataFrame
        Output of :func:`weekly_activity`.
    goal : int
        Weekly target (at least 1).
    as_of : datetime.date
        Today, as a parameter.
    column : str, default "applications"
        Which count the goal applies to (``"applications"`` or ``"followups"``).

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> w = pd.DataFrame({"week_start": pd.to_datetime(["2026-01-05", "2026-01-12", "2026-01-19"]),
    ...                   "applications": [5, 6, 1], "followups": [0, 0, 0]})
    >>> current_streak(w, 5, dt.date(2026, 1, 20))   # this week not done yet: 2 full weeks
    2
    """
    if goal is None or int(goal) < 1:
        raise ValueError(f"goal must be a whole number of at least 1, got {goal!r}")
    if not isinstance(as_of, dt.date):
        raise ValueError(f"as_of must be a datetime.date, got {type(as_of).__name__}")
    if column not in weekly.columns or "week_start" not in weekly.columns:
        raise ValueError(
            f"weekly must have columns week_start and {column!r} (see weekly_activity)"
        )
    counts = dict(
        zip(
            _days(weekly["week_start"]).tolist(),
            weekly[column].astype("int64").tolist(),
            strict=False,
        )
    )
    as_day = float((pd.Timestamp(as_of) - pd.Timestamp("1970-01-01")).days)
    week = float(_week_days(np.array([as_day]))[0])
    streak = 0
    if counts.get(week, 0) >= goal:
        streak += 1
    week -= 7
    earliest = min(counts) if counts else week
    while week >= earliest and counts.get(week, 0) >= goal:
        streak += 1
        week -= 7
    return streak
