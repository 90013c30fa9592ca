"""Tests for analysis.outcomes: ghosting, stages, step columns, timing rule."""

from __future__ import annotations

import copy
import datetime as dt

import pandas as pd
import pytest

from analysis.outcomes import funnel, outcome_counts, resolve
from data.schema import coerce_applications

AS_OF = dt.date(2026, 6, 30)


def apps(**cols):
    return coerce_applications(pd.DataFrame(cols))


def test_pending_vs_ghosted_29_vs_31_days():
    t = apps(
        applied_on=["2026-05-31", "2026-06-01", "2026-05-30", None],  # 30, 29, 31 days, no date
        stage_reached=["applied"] * 4,
        outcome=["pending"] * 4,
    )
    r = resolve(t, AS_OF, ghost_after_days=30)
    assert list(r["outcome"].astype(str)) == ["pending", "pending", "ghosted", "pending"]
    # a later activity date keeps it pending
    t2 = apps(
        applied_on=["2026-01-01"],
        last_activity_on=["2026-06-20"],
        stage_reached=["applied"],
        outcome=["pending"],
    )
    assert str(resolve(t2, AS_OF).loc[0, "outcome"]) == "pending"
    # ghost_after_days is honoured
    assert str(resolve(t2, AS_OF, ghost_after_days=5).loc[0, "outcome"]) == "ghosted"


def test_only_pending_becomes_ghosted():
    t = apps(
        applied_on=["2025-01-01"] * 3,
        stage_reached=["applied"] * 3,
        outcome=["rejected", "withdrawn", "offer"],
    )
    r = resolve(t, AS_OF)
    assert list(r["outcome"].astype(str)) == ["rejected", "withdrawn", "offer"]


def test_missing_outcome_is_pending_and_missing_stage_is_applied():
    t = apps(applied_on=["2026-06-25"], stage_reached=[None], outcome=[None])
    r = resolve(t, AS_OF)
    assert str(r.loc[0, "outcome"]) == "pending"
    assert str(r.loc[0, "stage_reached"]) == "applied"


def test_stage_raised_by_dates_and_outcome():
    t = apps(
        applied_on=["2026-01-01"] * 3,
        interview_on=["2026-01-10", None, None],
        stage_reached=["applied"] * 3,
        outcome=["rejected", "offer", "hired"],
    )
    r = resolve(t, AS_OF)
    assert list(r["stage_reached"].astype(str)) == ["interview", "offer", "hired"]


def test_step_columns_by_stage_and_outcome():
    t = apps(
        stage_reached=[
            "applied",
            "applied",
            "applied",
            "applied",
            "intro_call",
            "interview",
            "interview",
            "offer",
            "interview",
        ],
        outcome=[
            "rejected",
            "ghosted",
            "pending",
            "withdrawn",
            "rejected",
            "rejected",
            "withdrawn",
            "offer",
            "pending",
        ],
        applied_on=["2026-06-20"] * 9,
    )
    r = resolve(t, AS_OF)
    # after_applying: known for rejected/ghosted at applied and everything that advanced
    assert list(r["known_after_applying"]) == [
        True,
        True,
        False,
        False,
        True,
        True,
        True,
        True,
        True,
    ]
    assert list(r["advanced_after_applying"]) == [
        False,
        False,
        False,
        False,
        True,
        True,
        True,
        True,
        True,
    ]
    assert list(r["eligible_after_intro_call"]) == [False] * 4 + [True] * 5
    assert list(r["known_after_intro_call"]) == [False] * 4 + [True, True, True, True, True]
    assert list(r["advanced_after_intro_call"]) == [False] * 4 + [False, True, True, True, True]
    assert list(r["eligible_after_interview"]) == [False] * 5 + [True] * 4
    # rejected after interview: known, not advanced; withdrawn / pending at interview: not known
    assert list(r["known_after_interview"]) == [False] * 5 + [True, False, True, False]
    assert list(r["advanced_after_interview"]) == [False] * 7 + [True, False]


