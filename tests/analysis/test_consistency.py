"""analysis.consistency: per participant, weekly activity, streaks."""

from __future__ import annotations

import copy
import datetime as dt

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from analysis.consistency import current_streak, per_participant, week_start, weekly_activity
from analysis.outcomes import resolve
from data.schema import coerce_applications

AS_OF = dt.date(2026, 6, 30)


def test_per_participant_counts_and_wilson():
    t = coerce_applications(
        pd.DataFrame(
            {
                "participant": ["A", "A", "A", "B", None],
                "applied_on": ["2026-06-01"] * 5,
                "stage_reached": ["interview", "applied", "applied", "intro_call", "applied"],
                "outcome": ["rejected", "rejected", "pending", "pending", "ghosted"],
                "followup_after_apply": [True, False, True, None, None],
                "followup_after_intro": [True, None, None, None, None],
                "thank_you_after_interview": [False, None, None, None, None],
                "followups": [None, 4, None, None, None],
            }
        )
    )
    p = per_participant(resolve(t, AS_OF)).set_index("participant")
    assert list(p.index) == ["(no participant)", "A", "B"]
    a = p.loc["A"]
    # A: row0 eligible for 3 touchpoints, all tracked, followed 2; row1 tracked 1, followed 0; row2
    # tracked 1 followed 1
    assert (a["touchpoints_tracked"], a["touchpoints_followed"]) == (5, 3)
    lo, hi = proportion_confint(3, 5, method="wilson")
    assert a["consistency"] == pytest.approx(0.6) and a["consistency_lo"] == pytest.approx(lo)
    assert a["consistency_hi"] == pytest.approx(hi)
    # followups: row0 flags 2, row1 column 4, row2 flag 1 -> 7 over 3 applications
    assert a["followups"] == 7 and a["followups_per_application"] == pytest.approx(7 / 3)
    # known first answer: row0 (advanced), row1 (rejected); row2 pending -> 2; responses 2;
    # interviews 1
    assert (a["known"], a["responses"], a["interviews"]) == (2, 2, 1)
    assert a["interview_rate"] == pytest.approx(0.5)
    b = p.loc["B"]
    assert b["touchpoints_tracked"] == 0 and pd.isna(b["consistency"])
    u = p.loc["(no participant)"]
    assert (u["known"], u["responses"]) == (1, 0) and u["response_rate"] == 0.0


def test_week_start_is_monday():
    s = pd.Series(pd.to_datetime(["2026-01-04", "2026-01-05", "2026-01-11", "1969-12-31"]))
    assert week_start(s).dt.strftime("%Y-%m-%d").tolist() == [
        "2025-12-29",
        "2026-01-05",
        "2026-01-05",
        "1969-12-29",
    ]
    assert (week_start(s).dt.day_of_week == 0).all()


def test_weekly_activity_with_gaps_and_followup_dates():
    t = coerce_applications(
        pd.DataFrame(
            {
                "applied_on": ["2026-01-05", "2026-01-07", "2026-01-28", None],
                "followup_after_apply": [True, False, True, True],
                "followup_after_apply_on": ["2026-01-13", None, None, None],
                "thank_you_after_interview": [None, True, None, None],
                "interview_on": [None, "2026-01-21", None, None],
                "followups": [3, None, None, None],
            }
        )
    )
    w = weekly_activity(t)
    assert w["week_start"].dt.strftime("%m-%d").tolist() == ["01-05", "01-12", "01-19", "01-26"]
    assert w["applications"].tolist() == [2, 0, 0, 1]
    # row0: one follow-up dated 01-13 (week 01-12), 2 more from followups=3 at its application week
    # row1: thank-you at the interview week (01-19); row2: undated follow-up at its application week
    assert w["followups"].tolist() == [2, 1, 1, 1]


def test_weekly_activity_empty():
    w = weekly_activity(coerce_applications(pd.DataFrame({"company": ["x"]})))
    assert list(w.columns) == ["week_start", "applications", "followups"] and len(w) == 0


def weekly(counts, first="2026-01-05"):
    return pd.DataFrame(
        {
            "week_start": pd.date_range(first, periods=len(counts), freq="7D"),
            "applications": counts,
            "followups": [0] * len(counts),
        }
    )


@pytest.mark.parametrize(
    "counts,as_of,goal,expected",
    [
        ([5, 5, 5], dt.date(2026, 1, 21), 5, 3),  # current week already met
        ([5, 5, 2], dt.date(2026, 1, 21), 5, 2),  # current week unfinished: does not break
        ([5, 1, 5, 2], dt.date(2026, 1, 28), 5, 1),  # gap breaks the run
        ([5, 5], dt.date(2026, 2, 9), 5, 0),  # weeks after the table count as zero
        ([5, 5, 5, 5], dt.date(2026, 1, 13), 5, 2),  # weeks after as_of ignored
        ([0, 0], dt.date(2026, 1, 13), 1, 0),
    ],
)
def test_current_streak(counts, as_of, goal, expected):
    assert current_streak(weekly(counts), goal, as_of) == expected


def test_current_streak_on_followups_and_bad_goal():
    w = weekly([1, 1]).assign(followups=[3, 3])
    assert current_streak(w, 3, dt.date(2026, 1, 14), column="followups") == 2
    with pytest.raises(ValueError, match="goal"):
        current_streak(w, 0, dt.date(2026, 1, 14))


def test_inputs_not_mutated():
    t = coerce_applications(
        pd.DataFrame(
            {
                "participant": ["A"],
                "applied_on": ["2026-01-05"],
                "stage_reached": ["applied"],
                "outcome": ["pending"],
            }
        )
    )
    r = resolve(t, AS_OF)
    before = copy.deepcopy(r)
    per_participant(r)
    w = weekly_activity(r)
    wb = copy.deepcopy(w)
    current_streak(w, 1, AS_OF)
    pd.testing.assert_frame_equal(r, before)
    pd.testing.assert_frame_equal(w, wb)
