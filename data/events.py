"""Event logs and transition lists, folded into one row per application.

An event log has one row per dated event (``applied``, ``follow_up``, ``thank_you``,
``intro_call``, ``interview``, ``offer``, ``rejected``, ``withdrawn``, ``hired``).
:func:`fold_events` groups the events of one application (same participant, company and
role, compared case- and space-insensitively) and derives the canonical columns:

- ``applied_on``: the first ``applied`` event; ``intro_call_on``/``interview_on``/
  ``offer_on``: the first event of that kind; ``responded_on``: the first employer
  response (intro call, interview, offer, rejection or hire).
- Follow-ups are placed by stage and timing: a ``follow_up`` counts for *after applying*
  only if dated on/after applying and before the employer's first response; a follow-up or
  thank-you dated on/after the intro call and before the next response counts for *after
  the intro call*; one on/after the interview and before the next response counts for
  *after the interview*. A follow-up after a rejection counts for nothing. When the log
  records no follow-up or thank-you events at all, the flags are NA (not tracked).
- ``stage_reached`` is the furthest stage among the events (cumulative); ``outcome`` is the
  last final event (rejected, withdrawn, offer, hired) by date, else ``pending``.

:func:`transitions_to_events` turns a ``Company, Source, Target`` edge list (as drawn in
Sankey diagrams, company written on the first row of each block only) into the same
folded form, without dates.

Examples
--------
>>> ev = pd.DataFrame({
...     "participant": ["me"] * 4, "company": ["Acme"] * 4, "role": ["Dev"] * 4,
...     "date": pd.to_datetime(["2026-01-05", "2026-01-12", "2026-01-20", "2026-01-21"]),
...     "kind": ["applied", "follow_up", "interview", "thank_you"], "row": [2, 3, 4, 5]})
>>> app = fold_events(ev)
>>> bool(app.loc[0, "followup_after_apply"]), bool(app.loc[0, "thank_you_after_interview"])
(True, True)
>>> str(app.loc[0, "stage_reached"]), str(app.loc[0, "responded_on"].date())
('interview', '2026-01-20')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data import rules
from data.rules import STAGE_DTYPE

__all__ = ["fold_events", "group_keys", "RESPONSE_KINDS", "STAGE_OF_KIND"]

#: Event kinds that are an employer's answer.
RESPONSE_KINDS: tuple[str, ...] = ("intro_call", "interview", "offer", "rejected", "hired")
#: Stage an event kind shows was reached.
STAGE_OF_KIND: dict[str, int] = {
    "applied": 0,
    "follow_up": 0,
    "thank_you": 0,
    "rejected": 0,
    "withdrawn": 0,
    "intro_call": 1,
    "interview": 2,
    "offer": 3,
    "hired": 4,
}
_FINAL = {"rejected": "rejected", "withdrawn": "withdrawn", "offer": "offer", "hired": "hired"}


def group_keys(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """Integer application id per row: rows with equal (case/space-folded) keys share it.

    Examples
    --------
    >>> group_keys(pd.DataFrame({"c": ["Acme ", "acme", "Beta"]}), ["c"]).tolist()
    [0, 0, 1]
    """
    parts = []
    for c in columns:
        s = (
            frame[c]
            .astype("string")
            .str.strip()
            .str.casefold()
            .str.replace(r"\s+", " ", regex=True)
        )
        parts.append(s.fillna("\x00"))
    if not parts:
        return np.zeros(len(frame), dtype=np.int64)
    key = pd.DataFrame(dict(enumerate(parts)))
    return key.groupby(list(key.columns), sort=False, dropna=False).ngroup().to_numpy()


def _first(df: pd.DataFrame, kinds: tuple[str, ...] | str, n: int) -> np.ndarray:
    """Earliest date per group among events of ``kinds`` (NaT where none)."""
    kinds = (kinds,) if isinstance(kinds, str) else kinds
    sel = df[df["kind"].isin(kinds) & df["date"].notna()]
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    if len(sel):
        m = sel.groupby("gid")["date"].min()
        out[m.index.to_numpy()] = m.to_numpy(dtype="datetime64[ns]")
    return out


def _next_response_after(df: pd.DataFrame, start: np.ndarray, n: int) -> np.ndarray:
    """Per group, the first response dated strictly after ``start`` (NaT if none)."""
    resp = df[df["kind"].isin(RESPONSE_KINDS) & df["date"].notna()]
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    if len(resp) == 0:
        return out
    st = start[resp["gid"].to_numpy()]
    later = resp[(resp["date"].to_numpy() > st) & ~np.isnat(st)]
    if len(later):
        m = later.groupby("gid")["date"].min()
        out[m.index.to_numpy()] = m.to_numpy(dtype="datetime64[ns]")
    return out


def _in_window(
    df: pd.DataFrame,
    kinds: tuple[str, ...],
    start: np.ndarray,
    end: np.ndarray,
    n: int,
    *,
    need_start: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """Per group: any event of ``kinds`` with start <= date < end; and the first such date.

    Undated events count only when the window has no end (no response logged) and,
    if ``need_start``, the window has a start.
    """
    ev = df[df["kind"].isin(kinds)]
    hit = np.zeros(n, dtype=bool)
    first = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    if len(ev) == 0:
        return hit, first
    g = ev["gid"].to_numpy()
    d = ev["date"].to_numpy(dtype="datetime64[ns]")
    s, e = start[g], end[g]
    dated = ~np.isnat(d)
    ok_start = np.where(np.isnat(s), not need_start, d >= s)
    ok_end = np.where(np.isnat(e), True, d < e)
    ok = np.where(dated, ok_start & ok_end, np.isnat(e) & (~np.isnat(s) | (not need_start)))
    if ok.any():
        gs = g[ok]
        hit[gs] = True
        dd = pd.Series(d[ok]).groupby(gs).min()
        first[dd.index.to_numpy()] = dd.to_numpy(dtype="datetime64[ns]")
    return hit, first


def fold_events(events: pd.DataFrame, *, tracked: bool | None = None) -> pd.DataFrame:
    """Fold an event table into one row per application.

    Parameters
    ----------
    events
        Columns ``participant``, ``company``, ``role`` (strings, may be NA), ``date``
        (datetime64, NaT allowed), ``kind`` (one of ``data.schema.EVENT_KINDS``), ``row``
        (row number as the person sees it); optional ``source`` (canonical source) and
        ``outcome_hint`` (an outcome a row names that is not an event kind, e.g. ``ghosted``).
        Not mutated.
    tracked
        Whether the log records follow-ups at all; default: it does when any
        ``follow_up``/``thank_you`` event is present.

    Returns
    -------
    pandas.DataFrame
        Canonical application columns (without ``source_file``/``source_sheet``), plus
        ``events`` (number of input rows folded in), ordered by first input row.

    Examples
    --------
    >>> ev = pd.DataFrame({"participant": "me", "company": ["A", "A", "A"], "role": "Dev",
    ...     "date": pd.to_datetime(["2026-01-05", "2026-01-09", "2026-01-12"]),
    ...     "kind": ["applied", "rejected", "follow_up"], "row": [2, 3, 4]})
    >>> r = fold_events(ev)
    >>> bool(r.loc[0, "followup_after_apply"]), str(r.loc[0, "outcome"])
    (False, 'rejected')
    """
    df = events.copy()
    df["date"] = pd.to_datetime(df["date"]).astype("datetime64[ns]").dt.normalize()
    df["kind"] = df["kind"].astype(object)
    df["gid"] = group_keys(df, ["participant", "company", "role"])
    # keep input order of first appearance
    firstrow = df.groupby("gid")["row"].min()
    n = int(df["gid"].max()) + 1 if len(df) else 0
    if tracked is None:
        tracked = bool(df["kind"].isin(("follow_up", "thank_you")).any())

    applied = _first(df, "applied", n)
    intro = _first(df, "intro_call", n)
    interview = _first(df, "interview", n)
    offer = _first(df, "offer", n)
    first_resp = _first(df, RESPONSE_KINDS, n)

    fu_apply, fu_apply_on = _in_window(df, ("follow_up",), applied, first_resp, n, need_start=False)
    fu_intro, _ = _in_window(
        df,
        ("follow_up", "thank_you"),
        intro,
        _next_response_after(df, intro, n),
        n,
        need_start=True,
    )
    ty_int, _ = _in_window(
        df,
        ("thank_you", "follow_up"),
        interview,
        _next_response_after(df, interview, n),
        n,
        need_start=True,
    )
    n_fu = df[df["kind"] == "follow_up"].groupby("gid").size().reindex(range(n), fill_value=0)

    stage_code = df["kind"].map(STAGE_OF_KIND).fillna(0).astype(int)
    stage = stage_code.groupby(df["gid"]).max().reindex(range(n), fill_value=0).to_numpy()

    # outcome: last final event by date (undated after dated, then by input row)
    fin = df[df["kind"].isin(tuple(_FINAL))].copy()
    outcome = np.full(n, "pending", dtype=object)
    outcome_on = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    if len(fin):
        fin["_d"] = fin["date"].fillna(pd.Timestamp.max.normalize())
        fin = fin.sort_values(["gid", "_d", "row"], kind="stable").groupby("gid").tail(1)
        outcome[fin["gid"].to_numpy()] = fin["kind"].map(_FINAL).to_numpy()
        outcome_on[fin["gid"].to_numpy()] = fin["date"].to_numpy(dtype="datetime64[ns]")
    if "outcome_hint" in df.columns:
        hint = (
            df.dropna(subset=["outcome_hint"])
            .sort_values("row")
            .groupby("gid")["outcome_hint"]
            .last()
        )
        idx = hint.index.to_numpy()
        pend = outcome[idx] == "pending"
        outcome[idx[pend]] = hint.to_numpy()[pend]

    last = df.groupby("gid")["date"].max().reindex(range(n)).to_numpy(dtype="datetime64[ns]")
    firsts = (
        df.sort_values("row", kind="stable")
        .groupby("gid")
        .head(1)
        .set_index("gid")
        .reindex(range(n))
    )

    def flag(hit: np.ndarray) -> pd.Series:
        return (
            pd.Series(hit, dtype="boolean")
            if tracked
            else pd.Series(pd.NA, index=range(n), dtype="boolean")
        )

    out = pd.DataFrame(
        {
            "participant": firsts["participant"].astype("string").to_numpy(),
            "company": firsts["company"].astype("string").to_numpy(),
            "role": firsts["role"].astype("string").to_numpy(),
            "applied_on": applied,
            "followup_after_apply": flag(fu_apply).to_numpy(),
            "followup_after_apply_on": fu_apply_on,
            "followups": pd.array(n_fu.to_numpy(), dtype="Int64")
            if tracked
            else pd.array([pd.NA] * n, dtype="Int64"),
            "responded_on": first_resp,
            "intro_call_on": intro,
            "followup_after_intro": flag(fu_intro).to_numpy(),
            "interview_on": interview,
            "thank_you_after_interview": flag(ty_int).to_numpy(),
            "offer_on": offer,
            "stage_reached": pd.Categorical.from_codes(stage, dtype=STAGE_DTYPE),
            "outcome": outcome,
            "outcome_on": outcome_on,
            "last_activity_on": last,
            "source_row": firstrow.reindex(range(n)).to_numpy(),
            "events": df.groupby("gid").size().reindex(range(n)).to_numpy(),
        }
    )
    if "source" in df.columns:
        src = df.dropna(subset=["source"]).sort_values("row").groupby("gid")["source"].first()
        out["source"] = src.reindex(range(n)).astype(object).to_numpy()
    # an offer or hire as outcome implies that stage (the one rule in data.rules)
    out["stage_reached"] = rules.furthest_stage(out[["stage_reached", "outcome"]]).to_numpy()
    return out.sort_values("source_row", kind="stable").reset_index(drop=True)