def test_followed_na_when_not_tracked():
    t = apps(
        stage_reached=["applied"] * 3,
        outcome=["rejected"] * 3,
        followup_after_apply=[True, False, None],
    )
    r = resolve(t, AS_OF)
    f = r["followed_after_applying"]
    assert f.iloc[0] == True and f.iloc[1] == False and pd.isna(f.iloc[2])  # noqa: E712
    assert r["followed_after_interview"].isna().all()


def test_followup_after_rejection_does_not_count():
    t = apps(
        applied_on=["2026-05-01"] * 3,
        stage_reached=["applied"] * 3,
        outcome=["rejected"] * 3,
        responded_on=["2026-05-10"] * 3,
        followup_after_apply=[True] * 3,
        followup_after_apply_on=["2026-05-09", "2026-05-10", "2026-05-12"],
    )
    r = resolve(t, AS_OF)
    assert list(r["followed_after_applying"].astype(bool)) == [True, False, False]


def test_followup_after_rejection_uses_outcome_date_when_no_response_date():
    t = apps(
        applied_on=["2026-05-01"] * 2,
        stage_reached=["applied"] * 2,
        outcome=["rejected"] * 2,
        outcome_on=["2026-05-10"] * 2,
        followup_after_apply=[True] * 2,
        followup_after_apply_on=["2026-05-05", "2026-05-15"],
    )
    r = resolve(t, AS_OF)
    assert list(r["followed_after_applying"].astype(bool)) == [True, False]


def test_followup_after_invite_does_not_count():
    t = apps(
        applied_on=["2026-05-01"],
        intro_call_on=["2026-05-08"],
        stage_reached=["intro_call"],
        outcome=["rejected"],
        followup_after_apply=[True],
        followup_after_apply_on=["2026-05-09"],
    )
    assert not bool(resolve(t, AS_OF).loc[0, "followed_after_applying"])


def test_input_not_mutated():
    t = apps(
        applied_on=["2026-01-01", None],
        stage_reached=["applied", None],
        outcome=["pending", None],
        followup_after_apply=[True, None],
        followup_after_apply_on=["2026-01-20", None],
        responded_on=["2026-01-10", None],
    )
    before = copy.deepcopy(t)
    resolve(t, AS_OF)
    pd.testing.assert_frame_equal(t, before)


def test_funnel_cumulative_and_outcome_counts():
    t = apps(
        stage_reached=["applied", "intro_call", "interview", "offer", "hired"],
        outcome=["rejected", "rejected", "withdrawn", "offer", "hired"],
    )
    r = resolve(t, AS_OF)
    f = funnel(r)
    assert f["reached"].tolist() == [5, 4, 3, 2, 1]
    assert f["share"].tolist() == [1.0, 0.8, 0.6, 0.4, 0.2]
    assert outcome_counts(r) == {
        "pending": 0,
        "rejected": 2,
        "ghosted": 0,
        "withdrawn": 1,
        "offer": 1,
        "hired": 1,
    }


def test_empty_table():
    t = apps(stage_reached=pd.Series([], dtype="object"), outcome=pd.Series([], dtype="object"))
    r = resolve(t, AS_OF)
    assert len(r) == 0 and "known_after_applying" in r.columns
    assert funnel(r)["reached"].tolist() == [0] * 5


def test_bad_arguments():
    t = apps(stage_reached=["applied"], outcome=["pending"])
    with pytest.raises(ValueError, match="as_of"):
        resolve(t, "2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ghost_after_days"):
        resolve(t, AS_OF, ghost_after_days=-1)
    with pytest.raises(ValueError, match="missing column"):
        resolve(pd.DataFrame({"x": [1]}), AS_OF)


