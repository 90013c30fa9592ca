"""Invariants of the analysis on random tables (hypothesis) and on the published real logs."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.consistency import per_participant, weekly_activity
from analysis.outcomes import resolve
from analysis.reminders import due_followups
from analysis.summary import summarize
from analysis.survival import response_curves
from analysis.touchpoints import compare_touchpoints, followup_rates
from data.schema import (
    OUTCOMES,
    STAGES,
    TOUCHPOINTS,
    ImportReport,
    ImportResult,
    coerce_applications,
)

AS_OF = dt.date(2026, 6, 30)
REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "realworld"

dates = st.one_of(
    st.none(), st.dates(dt.date(2025, 12, 1), dt.date(2026, 7, 15)).map(lambda d: d.isoformat())
)
flags = st.one_of(st.none(), st.booleans())
SPEC = {
    "participant": st.one_of(st.none(), st.sampled_from(["A", "B", "C"])),
    "applied_on": dates,
    "responded_on": dates,
    "intro_call_on": dates,
    "interview_on": dates,
    "followup_after_apply": flags,
    "followup_after_apply_on": dates,
    "followup_after_intro": flags,
    "thank_you_after_interview": flags,
    "followups": st.one_of(st.none(), st.integers(0, 4)),
    "stage_reached": st.one_of(st.none(), st.sampled_from(STAGES)),
    "outcome": st.one_of(st.none(), st.sampled_from(OUTCOMES)),
    "outcome_on": dates,
}
COLUMNS = list(SPEC)
row = st.fixed_dictionaries(SPEC)


def frame(rows):
    df = pd.DataFrame(rows, columns=COLUMNS) if rows else pd.DataFrame(columns=COLUMNS)
    df["followups"] = df["followups"].astype("Int64")
    for c in ("followup_after_apply", "followup_after_intro", "thank_you_after_interview"):
        df[c] = df[c].astype("boolean")
    return coerce_applications(df)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row, max_size=25), st.integers(0, 60))
def test_invariants_on_random_tables(rows, ghost_days):
    apps = frame(rows)
    before = copy.deepcopy(apps)
    r = resolve(apps, AS_OF, ghost_after_days=ghost_days)
    pd.testing.assert_frame_equal(apps, before)
    assert len(r) == len(apps)
    for tp in TOUCHPOINTS:
        el, kn, adv = r[f"eligible_{tp}"], r[f"known_{tp}"], r[f"advanced_{tp}"]
        assert not (adv & ~kn).any() and not (kn & ~el).any()
        # pending and withdrawn rows are never a known "no" at their own stage
        no = kn & ~adv
        assert r.loc[no, "outcome"].astype(str).isin(["rejected", "ghosted"]).all()
    comps = compare_touchpoints(r)
    rates = followup_rates(r).set_index("touchpoint")
    for tp, c in comps.items():
        assert c.with_.n + c.without.n <= int(r[f"known_{tp}"].sum())
        assert c.with_.n <= rates.loc[tp, "followed_up"]
        assert c.without.n <= rates.loc[tp, "eligible"] - rates.loc[tp, "followed_up"]
    s = summarize(
        ImportResult(apps, ImportReport(rows_read=len(apps), rows_analysed=len(apps))),
        AS_OF,
        ghost_days,
    )
    json.dumps(s, allow_nan=False)
    assert sum(s["outcomes"].values()) == s["applications"] == len(apps)
    reached = list(s["reached"].values())
    assert reached == sorted(reached, reverse=True)
    p = per_participant(r)
    assert p["applications"].sum() == len(apps)
    w = weekly_activity(r)
    # applications dated after the as-of date are not counted (events after as-of are ignored)
    assert w["applications"].sum() == (apps["applied_on"] <= pd.Timestamp(AS_OF)).sum()
    km = response_curves(r, AS_OF)
    on_curves = km.n["followed up"] + km.n["not followed up"] + km.untracked
    assert km.left_out + km.before_landmark + on_curves == len(apps)
    if "all applications" in km.n:
        assert km.n["all applications"] == km.untracked
    due = due_followups(r, AS_OF)
    assert (due["days_overdue"] >= 0).all()
    assert due["days_overdue"].is_monotonic_decreasing


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row, max_size=25), st.integers(0, 60), st.integers(0, 14))
def test_every_row_is_compared_or_left_out_with_a_reason(rows, ghost_days, window):
    from analysis.outcomes import DATE_COLUMNS
    from analysis.verdict import step_rows, step_verdicts

    r = resolve(frame(rows), AS_OF, ghost_after_days=ghost_days)
    # nothing dated after as-of survives resolve
    for c in DATE_COLUMNS:
        if c in r.columns:
            assert not (r[c] > pd.Timestamp(AS_OF)).any(), c
    verdicts = step_verdicts(r, windows={"after_applying": window})
    for tp in TOUCHPOINTS:
        s = step_rows(r, tp, window=window if tp == "after_applying" else None)
        fr = s.frame
        in_arm, has_reason = fr["arm"].notna(), fr["reason"].notna()
        assert not (in_arm & has_reason).any()
        assert not (in_arm & ~r[f"eligible_{tp}"]).any()
        if s.tracked:  # every eligible row is compared or left out with a reason
            assert (in_arm | has_reason)[r[f"eligible_{tp}"]].all()
        v = verdicts[tp]
        assert (v.with_.k, v.with_.n, v.without.k, v.without.n) == s.counts()
        assert v.left_out == s.left_out
        assert v.verdict in ("higher", "lower", "no clear difference", "not enough data") or (
            v.verdict == "not tracked" and not v.tracked
        )
        if v.design == "unadjusted":
            assert v.verdict not in ("higher", "lower")
        if v.p_more_with is not None:
            assert 0.0 <= v.p_more_with <= 1.0


@pytest.mark.realworld
@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld not present")
def test_realworld_logs_summarise():
    from data import import_files

    files = sorted(p for p in REALWORLD.iterdir() if p.suffix.lower() in {".csv", ".xlsx"})
    assert files
    for path in files:
        res = import_files([(path.name, path.read_bytes())])
        s = summarize(res, AS_OF)
        json.dumps(s, allow_nan=False)
        assert s["rows"]["read"] == s["rows"]["analysed"] + s["rows"]["excluded"], path.name
        assert sum(s["outcomes"].values()) == s["applications"], path.name
        for tp in s["touchpoints"].values():
            assert tp["with_followup"]["n"] + tp["without_followup"]["n"] <= tp["eligible"], (
                path.name
            )
            assert isinstance(tp["finding"], str) and tp["finding"]
