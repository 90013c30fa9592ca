"""Response definitions, rates and what a log records (analysis.responses), hand-built tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from analysis.outcomes import funnel, resolve
from analysis.responses import (
    at_stage,
    has_dates,
    latest_logged_date,
    responded,
    response_breakdown,
    response_counts,
    response_known,
    tracks_answers,
)
from data.schema import coerce_applications


def _apps(stages, outcomes, **extra):
    return coerce_applications(
        pd.DataFrame({"stage_reached": stages, "outcome": outcomes, **extra})
    )


def test_response_counts_leave_pending_out():
    t = _apps(
        ["applied", "applied", "intro_call", "applied", "applied"],
        ["pending", "ghosted", "pending", "withdrawn", "rejected"],
    )
    # intro call + rejection answered; ghosted known; pending and withdrawn censored
    assert response_counts(t) == (2, 3)


def test_response_breakdown_rates_ci_and_min_n():
    t = _apps(
        ["intro_call", "applied", "applied", "applied", "interview", "interview", "applied"],
        ["pending", "ghosted", "ghosted", "rejected", "rejected", "pending", "ghosted"],
        company=["B", "B", "B", "A", "A", "A", "C"],
    )
    out = response_breakdown(t, "company", min_n=2)
    assert out["group"].tolist() == ["A", "B"]  # C has one known answer only
    assert out["answered"].tolist() == [3, 1] and out["known"].tolist() == [3, 3]
    lo, hi = proportion_confint(1, 3, method="wilson")
    assert out.loc[1, "lo"] == pytest.approx(lo) and out.loc[1, "hi"] == pytest.approx(hi)


def test_response_breakdown_unknown_column_raises():
    with pytest.raises(ValueError, match="no column"):
        response_breakdown(_apps(["applied"], ["pending"]), "nope")


def test_inputs_not_mutated():
    t = _apps(["applied", "interview"], ["ghosted", "offer"], company=["A", "A"])
    before = t.copy()
    responded(t)
    response_known(t)
    response_breakdown(t, "company", min_n=1)
    pd.testing.assert_frame_equal(t, before)


def test_an_offer_or_a_dated_response_is_an_answer_even_at_applied():
    t = _apps(
        ["applied", "applied", "applied"],
        ["offer", "pending", "withdrawn"],
        responded_on=[None, "2026-01-09", None],
    )
    assert responded(t).tolist() == [True, True, False]
    assert response_known(t).tolist() == [True, True, False]  # a withdrawal before any answer


def test_at_stage_rows_match_the_funnel_bars():
    t = _apps(
        ["applied", "intro_call", "interview", "offer", "applied", "interview"],
        ["pending", "rejected", "rejected", "offer", "ghosted", "pending"],
    )
    r = resolve(t, dt.date(2026, 6, 1))
    f = funnel(r)
    for stage, reached in zip(f["stage"], f["reached"], strict=False):
        assert len(at_stage(r, stage)) == reached, stage
    assert len(at_stage(r, "interview")) == 3
    assert set(at_stage(r, "interview")["stage_reached"].astype(str)) == {"interview", "offer"}
    assert len(at_stage(r, "no such stage")) == 0


def test_tracks_answers_and_dates():
    no_status = _apps(
        ["applied", "applied"], ["pending", "pending"], applied_on=["2026-01-05", "2026-01-09"]
    )
    assert not has_dates(_apps(["applied"], ["pending"]))
    assert not tracks_answers(no_status, {"company", "applied_on", "ignore"})
    assert tracks_answers(no_status, {"company", "status"})
    assert tracks_answers(_apps(["applied", "interview"], ["pending", "pending"]), set())
    assert has_dates(no_status) and str(latest_logged_date(no_status)) == "2026-01-09"


def test_old_log_is_recognised():
    from analysis.responses import STALE_LOG_DAYS, stale_log

    t = pd.DataFrame(
        {
            "applied_on": pd.to_datetime(["2024-01-11", "2024-03-13"]),
            "responded_on": pd.to_datetime([None, "2024-03-20"]),
        }
    )
    today = dt.date(2026, 11, 25)
    assert stale_log(t, today) == dt.date(2024, 3, 20)  # latest date anywhere in the log
    recent = dt.date(2024, 3, 20) + dt.timedelta(days=STALE_LOG_DAYS)
    assert stale_log(t, recent) is None  # a log kept until recently: nothing to say
    assert stale_log(pd.DataFrame({"applied_on": pd.to_datetime([None])}), today) is None
    future = pd.DataFrame({"applied_on": pd.to_datetime(["2031-01-01"])})  # a typo in the future
    assert stale_log(future, today) is None


def _heard_back_log() -> pd.DataFrame:
    """Four applications from 2026-01-01 with no status: the log says whether they heard
    back (yes, no, not said, yes)."""
    return coerce_applications(
        pd.DataFrame(
            {
                "company": ["A", "B", "C", "D"],
                "applied_on": ["2026-01-01"] * 4,
                "responded": [True, False, None, True],
                "stage_reached": ["applied"] * 4,
                "outcome": ["pending"] * 4,
            }
        )
    )


def test_heard_back_without_a_date_is_an_answer_and_never_ghosted():
    r = resolve(_heard_back_log(), dt.date(2026, 6, 1))
    assert r["outcome"].astype(str).tolist() == ["pending", "ghosted", "ghosted", "pending"]
    assert responded(r).tolist() == [True, False, False, True]
    assert response_known(r).tolist() == [True, True, True, True]
    assert response_counts(r) == (2, 4)


def test_heard_back_counts_only_once_the_application_was_made():
    r = resolve(_heard_back_log(), dt.date(2025, 12, 1))  # as of before every application
    assert responded(r).tolist() == [False] * 4
    assert response_counts(r) == (0, 0)
