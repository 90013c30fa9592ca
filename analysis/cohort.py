"""Cohorts: many participants at once, without letting Simpson's paradox mislead.

:func:`cohort_table` is the per-participant table a coach shows the room (with neutral
labels). :func:`stratified_touchpoint` pools the with/without follow-up 2×2 tables across
participants (or sources) with the Mantel–Haenszel estimator (statsmodels'
``StratifiedTable``, through :mod:`analysis.numerics`) and flags when the crude, unstratified odds ratio points the other way.

Examples
--------
>>> import datetime as dt, pandas as pd
>>> from data.schema import coerce_applications
>>> from analysis.outcomes import resolve
>>> apps = coerce_applications(pd.DataFrame({"participant": ["A"] * 4 + ["B"] * 4,
...     "stage_reached": ["intro_call", "applied"] * 4, "outcome": ["rejected"] * 8,
...     "followup_after_apply": [True, True, False, False] * 2}))
>>> m = stratified_touchpoint(resolve(apps, dt.date(2026, 1, 1)), "after_applying")
>>> m.pooled_or, m.strata_used, m.disagrees
(1.0, 2, False)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.consistency import group_codes, per_participant
from analysis.numerics import mantel_haenszel, odds_ratio_2x2
from analysis.stats import clean_number
from data.schema import TOUCHPOINTS

__all__ = ["MHResult", "cohort_table", "stratified_touchpoint", "strata_codes", "STRATIFY_BY"]

#: ``by`` value -> column of the canonical table.
STRATIFY_BY: dict[str, str] = {"participant": "participant", "source": "source"}


@dataclass(frozen=True)
class MHResult:
    """Mantel–Haenszel pooled odds ratio of advancing, followed up vs not, across strata.

    ``pooled_or`` with 95% CI (``pooled_lo``, ``pooled_hi``), ``cmh_p`` (Cochran–Mantel–
    Haenszel test of OR = 1), ``breslow_day_p`` (homogeneity of the ORs across strata),
    ``crude_or`` (+ CI) from the single pooled 2×2 table (as statsmodels ``Table2x2``, which
    replaces zero cells with 0.5), ``disagrees`` when crude and stratified odds
    ratios lie on different sides of 1. Strata with an empty row or column carry no
    information and are dropped (``strata_dropped``). Undefined numbers are None.

    Examples
    --------
    >>> m = MHResult("after_applying", "participant", 0.5, 0.2, 1.1, 0.1, 0.8, 2.0, 1.1, 3.6, True, 3, 1, 120)
    >>> m.disagrees, m.strata_dropped
    (True, 1)
    """

    touchpoint: str
    by: str
    pooled_or: float | None
    pooled_lo: float | None
    pooled_hi: float | None
    cmh_p: float | None
    breslow_day_p: float | None
    crude_or: float | None
    crude_lo: float | None
    crude_hi: float | None
    disagrees: bool
    strata_used: int
    strata_dropped: int
    n: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict.

        Examples
        --------
        >>> MHResult("after_applying", "participant", *([None] * 8), False, 0, 0, 0).to_dict()["pooled_or"] is None
        True
        """
        return asdict(self)


def cohort_table(resolved: pd.DataFrame) -> pd.DataFrame:
    """Per-participant table for a cohort, with neutral labels for showing a room.

    Returns :func:`analysis.consistency.per_participant` plus ``label`` ("Participant 1",
    … in participant order: the label carries no name) and ``weight`` (applications whose
    first answer is known, for a weighted scatter of consistency vs interview rate).

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({"participant": ["Zoe", "Al"], "stage_reached": ["applied"] * 2,
    ...     "outcome": ["rejected"] * 2}))
    >>> cohort_table(resolve(apps, dt.date(2026, 1, 1)))[["label", "participant"]].values.tolist()
    [['Participant 1', 'Al'], ['Participant 2', 'Zoe']]
    """
    t = per_participant(resolved)
    t.insert(0, "label", [f"Participant {i + 1}" for i in range(len(t))])
    t["weight"] = t["known"]
    return t


def strata_codes(resolved: pd.DataFrame, by: str = "participant") -> tuple[np.ndarray, list[str]]:
    """Per-row stratum codes and sorted stratum names for ``by`` (computed once, reusable).

    Examples
    --------
    >>> import pandas as pd
    >>> strata_codes(pd.DataFrame({"participant": pd.array(["b", "a", None], dtype="string")}))
    (array([2, 1, 0]), ['(unknown)', 'a', 'b'])
    """
    if by not in STRATIFY_BY:
        raise ValueError(f"by must be one of {', '.join(STRATIFY_BY)}, got {by!r}")
    col = STRATIFY_BY[by]
    if col in resolved.columns:
        return group_codes(resolved[col], "(unknown)")
    return np.zeros(len(resolved), dtype=np.int64), ["(unknown)"]


def touchpoint_cells(resolved: pd.DataFrame, touchpoint: str) -> tuple[np.ndarray, np.ndarray]:
    """(rows in the 2×2 tables, cell index 0..3 of each row) for a touchpoint; pass it to
    :func:`stratified_touchpoint` as ``cells`` when stratifying one touchpoint several ways."""
    base = resolved[f"eligible_{touchpoint}"].to_numpy(dtype=bool) & resolved[
        f"known_{touchpoint}"
    ].to_numpy(dtype=bool)
    flag = resolved[f"followed_{touchpoint}"].astype("boolean")
    base = base & flag.notna().to_numpy()
    f = flag.fillna(False).to_numpy(dtype=bool)
    adv = resolved[f"advanced_{touchpoint}"].to_numpy(dtype=bool)
    cell = (~f[base]).astype(np.int64) * 2 + (~adv[base]).astype(
        np.int64
    )  # 0: f&adv, 1: f&~adv, 2: ~f&adv, 3
    return base, cell


