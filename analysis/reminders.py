"""Who to follow up with today: due follow-ups for open applications, with urgency that
means something (due today, overdue by days, the last useful day).

A follow-up is *due* ``cadence_days`` after applying or after the intro call and
``thank_you_days`` after the interview. It stays *useful* until its last useful day: for an
application, the day before it would count as ghosted (``ghost_after_days`` after applying);
after an intro call or an interview, the end of the step's window (a later follow-up no
longer counts as "followed up" for that step). Past that day it is not listed (the count is
returned as ``too_late`` via :func:`too_late_count`). Snoozed reminders are hidden until
their date.

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
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.responses import responded

__all__ = ["due_followups", "too_late_count", "ACTIONS", "NOT_TRACKED_NOTE", "USEFUL_DAYS"]

#: The three actions, one per touchpoint.
ACTIONS: dict[str, str] = {
    "after_applying": "follow up on your application",
    "after_intro_call": "follow up after your intro call",
    "after_interview": "send a thank-you note",
}
#: Note shown where the log has no column for that follow-up.
NOT_TRACKED_NOTE = "your log does not track this follow-up, so it may already be done"

#: Days after the step a follow-up stays useful, for the steps after an answer (the window in
#: which a follow-up counts for that step). After applying it is ``ghost_after_days - 1``.
USEFUL_DAYS: dict[str, int] = {"after_intro_call": 3, "after_interview": 2}

_COLUMNS = [
    "row",
    "application_id",
    "participant",
    "company",
    "role",
    "touchpoint",
    "action",
    "due_on",
    "days_overdue",
    "last_useful_on",
    "days_left",
    "urgency",
    "contact",
    "note",
]


def _urgency(days_overdue: np.ndarray, days_left: np.ndarray) -> np.ndarray:
    """ "Last useful day", "Due today", or "Overdue N day(s)"."""
    overdue = np.array(
        [f"Overdue {d} day{'s' if d != 1 else ''}" for d in days_overdue.tolist()], dtype=object
    )
    return np.where(
        days_left == 0, "Last useful day", np.where(days_overdue == 0, "Due today", overdue)
    )


def due_followups(
    resolved: pd.DataFrame,
    as_of: dt.date,
    cadence_days: int = 7,
    thank_you_days: int = 1,
    *,
    ghost_after_days: int = 30,
    snoozed: Mapping[tuple[str, str], dt.date] | None = None,
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
        ``followups`` count) when a follow-up is due.
    thank_you_days : int, default 1
        Days after the intro call (with no follow-up after it) or the interview (no
        thank-you yet) when the note is due.
    ghost_after_days : int, default 30
        The ghosting rule of :func:`analysis.outcomes.resolve`: a follow-up on an
        application is useful until the day before it would count as ghosted.
    snoozed : mapping, optional
        ``{(row key, touchpoint): until}`` (see ``data.edits.snoozes``): hidden while
        ``until`` is after ``as_of``.

    Returns
    -------
    DataFrame
        ``row`` (``data.edits.row_key``), ``application_id, participant, company, role,
        touchpoint, action, due_on`` (date), ``days_overdue`` (int, 0 = due today),
        ``last_useful_on`` (date), ``days_left`` (int, 0 = last useful day), ``urgency``
        ("Last useful day", "Due today", "Overdue N days"), ``contact`` (the log's contact
        column where it has one, else missing), ``note`` (empty, or
        :data:`NOT_TRACKED_NOTE` when the follow-up flag is missing). Fewest days left
        first, then most overdue. Follow-ups past their last useful day are not listed.

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({"company": ["A", "B"],
    ...     "applied_on": ["2026-01-01"] * 2, "interview_on": ["2026-01-08", None],
    ...     "stage_reached": ["interview", "applied"], "outcome": ["pending"] * 2}))
    >>> due = due_followups(resolve(apps, dt.date(2026, 1, 12)), dt.date(2026, 1, 12))
    >>> due[["company", "action", "days_overdue", "urgency"]].values.tolist()
    [['B', 'follow up on your application', 4, 'Overdue 4 days']]
    """
    _check_args(resolved, as_of, cadence_days, thank_you_days, ghost_after_days)
    ts = pd.Timestamp(as_of).normalize()
    parts = [
        _part(resolved, m, tp, due_on, last_on, ts, f)
        for tp, m, due_on, last_on, f in _masks(
            resolved, as_of, cadence_days, thank_you_days, ghost_after_days, snoozed, False
        )
        if m.any()
    ]
    if not parts:
        ints = ("days_overdue", "days_left")
        return pd.DataFrame(
            {c: pd.Series([], dtype="int64" if c in ints else "object") for c in _COLUMNS}
        )
    out = pd.concat(parts)
    out = out.sort_values(
        ["days_left", "days_overdue"], ascending=[True, False], kind="stable"
    ).reset_index(drop=True)
    return out[_COLUMNS]