def test_changing_the_result_leaves_the_input_alone():
    t = apps(
        applied_on=["2026-01-01"], stage_reached=["applied"], outcome=["pending"], company=["Acme"]
    )
    before = copy.deepcopy(t)
    r = resolve(t, AS_OF)
    r.loc[0, "company"] = "Changed"
    r.loc[0, "applied_on"] = pd.Timestamp("2020-01-01")
    pd.testing.assert_frame_equal(t, before)


# --------------------------------------------------------------------------- ghost clock
def test_own_follow_up_never_restarts_the_ghost_clock():
    # two identical silent applications, 33 days old; one followed up on day 10
    t = apps(
        applied_on=["2026-05-28", "2026-05-28"],
        followup_after_apply=[True, False],
        followup_after_apply_on=["2026-06-07", None],
        last_activity_on=["2026-06-07", "2026-05-28"],  # the importer folds follow-ups in
        stage_reached=["applied"] * 2,
        outcome=["pending"] * 2,
    )
    r = resolve(t, AS_OF)
    assert list(r["outcome"].astype(str)) == ["ghosted", "ghosted"]


def test_ghost_clock_runs_from_the_last_employer_contact_at_the_boundary():
    t = apps(
        applied_on=["2026-04-01"] * 3,
        intro_call_on=["2026-05-31", "2026-05-30", "2026-05-31"],  # 30 / 31 / 30 days ago
        stage_reached=["intro_call"] * 3,
        outcome=["pending"] * 3,
        followup_after_intro=[None, None, True],
    )
    r = resolve(t, AS_OF, ghost_after_days=30)
    assert list(r["outcome"].astype(str)) == ["pending", "ghosted", "pending"]
    # an explicit "last updated" date that is not a follow-up still counts as contact
    t2 = apps(
        applied_on=["2026-04-01"],
        last_activity_on=["2026-06-15"],
        stage_reached=["applied"],
        outcome=["pending"],
    )
    assert str(resolve(t2, AS_OF).loc[0, "outcome"]) == "pending"


# --------------------------------------------------------------------------- as-of date
def test_events_after_as_of_are_ignored_and_counted():
    t = apps(
        applied_on=["2026-06-01", "2026-06-01", "2026-06-01", "2026-07-02"],
        intro_call_on=["2026-06-30", "2026-07-01", None, None],  # on / after as-of
        stage_reached=["intro_call", "intro_call", "applied", "applied"],
        outcome=["pending", "pending", "rejected", "pending"],
        outcome_on=[None, None, "2026-07-01", None],  # rejection after as-of
    )
    r = resolve(t, AS_OF)
    assert list(r["stage_reached"].astype(str)) == ["intro_call", "applied", "applied", "applied"]
    assert list(r["advanced_after_applying"]) == [True, False, False, False]
    assert list(r["outcome"].astype(str)) == ["pending", "pending", "pending", "pending"]
    assert list(r["ignored_after_as_of"]) == [0, 1, 1, 1]
    assert pd.isna(r.loc[1, "intro_call_on"]) and pd.isna(r.loc[2, "outcome_on"])
    # applied after as-of: not an application yet, in no step
    assert not r.loc[3, "eligible_after_applying"]
    # the input keeps its dates
    assert t.loc[1, "intro_call_on"] == pd.Timestamp("2026-07-01")


def test_offer_after_as_of_and_follow_up_after_as_of():
    t = apps(
        applied_on=["2026-05-01", "2026-06-20"],
        interview_on=["2026-06-01", None],
        offer_on=["2026-07-05", None],
        stage_reached=["offer", "applied"],
        outcome=["offer", "pending"],
        followup_after_apply=[None, True],
        followup_after_apply_on=[None, "2026-07-01"],
    )
    r = resolve(t, AS_OF)
    assert str(r.loc[0, "stage_reached"]) == "interview"
    assert str(r.loc[0, "outcome"]) == "pending"
    assert not r.loc[0, "advanced_after_interview"]
    assert not bool(r.loc[1, "followed_after_applying"])  # not made yet on the as-of date
