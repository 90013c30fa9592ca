"""Cohorts: many participants at once, without letting Simpson's paradox mislead.

:func:`cohort_table` is the per-participant table a coach shows the room (with neutral
labels). :func:`stratified_touchpoint` pools the with/without follow-up 2×2 tables across
participants (or sources) with the Mantel–Haenszel estimator (statsmodels'
``StratifiedTable``, through :mod:`analysis.numerics`) and flags when the crude,
unstratified odds ratio points the other way. :func:`cohort_verdicts` is the workshop's
verdict per step, drawn from the same rows as a single log's (:mod:`analysis.verdict`).

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

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.consistency import group_codes, per_participant
from analysis.numerics import mantel_haenszel, odds_ratio_2x2
from analysis.stats import clean_number
from data.schema import TOUCHPOINTS

__all__ = [
    "MHResult",
    "cohort_table",
    "stratified_touchpoint",
    "strata_codes",
    "STRATIFY_BY",
    "Stratified",
    "CohortVerdict",
    "cohort_verdicts",
]

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
    >>> m = MHResult("after_applying", "participant", 0.5, 0.2, 1.1, 0.1, 0.8, 2.0, 1.1, 3.6,
    ...              True, 3, 1, 120)
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
        >>> m = MHResult("after_applying", "participant", *([None] * 8), False, 0, 0, 0)
        >>> m.to_dict()["pooled_or"] is None
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
    >>> apps = coerce_applications(pd.DataFrame({"participant": ["Zoe", "Al"],
    ...     "stage_reached": ["applied"] * 2,
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


# --------------------------------------------------------------------------- verdicts
@dataclass(frozen=True)
class Stratified:
    """A Mantel–Haenszel comparison of one step across strata (participants or sources),
    drawn from the same rows as the step's verdict (landmark design, :mod:`analysis.verdict`).

    ``pooled_or`` (95% CI ``lo``..``hi``) is None when it cannot be estimated — in
    particular when every stratum points the same way with an empty cell
    (``one_direction`` is then ``"higher"`` or ``"lower"`` and ``note`` says so plainly);
    ``cmh_p`` (the Cochran–Mantel–Haenszel test) still applies. ``n_with``/``n_without``
    count the rows of the strata used.
    """

    by: str
    pooled_or: float | None
    lo: float | None
    hi: float | None
    cmh_p: float | None
    breslow_day_p: float | None
    strata_used: int
    strata_dropped: int
    n_with: int
    n_without: int
    one_direction: str | None
    note: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict.

        Examples
        --------
        >>> Stratified("source", None, None, None, None, None, 0, 0, 0, 0, None, "").to_dict()["by"]
        'source'
        """
        return asdict(self)