def _masks(
    resolved: pd.DataFrame,
    as_of: dt.date,
    cadence_days: int,
    thank_you_days: int,
    ghost_after_days: int,
    snoozed: Mapping[tuple[str, str], dt.date] | None,
    too_late: bool,
) -> list[tuple[str, np.ndarray, pd.Series, pd.Series, pd.Series]]:
    """Per touchpoint: ``(touchpoint, rows due (mask), due date, last useful day, flag)``;
    with ``too_late`` the rows whose last useful day has passed instead."""
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

    out: list[tuple[str, np.ndarray, pd.Series, pd.Series, pd.Series]] = []
    specs = (
        (
            "after_applying",
            stage == 0,
            "followup_after_apply",
            col("applied_on"),
            int(cadence_days),
            ~responded(resolved).to_numpy(dtype=bool)  # no answer yet, dated or not
            & resolved["response_on"].isna().to_numpy()
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
            int(thank_you_days),
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
    useful = {"after_applying": max(int(ghost_after_days) - 1, 0), **USEFUL_DAYS}
    for tp, at_stage, flag_col, start, delay, extra in specs:
        f = (
            resolved[flag_col].astype("boolean")
            if flag_col in resolved.columns
            else pd.Series(pd.NA, index=resolved.index, dtype="boolean")
        )
        not_done = ~f.fillna(False).to_numpy(dtype=bool)
        due_on = start + pd.Timedelta(days=delay)
        last_on = start + pd.Timedelta(days=max(useful[tp], delay))
        m = open_ & at_stage & not_done & start.notna().to_numpy() & (due_on <= ts).to_numpy()
        if extra is not None:
            m = m & extra
        m = m & ((last_on < ts) if too_late else (last_on >= ts)).to_numpy()
        hidden = {k for (k, t), until in (snoozed or {}).items() if t == tp and until > as_of}
        if hidden:
            idx = np.flatnonzero(m)
            m[idx[_row_keys(resolved.iloc[idx]).isin(hidden).to_numpy()]] = False
        out.append((tp, m, due_on, last_on, f))
    return out


def _check_args(
    resolved: pd.DataFrame, as_of: object, cadence: object, thank_you: object, ghost: object
) -> None:
    if not isinstance(as_of, dt.date):
        raise ValueError(f"as_of must be a datetime.date, got {type(as_of).__name__}")
    for name, v in (
        ("cadence_days", cadence),
        ("thank_you_days", thank_you),
        ("ghost_after_days", ghost),
    ):
        if not isinstance(v, (int, np.integer)) or int(v) < 0:
            raise ValueError(f"{name} must be a non-negative number of days, got {v!r}")
    if "response_on" not in resolved.columns:
        raise ValueError("expected the output of analysis.outcomes.resolve (missing response_on)")


def _text(sel: pd.DataFrame, c: str) -> pd.Series:
    if c in sel.columns:
        return sel[c].astype("string")
    return pd.Series(pd.NA, index=sel.index, dtype="string")


def _part(
    resolved: pd.DataFrame,
    m: np.ndarray,
    tp: str,
    due_on: pd.Series,
    last_on: pd.Series,
    ts: pd.Timestamp,
    f: pd.Series,
) -> pd.DataFrame:
    """The due rows (mask ``m``) of one touchpoint, in the output's columns."""
    sel = resolved.loc[m]
    d = due_on[m]
    part = pd.DataFrame(
        {c: _text(sel, c) for c in ("application_id", "participant", "company", "role")}
    )
    part.insert(0, "row", _row_keys(sel).to_numpy())
    part["touchpoint"] = tp
    part["action"] = ACTIONS[tp]
    part["due_on"] = d.dt.date
    part["days_overdue"] = (ts - d).dt.days.astype(np.int64)
    part["last_useful_on"] = last_on[m].dt.date
    part["days_left"] = (last_on[m] - ts).dt.days.astype(np.int64)
    part["urgency"] = _urgency(part["days_overdue"].to_numpy(), part["days_left"].to_numpy())
    part["contact"] = _text(sel, "contact")
    part["note"] = np.where(f[m].isna().to_numpy(), NOT_TRACKED_NOTE, "")
    return part


def too_late_count(
    resolved: pd.DataFrame,
    as_of: dt.date,
    cadence_days: int = 7,
    thank_you_days: int = 1,
    *,
    ghost_after_days: int = 30,
) -> int:
    """How many follow-ups not done are past their last useful day (so not listed).

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({"company": ["A"], "applied_on": ["2026-01-01"],
    ...     "interview_on": ["2026-01-08"], "stage_reached": ["interview"],
    ...     "outcome": ["pending"]}))
    >>> too_late_count(resolve(apps, dt.date(2026, 1, 12)), dt.date(2026, 1, 12))
    1
    """
    _check_args(resolved, as_of, cadence_days, thank_you_days, ghost_after_days)
    masks = _masks(resolved, as_of, cadence_days, thank_you_days, ghost_after_days, None, True)
    return sum(int(m.sum()) for _, m, _, _, _ in masks)


def _row_keys(resolved: pd.DataFrame) -> pd.Series:
    """``data.edits.row_key`` of every row (how the app's edits and snoozes name a row)."""
    from data.edits import row_keys

    return row_keys(resolved)
