"""Outcomes and stages: pending vs ghosted, and the per-touchpoint step columns.

:func:`resolve` is the first call of every analysis: it takes the canonical Applications
table (``data.schema``) and an as-of date and returns a *copy* with

- events dated after ``as_of`` ignored: such dates are blanked, the stages and outcomes
  they showed are taken back, a follow-up dated after ``as_of`` counts as not (yet) made,
  and ``ignored_after_as_of`` counts the dates ignored per row;
- stale ``pending`` applications turned into ``ghosted``: no contact from the employer for
  more than ``ghost_after_days`` days before ``as_of``. The clock runs from the last
  employer contact, or the application (:func:`last_contact`), never from the person's own
  follow-up; a row with no date at all stays pending;
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
    "last_contact",
    "stage_codes",
    "DATE_COLUMNS",
    "CONTACT_COLUMNS",
]

#: touchpoint -> (stage that makes an application eligible, stage that counts as advancing)
TOUCHPOINT_STAGES: dict[str, tuple[str, str]] = {
    k: (t.eligible_stage, t.advanced_stage) for k, t in TOUCHPOINTS.items()
}

_OUTCOME_INDEX = {o: i for i, o in enumerate(OUTCOME_DTYPE.categories)}

#: follow-up flag column -> its date column (a follow-up dated after as-of is not made yet)
_FOLLOWUP_DATES: dict[str, str] = {
    t.flag: t.followup_date for t in TOUCHPOINTS.values() if t.followup_date is not None
}
#: Date columns that count for the ghost clock: the application and the employer's
#: contacts (the activity columns without the person's own follow-ups and the importer's
#: catch-all "last activity", which :func:`last_contact` reads separately).
CONTACT_COLUMNS: tuple[str, ...] = tuple(
    c for c in ACTIVITY_COLUMNS if c not in _FOLLOWUP_DATES.values() and c != "last_activity_on"
)
#: Every date column an as-of date applies to (dates after it are ignored).
DATE_COLUMNS: tuple[str, ...] = tuple(dict.fromkeys([*ACTIVITY_COLUMNS, *_FOLLOWUP_DATES.values()]))


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


def last_contact(apps: pd.DataFrame) -> pd.Series:
    """Latest employer contact or the application date, per row: the ghost clock's start.

    The person's own follow-up dates never count. ``last_activity_on`` (an importer's
    "last updated" date) counts unless it equals one of the row's follow-up dates: the
    importer folds follow-ups into it, so such a value is taken to be that follow-up.

    Examples
    --------
    >>> import pandas as pd
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"applied_on": ["2026-01-01"],
    ...     "followup_after_apply_on": ["2026-01-20"], "last_activity_on": ["2026-01-20"]}))
    >>> last_contact(t).iloc[0].date().isoformat()
    '2026-01-01'
    """
    contact = rules.latest_date(apps, [c for c in CONTACT_COLUMNS if c in apps.columns])
    contact = contact.astype("datetime64[ns]")
    if "last_activity_on" in apps.columns:
        la = apps["last_activity_on"].astype("datetime64[ns]")
        own = pd.Series(False, index=apps.index)
        for c in _FOLLOWUP_DATES.values():
            if c in apps.columns:
                own |= (la == apps[c].astype("datetime64[ns]")).fillna(False).astype(bool)
        la = la.mask(own)
        contact = pd.concat([contact, la], axis=1).max(axis=1)
    return contact.astype("datetime64[ns]")


def _after_as_of(
    out: pd.DataFrame, ts: pd.Timestamp
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Blank the dates after ``ts`` in ``out`` (a copy, modified in place) and mark follow-ups
    dated after it as not made. Returns (dates ignored per row, highest stage code the row
    can have reached by ``ts``, rows applied after ``ts``, rows whose outcome date is after
    ``ts``)."""
    n = len(out)
    ignored = np.zeros(n, dtype=np.int64)
    future: dict[str, np.ndarray] = {}
    for c in DATE_COLUMNS:
        if c not in out.columns:
            continue
        d = out[c].astype("datetime64[ns]")
        late = (d > ts).fillna(False).to_numpy(dtype=bool)
        future[c] = late
        if late.any():
            ignored += late
            out[c] = d.mask(pd.Series(late, index=out.index))
    for flag, date_col in _FOLLOWUP_DATES.items():
        if flag in out.columns and date_col in future and future[date_col].any():
            f = out[flag].astype("boolean")
            out[flag] = f.mask(pd.Series(future[date_col], index=out.index) & f.notna(), False)
    cap = np.full(n, len(STAGES) - 1, dtype=np.int64)
    past_stage = np.zeros(n, dtype=np.int64)
    for stage, c in rules.STAGE_DATE_COLUMNS.items():
        i = rules.stage_index(stage)
        if c in future:
            cap = np.where(future[c], np.minimum(cap, i - 1), cap)
            past_stage = np.where(out[c].notna().to_numpy(), np.maximum(past_stage, i), past_stage)
    not_yet = future.get("applied_on", np.zeros(n, dtype=bool))
    cap = np.where(not_yet, 0, np.maximum(cap, past_stage))
    return ignored, cap, not_yet, future.get("outcome_on", np.zeros(n, dtype=bool))


