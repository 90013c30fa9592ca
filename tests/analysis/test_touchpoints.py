"""analysis.touchpoints: follow-up rates, timeliness and the with/without comparison."""

from __future__ import annotations

import copy
import datetime as dt

import pandas as pd
import pytest
from scipy.stats import fisher_exact
from statsmodels.stats.proportion import proportion_confint

from analysis.outcomes import resolve
from analysis.touchpoints import compare_touchpoints, followup_rates, touchpoint_counts
from data.schema import coerce_applications

AS_OF = dt.date(2026, 6, 30)


def build(rows):
    """rows: list of (stage, outcome, followup_after_apply, followup_after_intro, thank_you)."""
    stage, outcome, fa, fi, ty = zip(*rows, strict=False)
    return coerce_applications(
        pd.DataFrame(
            {
                "applied_on": ["2026-06-01"] * len(rows),
                "stage_reached": list(stage),
                "outcome": list(outcome),
                "followup_after_apply": list(fa),
                "followup_after_intro": list(fi),
                "thank_you_after_interview": list(ty),
            }
        )
    )


def test_comparison_counts_and_stats():
    rows = (
        [("intro_call", "rejected", True, None, None)] * 6  # followed, advanced
        + [("applied", "rejected", True, None, None)] * 4  # followed, not advanced
        + [("applied", "pending", True, None, None)] * 3  # pending: censored, excluded
        + [("intro_call", "rejected", False, None, None)] * 2  # not followed, advanced
        + [("applied", "ghosted", False, None, None)]
        * 8  # not followed, ghosted = known, not advanced
        + [("applied", "withdrawn", False, None, None)] * 2  # withdrew: excluded
        + [("applied", "rejected", None, None, None)] * 5  # not tracked: neither arm
    )
    r = resolve(build(rows), AS_OF)
    c = compare_touchpoints(r)["after_applying"]
    assert (c.with_.k, c.with_.n, c.without.k, c.without.n) == (6, 10, 2, 10)
    assert c.p_value == pytest.approx(fisher_exact([[6, 4], [2, 8]]).pvalue)
    lo, hi = proportion_confint(6, 10, method="wilson")
    assert (c.with_.lo, c.with_.hi) == (pytest.approx(lo), pytest.approx(hi))
    counts = touchpoint_counts(r).set_index("touchpoint")
    # eligible = eligible with known outcome (tracked or not): 10 + 10 + 5 untracked
    assert counts.loc["after_applying", "eligible"] == 25
    # intro call step: 8 reached intro_call, rejected there -> known, not advanced, flags untracked
    assert counts.loc["after_intro_call", "eligible"] == 8
    assert not counts.loc["after_intro_call", "tracked"]
    ci = compare_touchpoints(r)["after_intro_call"]
    assert ci.with_.n == 0 and ci.without.n == 0 and ci.p_value is None


def test_timing_rule_moves_late_followup_to_without_arm():
    t = coerce_applications(
        pd.DataFrame(
            {
                "applied_on": ["2026-05-01"] * 2,
                "responded_on": ["2026-05-10"] * 2,
                "stage_reached": ["applied"] * 2,
                "outcome": ["rejected"] * 2,
                "followup_after_apply": [True, True],
                "followup_after_apply_on": ["2026-05-05", "2026-05-11"],
            }
        )
    )
    c = compare_touchpoints(resolve(t, AS_OF))["after_applying"]
    assert (c.with_.n, c.without.n) == (1, 1)


def test_followup_rates_wilson_and_tracked():
    rows = (
        [("applied", "pending", True, None, None)] * 3
        + [("applied", "pending", False, None, None)] * 7
        + [("interview", "pending", True, True, None)] * 2
    )
    r = resolve(build(rows), AS_OF)
    t = followup_rates(r).set_index("touchpoint")
    lo, hi = proportion_confint(5, 12, method="wilson")
    assert t.loc["after_applying", "eligible"] == 12 and t.loc["after_applying", "followed_up"] == 5
    assert t.loc["after_applying", "rate"] == pytest.approx(5 / 12)
    assert t.loc["after_applying", "lo"] == pytest.approx(lo) and t.loc[
        "after_applying", "hi"
    ] == pytest.approx(hi)
    assert bool(t.loc["after_intro_call", "tracked"]) and t.loc["after_intro_call", "eligible"] == 2
    assert not bool(t.loc["after_interview", "tracked"])
    assert t.loc["after_interview", "eligible"] == 0 and pd.isna(t.loc["after_interview", "rate"])
    assert t.loc["after_interview", "eligible_all"] == 2
    assert list(t["label"]) and t.loc["after_applying", "label"].startswith("Follow-up")


def test_timeliness_window():
    t = coerce_applications(
        pd.DataFrame(
            {
                "applied_on": ["2026-06-01"] * 4,
                "stage_reached": ["applied"] * 4,
                "outcome": ["pending"] * 4,
                "followup_after_apply": [True, True, True, False],
                "followup_after_apply_on": [
                    "2026-06-08",
                    "2026-06-09",
                    None,
                    None,
                ],  # 7 days, 8 days, undated
            }
        )
    )
    r = resolve(t, dt.date(2026, 6, 20))
    row = followup_rates(r).set_index("touchpoint").loc["after_applying"]
    assert row["timely_n"] == 2 and row["timely_k"] == 1 and row["timely"] == pytest.approx(0.5)
    row = (
        followup_rates(r, windows={"after_applying": 8})
        .set_index("touchpoint")
        .loc["after_applying"]
    )
    assert row["timely"] == pytest.approx(1.0) and row["window_days"] == 8
    with pytest.raises(ValueError, match="unknown touchpoint"):
        followup_rates(r, windows={"after_lunch": 3})


def test_not_resolved_input_rejected():
    with pytest.raises(ValueError, match="resolve"):
        followup_rates(coerce_applications(pd.DataFrame({"stage_reached": ["applied"]})))


def test_inputs_not_mutated():
    rows = [
        ("intro_call", "rejected", True, False, None),
        ("applied", "rejected", False, None, None),
    ]
    r = resolve(build(rows), AS_OF)
    before = copy.deepcopy(r)
    followup_rates(r)
    compare_touchpoints(r)
    pd.testing.assert_frame_equal(r, before)


def test_timeliness_counts_only_follow_ups_that_count_for_the_step():
    # A: followed up 3 days after applying (timely), answered later.
    # B: followed up 12 days after applying (late), answered later.
    # C: "followed up" 2 days after the rejection: not a follow-up for this step, so not timed
    # either.
    apps = coerce_applications(
        pd.DataFrame(
            {
                "applied_on": ["2026-01-01", "2026-01-01", "2026-01-01"],
                "followup_after_apply": [True, True, True],
                "followup_after_apply_on": ["2026-01-04", "2026-01-13", "2026-01-12"],
                "responded_on": ["2026-01-20", "2026-01-25", "2026-01-10"],
                "stage_reached": ["intro_call", "applied", "applied"],
                "outcome": ["rejected", "rejected", "rejected"],
                "outcome_on": ["2026-01-30", "2026-01-25", "2026-01-10"],
            }
        )
    )
    row = (
        followup_rates(resolve(apps, dt.date(2026, 3, 1)))
        .set_index("touchpoint")
        .loc["after_applying"]
    )
    assert (row["followed_up"], row["eligible"]) == (2, 3)
    assert (row["timely_k"], row["timely_n"]) == (1, 2)
    assert row["timely"] == pytest.approx(0.5)
