"""analysis.survival checked against statsmodels SurvfuncRight / survdiff on the raw durations."""

from __future__ import annotations

import copy
import datetime as dt

import numpy as np
import pandas as pd
import pytest
from statsmodels.duration.survfunc import SurvfuncRight, survdiff

from analysis.outcomes import resolve
from analysis.survival import response_curves, response_times
from data.schema import coerce_applications

AS_OF = dt.date(2026, 3, 1)
START = pd.Timestamp("2026-01-01")


def survival_at(sf, t: float) -> float:
    """S(t) of a statsmodels SurvfuncRight: its last step at or before t (1 before the first)."""
    before = sf.surv_times <= t
    return float(sf.surv_prob[before][-1]) if before.any() else 1.0


def table(days, events, followed):
    """One application per entry, applied on START; event -> responded `days` later, else
    pending."""
    applied = [START] * len(days)
    resp = [START + pd.Timedelta(days=d) if e else None for d, e in zip(days, events, strict=False)]
    return coerce_applications(
        pd.DataFrame(
            {
                "applied_on": applied,
                "responded_on": resp,
                "last_activity_on": [START + pd.Timedelta(days=d) for d in days],
                "stage_reached": ["applied"] * len(days),
                "outcome": ["rejected" if e else "pending" for e in events],
                "followup_after_apply": followed,
            }
        )
    )


# ties (several at day 5 and 9) and censoring (pending rows censored at as_of = day 59)
DAYS_F = [2, 5, 5, 5, 9, 9, 12, 20]
EV_F = [1, 1, 1, 0, 1, 1, 0, 1]
DAYS_N = [3, 5, 9, 9, 14, 30, 40, 45, 50]
EV_N = [1, 0, 1, 1, 0, 1, 1, 0, 0]
AS_OF_DAY = (pd.Timestamp(AS_OF) - START).days  # censored rows end at as_of


LANDMARK = 7  # the follow-up window after applying


def expected_times(days, events):
    return np.array(
        [d if e else AS_OF_DAY for d, e in zip(days, events, strict=False)], dtype=float
    )


def still_waiting(days, events):
    """(times, events) of the applications still waiting at the landmark (day 7)."""
    t = expected_times(days, events)
    keep = t > LANDMARK
    return t[keep], np.array(events)[keep]


@pytest.fixture
def km():
    t = table(DAYS_F + DAYS_N, EV_F + EV_N, [True] * len(DAYS_F) + [False] * len(DAYS_N))
    return response_curves(resolve(t, AS_OF, ghost_after_days=1000), AS_OF)


def test_km_matches_survfuncright(km):
    # landmark curves: only applications still waiting on day 7, from day 7
    assert km.landmark_days == LANDMARK
    # answered on days 2, 5, 5 (followed up) and 3 (not): not on the curves
    assert km.before_landmark == 4
    for g, d, e in (("followed up", DAYS_F, EV_F), ("not followed up", DAYS_N, EV_N)):
        t, ev = still_waiting(d, e)
        sf = SurvfuncRight(t, ev)
        c = km.curves[km.curves["group"] == g]
        # first point is the landmark with survival 1, then SurvfuncRight's steps
        assert c["day"].iloc[0] == LANDMARK and c["survival"].iloc[0] == 1.0
        np.testing.assert_allclose(c["day"].to_numpy()[1:], sf.surv_times)
        np.testing.assert_allclose(c["survival"].to_numpy()[1:], sf.surv_prob)
        np.testing.assert_allclose(c["at_risk"].to_numpy()[1:], sf.n_risk)
        assert ((c["lo"] <= c["survival"] + 1e-12) & (c["survival"] <= c["hi"] + 1e-12)).all()
        # answered by day 14 / 30 = 1 - S(t) (last step at or before t)
        assert km.answered_by_14[g] == pytest.approx(1 - survival_at(sf, 14))
        assert km.answered_by_30[g] == pytest.approx(1 - survival_at(sf, 30))
        assert km.n[g] == len(t) and km.events[g] == sum(ev)
        q = sf.quantile(0.5)
        if np.isnan(q):
            assert km.median_days[g] is None
        else:
            assert km.median_days[g] == pytest.approx(q)


def test_logrank_matches_survdiff(km):
    (tf, ef), (tn, en) = still_waiting(DAYS_F, EV_F), still_waiting(DAYS_N, EV_N)
    times = np.concatenate([tf, tn])
    status = np.concatenate([ef, en])
    group = np.array([1] * len(tf) + [0] * len(tn))
    _, p = survdiff(times, status, group)
    assert km.logrank_p == pytest.approx(p)