def _outcome_as_of(
    out: pd.DataFrame, oc: np.ndarray, cap: np.ndarray, outcome_future: np.ndarray
) -> np.ndarray:
    """Final outcomes not yet known at as-of become pending: their date was after it (and so
    was blanked), or a stage they imply was reached after it."""
    o = _OUTCOME_INDEX
    final = np.isin(oc, [o["rejected"], o["withdrawn"], o["offer"], o["hired"]])
    capped = cap < len(STAGES) - 1
    if "outcome_on" in out.columns:
        undated = out["outcome_on"].isna().to_numpy()
    else:
        undated = np.ones(len(out), dtype=bool)
    # an offer/hire whose stage was not reached by as-of, and any final word that came
    # with a stage reached after as-of (undated: it cannot have come before that stage)
    too_early = (
        (np.isin(oc, [o["offer"], o["hired"]]) & (cap < rules.stage_index("offer")))
        | (final & capped & undated)
        | (final & outcome_future)
    )
    return np.where(too_early, o["pending"], oc)


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

    # ---- events after as-of: ignored (dates blanked, what they showed taken back)
    ignored, cap, not_yet_applied, outcome_future = _after_as_of(out, ts)
    oc = _outcome_as_of(out, oc, cap, outcome_future)

    # ---- stage: max(stage_reached, dates, outcome) -- the one rule in data.rules -- but
    # never a stage whose date lies after as-of
    code = rules.furthest_stage_codes(
        out.assign(outcome=pd.Categorical.from_codes(oc, dtype=OUTCOME_DTYPE))
    )
    code = np.minimum(code, cap)
    out["stage_reached"] = pd.Categorical.from_codes(code, dtype=STAGE_DTYPE)

    # ---- "heard back" without a date: an answer, unless the application lies after as-of
    if "responded" in out.columns:
        not_yet = pd.Series(not_yet_applied, index=out.index)
        out["responded"] = out["responded"].astype("boolean").mask(not_yet)
    heard_yes = rules.heard_back(out)

    # ---- pending -> ghosted (the clock runs from the employer's last contact); a log
    # that says they heard back is never ghosted
    last = last_contact(out)
    stale = last.notna() & ((ts - last).dt.days > int(ghost_after_days))
    ghost = (oc == o["pending"]) & stale.to_numpy() & ~heard_yes
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
        eligible = (code >= i_at) & ~not_yet_applied  # applied after as-of: in no step yet
        advanced = eligible & (code >= i_next)
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
    new["ignored_after_as_of"] = ignored
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
