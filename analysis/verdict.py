"""The one verdict per follow-up step: does following up go with advancing?

Every card, chart, finding sentence, cohort panel, report and the CLI read the
:class:`StepVerdict` objects that :func:`step_verdicts` returns; nothing else decides a
verdict (DESIGN.md, "One verdict per step, computed once").

How timing is handled (the *landmark* design, DESIGN.md "Touchpoints")
----------------------------------------------------------------------
Fast answers leave no time to follow up, so a plain with/without split fills the
"without" arm with them and is biased. For each step the landmark is the step's date plus
its follow-up window (7 days after applying, 3 after an intro call, 2 after an interview,
or the person's settings). Only applications whose next answer had **not** come by the
landmark are compared; "with" means followed up by the landmark; "advanced" means the next
stage was reached. Rows are left out, and counted by reason (:data:`LEFT_OUT_LABELS`):

- ``answered_before_landmark``: the employer answered on or before the landmark;
- ``followed_up_after_answer``: the follow-up is dated on or after the answer (it cannot
  have helped: it is left out, never moved to "without");
- ``still_waiting``: no answer yet and not ghosted (censored, never a failure);
- ``answer_not_said``: the log says they heard back after the application but not what
  the answer was (``responded`` without a stage or outcome);
- ``withdrew``: the person withdrew before the answer;
- ``followup_not_recorded``: the log records follow-ups for this step, but not for this row.

The ``design`` says how much of that the log allows:

- ``"landmark"``: answer dates and follow-up dates are known;
- ``"assumed timing"``: answer dates are known but some follow-ups are only marked yes/no:
  those are taken as made by the landmark, and the timing note says so;
- ``"unadjusted"``: the log has no answer dates for the step, so the landmark cannot be
  applied. The comparison is shown, labelled "unadjusted — fast answers can bias this",
  and its verdict is never stronger than "no clear difference" (worded "no clear
  conclusion").

Where a log has answer dates but one row's answer (or step) is undated, that row stays in:
its timing is unknown, not early. Such rows are counted in ``timing_unknown``.

The verdict word is ``higher``/``lower`` when the Holm-adjusted Fisher p (across the steps
that can give a verdict) is below 0.05 and both arms have at least :data:`MIN_PER_ARM`
applications; ``no clear difference`` otherwise; ``not enough data`` below 5 in an arm;
``not tracked`` when the log does not record this follow-up.

Examples
--------
>>> import datetime as dt, pandas as pd
>>> from data.schema import coerce_applications
>>> from analysis.outcomes import resolve
>>> apps = coerce_applications(pd.DataFrame({
...     "applied_on": ["2026-01-01"] * 4,
...     "responded_on": ["2026-01-03", "2026-01-20", "2026-01-20", "2026-01-20"],
...     "stage_reached": ["intro_call", "intro_call", "applied", "applied"],
...     "outcome": ["rejected"] * 4,
...     "followup_after_apply": [False, True, True, False],
...     "followup_after_apply_on": [None, "2026-01-07", "2026-01-09", None]}))
>>> v = step_verdicts(resolve(apps, dt.date(2026, 3, 1)))["after_applying"]
>>> v.design, (v.with_.k, v.with_.n), (v.without.k, v.without.n), v.left_out
('landmark', (1, 1), (0, 2), {'answered_before_landmark': 1})
>>> v.verdict
'not enough data'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis.numerics import holm, prob_beta_greater
from analysis.stats import Rate, compare
from data.rules import (
    DEFAULT_WINDOWS,
    OUTCOME_DTYPE,
    STAGE_DATE_COLUMNS,
    STAGES,
    TOUCHPOINTS,
    earliest_date,
    heard_back,
)

__all__ = [
    "VerdictWord",
    "Design",
    "StepVerdict",
    "StepRows",
    "step_verdicts",
    "step_rows",
    "all_step_rows",
    "verdicts_from_rows",
    "verdict_from_counts",
    "prob_more_with",
    "LANDMARK_DAYS",
    "LEFT_OUT_LABELS",
    "MIN_PER_ARM",
    "ALPHA",
]

VerdictWord = Literal["higher", "lower", "no clear difference", "not enough data", "not tracked"]
Design = Literal["landmark", "assumed timing", "unadjusted"]

#: Smallest arm for a verdict.
MIN_PER_ARM = 5
#: Significance level for the Holm-adjusted p.
ALPHA = 0.05

#: Default follow-up window per step (days after the step's date): the landmark
#: (``data.rules.TOUCHPOINTS``: 7 after applying, 3 after an intro call, 2 after an interview).
LANDMARK_DAYS: dict[str, int] = dict(DEFAULT_WINDOWS)

#: Left-out reason key -> what a person reads ("answered before a follow-up was due: 120").
LEFT_OUT_LABELS: dict[str, str] = {
    "answered_before_landmark": "answered before a follow-up was due",
    "followed_up_after_answer": "followed up on or after the answer",
    "still_waiting": "still waiting for an answer",
    "withdrew": "withdrew before an answer",
    "followup_not_recorded": "follow-up not recorded for the row",
    "answer_not_said": "heard back, but the log does not say with what",
}

_NO_DATE_COLUMN = "__no_followup_date__"
_ARMS = ["with", "without"]
_OUTCOME_CODE = {o: i for i, o in enumerate(OUTCOME_DTYPE.categories)}
_REASON_CODE = {k: i for i, k in enumerate(LEFT_OUT_LABELS)}


def _columns(tp: str) -> tuple[str, str, str]:
    """(step date column, follow-up flag column, follow-up date column) from data.rules."""
    t = TOUCHPOINTS[tp]
    return t.step_date, t.flag, t.followup_date or _NO_DATE_COLUMN


@dataclass(frozen=True)
class StepVerdict:
    """The comparison and verdict for one follow-up step (see the module docstring).

    Attributes
    ----------
    touchpoint, label : str
        ``after_applying`` … and its human label.
    tracked : bool
        The log records this follow-up for at least one eligible application.
    design : {"landmark", "assumed timing", "unadjusted"}
    landmark_days : int
        The follow-up window (days after the step's date) that sets the landmark.
    with_, without : analysis.stats.Rate
        Advanced ``k`` of ``n`` per arm, Wilson 95% interval.
    difference, diff_lo, diff_hi : float or None
        Rate with − rate without, Newcombe 95% interval (None when an arm is empty).
    p_value : float or None
        Fisher's exact two-sided p.
    p_holm : float or None
        Holm-adjusted p across the steps that can give a verdict (None for the others).
    p_more_with : float or None
        Beta-binomial (uniform prior) probability that advancing is more common with a
        follow-up: a model-based, associational estimate (None when an arm is empty or the
        outcome never varies: :func:`prob_more_with`).
    verdict : {"higher", "lower", "no clear difference", "not enough data", "not tracked"}
    left_out : dict
        Reason key (:data:`LEFT_OUT_LABELS`) -> rows left out of the comparison (only
        reasons with a count).
    timing_note : str
        One sentence on how timing was handled ("" when the step is not tracked: nothing
        was compared).
    sentence : str
        The plain-language finding every page shows.
    timing_unknown : int
        Rows kept although their answer or step date is unknown (landmark designs only).
    ignored_after_as_of : int
        Dates after the as-of date that were ignored for this step's rows.
    """

    touchpoint: str
    label: str
    tracked: bool
    design: Design
    landmark_days: int
    with_: Rate
    without: Rate
    difference: float | None
    diff_lo: float | None
    diff_hi: float | None
    p_value: float | None
    p_holm: float | None
    p_more_with: float | None
    verdict: VerdictWord
    left_out: dict[str, int]
    timing_note: str
    sentence: str
    timing_unknown: int = 0
    ignored_after_as_of: int = 0

    @property
    def enough_data(self) -> bool:
        """Both arms have at least :data:`MIN_PER_ARM` applications."""
        return min(self.with_.n, self.without.n) >= MIN_PER_ARM

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields for the CLI (rates as ``{"n", "advanced", "rate", "ci95"}``).

        Examples
        --------
        >>> from analysis.stats import wilson
        >>> v = verdict_from_counts("after_applying", 1, 2, 0, 3)
        >>> d = v.to_dict(); d["design"], d["verdict"], d["with_followup"]["n"]
        ('landmark', 'not enough data', 2)
        """
        return {
            "touchpoint": self.touchpoint,
            "label": self.label,
            "tracked": self.tracked,
            "design": self.design,
            "landmark_days": self.landmark_days,
            "with_followup": self.with_.to_dict(),
            "without_followup": self.without.to_dict(),
            "difference": self.difference,
            "diff_ci95": None
            if self.diff_lo is None or self.diff_hi is None
            else [self.diff_lo, self.diff_hi],
            "p_value": self.p_value,
            "p_holm": self.p_holm,
            "p_more_with": self.p_more_with,
            "verdict": self.verdict,
            "left_out": dict(self.left_out),
            "timing_unknown": self.timing_unknown,
            "ignored_after_as_of": self.ignored_after_as_of,
            "timing_note": self.timing_note,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class StepRows:
    """Which rows one step compares, per row (same index as ``resolved``).

    ``frame`` columns: ``arm`` ("with" / "without" / NA when not compared), ``advanced``
    (bool), ``reason`` (left-out reason key or NA), ``timing_unknown`` (bool: kept although
    its answer or step date is unknown), ``assumed`` (bool: in "with" on an undated
    follow-up, taken as made by the landmark), ``landmark_arm`` (the arm of every row still
    waiting at the landmark with its follow-up recorded, outcome known or not; for the
    landmark Kaplan–Meier curves).
    """

    touchpoint: str
    design: Design
    landmark_days: int
    tracked: bool
    frame: pd.DataFrame = field(repr=False)
    ignored_after_as_of: int = 0

    @property
    def left_out(self) -> dict[str, int]:
        """Reason key -> count, in :data:`LEFT_OUT_LABELS` order, reasons with a count only."""
        vc = self.frame["reason"].value_counts()
        return {k: int(vc[k]) for k in LEFT_OUT_LABELS if int(vc.get(k, 0))}

    def counts(self) -> tuple[int, int, int, int]:
        """``(k_with, n_with, k_without, n_without)``."""
        arm = self.frame["arm"]
        adv = self.frame["advanced"].to_numpy(dtype=bool)
        w = arm.eq("with").fillna(False).to_numpy(dtype=bool)
        wo = arm.eq("without").fillna(False).to_numpy(dtype=bool)
        return int((w & adv).sum()), int(w.sum()), int((wo & adv).sum()), int(wo.sum())


def _dates(resolved: pd.DataFrame, col: str) -> pd.Series:
    if col in resolved.columns:
        return resolved[col].astype("datetime64[ns]")
    return pd.Series(pd.NaT, index=resolved.index, dtype="datetime64[ns]")


def _outcome_is(oc: np.ndarray, *names: str) -> np.ndarray:
    """Rows whose outcome code is one of ``names``."""
    return np.isin(oc, [_OUTCOME_CODE[n] for n in names])


def _answer_date(resolved: pd.DataFrame, tp: str, stage: np.ndarray, oc: np.ndarray) -> pd.Series:
    """Date of the employer's next answer at this step (NaT when unknown or none yet)."""
    if tp == "after_applying":
        return _dates(resolved, "response_on")
    nxt = STAGES.index(TOUCHPOINTS[tp].advanced_stage)
    later = [STAGE_DATE_COLUMNS[s] for s in STAGES[nxt:] if s in STAGE_DATE_COLUMNS]
    invite = earliest_date(resolved, [c for c in later if c in resolved.columns])
    invite = invite.astype("datetime64[ns]")
    outcome_on = _dates(resolved, "outcome_on")
    final_here = _outcome_is(oc, "rejected") & (
        stage == STAGES.index(TOUCHPOINTS[tp].eligible_stage)
    )
    offer_final = _outcome_is(oc, "offer", "hired") & (stage >= nxt)
    ans = invite.where(stage >= nxt)
    ans = ans.fillna(outcome_on.where(pd.Series(offer_final, index=resolved.index)))
    return ans.where(stage >= nxt, outcome_on.where(pd.Series(final_here, index=resolved.index)))


def step_rows(resolved: pd.DataFrame, touchpoint: str, *, window: int | None = None) -> StepRows:
    """Assign each row of ``resolved`` to the step's comparison, or leave it out with a reason.

    Parameters
    ----------
    resolved : DataFrame
        Output of :func:`analysis.outcomes.resolve`.
    touchpoint : str
        One of ``data.schema.TOUCHPOINTS``.
    window : int, optional
        Follow-up window in days (default :data:`LANDMARK_DAYS`).

    Returns
    -------
    StepRows

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(pd.DataFrame({"stage_reached": ["intro_call", "applied"],
    ...     "outcome": ["rejected", "pending"], "followup_after_apply": [True, False]}))
    >>> s = step_rows(resolve(apps, dt.date(2026, 1, 1)), "after_applying")
    >>> s.design, s.counts(), s.left_out
    ('unadjusted', (1, 1, 0, 0), {'still_waiting': 1})
    """
    if touchpoint not in TOUCHPOINTS:
        raise ValueError(
            f"unknown touchpoint {touchpoint!r} (expected one of {', '.join(TOUCHPOINTS)})"
        )
    need = [f"{p}_{touchpoint}" for p in ("eligible", "known", "advanced", "followed")]
    missing = [c for c in need + ["response_on"] if c not in resolved.columns]
    if missing:
        raise ValueError(
            f"expected the output of analysis.outcomes.resolve (missing {', '.join(missing)})"
        )
    win = LANDMARK_DAYS[touchpoint] if window is None else int(window)
    if win < 0:
        raise ValueError(f"the follow-up window must be 0 days or more, got {window!r}")
    idx = resolved.index
    step_col, _flag_col, fu_col = _columns(touchpoint)
    # outcome codes (NA read as pending), compared as integers: cheap for big tables
    oc = np.asarray(resolved["outcome"].astype(OUTCOME_DTYPE).cat.codes, dtype=np.int64)
    oc = np.where(oc < 0, _OUTCOME_CODE["pending"], oc)
    stage = np.asarray(resolved["stage_reached"].cat.codes, dtype=np.int64)
    eligible = resolved[f"eligible_{touchpoint}"].to_numpy(dtype=bool)
    known = resolved[f"known_{touchpoint}"].to_numpy(dtype=bool)
    advanced = resolved[f"advanced_{touchpoint}"].to_numpy(dtype=bool)
    # the person's own mark: a follow-up on or after the answer stays a "yes" here and is
    # left out below (``resolve``'s ``followed_*`` turns it into "no", which would move it
    # to the "without" arm)
    flag_src = _flag_col if _flag_col in resolved.columns else f"followed_{touchpoint}"
    flag = resolved[flag_src].astype("boolean")
    flag_known = flag.notna().to_numpy()
    yes = flag.fillna(False).to_numpy(dtype=bool)
    tracked = bool((eligible & flag_known).any())

    step_on = _dates(resolved, step_col)
    fu_on = _dates(resolved, fu_col).where(pd.Series(yes, index=idx))
    answer = _answer_date(resolved, touchpoint, stage, oc)
    ghosted = _outcome_is(oc, "ghosted")
    withdrawn = _outcome_is(oc, "withdrawn")
    has_answer = answer.notna().to_numpy()
    has_step = step_on.notna().to_numpy()

    base = eligible & flag_known
    # answer dates: some known, non-ghosted row of the step has both its date and the answer's
    dated = bool((base & known & ~ghosted & has_answer & has_step).any())
    landmark = step_on + pd.Timedelta(days=win)
    answered_early = (has_answer & has_step & (answer <= landmark).to_numpy()) if dated else None
    fu_late = (fu_on.notna() & answer.notna() & (fu_on >= answer)).to_numpy()

    reason = np.full(len(resolved), -1, dtype=np.int8)
    take = eligible.copy()
    reason[eligible & ~flag_known & tracked] = _REASON_CODE["followup_not_recorded"]
    take &= flag_known
    if answered_early is not None:
        reason[take & answered_early] = _REASON_CODE["answered_before_landmark"]
        take &= ~answered_early
    reason[take & fu_late] = _REASON_CODE["followed_up_after_answer"]
    take &= ~fu_late
    # at the landmark: still waiting (answer after it, or none yet), follow-up recorded
    at_landmark = take.copy()
    waiting = take & ~known
    heard = heard_back(resolved) if touchpoint == "after_applying" else np.zeros_like(take)
    reason[waiting & withdrawn] = _REASON_CODE["withdrew"]
    reason[waiting & ~withdrawn & ~heard] = _REASON_CODE["still_waiting"]
    reason[waiting & ~withdrawn & heard] = _REASON_CODE["answer_not_said"]
    take &= known

    with_arm = take & yes
    if dated:
        fu_after_landmark = (fu_on.notna() & (fu_on > landmark)).to_numpy()
        with_arm &= ~fu_after_landmark  # followed up only after the landmark: "without" then
        unknown_timing = take & ~ghosted & ~(has_answer & has_step)
        assumed = with_arm & fu_on.isna().to_numpy()
        design: Design = "assumed timing" if assumed.any() else "landmark"
    else:
        unknown_timing = np.zeros(len(resolved), dtype=bool)
        assumed = np.zeros(len(resolved), dtype=bool)
        design = "unadjusted"
    arm = np.full(len(resolved), -1, dtype=np.int8)
    arm[take] = 1
    arm[with_arm] = 0
    # the same assignment for every row still waiting at the landmark, outcome known or not
    # (the landmark Kaplan–Meier curves need the ones still waiting today too)
    lm_with = at_landmark & yes
    if dated:
        lm_with &= ~fu_after_landmark
    lm_arm = np.full(len(resolved), -1, dtype=np.int8)
    lm_arm[at_landmark] = 1
    lm_arm[lm_with] = 0
    frame = pd.DataFrame(
        {
            "arm": pd.Categorical.from_codes(arm, categories=_ARMS),
            "advanced": advanced & take,
            "reason": pd.Categorical.from_codes(reason, categories=list(LEFT_OUT_LABELS)),
            "timing_unknown": unknown_timing,
            "assumed": assumed,
            "landmark_arm": pd.Categorical.from_codes(lm_arm, categories=_ARMS),
        },
        index=idx,
    )
    ignored = 0
    if "ignored_after_as_of" in resolved.columns:
        counted = eligible if touchpoint != "after_applying" else np.ones(len(idx), dtype=bool)
        ignored = int(resolved["ignored_after_as_of"].to_numpy()[counted].sum())
    return StepRows(touchpoint, design, win, tracked, frame, ignored)


def prob_more_with(k_with: int, n_with: int, k_without: int, n_without: int) -> float | None:
    """Beta-binomial: share of plausible readings in which advancing is more common with a
    follow-up, P(p_with > p_without) under independent uniform Beta(1, 1) priors.

    None when an arm is empty, and when no application advanced (or every one did) in both
    arms: the outcome never varies, so the data say nothing about a difference, and the
    share would only reflect the two arms' sizes (0 of 16 against 0 of 39 gives 70%).
    Computed by numerical integration (:func:`analysis.numerics.prob_beta_greater`).

    Examples
    --------
    >>> prob_more_with(1, 1, 0, 1)   # Beta(2,1) vs Beta(1,2): 5/6
    0.8333333333...
    >>> prob_more_with(0, 0, 1, 2) is None, prob_more_with(0, 16, 0, 39) is None
    (True, True)
    """
    if min(n_with, n_without) <= 0:
        return None
    if k_with + k_without in (0, n_with + n_without):
        return None
    return prob_beta_greater(
        1 + k_with, 1 + n_with - k_with, 1 + k_without, 1 + n_without - k_without
    )


def _word(design: Design, enough: bool, p_adj: float | None, diff: float | None) -> VerdictWord:
    if not enough:
        return "not enough data"
    if design == "unadjusted" or p_adj is None or diff is None or p_adj >= ALPHA:
        return "no clear difference"
    return "higher" if diff > 0 else "lower"


def _timing_note(rows: StepRows) -> str:
    from analysis.findings import timing_note

    return timing_note(
        rows.touchpoint,
        rows.design,
        rows.landmark_days,
        rows.left_out,
        timing_unknown=int(rows.frame["timing_unknown"].sum()),
        assumed=int(rows.frame["assumed"].sum()),
        ignored_after_as_of=rows.ignored_after_as_of,
    )


def _build(
    rows: StepRows | None,
    touchpoint: str,
    counts: tuple[int, int, int, int],
    *,
    tracked: bool,
    design: Design,
    landmark_days: int,
    p_holm: float | None,
    left_out: dict[str, int],
    timing_unknown: int,
    ignored: int,
) -> StepVerdict:
    from analysis.findings import step_sentence, timing_note

    c = compare(*counts, min_n=MIN_PER_ARM)
    word: VerdictWord = (
        "not tracked" if not tracked else _word(design, c.enough_data, p_holm, c.difference)
    )
    pmw = prob_more_with(*counts) if tracked else None
    if not tracked:
        note = ""  # nothing was compared, so there is no timing to explain
    elif rows is not None:
        note = _timing_note(rows)
    else:
        note = timing_note(
            touchpoint,
            design,
            landmark_days,
            left_out,
            timing_unknown=timing_unknown,
            assumed=0,
            ignored_after_as_of=ignored,
        )
    sentence = step_sentence(touchpoint, word, c, design=design, p_holm=p_holm, p_more_with=pmw)
    return StepVerdict(
        touchpoint=touchpoint,
        label=TOUCHPOINTS[touchpoint].label,
        tracked=tracked,
        design=design,
        landmark_days=landmark_days,
        with_=c.with_,
        without=c.without,
        difference=c.difference,
        diff_lo=c.diff_lo,
        diff_hi=c.diff_hi,
        p_value=c.p_value,
        p_holm=p_holm,
        p_more_with=pmw,
        verdict=word,
        left_out=left_out,
        timing_note=note,
        sentence=sentence,
        timing_unknown=timing_unknown,
        ignored_after_as_of=ignored,
    )


def _holm_family(
    items: Mapping[str, tuple[Design, bool, tuple[int, int, int, int]]],
) -> dict[str, float]:
    """Holm-adjusted p for the steps that can give a verdict (tracked, ≥ 5 per arm, not
    unadjusted); the others are not tested and get no adjusted p."""
    from analysis.stats import compare as _compare

    family: dict[str, float] = {}
    for tp, (design, tracked, counts) in items.items():
        c = _compare(*counts, min_n=MIN_PER_ARM)
        if tracked and design != "unadjusted" and c.enough_data and c.p_value is not None:
            family[tp] = c.p_value
    adjusted = holm(list(family.values()))
    return {tp: min(p, 1.0) for tp, p in zip(family, adjusted, strict=True)}


def verdict_from_counts(
    touchpoint: str,
    k_with: int,
    n_with: int,
    k_without: int,
    n_without: int,
    *,
    design: Design = "landmark",
    landmark_days: int | None = None,
    p_holm: float | None = None,
    tracked: bool = True,
    left_out: Mapping[str, int] | None = None,
) -> StepVerdict:
    """A :class:`StepVerdict` from the 2×2 counts alone (for pooled cohort tables and tests).

    ``p_holm`` defaults to the unadjusted Fisher p (a single test).

    Examples
    --------
    >>> v = verdict_from_counts("after_interview", 12, 20, 3, 20)
    >>> v.verdict, round(v.p_value, 4)
    ('higher', 0.0079)
    """
    if touchpoint not in TOUCHPOINTS:
        raise ValueError(
            f"unknown touchpoint {touchpoint!r} (expected one of {', '.join(TOUCHPOINTS)})"
        )
    counts = (k_with, n_with, k_without, n_without)
    if p_holm is None and design != "unadjusted":
        c = compare(*counts, min_n=MIN_PER_ARM)
        p_holm = c.p_value if c.enough_data else None
    return _build(
        None,
        touchpoint,
        counts,
        tracked=tracked,
        design=design,
        landmark_days=LANDMARK_DAYS[touchpoint] if landmark_days is None else landmark_days,
        p_holm=p_holm,
        left_out=dict(left_out or {}),
        timing_unknown=0,
        ignored=0,
    )


def step_verdicts(
    resolved: pd.DataFrame, *, windows: Mapping[str, int] | None = None
) -> dict[str, StepVerdict]:
    """The verdict for each follow-up step, computed once.

    Parameters
    ----------
    resolved : DataFrame
        Output of ``analysis.outcomes.resolve(apps, as_of, ghost_after_days=30)``.
    windows : mapping, optional
        touchpoint -> follow-up window in days (the landmark); missing keys take
        :data:`LANDMARK_DAYS`.

    Returns
    -------
    dict
        touchpoint -> :class:`StepVerdict`, in ``TOUCHPOINTS`` order.

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(
    ...     pd.DataFrame({"stage_reached": ["applied"], "outcome": ["pending"]}))
    >>> [v.verdict for v in step_verdicts(resolve(apps, dt.date(2026, 1, 1))).values()]
    ['not tracked', 'not tracked', 'not tracked']
    """
    return verdicts_from_rows(all_step_rows(resolved, windows=windows))


def all_step_rows(
    resolved: pd.DataFrame, *, windows: Mapping[str, int] | None = None
) -> dict[str, StepRows]:
    """:func:`step_rows` for every step (touchpoint -> :class:`StepRows`), so that callers
    needing both the single-log and the cohort verdicts assign the rows once.

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(
    ...     pd.DataFrame({"stage_reached": ["applied"], "outcome": ["pending"]}))
    >>> rows = all_step_rows(resolve(apps, dt.date(2026, 1, 1)), windows={"after_applying": 10})
    >>> list(rows), rows["after_applying"].landmark_days
    (['after_applying', 'after_intro_call', 'after_interview'], 10)
    """
    win = dict(LANDMARK_DAYS)
    for tp, days in (windows or {}).items():
        if tp not in LANDMARK_DAYS:
            raise ValueError(f"unknown touchpoint {tp!r} in windows")
        win[tp] = int(days)
    return {tp: step_rows(resolved, tp, window=win[tp]) for tp in TOUCHPOINTS}


def verdicts_from_rows(rows: Mapping[str, StepRows]) -> dict[str, StepVerdict]:
    """The verdict per step from :func:`all_step_rows` (what :func:`step_verdicts` returns).

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> from data.schema import coerce_applications
    >>> from analysis.outcomes import resolve
    >>> apps = coerce_applications(
    ...     pd.DataFrame({"stage_reached": ["applied"], "outcome": ["pending"]}))
    >>> v = verdicts_from_rows(all_step_rows(resolve(apps, dt.date(2026, 1, 1))))
    >>> v["after_interview"].verdict
    'not tracked'
    """
    if set(rows) != set(TOUCHPOINTS):
        raise ValueError("expected the rows of every step (see all_step_rows)")
    counts = {tp: r.counts() for tp, r in rows.items()}
    adj = _holm_family({tp: (r.design, r.tracked, counts[tp]) for tp, r in rows.items()})
    return {
        tp: _build(
            r,
            tp,
            counts[tp],
            tracked=r.tracked,
            design=r.design,
            landmark_days=r.landmark_days,
            p_holm=adj.get(tp),
            left_out=r.left_out,
            timing_unknown=int(r.frame["timing_unknown"].sum()),
            ignored=r.ignored_after_as_of,
        )
        for tp, r in rows.items()
    }
