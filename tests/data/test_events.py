"""Folding event logs into applications (data.events)."""

from __future__ import annotations

import pandas as pd

from data.events import fold_events, group_keys


def _ev(rows):
    df = pd.DataFrame(rows, columns=["company", "role", "date", "kind"])
    df["participant"] = "me"
    df["date"] = pd.to_datetime(df["date"])
    df["row"] = range(2, 2 + len(df))
    return df


def test_one_application_per_company_and_role_case_insensitive():
    apps = fold_events(
        _ev(
            [
                ("Acme", "Dev", "2026-01-05", "applied"),
                ("ACME ", "dev", "2026-01-10", "interview"),
                ("Acme", "PM", "2026-01-06", "applied"),
            ]
        )
    )
    assert len(apps) == 2
    assert apps["source_row"].tolist() == [2, 4]
    assert str(apps.loc[0, "stage_reached"]) == "interview"
    assert apps.loc[0, "events"] == 2


def test_followup_before_first_response_counts_after_applying():
    apps = fold_events(
        _ev(
            [
                ("A", "x", "2026-01-05", "applied"),
                ("A", "x", "2026-01-12", "follow_up"),
                ("A", "x", "2026-01-20", "intro_call"),
            ]
        )
    )
    assert bool(apps.loc[0, "followup_after_apply"]) is True
    assert apps.loc[0, "followup_after_apply_on"] == pd.Timestamp("2026-01-12")
    assert apps.loc[0, "responded_on"] == pd.Timestamp("2026-01-20")
    assert apps.loc[0, "followups"] == 1


def test_followup_after_a_rejection_counts_for_nothing():
    apps = fold_events(
        _ev(
            [
                ("A", "x", "2026-01-05", "applied"),
                ("A", "x", "2026-01-09", "rejected"),
                ("A", "x", "2026-01-12", "follow_up"),
            ]
        )
    )
    assert bool(apps.loc[0, "followup_after_apply"]) is False
    assert str(apps.loc[0, "outcome"]) == "rejected"
    assert apps.loc[0, "outcome_on"] == pd.Timestamp("2026-01-09")


def test_followups_are_placed_by_stage():
    apps = fold_events(
        _ev(
            [
                ("A", "x", "2026-01-05", "applied"),
                ("A", "x", "2026-01-10", "intro_call"),
                ("A", "x", "2026-01-11", "follow_up"),  # after intro, before interview
                ("A", "x", "2026-01-20", "interview"),
                ("A", "x", "2026-01-21", "thank_you"),  # after interview, before offer
                ("A", "x", "2026-02-01", "offer"),
            ]
        )
    )
    r = apps.loc[0]
    assert (
        bool(r["followup_after_apply"]),
        bool(r["followup_after_intro"]),
        bool(r["thank_you_after_interview"]),
    ) == (False, True, True)
    assert str(r["stage_reached"]) == "offer" and str(r["outcome"]) == "offer"
    assert r["last_activity_on"] == pd.Timestamp("2026-02-01")


def test_thank_you_after_the_next_response_does_not_count():
    apps = fold_events(
        _ev(
            [
                ("A", "x", "2026-01-05", "applied"),
                ("A", "x", "2026-01-20", "interview"),
                ("A", "x", "2026-01-25", "rejected"),
                ("A", "x", "2026-01-26", "thank_you"),
            ]
        )
    )
    assert bool(apps.loc[0, "thank_you_after_interview"]) is False
    assert str(apps.loc[0, "stage_reached"]) == "interview"  # rejection keeps the stage


def test_log_without_followup_events_does_not_track_them():
    apps = fold_events(
        _ev([("A", "x", "2026-01-05", "applied"), ("A", "x", "2026-01-20", "rejected")])
    )
    assert pd.isna(apps.loc[0, "followup_after_apply"]) and pd.isna(apps.loc[0, "followups"])


def test_outcome_is_the_last_final_event():
    apps = fold_events(
        _ev(
            [
                ("A", "x", "2026-01-05", "applied"),
                ("A", "x", "2026-02-01", "offer"),
                ("A", "x", "2026-02-05", "withdrawn"),
            ]
        )
    )
    assert (
        str(apps.loc[0, "outcome"]) == "withdrawn" and str(apps.loc[0, "stage_reached"]) == "offer"
    )


def test_input_is_not_mutated():
    ev = _ev([("A", "x", "2026-01-05", "applied")])
    before = ev.copy()
    fold_events(ev)
    pd.testing.assert_frame_equal(ev, before)


def test_group_keys_fold_case_and_spaces():
    assert group_keys(
        pd.DataFrame({"c": ["Acme  Corp", "acme corp", None, None]}), ["c"]
    ).tolist() == [0, 0, 1, 1]
