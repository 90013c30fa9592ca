"""Did employers answer? Response definitions, response rates and what a log records.

The one place that says what "responded" and "answer known" mean; the pages, the charts
and the CLI all ask this module. Pure pandas on the canonical (or resolved) Applications
table; inputs are never mutated.

- **responded**: a response date is logged, a stage beyond ``applied`` was reached, or the
  outcome is an answer (rejected, offer, hired: ``data.rules.ANSWER_OUTCOMES``).
- **answer known**: responded, or closed without an answer (ghosted). Still-pending
  applications and withdrawals before any answer are censored: left out of response rates,
  never counted as "no response".

Examples
--------
>>> import pandas as pd
>>> from data.schema import coerce_applications
>>> t = coerce_applications(pd.DataFrame({"stage_reached": ["applied", "intro_call", "applied"],
...                                       "outcome": ["ghosted", "pending", "pending"]}))
>>> response_counts(t)
(1, 2)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set

import numpy as np
import pandas as pd

from analysis.stats import wilson_many
from data.rules import (
    ACTIVITY_COLUMNS,
    ANSWER_FIELDS,
    ANSWER_OUTCOMES,
    STAGES,
    furthest_stage_codes,
    heard_back,
)

__all__ = [
    "ANSWER_FIELDS",
    "responded",
    "response_known",
    "response_counts",
    "open_counts",
    "response_breakdown",
    "at_stage",
    "tracks_answers",
    "has_dates",
    "latest_logged_date",
    "STALE_LOG_DAYS",
    "stale_log",
]

#: Dates a person logs (``last_activity_on`` is derived, so it does not count as "has dates").
_LOGGED_DATES: tuple[str, ...] = tuple(c for c in ACTIVITY_COLUMNS if c != "last_activity_on")
_CENSORED = ("pending", "withdrawn")


def _outcome(apps: pd.DataFrame) -> pd.Series:
    return apps["outcome"].astype("object")


def responded(apps: pd.DataFrame) -> pd.Series:
    """Boolean Series: did the employer answer at all (invite, rejection or offer)?

    True when a response date is logged, the log says they heard back (``responded``), a
    stage beyond ``applied`` was reached (by the furthest-stage rule in :mod:`data.rules`),
    or the outcome is rejected/offer/hired.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"stage_reached": ["applied", "applied"],
    ...                                       "outcome": ["rejected", "pending"]}))
    >>> responded(t).tolist()
    [True, False]
    """
    beyond_applied = furthest_stage_codes(apps[["stage_reached", "outcome"]]) > 0
    return pd.Series(
        apps["responded_on"].notna().to_numpy(dtype=bool)
        | beyond_applied
        | _outcome(apps).isin(ANSWER_OUTCOMES).to_numpy(dtype=bool)
        | heard_back(apps),
        index=apps.index,
        dtype=bool,
    )


def response_known(apps: pd.DataFrame) -> pd.Series:
    """Boolean Series: is the answer to the application known (answered or ghosted)?

    Still-pending applications without an answer are censored (left out of response
    rates, never counted as "no response"); so are withdrawals before any answer.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"stage_reached": ["applied"] * 3,
    ...                                       "outcome": ["pending", "ghosted", "rejected"]}))
    >>> response_known(t).tolist()
    [False, True, True]
    """
    outcome = _outcome(apps)
    censored = outcome.isin(_CENSORED) | outcome.isna()
    return (responded(apps) | ~censored).astype(bool)


def response_counts(apps: pd.DataFrame) -> tuple[int, int]:
    """``(answered, known)``: applications answered, out of those whose answer is known.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"stage_reached": ["applied", "interview"],
    ...                                       "outcome": ["ghosted", "rejected"]}))
    >>> response_counts(t)
    (1, 2)
    """
    known = response_known(apps)
    return int((responded(apps) & known).sum()), int(known.sum())


def open_counts(apps: pd.DataFrame) -> dict[str, int]:
    """The applications with no final word, split the way the pages name them.

    ``waiting``: no answer at all yet (left out of response rates); ``in_process``: the
    employer answered (an invite) but there is no final word yet; ``withdrawn_unanswered``:
    withdrawn before any answer (also left out). ``waiting + withdrawn_unanswered`` is what
    :func:`response_counts` leaves out; ``waiting + in_process`` is the outcome "pending".

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame(
    ...     {"stage_reached": ["applied", "intro_call", "applied", "applied"],
    ...      "outcome": ["pending", "pending", "withdrawn", "rejected"]}))
    >>> open_counts(t)
    {'waiting': 1, 'in_process': 1, 'withdrawn_unanswered': 1}
    """
    outcome = _outcome(apps)
    answered = responded(apps).to_numpy(dtype=bool)
    pending = outcome.eq("pending").fillna(False).to_numpy(dtype=bool)
    withdrawn = outcome.eq("withdrawn").fillna(False).to_numpy(dtype=bool)
    return {
        "waiting": int((pending & ~answered).sum()),
        "in_process": int((pending & answered).sum()),
        "withdrawn_unanswered": int((withdrawn & ~answered).sum()),
    }


_BREAKDOWN_COLUMNS = ["group", "applications", "known", "answered", "rate", "lo", "hi"]


def response_breakdown(
    apps: pd.DataFrame, by: str, *, top: int = 10, min_n: int = 3
) -> pd.DataFrame:
    """Response rate by ``by`` (company, role, source…), best first, with n and Wilson 95% CI.

    Only groups with at least ``min_n`` applications whose answer is known are ranked
    (a 1-of-1 "100%" is noise). Columns: ``group, applications, known, answered, rate,
    lo, hi``; rates are fractions.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"source": ["referral"] * 3 + ["job board"] * 3,
    ...     "stage_reached": ["intro_call", "interview"] + ["applied"] * 4,
    ...     "outcome": ["pending", "rejected", "ghosted", "ghosted", "ghosted", "rejected"]}))
    >>> response_breakdown(t, "source")[["group", "answered", "known"]].values.tolist()
    [['referral', 2, 3], ['job board', 1, 3]]
    """
    if by not in apps.columns:
        raise ValueError(f"no column {by!r} to break response rates down by")
    if len(apps) == 0:
        return pd.DataFrame(columns=_BREAKDOWN_COLUMNS)
    key = apps[by].astype("object").map(lambda v: v.strip() if isinstance(v, str) else v)
    known = response_known(apps)
    frame = pd.DataFrame(
        {
            "group": key,
            "known": known.to_numpy(),
            "answered": (responded(apps) & known).to_numpy(),
        }
    )
    frame = frame[frame["group"].notna() & frame["group"].astype(str).ne("")]
    g = frame.groupby("group", sort=False).agg(
        applications=("known", "size"), known=("known", "sum"), answered=("answered", "sum")
    )
    g = g[g["known"] >= max(min_n, 1)].reset_index()
    if g.empty:
        return pd.DataFrame(columns=_BREAKDOWN_COLUMNS)
    g["known"] = g["known"].astype(int)
    g["answered"] = g["answered"].astype(int)
    g["rate"], g["lo"], g["hi"] = wilson_many(g["answered"].to_numpy(), g["known"].to_numpy())
    g = g.sort_values(["rate", "known", "group"], ascending=[False, False, True], kind="stable")
    return g.head(top)[_BREAKDOWN_COLUMNS].reset_index(drop=True)


def at_stage(resolved: pd.DataFrame, stage: str) -> pd.DataFrame:
    """The applications behind one funnel bar: those that reached ``stage`` or beyond.

    Uses the same cumulative rule as ``analysis.outcomes.funnel``, so the table under a
    clicked bar has exactly as many rows as the bar says. An unknown stage gives no rows.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"company": ["A", "B", "C"],
    ...     "stage_reached": ["applied", "interview", "intro_call"], "outcome": ["pending"] * 3}))
    >>> at_stage(t, "intro_call")["company"].tolist()
    ['B', 'C']
    """
    from analysis.outcomes import stage_codes

    if stage not in STAGES:
        return resolved.iloc[0:0]
    code = np.maximum(stage_codes(resolved["stage_reached"]), 0)
    return resolved.loc[code >= STAGES.index(stage)]


def tracks_answers(apps: pd.DataFrame, mapped_fields: Set[str] = frozenset()) -> bool:
    """Does the log record employers' answers at all (a status, stage or answer date)?

    True when one of the mapped columns is an answer field, or any row shows an answer.
    A LinkedIn export (no status column) gives False: its 0% response rate would mislead.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(
    ...     pd.DataFrame({"stage_reached": ["applied"], "outcome": ["pending"]}))
    >>> tracks_answers(t, {"company", "applied_on"}), tracks_answers(t, {"status"})
    (False, True)
    """
    if set(mapped_fields) & ANSWER_FIELDS:
        return True
    if len(apps) == 0:
        return False
    outcome = _outcome(apps)
    return bool(responded(apps).any() or (outcome.notna() & ~outcome.isin(["pending"])).any())


def has_dates(apps: pd.DataFrame) -> bool:
    """Does any application carry a date (applied, answered, interview…)?

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> has_dates(coerce_applications(pd.DataFrame({"company": ["A"]})))
    False
    """
    return any(c in apps.columns and apps[c].notna().any() for c in _LOGGED_DATES)


def latest_logged_date(apps: pd.DataFrame) -> dt.date | None:
    """The latest date anywhere in the log, or None when it has no date.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"applied_on": ["2024-03-01", "2024-02-01"],
    ...                                       "outcome_on": ["2024-03-09", None]}))
    >>> latest_logged_date(t)
    datetime.date(2024, 3, 9)
    """
    best: pd.Timestamp | None = None
    for c in ACTIVITY_COLUMNS:
        if c in apps.columns and apps[c].notna().any():
            v = pd.Timestamp(apps[c].max())
            best = v if best is None or v > best else best
    return None if best is None else best.date()


#: A log whose latest date is more than this many days before today is an old log.
STALE_LOG_DAYS = 90


def stale_log(apps: pd.DataFrame, today: dt.date) -> dt.date | None:
    """The log's latest date when it is long before ``today`` (an old log), else None.

    The app and the CLI work as of today unless told otherwise; for an old log they say so
    (the app's sidebar in one sentence with "view as of my last entry", the CLI on stderr
    with the ``--as-of`` to use), since as of today its pending applications are ghosted.

    Examples
    --------
    >>> t = pd.DataFrame({"applied_on": pd.to_datetime(["2024-03-01", "2024-03-13"])})
    >>> stale_log(t, dt.date(2026, 11, 25))
    datetime.date(2024, 3, 13)
    >>> stale_log(t, dt.date(2024, 4, 1)) is None
    True
    """
    last = latest_logged_date(apps)
    if last is None or last > today or (today - last).days <= STALE_LOG_DAYS:
        return None
    return last
