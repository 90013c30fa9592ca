"""Plain-language findings: one honest sentence (or two) per touchpoint, from the numbers.

Wording depends on the evidence: not tracked, not enough data (fewer than ``min_n`` in an
arm), an interval for the difference that includes zero ("no clear difference"), clearly
higher, clearly lower. Comparisons are always "associated with"; the only use of the word
"caused" is in "not proof that it caused it".

Examples
--------
>>> from textwrap import fill
>>> from analysis.stats import compare
>>> print(fill(touchpoint_finding("after_applying", compare(12, 40, 18, 120)), 90))
Of 40 applications you followed up, 12 got an intro call (30%, 95% CI 18–45%) vs 15% of
120 you didn't (95% CI 10–22%). Following up is associated with a higher rate here, but
this is not proof that it caused it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from analysis.stats import Comparison, Rate
from data.rules import STAGE_PHRASES, TOUCHPOINTS

__all__ = [
    "touchpoint_finding",
    "format_pct",
    "format_p",
    "step_sentence",
    "timing_note",
    "cohort_sentence",
]

# touchpoint -> (things, with phrase, result phrase, without phrase, action for the verdict, step)
_WORDS: dict[str, dict[str, str]] = {
    "after_applying": {
        "things": "applications",
        "thing": "application",
        "with": "you followed up",
        "result": "got an intro call",
        "without": "you didn't",
        "action": "Following up",
        "step": "after applying",
        "untracked": "whether you followed up after applying",
    },
    "after_intro_call": {
        "things": "intro calls",
        "thing": "intro call",
        "with": "you followed up",
        "result": "led to an interview",
        "without": "you didn't",
        "action": "Following up after the intro call",
        "step": "after the intro call",
        "untracked": "whether you followed up after intro calls",
    },
    "after_interview": {
        "things": "interviews",
        "thing": "interview",
        "with": "you sent a thank-you note for",
        "result": "led to an offer",
        "without": "without one",
        "action": "Sending a thank-you note",
        "step": "after the interview",
        "untracked": "whether you sent thank-you notes after interviews",
    },
}


def format_p(p: float | None) -> str:
    """A p-value as people read it: two significant digits, ``"< 0.001"`` below 0.001.

    The one p-value formatter of the product (cards, sentences, charts, cohort panel,
    report, CLI text): never ``0``, never ``6.5e-20``; ``"n/a"`` for None or NaN.

    Examples
    --------
    >>> format_p(0.04567), format_p(0.05), format_p(1.0), format_p(0.0010), format_p(6.5e-20)
    ('0.046', '0.050', '1.0', '0.0010', '< 0.001')
    >>> format_p(None)
    'n/a'
    """
    if p is None:
        return "n/a"
    try:
        x = float(p)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"a p-value must be a number, got {p!r}") from exc
    if math.isnan(x):
        return "n/a"
    if x < 0 or x > 1 + 1e-9:
        raise ValueError(f"a p-value lies between 0 and 1, got {p!r}")
    if x < 0.001:
        return "< 0.001"
    text = f"{min(x, 1.0):#.2g}"
    return text.rstrip(".")


def format_pct(x: float | None) -> str:
    """Whole-number percentage (``"n/a"`` for None).

    Examples
    --------
    >>> format_pct(0.305), format_pct(None)
    ('31%', 'n/a')
    """
    if x is None:
        return "n/a"
    return f"{_round(100 * x)}%"


def _round(x: float) -> int:
    """Half away from zero (30.5 -> 31), as people expect; guards float noise."""
    return int(math.copysign(math.floor(abs(x) + 0.5 + 1e-9), x))


def _ci(r: Rate) -> str:
    if r.lo is None or r.hi is None:
        return "n/a"
    lo, hi = _round(100 * r.lo), _round(100 * r.hi)
    if (
        lo == hi and r.hi > r.lo
    ):  # a very narrow interval: show a decimal so it does not read "10–10%"
        return f"{100 * r.lo:.1f}–{100 * r.hi:.1f}%"
    return f"{lo}–{hi}%"


def _points(x: float) -> str:
    v = _round(100 * x)
    if v > 0:
        return f"+{v}"
    if v < 0:
        return f"−{abs(v)}"
    return "0"


def touchpoint_finding(touchpoint: str, comparison: Comparison, tracked: bool | None = None) -> str:
    """One plain-language finding for a touchpoint's with/without comparison.

    Not the verdict's sentence: pages show ``StepVerdict.sentence`` (:func:`step_sentence`,
    worded from the verdict word of :mod:`analysis.verdict`).

    Parameters
    ----------
    touchpoint : str
        One of ``data.schema.TOUCHPOINTS``.
    comparison : analysis.stats.Comparison
        From :func:`analysis.touchpoints.compare_touchpoints`.
    tracked : bool, optional
        False when the log does not record this follow-up at all (see
        ``followup_rates(...)["tracked"]``); None (default) = unknown: both arms empty is
        then reported as "nothing to compare yet".

    Returns
    -------
    str

    Examples
    --------
    >>> from textwrap import fill
    >>> from analysis.stats import compare
    >>> print(fill(touchpoint_finding("after_interview", compare(0, 0, 0, 0), tracked=False), 90))
    Your log does not record whether you sent thank-you notes after interviews, so this step
    cannot be compared.
    >>> print(fill(touchpoint_finding("after_intro_call", compare(2, 3, 1, 9)), 90))
    Only 3 intro calls you followed up and 9 you didn't have a known outcome: not enough data
    to compare (at least 5 in each group are needed).
    """
    if touchpoint not in _WORDS:
        raise ValueError(f"unknown touchpoint {touchpoint!r} (expected one of {', '.join(_WORDS)})")
    w = _WORDS[touchpoint]
    c = comparison
    if tracked is False:
        return f"Your log does not record {w['untracked']}, so this step cannot be compared."
    if c.with_.n == 0 and c.without.n == 0:
        return (
            f"No {w['things']} with a recorded follow-up choice have a known outcome "
            f"{w['step']} yet, so there is nothing to compare."
        )
    if not c.enough_data:
        return (
            f"Only {c.with_.n:,} {w['things']} {w['with']} and {c.without.n:,} {w['without']} "
            "have a known outcome: not enough data to compare (at least 5 in each group are "
            "needed)."
        )
    numbers = (
        f"Of {c.with_.n:,} {w['things']} {w['with']}, {c.with_.k:,} {w['result']} "
        f"({format_pct(c.with_.rate)}, 95% CI {_ci(c.with_)}) vs {format_pct(c.without.rate)} of "
        f"{c.without.n:,} {w['without']} (95% CI {_ci(c.without)})."
    )
    if c.diff_lo is not None and c.diff_lo > 0:
        verdict = (
            f"{w['action']} is associated with a higher rate here, but this is not proof that "
            "it caused it."
        )
    elif c.diff_hi is not None and c.diff_hi < 0:
        verdict = (
            f"{w['action']} is associated with a lower rate here, but this is not proof that "
            "it caused it."
        )
    else:
        lo = _points(c.diff_lo) if c.diff_lo is not None else "n/a"
        hi = _points(c.diff_hi) if c.diff_hi is not None else "n/a"
        verdict = (
            f"The 95% interval of the difference ({lo} to {hi} percentage points) includes zero: "
            "no clear difference in this data."
        )
    return f"{numbers} {verdict}"


#: touchpoint -> how the landmark reads ("7 days after applying")
_AFTER: dict[str, str] = {
    "after_applying": "applying",
    "after_intro_call": "the intro call",
    "after_interview": "the interview",
}


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def timing_note(
    touchpoint: str,
    design: str,
    landmark_days: int,
    left_out: Mapping[str, int],
    *,
    timing_unknown: int = 0,
    assumed: int = 0,
    ignored_after_as_of: int = 0,
) -> str:
    """One sentence (or two) on how timing was handled for a step's comparison.

    Examples
    --------
    >>> from textwrap import fill
    >>> note = timing_note("after_applying", "landmark", 7, {"answered_before_landmark": 120})
    >>> print(fill(note, 90))
    Compared only applications still waiting 7 days after applying, when a follow-up was due;
    120 answered before that are left out.
    >>> timing_note("after_interview", "unadjusted", 2, {}).split(":")[0]
    'Unadjusted — fast answers can bias this'
    """
    if touchpoint not in _WORDS:
        raise ValueError(f"unknown touchpoint {touchpoint!r} (expected one of {', '.join(_WORDS)})")
    things = _WORDS[touchpoint]["things"]
    if design == "unadjusted":
        text = (
            "Unadjusted — fast answers can bias this: the log has no answer dates, so "
            f"{things} answered before a follow-up was due could not be set aside."
        )
    else:
        early = int(left_out.get("answered_before_landmark", 0))
        text = (
            f"Compared only {things} still waiting {_days(landmark_days)} after "
            f"{_AFTER[touchpoint]}, when a follow-up was due"
        )
        if early:
            text += f"; {early:,} answered before that {'is' if early == 1 else 'are'} left out."
        else:
            text += "."
        if assumed:
            text += (
                f" {assumed:,} follow-ups have no date and are assumed to have been made by then."
            )
        if timing_unknown:
            text += (
                f" {timing_unknown:,} without an answer date stay in (their timing is unknown, "
                "not early)."
            )
    if ignored_after_as_of:
        text += f" {ignored_after_as_of:,} dates after the as-of date were ignored."
    return text


def step_sentence(
    touchpoint: str,
    verdict: str,
    comparison: Comparison,
    *,
    design: str = "landmark",
    p_holm: float | None = None,
    p_more_with: float | None = None,
) -> str:
    """The plain-language finding for a step, worded from its verdict word.

    Parameters
    ----------
    touchpoint : str
    verdict : str
        The step's verdict word (``analysis.verdict.VerdictWord``): the sentence never says
        more than it.
    comparison : analysis.stats.Comparison
        The arms and difference behind the verdict.
    design : str
        ``landmark`` / ``assumed timing`` / ``unadjusted``.
    p_holm, p_more_with : float or None
        Holm-adjusted p; Beta-binomial share of plausible readings favouring follow-up.

    Examples
    --------
    >>> from textwrap import fill
    >>> from analysis.stats import compare
    >>> s = step_sentence("after_interview", "higher", compare(12, 20, 3, 20), p_holm=0.0079)
    >>> print(fill(s, 90))
    Of 20 interviews you sent a thank-you note for, 12 led to an offer (60%, 95% CI 39–78%) vs
    15% of 20 without one (95% CI 5–36%). Sending a thank-you note is associated with a higher
    rate here (p = 0.0079, adjusted for testing several steps), but this is not proof that it
    caused it.
    """
    if touchpoint not in _WORDS:
        raise ValueError(f"unknown touchpoint {touchpoint!r} (expected one of {', '.join(_WORDS)})")
    w = _WORDS[touchpoint]
    c = comparison
    if verdict == "not tracked":
        return f"Your log does not record {w['untracked']}, so this step cannot be compared."
    if c.with_.n == 0 and c.without.n == 0:
        return (
            f"No {w['things']} with a recorded follow-up choice have a known outcome "
            f"{w['step']} yet, so there is nothing to compare."
        )
    readings = ""
    if p_more_with is not None:
        readings = (
            f" In {format_pct(p_more_with)} of plausible readings of this log, advancing was more "
            "common with a follow-up (a model-based estimate of an association)."
        )
    if verdict == "not enough data":
        return (
            f"Only {c.with_.n:,} {w['things']} {w['with']} and {c.without.n:,} {w['without']} "
            "can be compared: not enough data for a conclusion (at least 5 in each group are "
            f"needed).{readings}"
        )
    numbers = (
        f"Of {c.with_.n:,} {w['things']} {w['with']}, {c.with_.k:,} {w['result']} "
        f"({format_pct(c.with_.rate)}, 95% CI {_ci(c.with_)}) vs {format_pct(c.without.rate)} of "
        f"{c.without.n:,} {w['without']} (95% CI {_ci(c.without)})."
    )
    p_text = f"p = {format_p(p_holm)}, adjusted for testing several steps"
    if design == "unadjusted":
        # why is the timing note's to say (it always goes with this sentence), not repeated
        verdict_text = "No clear conclusion can be drawn from it."
    elif verdict in ("higher", "lower"):
        verdict_text = (
            f"{w['action']} is associated with a {verdict} rate here ({p_text}), but this is "
            "not proof that it caused it."
        )
    else:
        lo = _points(c.diff_lo) if c.diff_lo is not None else "n/a"
        hi = _points(c.diff_hi) if c.diff_hi is not None else "n/a"
        verdict_text = (
            f"No clear difference in this data (difference {lo} to {hi} percentage points, "
            "95% interval" + (f"; {p_text}" if p_holm is not None else "") + ")."
        )
    return f"{numbers} {verdict_text}{readings}"


def _ratio(x: float) -> str:
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"


def cohort_sentence(
    touchpoint: str, verdict: str, stratified: Any, p_holm: float | None, *, design: str
) -> str:
    """The workshop's headline sentence for a step, from the within-participant comparison.

    ``stratified`` is an ``analysis.cohort.Stratified``; the sentence never says more than
    ``verdict``.

    Examples
    --------
    >>> from types import SimpleNamespace as S
    >>> s = S(pooled_or=2.5, lo=1.4, hi=4.46, cmh_p=0.002, strata_used=9, n_with=60,
    ...       n_without=80, one_direction=None, note="")
    >>> from textwrap import fill
    >>> print(fill(cohort_sentence("after_applying", "higher", s, 0.006, design="landmark"), 90))
    Within participants (9 compared; 60 applications with a follow-up, 80 without), the odds
    of an intro call with a follow-up were 2.50 times those without (95% CI 1.40–4.46; p =
    0.0060, adjusted for testing several steps): associated with a higher rate, not proof that
    it caused it.
    """
    if touchpoint not in _WORDS:
        raise ValueError(f"unknown touchpoint {touchpoint!r} (expected one of {', '.join(_WORDS)})")
    w = _WORDS[touchpoint]
    if verdict == "not tracked":
        return f"No participant's log records {w['untracked']}, so this step cannot be compared."
    s = stratified
    things = w["things"] if s.n_with != 1 else w["thing"]
    who = (
        f"Within participants ({s.strata_used:,} compared; {s.n_with:,} {things} with a "
        f"follow-up, {s.n_without:,} without)"
    )
    if verdict == "not enough data":
        return (
            f"{who}: not enough data for a conclusion (at least 5 in each group are needed "
            "among participants who have both)."
        )
    p_text = (
        f"p = {format_p(p_holm)}, adjusted for testing several steps"
        if p_holm is not None
        else f"p = {format_p(s.cmh_p)}"
    )
    if s.one_direction is not None:
        body = f"{who}: {s.note} ({p_text})"
    elif s.pooled_or is not None and s.lo is not None and s.hi is not None:
        body = (
            f"{who}, the odds of {_RESULT_NOUN[touchpoint]} with a follow-up were "
            f"{_ratio(s.pooled_or)} times those without (95% CI {_ratio(s.lo)}–{_ratio(s.hi)}; "
            f"{p_text})"
        )
    else:
        body = f"{who}, the odds ratio cannot be estimated ({p_text})"
    if design == "unadjusted":
        end = ": unadjusted — fast answers can bias this, so no clear conclusion."
    elif verdict in ("higher", "lower"):
        end = f": associated with a {verdict} rate, not proof that it caused it."
    else:
        end = ": no clear difference."
    return body.rstrip(".") + end


_RESULT_NOUN: dict[str, str] = {
    k: STAGE_PHRASES[tp.advanced_stage] for k, tp in TOUCHPOINTS.items()
}