def test_median_none_when_not_reached():
    t = table([3, 10, 10, 10], [1, 0, 0, 0], [False] * 4)
    km = response_curves(resolve(t, AS_OF, ghost_after_days=1000), AS_OF)
    assert km.median_days["not followed up"] is None
    assert km.n["followed up"] == 0 and km.answered_by_14["followed up"] is None
    assert km.logrank_p is None


def test_left_out_and_censoring_rules():
    t = coerce_applications(
        pd.DataFrame(
            {
                "applied_on": ["2026-01-01", None, "2026-01-01", "2026-01-01", "2026-01-01"],
                "responded_on": ["2026-01-05", "2026-01-05", None, None, None],
                "stage_reached": ["applied", "applied", "applied", "applied", "applied"],
                "outcome": ["rejected", "rejected", "rejected", "withdrawn", "ghosted"],
                "outcome_on": [None, None, None, "2026-01-11", None],
                "followup_after_apply": [True, True, True, None, False],
            }
        )
    )
    r = resolve(t, AS_OF)
    rt = response_times(r, AS_OF)
    # no applied date -> left out; rejected without any date -> left out
    assert rt["usable"].tolist() == [True, False, False, True, True]
    assert rt.loc[0, "days"] == 4 and bool(rt.loc[0, "event"])
    assert rt.loc[3, "days"] == 10 and not bool(
        rt.loc[3, "event"]
    )  # withdrawn: censored at outcome_on
    assert rt.loc[4, "days"] == AS_OF_DAY and not bool(
        rt.loc[4, "event"]
    )  # ghosted: censored at as_of
    km = response_curves(r, AS_OF)
    assert km.left_out == 2 and km.untracked == 1


def test_curve_points_capped_for_many_distinct_days():
    n = 3000
    days = list(range(n))
    t = table(days, [1] * n, [False] * n)
    km = response_curves(
        resolve(t, dt.date(2035, 1, 1), ghost_after_days=100000), dt.date(2035, 1, 1)
    )
    assert len(km.curves) <= 400
    assert km.curves["survival"].is_monotonic_decreasing


def test_input_not_mutated():
    t = table(DAYS_F, EV_F, [True] * len(DAYS_F))
    r = resolve(t, AS_OF)
    before = copy.deepcopy(r)
    response_curves(r, AS_OF)
    pd.testing.assert_frame_equal(r, before)


def test_untracked_log_gets_one_overall_curve():
    t = table(DAYS_N, EV_N, [None] * len(DAYS_N))
    km = response_curves(resolve(t, AS_OF, ghost_after_days=1000), AS_OF)
    assert set(km.curves["group"]) == {"all applications"}
    sf = SurvfuncRight(expected_times(DAYS_N, EV_N), np.array(EV_N))
    c = km.curves[km.curves["group"] == "all applications"]
    np.testing.assert_allclose(c["survival"].to_numpy()[1:], sf.surv_prob)
    assert km.n["all applications"] == len(DAYS_N) == km.untracked
    assert km.n["followed up"] == 0 and km.logrank_p is None
    assert km.landmark_days is None  # nothing to split: one curve from day 0
    # as soon as some rows are tracked, no overall curve (the tracked one answered on day 30)
    t2 = table(DAYS_N, EV_N, [None] * 5 + [True] + [None] * (len(DAYS_N) - 6))
    km2 = response_curves(resolve(t2, AS_OF, ghost_after_days=1000), AS_OF)
    assert "all applications" not in km2.n and set(km2.curves["group"]) == {"followed up"}


def test_an_answer_without_a_date_is_left_out_of_the_times_not_counted_as_no_answer():
    apps = coerce_applications(
        pd.DataFrame(
            {
                "applied_on": ["2026-01-01"] * 3,
                "responded_on": ["2026-01-11", None, None],
                "responded": [None, True, None],
                "stage_reached": ["applied"] * 3,
                "outcome": ["pending"] * 3,
                "followup_after_apply": [True, True, False],
            }
        )
    )
    t = response_times(resolve(apps, dt.date(2026, 3, 1)), dt.date(2026, 3, 1))
    assert t["usable"].tolist() == [True, False, True]
    assert t.loc[t["usable"], "event"].tolist() == [True, False]
