"""Per-participant summaries for a workshop, safe to show a room.

:func:`participant_summary` is the table the Workshop page, the report and the workbook
show: counts beside rates, a row for all participants, and — when a small-cell threshold
``k`` is given — participants with fewer than ``k`` applications with a known answer pooled
as "other participants", counts under ``k`` shown as ``"< k"`` with complementary
suppression down each column (the "All participants" row is a sum a reader could subtract
from), and every rate hidden whose numerator or denominator is hidden.
:func:`thank_you_rates` gives each participant's share of interviews followed by a
thank-you note (for the distribution against the published estimate).

Examples
--------
>>> import datetime as dt, pandas as pd
>>> from data.schema import coerce_applications
>>> from analysis.outcomes import resolve
>>> apps = coerce_applications(pd.DataFrame({"participant": ["P01"] * 6 + ["P02"] * 2,
...     "stage_reached": ["interview", "applied"] * 4, "outcome": ["rejected"] * 8,
...     "thank_you_after_interview": [True, None, False, None] * 2}))
>>> t = participant_summary(resolve(apps, dt.date(2026, 1, 1)), k=5)
>>> t["Participant"].tolist(), t["Applications"].tolist()
(['P01', 'other participants', 'All participants'], ['hidden', '< 5', 8])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.consistency import per_participant
from analysis.suppression import group_small_participants, suppress_table

__all__ = ["participant_summary", "thank_you_rates", "COUNT_COLUMNS", "RATE_COLUMNS"]

ALL_PARTICIPANTS = "All participants"
#: shown label -> per_participant column
COUNT_COLUMNS: dict[str, str] = {
    "Applications": "applications",
    "Answer known": "known",
    "Answered": "responses",
    "Interviews": "interviews",
    "Follow-up steps tracked": "touchpoints_tracked",
    "Followed up": "touchpoints_followed",
}
#: shown rate label -> (numerator label, denominator label)
RATE_COLUMNS: dict[str, tuple[str, str]] = {
    "Consistency": ("Followed up", "Follow-up steps tracked"),
    "Response rate": ("Answered", "Answer known"),
    "Interview rate": ("Interviews", "Answer known"),
}


def participant_summary(resolved: pd.DataFrame, *, k: int | None = None) -> pd.DataFrame:
    """One row per participant plus "All participants": counts and rates (0–1 floats).

    Parameters
    ----------
    resolved : DataFrame
        Output of :func:`analysis.outcomes.resolve` (not modified).
    k : int, optional
        Small-cell threshold. None shows every count (a person's own view).

    Returns
    -------
    DataFrame
        ``Participant``, the :data:`COUNT_COLUMNS` (ints, or ``"< k"`` / ``"hidden"`` text
        when suppressed) and the :data:`RATE_COLUMNS` (floats, NaN when undefined or
        hidden).

    Examples
    --------
    >>> import datetime as dt
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({"participant": ["A", "A", "B"],
    ...     "stage_reached": ["interview", "applied", "applied"], "outcome": ["rejected"] * 3}))
    >>> t = participant_summary(resolve(apps, dt.date(2026, 1, 1)))
    >>> t[["Participant", "Applications", "Interviews"]].values.tolist()
    [['A', 2, 1], ['B', 1, 0], ['All participants', 3, 1]]
    """
    data = resolved if k is None else group_small_participants(resolved, k)
    pp = per_participant(data)
    counts = pd.DataFrame(
        {label: pp[col].astype("int64").to_numpy() for label, col in COUNT_COLUMNS.items()},
        index=pd.Index(pp["participant"].astype(str).tolist()),
    )
    if k is None:
        shown = counts.copy()
        shown.loc[ALL_PARTICIPANTS] = counts.sum(axis=0)
        shown = shown.astype(object)
        hidden = pd.DataFrame(False, index=shown.index, columns=shown.columns)
    else:
        s = suppress_table(counts, k, row_totals=False, col_totals=True)
        shown = s.shown.rename(index={"Total": ALL_PARTICIPANTS})
        hidden = s.hidden.rename(index={"Total": ALL_PARTICIPANTS})
    full = counts.copy()
    full.loc[ALL_PARTICIPANTS] = counts.sum(axis=0)
    out = shown.copy()
    for rate, (num, den) in RATE_COLUMNS.items():
        n = full[den].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(n > 0, full[num].to_numpy(dtype=float) / n, np.nan)
        r[(hidden[num] | hidden[den]).to_numpy()] = np.nan
        out[rate] = r
    out.insert(0, "Participant", list(out.index))
    return out.reset_index(drop=True)


def thank_you_rates(resolved: pd.DataFrame) -> pd.DataFrame:
    """Per participant: interviews where the log tracks a thank-you (``n``), how many had
    one (``k``) and the share (``rate``, NaN when not tracked).

    Examples
    --------
    >>> import datetime as dt
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({"participant": ["A", "A", "B"],
    ...     "stage_reached": ["interview"] * 3, "outcome": ["rejected"] * 3,
    ...     "thank_you_after_interview": [True, False, None]}))
    >>> t = thank_you_rates(resolve(apps, dt.date(2026, 1, 1)))
    >>> t[["participant", "k", "n"]].values.tolist()
    [['A', 1, 2], ['B', 0, 0]]
    """
    el = resolved["eligible_after_interview"].to_numpy(dtype=bool)
    flag = resolved["followed_after_interview"].astype("boolean")
    tracked = el & flag.notna().to_numpy()
    sent = tracked & flag.fillna(False).to_numpy(dtype=bool)
    who = resolved["participant"].astype("object").fillna("(no participant)")
    t = (
        pd.DataFrame({"participant": who, "k": sent.astype(int), "n": tracked.astype(int)})
        .groupby("participant", sort=True)
        .sum()
        .reset_index()
    )
    t["rate"] = np.where(t["n"] > 0, t["k"] / t["n"].where(t["n"] > 0, 1), np.nan)
    return t