@dataclass(frozen=True)
class CohortVerdict:
    """A workshop's verdict for one step (see :func:`cohort_verdicts`).

    Attributes
    ----------
    touchpoint, label : str
    verdict : str
        The headline verdict word (``analysis.verdict.VerdictWord``), from the stratified
        (within-participant) comparison: ``higher``/``lower`` when its Holm-adjusted CMH p is
        below 0.05 and the strata used hold at least 5 applications in each arm.
    design : str
        As the step's verdict: ``landmark`` / ``assumed timing`` / ``unadjusted``.
    stratified : Stratified
        By participant: the headline.
    p_holm : float or None
        The CMH p, Holm-adjusted across the steps that can give a verdict.
    crude : analysis.verdict.StepVerdict
        Everyone pooled as one log: secondary, shown with the Simpson note.
    disagrees : bool
        The crude and stratified comparisons point different ways (Simpson's paradox).
    by_source : Stratified
        The same comparison stratified by how people applied.
    participants : DataFrame
        One row per participant for a forest plot: ``participant``, ``k_with``, ``n_with``,
        ``k_without``, ``n_without``, ``difference``, ``lo``, ``hi`` (Newcombe 95%; NaN when
        an arm is empty).
    sentence : str
    """

    touchpoint: str
    label: str
    verdict: str
    design: str
    stratified: Stratified
    p_holm: float | None
    crude: Any
    disagrees: bool
    by_source: Stratified
    participants: pd.DataFrame
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (participants as a list of dicts).

        Examples
        --------
        >>> import datetime as dt, pandas as pd
        >>> from data.schema import coerce_applications
        >>> from analysis.outcomes import resolve
        >>> apps = coerce_applications(pd.DataFrame({"participant": ["A", "B"],
        ...     "stage_reached": ["applied"] * 2, "outcome": ["rejected"] * 2}))
        >>> cv = cohort_verdicts(resolve(apps, dt.date(2026, 1, 1)))
        >>> cv["after_applying"].to_dict()["verdict"]
        'not tracked'
        """
        return {
            "touchpoint": self.touchpoint,
            "verdict": self.verdict,
            "design": self.design,
            "stratified": self.stratified.to_dict(),
            "p_holm": self.p_holm,
            "crude": self.crude.to_dict(),
            "disagrees": self.disagrees,
            "by_source": self.by_source.to_dict(),
            "participants": self.participants.to_dict(orient="records"),
            "sentence": self.sentence,
        }


def _stratify(arm: pd.Series, advanced: np.ndarray, codes: np.ndarray, by: str) -> Stratified:
    """MH over the strata of ``codes`` for the rows with an arm."""
    has = arm.notna().to_numpy()
    w = arm.eq("with").fillna(False).to_numpy(dtype=bool)
    cell = (~w[has]).astype(np.int64) * 2 + (~advanced[has]).astype(np.int64)
    c = codes[has]
    k = int(c.max()) + 1 if len(c) else 0
    tables = (
        np.bincount(c * 4 + cell, minlength=4 * k).reshape(k, 2, 2)
        if k
        else np.zeros((0, 2, 2), dtype=np.int64)
    )
    tables = tables[tables.sum(axis=(1, 2)) > 0]
    informative = (tables.sum(axis=2) > 0).all(axis=1) & (tables.sum(axis=1) > 0).all(axis=1)
    used = tables[informative]
    n_with = int(used[:, 0, :].sum()) if len(used) else 0
    n_without = int(used[:, 1, :].sum()) if len(used) else 0
    pooled = lo = hi = cmh = bd = None
    one_direction: str | None = None
    note = ""
    if len(used):
        mh = mantel_haenszel(used)
        cmh = clean_number(mh["cmh_p"])
        bd = clean_number(mh["bd_p"]) if len(used) > 1 else None
        # every stratum with no advance in one of the two "discordant" cells: the MH odds
        # ratio is 0 or infinite and cannot be estimated, but the direction is plain
        no_adv_without = bool((used[:, 1, 0] == 0).all() and (used[:, 0, 0] > 0).any())
        no_adv_with = bool((used[:, 0, 0] == 0).all() and (used[:, 1, 0] > 0).any())
        no_fail_with = bool((used[:, 0, 1] == 0).all() and (used[:, 1, 1] > 0).any())
        no_fail_without = bool((used[:, 1, 1] == 0).all() and (used[:, 0, 1] > 0).any())
        if no_adv_without or no_fail_with:
            one_direction = "higher"
        elif no_adv_with or no_fail_without:
            one_direction = "lower"
        if one_direction is None:
            pooled, lo, hi = (clean_number(mh[x]) for x in ("pooled", "lo", "hi"))
        else:
            who = "participants" if by == "participant" else "sources"
            note = (
                f"In every one of the {len(used)} {who} compared, advancing was "
                f"{'more' if one_direction == 'higher' else 'less'} common with a follow-up "
                "(one group had no advance, or no failure, everywhere), so the odds ratio "
                "cannot be put as a number; the test of no association still applies."
            )
    return Stratified(
        by,
        pooled,
        lo,
        hi,
        cmh,
        bd,
        int(informative.sum()),
        int((~informative).sum()),
        n_with,
        n_without,
        one_direction,
        note,
    )


def _direction(s: Stratified) -> str | None:
    if s.one_direction is not None:
        return s.one_direction
    if s.pooled_or is None or s.pooled_or == 1:
        return None
    return "higher" if s.pooled_or > 1 else "lower"


def _forest(arm: pd.Series, advanced: np.ndarray, participant: pd.Series) -> pd.DataFrame:
    """Per-participant counts, difference and Newcombe interval (vectorised)."""
    from analysis.numerics import newcomb_diff_intervals

    codes, names = strata_codes(pd.DataFrame({"participant": participant}), "participant")
    w = arm.eq("with").fillna(False).to_numpy(dtype=bool)
    wo = arm.eq("without").fillna(False).to_numpy(dtype=bool)
    k = len(names)

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(codes[mask], minlength=k).astype(np.int64)

    kw, nw = count(w & advanced), count(w)
    kwo, nwo = count(wo & advanced), count(wo)
    keep = (nw + nwo) > 0
    lo, hi = newcomb_diff_intervals(kw[keep], nw[keep], kwo[keep], nwo[keep])
    with np.errstate(divide="ignore", invalid="ignore"):
        diff = np.where(
            (nw[keep] > 0) & (nwo[keep] > 0), kw[keep] / nw[keep] - kwo[keep] / nwo[keep], np.nan
        )
    return pd.DataFrame(
        {
            "participant": [n for n, kp in zip(names, keep, strict=True) if kp],
            "k_with": kw[keep],
            "n_with": nw[keep],
            "k_without": kwo[keep],
            "n_without": nwo[keep],
            "difference": diff,
            "lo": lo,
            "hi": hi,
        }
    )


def cohort_verdicts(
    resolved: pd.DataFrame,
    *,
    windows: dict[str, int] | None = None,
    rows: Mapping[str, Any] | None = None,
    crude: Mapping[str, Any] | None = None,
) -> dict[str, CohortVerdict]:
    """A workshop's verdict per step: stratified by participant (the headline), with the
    crude pooled verdict, the by-source result and per-participant estimates.

    The rows compared are exactly those of :func:`analysis.verdict.step_rows` (landmark
    design, left-out rules). The headline verdict follows the same rules as a single log's
    (:mod:`analysis.verdict`): at least 5 applications per arm in the participants
    compared, the CMH p Holm-adjusted across the steps that can give a verdict, never
    stronger than "no clear difference" when unadjusted. Strata that all point one way give
    a plain statement and a verdict from the test, never a null shown as "not enough data".

    Parameters
    ----------
    resolved : DataFrame
        Output of :func:`analysis.outcomes.resolve` with several participants.
    windows : dict, optional
        touchpoint -> follow-up window (days), as for ``step_verdicts``.
    rows : mapping, optional
        ``analysis.verdict.all_step_rows(resolved, windows=windows)`` when already computed
        (``windows`` is then ignored).
    crude : mapping, optional
        ``analysis.verdict.verdicts_from_rows(rows)`` (the pooled verdicts) when already
        computed from the same ``rows``.

    Returns
    -------
    dict
        touchpoint -> :class:`CohortVerdict`, in ``TOUCHPOINTS`` order.

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({"participant": ["A"] * 12 + ["B"] * 12,
    ...     "stage_reached": (["intro_call"] * 3 + ["applied"] * 3) * 4,
    ...     "outcome": ["rejected"] * 24, "followup_after_apply": ([True] * 6 + [False] * 6) * 2}))
    >>> cv = cohort_verdicts(resolve(apps, dt.date(2026, 1, 1)))["after_applying"]
    >>> cv.stratified.pooled_or, cv.stratified.strata_used, cv.verdict, cv.design
    (1.0, 2, 'no clear difference', 'unadjusted')
    """
    from analysis.findings import cohort_sentence
    from analysis.numerics import holm
    from analysis.verdict import ALPHA, MIN_PER_ARM, all_step_rows, verdicts_from_rows

    if rows is None:
        rows = all_step_rows(resolved, windows=windows)
    if crude is None:
        crude = verdicts_from_rows(rows)
    part_codes, _ = strata_codes(resolved, "participant")
    source_codes, _ = strata_codes(resolved, "source")
    participant = (
        resolved["participant"]
        if "participant" in resolved.columns
        else pd.Series(pd.NA, index=resolved.index, dtype="string")
    )
    parts: dict[str, tuple[Any, Stratified, Stratified, pd.DataFrame]] = {}
    for tp in TOUCHPOINTS:
        step = rows[tp]
        arm = step.frame["arm"]
        adv = step.frame["advanced"].to_numpy(dtype=bool)
        parts[tp] = (
            step,
            _stratify(arm, adv, part_codes, "participant"),
            _stratify(arm, adv, source_codes, "source"),
            _forest(arm, adv, participant),
        )
    family = {
        tp: s.cmh_p
        for tp, (step, s, _, _) in parts.items()
        if step.tracked
        and step.design != "unadjusted"
        and min(s.n_with, s.n_without) >= MIN_PER_ARM
        and s.cmh_p is not None
    }
    adjusted = dict(zip(family, holm([float(p) for p in family.values()]), strict=True))
    out: dict[str, CohortVerdict] = {}
    for tp, (step, strat, by_source, forest) in parts.items():
        p_adj = adjusted.get(tp)
        direction = _direction(strat)
        if not step.tracked:
            word = "not tracked"
        elif min(strat.n_with, strat.n_without) < MIN_PER_ARM:
            word = "not enough data"
        elif p_adj is None or p_adj >= ALPHA or direction is None:
            word = "no clear difference"
        else:
            word = direction
        crude_diff = crude[tp].difference
        disagrees = bool(
            direction is not None
            and crude_diff is not None
            and crude_diff != 0
            and (crude_diff > 0) != (direction == "higher")
        )
        out[tp] = CohortVerdict(
            touchpoint=tp,
            label=crude[tp].label,
            verdict=word,
            design=step.design,
            stratified=strat,
            p_holm=p_adj,
            crude=crude[tp],
            disagrees=disagrees,
            by_source=by_source,
            participants=forest,
            sentence=cohort_sentence(tp, word, strat, p_adj, design=step.design),
        )
    return out