def _tables(
    resolved: pd.DataFrame,
    touchpoint: str,
    strata: tuple[np.ndarray, list[str]],
    cells: tuple[np.ndarray, np.ndarray] | None = None,
) -> tuple[np.ndarray, list[str]]:
    base, cell = cells if cells is not None else touchpoint_cells(resolved, touchpoint)
    all_codes, all_names = strata
    if len(all_codes) != len(resolved):
        raise ValueError("strata must have one code per row of resolved (see strata_codes)")
    used_codes = all_codes[base]
    present = np.nonzero(np.bincount(used_codes, minlength=len(all_names)))[0]
    lookup = np.full(len(all_names), -1, dtype=np.int64)
    lookup[present] = np.arange(len(present))
    codes = lookup[used_codes]
    names = [all_names[i] for i in present]
    k = len(names)
    counts = (
        np.bincount(codes * 4 + cell, minlength=4 * k).reshape(k, 4)
        if k
        else np.zeros((0, 4), dtype=np.int64)
    )
    return counts.reshape(k, 2, 2), [str(n) for n in names]


def stratified_touchpoint(
    resolved: pd.DataFrame,
    touchpoint: str,
    by: str = "participant",
    *,
    strata: tuple[np.ndarray, list[str]] | None = None,
    cells: tuple[np.ndarray, np.ndarray] | None = None,
) -> MHResult:
    """Mantel–Haenszel odds ratio of advancing with vs without follow-up, stratified.

    Parameters
    ----------
    resolved : DataFrame
        Output of :func:`analysis.outcomes.resolve`.
    touchpoint : str
        One of ``data.schema.TOUCHPOINTS``.
    by : {"participant", "source"}
        What to stratify by (missing values form one "(unknown)" stratum).
    strata : (codes, names), optional
        :func:`strata_codes` of ``resolved`` for ``by``, when already computed (speed only).
    cells : (rows, cell index), optional
        :func:`touchpoint_cells` of ``resolved`` for ``touchpoint``, when already computed
        (speed only).

    Returns
    -------
    MHResult
        Each stratum's table is ``[[followed & advanced, followed & not],
        [not followed & advanced, not followed & not]]`` over the applications eligible for
        the step, with a known outcome and a tracked follow-up flag.

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({"participant": ["A", "A", "B"],
    ...     "stage_reached": ["intro_call", "applied", "applied"], "outcome": ["rejected"] * 3,
    ...     "followup_after_apply": [True, False, True]}))
    >>> m = stratified_touchpoint(resolve(apps, dt.date(2026, 1, 1)), "after_applying")
    >>> m.strata_used, m.strata_dropped
    (1, 1)
    """
    if touchpoint not in TOUCHPOINTS:
        raise ValueError(
            f"unknown touchpoint {touchpoint!r} (expected one of {', '.join(TOUCHPOINTS)})"
        )
    if by not in STRATIFY_BY:
        raise ValueError(f"by must be one of {', '.join(STRATIFY_BY)}, got {by!r}")
    if f"followed_{touchpoint}" not in resolved.columns:
        raise ValueError("expected the output of analysis.outcomes.resolve")
    tables, _names = _tables(
        resolved, touchpoint, strata if strata is not None else strata_codes(resolved, by), cells
    )
    n_total = int(tables.sum())
    informative = (
        ((tables.sum(axis=2) > 0).all(axis=1) & (tables.sum(axis=1) > 0).all(axis=1))
        if len(tables)
        else np.zeros(0, dtype=bool)
    )
    used = tables[informative]
    dropped = int((~informative).sum())
    crude = tables.sum(axis=0) if len(tables) else np.zeros((2, 2), dtype=np.int64)
    crude_or = crude_lo = crude_hi = None
    if (crude.sum(axis=1) > 0).all() and (crude.sum(axis=0) > 0).all():
        o, lo, hi = odds_ratio_2x2(crude)  # as statsmodels Table2x2(crude)
        crude_or = clean_number(o)
        crude_lo, crude_hi = clean_number(lo), clean_number(hi)
    pooled = p_lo = p_hi = cmh = bd = None
    if len(used):
        mh = mantel_haenszel(used)  # as statsmodels StratifiedTable(...)
        pooled, p_lo, p_hi = (
            clean_number(mh["pooled"]),
            clean_number(mh["lo"]),
            clean_number(mh["hi"]),
        )
        cmh = clean_number(mh["cmh_p"])
        bd = clean_number(mh["bd_p"]) if len(used) > 1 else None
    disagrees = bool(
        pooled is not None
        and crude_or is not None
        and ((crude_or > 1 and pooled < 1) or (crude_or < 1 and pooled > 1))
    )
    return MHResult(
        touchpoint,
        by,
        pooled,
        p_lo,
        p_hi,
        cmh,
        bd,
        crude_or,
        crude_lo,
        crude_hi,
        disagrees,
        int(informative.sum()),
        dropped,
        n_total,
    )
