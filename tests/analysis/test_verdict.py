"""analysis.verdict: the one verdict per step (landmark design, Holm, Beta-binomial)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from scipy.special import betaln
from scipy.stats import fisher_exact
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from analysis.findings import format_p
from analysis.outcomes import resolve
from analysis.verdict import (
    LANDMARK_DAYS,
    LEFT_OUT_LABELS,
    StepVerdict,
    prob_more_with,
    step_rows,
    step_verdicts,
    verdict_from_counts,
)
from data.schema import coerce_applications

AS_OF = dt.date(2026, 6, 30)
D0 = pd.Timestamp("2026-03-02")


def day(n: int | None) -> str | None:
    return None if n is None else (D0 + pd.Timedelta(days=n)).date().isoformat()


def applying_log(rows: list[tuple]) -> pd.DataFrame:
    """rows: (answer day or None, stage, outcome, followed (bool/None), follow-up day or None)."""
    ans, stage, outcome, fol, fu = zip(*rows, strict=True)
    return coerce_applications(
        pd.DataFrame(
            {
                "applied_on": [day(0)] * len(rows),
                "responded_on": [day(a) for a in ans],
                "stage_reached": list(stage),
                "outcome": list(outcome),
                "followup_after_apply": list(fol),
                "followup_after_apply_on": [day(f) for f in fu],
            }
        )
    )


# --------------------------------------------------------------------------- landmark counts
def test_landmark_counts_on_a_literal_table():
    rows = (
        [(3, "intro_call", "rejected", False, None)] * 4  # answered day 3 (< day 7): left out
        + [(7, "applied", "rejected", False, None)] * 2  # answered on the landmark: left out
        + [(20, "intro_call", "rejected", True, 7)] * 3  # followed up day 7, advanced: with
        + [(20, "applied", "rejected", True, 5)] * 2  # followed up day 5, not advanced: with
        + [(20, "intro_call", "rejected", True, 9)] * 1  # followed up after landmark: without
        + [(15, "applied", "rejected", False, None)] * 5  # waited, not followed: without
        + [(None, "applied", "ghosted", False, None)] * 2  # ghosted: waited, without
        + [(None, "applied", "pending", True, 8)] * 1  # still waiting: left out
        + [(12, "applied", "rejected", True, 12)] * 1  # follow-up on the answer day: left out
        + [(25, "applied", "rejected", None, None)] * 2  # flag not recorded: left out
    )
    r = resolve(applying_log(rows), dt.date.fromisoformat(day(28)))  # the pending row: 28 days
    s = step_rows(r, "after_applying")
    assert s.design == "landmark" and s.landmark_days == 7
    # with: 3 advanced of 5; without: 1 advanced (the day-9 follow-up) of 1 + 5 + 2 = 8
    assert s.counts() == (3, 5, 1, 8)
    assert s.left_out == {
        "answered_before_landmark": 6,
        "followed_up_after_answer": 1,
        "still_waiting": 1,
        "followup_not_recorded": 2,
    }
    # every row is either compared or left out with a reason
    fr = s.frame
    assert int(fr["arm"].notna().sum() + fr["reason"].notna().sum()) == len(rows)
    assert not (fr["arm"].notna() & fr["reason"].notna()).any()


def test_window_moves_the_landmark():
    rows = [(4, "intro_call", "rejected", False, None)] * 3 + [
        (9, "applied", "rejected", True, 3)
    ] * 2
    r = resolve(applying_log(rows), AS_OF)
    assert step_rows(r, "after_applying", window=7).left_out == {"answered_before_landmark": 3}
    assert step_rows(r, "after_applying", window=3).counts() == (0, 2, 3, 3)
    assert step_rows(r, "after_applying", window=9).left_out == {"answered_before_landmark": 5}


def test_undated_follow_ups_are_assumed_by_the_landmark():
    rows = [(20, "intro_call", "rejected", True, None)] * 2 + [
        (20, "applied", "rejected", False, None)
    ] * 2
    v = step_verdicts(resolve(applying_log(rows), AS_OF))["after_applying"]
    assert v.design == "assumed timing"
    assert (v.with_.n, v.without.n) == (2, 2)
    assert "assumed" in v.timing_note and "2 follow-ups have no date" in v.timing_note


def test_undated_answers_stay_in_and_are_counted():
    rows = (
        [(3, "intro_call", "rejected", False, None)] * 2
        + [(20, "applied", "rejected", True, 5)] * 2
        # rejected with no answer date: timing unknown, not early -> kept, counted
        + [(None, "applied", "rejected", False, None)] * 3
    )
    r = resolve(applying_log(rows), AS_OF)
    v = step_verdicts(r)["after_applying"]
    assert v.design == "landmark"
    assert (v.with_.n, v.without.n) == (2, 3)
    assert v.timing_unknown == 3
    assert "3 without an answer date stay in" in v.timing_note


def test_no_answer_dates_gives_unadjusted_and_no_strong_verdict():
    n = 40
    apps = coerce_applications(
        pd.DataFrame(
            {
                "stage_reached": ["intro_call"] * n + ["applied"] * n,
                "outcome": ["rejected"] * (2 * n),
                "followup_after_apply": [True] * n + [False] * n,
            }
        )
    )
    v = step_verdicts(resolve(apps, AS_OF))["after_applying"]
    assert v.design == "unadjusted"
    assert v.p_value is not None and v.p_value < 1e-10  # a huge raw difference …
    assert v.verdict == "no clear difference" and v.p_holm is None  # … but no verdict
    assert "Unadjusted — fast answers can bias this" in v.timing_note
    assert "No clear conclusion" in v.sentence and "fast answers" not in v.sentence


def test_heard_back_with_no_outcome_is_left_out_as_such_not_as_still_waiting():
    # 10 heard back (no stage, no outcome), 10 pending and recent, 20 ghosted; 8 advanced
    n_heard, n_wait, n_ghost = 10, 10, 20
    apps = coerce_applications(
        pd.DataFrame(
            {
                "applied_on": ["2026-03-01"] * (n_heard + n_ghost + 8) + ["2026-06-25"] * n_wait,
                "responded": [True] * n_heard + [None] * (n_ghost + 8 + n_wait),
                "stage_reached": ["applied"] * (n_heard + n_ghost)
                + ["intro_call"] * 8
                + ["applied"] * n_wait,
                "outcome": ["pending"] * (n_heard + n_ghost + 8 + n_wait),
                "followup_after_apply": [True, False] * 24,
            }
        )
    )
    v = step_verdicts(resolve(apps, AS_OF))["after_applying"]
    assert v.left_out == {"still_waiting": n_wait, "answer_not_said": n_heard}
    assert v.with_.n + v.without.n == n_ghost + 8
    assert LEFT_OUT_LABELS["answer_not_said"] == "heard back, but the log does not say with what"


def test_untracked_step():
    rows = [(20, "applied", "rejected", None, None)] * 6
    v = step_verdicts(resolve(applying_log(rows), AS_OF))["after_applying"]
    assert not v.tracked and v.verdict == "not tracked" and v.left_out == {}
    assert "does not record" in v.sentence
    # nothing compared, nothing to say about timing (the log does have answer dates: the
    # note used to claim it had none)
    assert v.timing_note == ""


def test_later_steps_use_their_own_answer_dates():
    # intro call on day 10; window 3 -> landmark day 13
    apps = coerce_applications(
        pd.DataFrame(
            {
                "applied_on": [day(0)] * 4,
                "intro_call_on": [day(10)] * 4,
                "interview_on": [day(12), day(20), None, None],
                "stage_reached": ["interview", "interview", "intro_call", "intro_call"],
                "outcome": ["rejected", "rejected", "rejected", "rejected"],
                "outcome_on": [day(30), day(30), day(13), day(25)],
                "followup_after_intro": [False, True, True, False],
            }
        )
    )
    s = step_rows(resolve(apps, AS_OF), "after_intro_call")
    # row 0 invited day 12, row 2 rejected day 13 (on the landmark): both left out
    assert s.left_out == {"answered_before_landmark": 2}
    assert s.counts() == (1, 1, 0, 1)
    assert s.design == "assumed timing"  # the log has no date for this follow-up


# --------------------------------------------------------------------------- statistics
def test_numbers_match_scipy_and_statsmodels():
    v = verdict_from_counts("after_applying", 14, 30, 6, 31)
    assert (v.with_.k, v.with_.n, v.without.k, v.without.n) == (14, 30, 6, 31)
    assert v.p_value == pytest.approx(fisher_exact([[14, 16], [6, 25]]).pvalue)
    lo, hi = confint_proportions_2indep(14, 30, 6, 31, method="newcomb", compare="diff")
    assert (v.diff_lo, v.diff_hi) == (pytest.approx(lo), pytest.approx(hi))
    wlo, whi = proportion_confint(14, 30, method="wilson")
    assert (v.with_.lo, v.with_.hi) == (pytest.approx(wlo), pytest.approx(whi))
    assert v.difference == pytest.approx(14 / 30 - 6 / 31)


def test_holm_across_the_three_steps_matches_statsmodels():
    n = 30
    cells = {  # touchpoint -> (k_with, k_without) of 30 each, all dated, answers after day 20
        "after_applying": (20, 8),
        "after_intro_call": (18, 9),
        "after_interview": (16, 12),
    }
    frames = []
    for tp, (kw, kwo) in cells.items():
        stage_at = {"after_applying": 0, "after_intro_call": 1, "after_interview": 2}[tp]
        stages = ["applied", "intro_call", "interview", "offer"]
        for followed, k in ((True, kw), (False, kwo)):
            frames.append(
                pd.DataFrame(
                    {
                        "applied_on": [day(0)] * n,
                        "responded_on": [day(20)] * n,
                        "intro_call_on": [day(20) if stage_at >= 1 else None] * n,
                        "interview_on": [day(40) if stage_at >= 2 else None] * n,
                        "offer_on": [None] * n,
                        "stage_reached": [stages[stage_at + 1]] * k + [stages[stage_at]] * (n - k),
                        "outcome": ["rejected"] * n,
                        "outcome_on": [day(60)] * n,
                        "followup_after_apply": [followed if stage_at == 0 else None] * n,
                        "followup_after_apply_on": [day(5) if followed and stage_at == 0 else None]
                        * n,
                        "followup_after_intro": [followed if stage_at == 1 else None] * n,
                        "thank_you_after_interview": [followed if stage_at == 2 else None] * n,
                    }
                )
            )
    apps = coerce_applications(pd.concat(frames, ignore_index=True))
    # set the offer date for the advanced interview rows
    adv = (apps["stage_reached"].astype(str) == "offer").to_numpy()
    apps.loc[adv, "offer_on"] = D0 + pd.Timedelta(days=60)
    vs = step_verdicts(resolve(apps, AS_OF))
    raw = []
    for tp, (kw, kwo) in cells.items():
        assert (vs[tp].with_.k, vs[tp].with_.n, vs[tp].without.k, vs[tp].without.n) == (
            kw,
            n,
            kwo,
            n,
        ), tp
        raw.append(fisher_exact([[kw, n - kw], [kwo, n - kwo]]).pvalue)
    expected = multipletests(raw, method="holm")[1]
    for tp, p in zip(cells, expected, strict=True):
        assert vs[tp].p_holm == pytest.approx(p)
        word = "no clear difference" if p >= 0.05 else "higher"
        assert vs[tp].verdict == word


def test_verdict_word_rules():
    assert verdict_from_counts("after_applying", 4, 4, 0, 40).verdict == "not enough data"
    assert verdict_from_counts("after_applying", 30, 40, 5, 40).verdict == "higher"
    assert verdict_from_counts("after_applying", 5, 40, 30, 40).verdict == "lower"
    assert verdict_from_counts("after_applying", 10, 40, 9, 40).verdict == "no clear difference"
    # a raw p below 0.05 that Holm lifts above it: no verdict
    v = verdict_from_counts("after_applying", 16, 30, 7, 30, p_holm=0.09)
    assert v.p_value < 0.05 and v.verdict == "no clear difference"
    assert "p = 0.090" in v.sentence


def _evan_miller(a_b: int, b_b: int, a_a: int, b_a: int) -> float:
    """P(p_B > p_A), closed form for integer Beta parameters (Evan Miller, "Formulas for
    Bayesian A/B Testing", 2015)."""
    return sum(
        math.exp(
            betaln(a_a + i, b_a + b_b) - math.log(b_b + i) - betaln(1 + i, b_b) - betaln(a_a, b_a)
        )
        for i in range(a_b)
    )


@pytest.mark.parametrize(
    "k1,n1,k2,n2", [(1, 1, 0, 1), (3, 5, 1, 5), (12, 40, 18, 120), (0, 7, 2, 9), (90, 400, 70, 380)]
)
def test_prob_more_with_matches_the_closed_form(k1, n1, k2, n2):
    expected = _evan_miller(1 + k1, 1 + n1 - k1, 1 + k2, 1 + n2 - k2)
    assert prob_more_with(k1, n1, k2, n2) == pytest.approx(expected, abs=1e-7)


@pytest.mark.parametrize(
    "never,varies",
    [((0, 16, 0, 39), (1, 16, 0, 39)), ((5, 5, 9, 9), (5, 5, 8, 9)), ((0, 1, 0, 1), (0, 1, 1, 1))],
)
def test_prob_more_with_says_nothing_when_the_outcome_never_varies(never, varies):
    # all advanced or none did, in both arms: the share would only reflect the arms' sizes
    assert prob_more_with(*never) is None
    assert prob_more_with(*varies) is not None


def test_prob_more_with_simple_values_and_monte_carlo():
    assert prob_more_with(1, 1, 0, 1) == pytest.approx(5 / 6)  # Beta(2,1) vs Beta(1,2)
    assert prob_more_with(3, 6, 3, 6) == pytest.approx(0.5)
    rng = np.random.default_rng(7)
    x = rng.beta(1 + 6, 1 + 4, 400_000)
    y = rng.beta(1 + 2, 1 + 8, 400_000)
    assert prob_more_with(6, 10, 2, 10) == pytest.approx(float((x > y).mean()), abs=0.003)


def test_format_p_everywhere():
    assert format_p(0.0) == "< 0.001"
    assert format_p(6.5e-20) == "< 0.001"
    assert format_p(0.000999) == "< 0.001"
    assert format_p(0.001) == "0.0010"
    assert format_p(0.012345) == "0.012"
    assert format_p(0.5) == "0.50"
    assert format_p(0.999) == "1.0"
    assert format_p(None) == "n/a" and format_p(float("nan")) == "n/a"
    with pytest.raises(ValueError, match="between 0 and 1"):
        format_p(1.5)


def test_input_never_mutated_and_bad_input_is_a_clear_error():
    rows = [(20, "applied", "rejected", True, 5)] * 3
    r = resolve(applying_log(rows), AS_OF)
    before = r.copy()
    step_verdicts(r)
    pd.testing.assert_frame_equal(r, before)
    with pytest.raises(ValueError, match="analysis.outcomes.resolve"):
        step_verdicts(pd.DataFrame({"a": [1]}))
    with pytest.raises(ValueError, match="unknown touchpoint"):
        step_verdicts(r, windows={"after_lunch": 3})


def test_every_step_is_a_stepverdict_in_order():
    r = resolve(applying_log([(20, "applied", "rejected", True, 5)]), AS_OF)
    vs = step_verdicts(r)
    assert list(vs) == list(LANDMARK_DAYS)
    assert all(isinstance(v, StepVerdict) for v in vs.values())
    assert vs["after_applying"].landmark_days == 7
    assert step_verdicts(r, windows={"after_applying": 10})["after_applying"].landmark_days == 10
