"""Plain-language findings: one honest sentence (or two) per touchpoint, from the numbers.

Wording depends on the evidence: not tracked, not enough data (fewer than ``min_n`` in an
arm), an interval for the difference that includes zero ("no clear difference"), clearly
higher, clearly lower. Comparisons are always "associated with"; the only use of the word
"caused" is in "not proof that it caused it".

Examples
--------
>>> from analysis.stats import compare
>>> print(touchpoint_finding("after_applying", compare(12, 40, 18, 120)))
Of 40 applications you followed up, 12 got an intro call (30%, 95% CI 18–45%) vs 15% of 120 you didn't (95% CI 10–22%). Following up is associated with a higher rate here, but this is not proof that it caused it.
"""

from __future__ import annotations

import math

from analysis.stats import Comparison, Rate

__all__ = ["touchpoint_finding", "format_pct"]

# touchpoint -> (things, with phrase, result phrase, without phrase, action for the verdict, step)
_WORDS: dict[str, dict[str, str]] = {
    "after_applying": {
        "things": "applications",
        "with": "you followed up",
        "result": "got an intro call",
        "without": "you didn't",
        "action": "Following up",
        "step": "after applying",
        "untracked": "whether you followed up after applying",
    },
    "after_intro_call": {
        "things": "intro calls",
        "with": "you followed up",
        "result": "led to an interview",
        "without": "you didn't",
        "action": "Following up after the intro call",
        "step": "after the intro call",
        "untracked": "whether you followed up after intro calls",
    },
    "after_interview": {
        "things": "interviews",
        "with": "you sent a thank-you note for",
        "result": "led to an offer",
        "without": "without one",
        "action": "Sending a thank-you note",
        "step": "after the interview",
        "untracked": "whether you sent thank-you notes after interviews",
    },
}


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
    >>> from analysis.stats import compare
    >>> touchpoint_finding("after_interview", compare(0, 0, 0, 0), tracked=False)
    'Your log does not record whether you sent thank-you notes after interviews, so this step cannot be compared.'
    >>> print(touchpoint_finding("after_intro_call", compare(2, 3, 1, 9)))
    Only 3 intro calls you followed up and 9 you didn't have a known outcome: not enough data to compare (at least 5 in each group are needed).
    """
    if touchpoint not in _WORDS:
        raise ValueError(f"unknown touchpoint {touchpoint!r} (expected one of {', '.join(_WORDS)})")
    w = _WORDS[touchpoint]
    c = comparison
    if tracked is False:
        return f"Your log does not record {w['untracked']}, so this step cannot be compared."
    if c.with_.n == 0 and c.without.n == 0:
        return (
            f"No {w['things']} with a recorded follow-up choice have a known outcome {w['step']} yet, "
            "so there is nothing to compare."
        )
    if not c.enough_data:
        return (
            f"Only {c.with_.n:,} {w['things']} {w['with']} and {c.without.n:,} {w['without']} have a known "
            "outcome: not enough data to compare (at least 5 in each group are needed)."
        )
    numbers = (
        f"Of {c.with_.n:,} {w['things']} {w['with']}, {c.with_.k:,} {w['result']} "
        f"({format_pct(c.with_.rate)}, 95% CI {_ci(c.with_)}) vs {format_pct(c.without.rate)} of "
        f"{c.without.n:,} {w['without']} (95% CI {_ci(c.without)})."
    )
    if c.diff_lo is not None and c.diff_lo > 0:
        verdict = f"{w['action']} is associated with a higher rate here, but this is not proof that it caused it."
    elif c.diff_hi is not None and c.diff_hi < 0:
        verdict = f"{w['action']} is associated with a lower rate here, but this is not proof that it caused it."
    else:
        lo = _points(c.diff_lo) if c.diff_lo is not None else "n/a"
        hi = _points(c.diff_hi) if c.diff_hi is not None else "n/a"
        verdict = (
            f"The 95% interval of the difference ({lo} to {hi} percentage points) includes zero: "
            "no clear difference in this data."
        )
    return f"{numbers} {verdict}"
