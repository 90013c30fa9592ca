"""Who to follow up with today: due follow-ups for open applications.

Examples
--------
>>> import datetime as dt, pandas as pd
>>> from data.schema import coerce_applications
>>> from analysis.outcomes import resolve
>>> apps = coerce_applications(pd.DataFrame({"company": ["Acme"], "applied_on": ["2026-01-01"],
...     "stage_reached": ["applied"], "outcome": ["pending"], "followup_after_apply": [False]}))
>>> due = due_followups(resolve(apps, dt.date(2026, 1, 10)), dt.date(2026, 1, 10))
>>> due[["company", "action", "days_overdue"]].values.tolist()
[['Acme', 'follow up on your application', 2]]
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

__all__ = ["due_followups", "ACTIONS", "NOT_TRACKED_NOTE"]

#: The three actions, one per touchpoint.
ACTIONS: dict[str, str] = {
    "after_applying": "follow up on your application",
    "after_intro_call": "follow up after your intro call",
    "after_interview": "send a thank-you note",
}
#: Note shown where the log has no column for that follow-up.
NOT_TRACKED_NOTE = "your log does not track this follow-up, so it may already be done"

_COLUMNS = [
    "application_id",
    "participant",
    "company",
    "role",
    "touchpoint",
    "action",
    "due_on",
    "days_overdue",
    "urgency",
    "note",
]


def _urgency(days_overdue: np.ndarray) -> np.ndarray:
    return np.where(days_overdue >= 7, "high", np.where(days_overdue >= 1, "medium", "due today"))


def due_followups(
    resolved: pd.DataFrame, as_of: dt.date, cadence_days: int = 7, thank_you_days: int = 1
) -> pd.DataFrame:
    """Follow-ups due on ``as_of`` for applications still open (pending, not ghosted).

    Parameters
    ----------
    resolved : DataFrame
        Output of :func:`analysis.outcomes.resolve` (ghosted, rejected, withdrawn, offer
        and hired applications need no follow-up).
    as_of : datetime.date
        Today, as a parameter.
    cadence_days : int, default 7
        Days after applying (with no answer and no follow-up yet: flag, date or
        ``followups`` count) or after the intro call (with no follow-up after it) when a
        follow-up is due.
    thank_you_days : int, default 1
        Days after the interview when the thank-you note is due.

    Returns
    -------
    DataFrame
        ``application_id, participant, company, role, touchpoint, action, due_on`` (date),
        ``days_overdue`` (int, 0 = due today), ``urgency`` ("high" ≥ 7 days overdue,
        "medium" 1–6, "due today"), ``note`` (empty, or :data:`NOT_TRACKED_NOTE` when the
        follow-up flag is missing). Most overdue first.

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({"company": ["A", "B"], "applied_on": ["2026-01-01"] * 2,
    ...     "interview_on": ["2026-01-08", None], "stage_reached": ["interview", "applied"], "outcome": ["pending"] * 2}))
    >>> due = due_followups(resolve(apps, dt.date(2026, 1, 12)), dt.date(2026, 1, 12))
    >>> due[["company", "action", "days_overdue"]].values.tolist()
    [['B', 'follow up on your application', 4], ['A', 'send a thank-you note', 3]]
    """
    if not isinstance(as_of, dt.date):
        raise ValueError(f"as_of must be a datetime.date, got {type(as_of).__name__}")
    for name, v in (("cadence_days", cadence_days), ("thank_you_days", thank_you_days)):
        if v is None or int(v) < 0:
            raise ValueError(f"{name} must be a non-negative number of days, got {v!r}")
    if "response_on" not in resolved.columns:
        raise ValueError("expected the output of analysis.outcomes.resolve (missing response_on)")
    ts = pd.Timestamp(as_of).normalize()
    oc = resolved["outcome"]
    outcome = (
        np.asarray(oc.cat.categories.astype(str))[np.asarray(oc.cat.codes)]
        if len(oc)
        else np.array([], dtype=str)
    )
    stage = np.asarray(resolved["stage_reached"].cat.codes, dtype=np.int64)
    open_ = outcome == "pending"

    def col(name: str) -> pd.Series:
        if name in resolved.columns:
            return resolved[name]
        return pd.Series(pd.NaT, index=resolved.index, dtype="datetime64[ns]")

    def flag(name: str) -> pd.Series:
        if name in resolved.columns:
            return resolved[name].astype("boolean")
        return pd.Series(pd.NA, index=resolved.index, dtype="boolean")

    parts = []
    specs = (
        (
            "after_applying",
            stage == 0,
            "followup_after_apply",
            col("applied_on"),
            int(cadence_days),
            resolved["response_on"].isna().to_numpy()
            & col("followup_after_apply_on").isna().to_numpy()
            & ~(
                resolved["followups"].astype("Int64").fillna(0).to_numpy(dtype="int64") > 0
                if "followups" in resolved.columns
                else np.zeros(len(resolved), dtype=bool)
            ),
        ),
        (
            "after_intro_call",
            stage == 1,
            "followup_after_intro",
            col("intro_call_on"),
            int(cadence_days),
            None,
        ),
        (
            "after_interview",
            stage == 2,
            "thank_you_after_interview",
            col("interview_on"),
            int(thank_you_days),
            None,
        ),
    )
    for tp, at_stage, flag_col, start, delay, extra in specs:
        f = flag(flag_col)
        not_done = ~f.fillna(False).to_numpy(dtype=bool)
        due_on = start + pd.Timedelta(days=delay)
        m = open_ & at_stage & not_done & start.notna().to_numpy() & (due_on <= ts).to_numpy()
        if extra is not None:
            m = m & extra
        if not m.any():
            continue
        sel = resolved.loc[m]
        d = due_on[m]
        part = pd.DataFrame(
            {
                c: (
                    sel[c].astype("string")
                    if c in sel.columns
                    else pd.Series(pd.NA, index=sel.index, dtype="string")
                )
                for c in ("application_id", "participant", "company", "role")
            }
        )
        part["touchpoint"] = tp
        part["action"] = ACTIONS[tp]
        part["due_on"] = d.dt.date
        part["days_overdue"] = (ts - d).dt.days.astype(np.int64)
        part["urgency"] = _urgency(part["days_overdue"].to_numpy())
        part["note"] = np.where(f[m].isna().to_numpy(), NOT_TRACKED_NOTE, "")
        parts.append(part)
    if not parts:
        return pd.DataFrame(
            {c: pd.Series([], dtype="int64" if c == "days_overdue" else "object") for c in _COLUMNS}
        )
    out = pd.concat(parts)
    out = out.sort_values("days_overdue", ascending=False, kind="stable").reset_index(drop=True)
    return out[_COLUMNS]
