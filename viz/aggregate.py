"""Small aggregations the charts need that are not statistics of their own.

Pure pandas on the (resolved) canonical Applications table; never mutates its input.
Everything here returns a few rows (one per stage, company, flow…) so the browser only
ever receives aggregates.

Examples
--------
>>> import pandas as pd
>>> from data.schema import coerce_applications
>>> apps = coerce_applications(pd.DataFrame({
...     "stage_reached": ["applied", "interview"], "outcome": ["ghosted", "rejected"],
...     "applied_on": ["2026-01-05", "2026-01-06"]}))
>>> pipeline_links(apps)["value"].tolist()
[1, 1, 1, 1, 1]
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from data.rules import STAGE_LABELS as STAGE_LABELS
from data.rules import STAGES, furthest_stage_codes

EXIT_LABELS: dict[str, str] = {
    "rejected": "Rejected",
    "ghosted": "Ghosted",
    "pending": "Pending",
    "withdrawn": "Withdrawn",
}
RESPONSE_NODE = "Response"
_STAGE_INDEX = {s: i for i, s in enumerate(STAGES)}


def _stage_index(apps: pd.DataFrame) -> pd.Series:
    """Furthest stage code per row, by the one rule in ``data.rules``."""
    code = furthest_stage_codes(apps[["stage_reached", "outcome"]])
    return pd.Series(code, index=apps.index)


def responded(apps: pd.DataFrame) -> pd.Series:
    """Boolean Series: did the employer answer at all (invite, rejection or offer)?

    True when a response date is logged, a stage beyond ``applied`` was reached, or the
    outcome is rejected/offer/hired.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"stage_reached": ["applied", "applied"],
    ...                                       "outcome": ["rejected", "pending"]}))
    >>> responded(t).tolist()
    [True, False]
    """
    outcome = apps["outcome"].astype("object")
    return (
        apps["responded_on"].notna()
        | _stage_index(apps).gt(0)
        | outcome.isin(["rejected", "offer", "hired"])
    ).astype(bool)


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
    outcome = apps["outcome"].astype("object")
    censored = outcome.isin(["pending", "withdrawn"]) | outcome.isna()
    return (responded(apps) | ~censored).astype(bool)


def response_counts(apps: pd.DataFrame) -> tuple[int, int]:
    """``(answered, known)``: applications answered, out of those whose answer is known.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"stage_reached": ["applied", "intro_call", "applied"],
    ...                                       "outcome": ["ghosted", "pending", "pending"]}))
    >>> response_counts(t)
    (1, 2)
    """
    known = response_known(apps)
    return int((responded(apps) & known).sum()), int(known.sum())


def pipeline_links(apps: pd.DataFrame) -> pd.DataFrame:
    """Flows for the pipeline Sankey: Applied → Response → Intro call → Interview → Offer.

    Each application follows its furthest stage (stages are cumulative) and then exits to
    Rejected / Ghosted / Pending / Withdrawn by its outcome; offers and hires end at their
    stage. Applications never answered go straight from Applied to their exit.

    Returns a frame with columns ``source, target, value`` (only non-zero flows), in
    pipeline order. Inflow equals outflow at every middle node.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"stage_reached": ["applied", "offer"],
    ...                                       "outcome": ["pending", "offer"]}))
    >>> [tuple(r) for r in pipeline_links(t).itertuples(index=False)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Applied', 'Response', 1), ('Applied', 'Pending', 1), ('Response', 'Intro call', 1),
     ('Intro call', 'Interview', 1), ('Interview', 'Offer', 1)]
    """
    if len(apps) == 0:
        return pd.DataFrame(
            {
                "source": pd.Series([], dtype="object"),
                "target": pd.Series([], dtype="object"),
                "value": pd.Series([], dtype="int64"),
            }
        )
    stage = _stage_index(apps).to_numpy()
    answered = responded(apps).to_numpy()
    outcome = apps["outcome"].astype("object").fillna("pending").to_numpy()
    counts: dict[tuple[str, str], int] = {}

    def add(a: str, b: str, mask: np.ndarray) -> None:
        n = int(mask.sum())
        if n:
            counts[(a, b)] = counts.get((a, b), 0) + n

    chain = ["Applied", RESPONSE_NODE] + [STAGE_LABELS[s] for s in STAGES[1:]]
    # position of each application's last node in `chain`
    last = np.where(answered, stage + 1, 0)
    for pos, node in enumerate(chain):
        here = last == pos
        for code, label in EXIT_LABELS.items():
            add(node, label, here & (outcome == code))
        if pos + 1 < len(chain):
            add(node, chain[pos + 1], last > pos)
    order = {n: i for i, n in enumerate(chain + list(EXIT_LABELS.values()))}
    rows = sorted(counts.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]]))
    return pd.DataFrame([(a, b, v) for (a, b), v in rows], columns=["source", "target", "value"])


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
    cols = ["group", "applications", "known", "answered", "rate", "lo", "hi"]
    if len(apps) == 0:
        return pd.DataFrame(columns=cols)
    key = apps[by].astype("object").map(lambda v: v.strip() if isinstance(v, str) else v)
    frame = pd.DataFrame(
        {
            "group": key,
            "known": response_known(apps).to_numpy(),
            "answered": (responded(apps) & response_known(apps)).to_numpy(),
        }
    )
    frame = frame[frame["group"].notna() & frame["group"].astype(str).ne("")]
    if frame.empty:
        return pd.DataFrame(columns=cols)
    g = frame.groupby("group", sort=False).agg(
        applications=("known", "size"), known=("known", "sum"), answered=("answered", "sum")
    )
    g = g[g["known"] >= max(min_n, 1)].reset_index()
    if g.empty:
        return pd.DataFrame(columns=cols)
    g["known"] = g["known"].astype(int)
    g["answered"] = g["answered"].astype(int)
    g["rate"] = g["answered"] / g["known"]
    lo, hi = proportion_confint(
        g["answered"].to_numpy(), g["known"].to_numpy(), alpha=0.05, method="wilson"
    )
    g["lo"], g["hi"] = np.asarray(lo, float), np.asarray(hi, float)
    g = g.sort_values(["rate", "known", "group"], ascending=[False, False, True], kind="stable")
    return g.head(top)[cols].reset_index(drop=True)


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

    if stage not in _STAGE_INDEX:
        return resolved.iloc[0:0]
    code = np.maximum(stage_codes(resolved["stage_reached"]), 0)
    return resolved.loc[code >= _STAGE_INDEX[stage]]


#: Fields whose presence means the log records what employers answered.
ANSWER_FIELDS = frozenset(
    {
        "status",
        "outcome",
        "stage_reached",
        "responded_on",
        "intro_call_on",
        "interview_on",
        "offer_on",
        "outcome_on",
    }
)
_DATE_COLUMNS = (
    "applied_on",
    "followup_after_apply_on",
    "responded_on",
    "intro_call_on",
    "interview_on",
    "offer_on",
    "outcome_on",
)


def tracks_answers(
    apps: pd.DataFrame, mapped_fields: set[str] | frozenset[str] = frozenset()
) -> bool:
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
    outcome = apps["outcome"].astype("object")
    return bool(responded(apps).any() or (outcome.notna() & ~outcome.isin(["pending"])).any())


def has_dates(apps: pd.DataFrame) -> bool:
    """Does any application carry a date (applied, answered, interview…)?

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> has_dates(coerce_applications(pd.DataFrame({"company": ["A"]})))
    False
    """
    return any(c in apps.columns and apps[c].notna().any() for c in _DATE_COLUMNS)


def latest_date(apps: pd.DataFrame):
    """The latest date anywhere in the log (``datetime.date``), or None.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> latest_date(coerce_applications(pd.DataFrame({"applied_on": ["2024-03-01", "2024-02-01"],
    ...                                               "outcome_on": ["2024-03-09", None]})))
    datetime.date(2024, 3, 9)
    """
    best = None
    for c in _DATE_COLUMNS + ("last_activity_on",):
        if c in apps.columns and apps[c].notna().any():
            v = pd.Timestamp(apps[c].max())
            best = v if best is None or v > best else best
    return None if best is None else best.date()
