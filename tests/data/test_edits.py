"""The edit log: changes made in the app, replayed over the import."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.edits import (
    FLAG_FIELDS,
    STATUS_CHOICES,
    Edit,
    apply_edits,
    extends_by_marks,
    latest_edits,
    row_key,
    row_keys,
    snoozes,
)
from data.schema import coerce_applications


def _apps() -> pd.DataFrame:
    return coerce_applications(
        pd.DataFrame(
            {
                "participant": ["me"] * 4,
                "company": ["Acme", "Bolt", "Cog", "Dyn"],
                "applied_on": ["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08"],
                "stage_reached": ["applied", "interview", "applied", "applied"],
                "outcome": ["pending", "pending", "rejected", "pending"],
                "source_file": ["a.xlsx", "a.xlsx", "a.xlsx", "b.csv"],
                "source_sheet": ["Log", "Log", "Log", None],
                "source_row": [2, 3, 4, 2],
            }
        )
    )


def test_row_keys_name_file_sheet_and_row():
    apps = _apps()
    assert row_keys(apps).tolist() == ["a.xlsx|Log|2", "a.xlsx|Log|3", "a.xlsx|Log|4", "b.csv||2"]
    assert [row_key(r) for _, r in apps.iterrows()] == row_keys(apps).tolist()


def test_no_edits_returns_the_table_unchanged():
    apps = _apps()
    assert apply_edits(apps, []) is apps
    assert (
        apply_edits(apps, [Edit("a.xlsx|Log|2", "snooze:after_applying", dt.date(2026, 2, 1))])
        is apps
    )


def test_first_follow_up_marked_makes_the_column_exist_in_that_file_only():
    apps = _apps()
    before = apps.copy()
    out = apply_edits(apps, [Edit("a.xlsx|Log|3", "followup_after_apply", dt.date(2026, 1, 13))])
    # the other rows of a.xlsx/Log now read "no"; b.csv never recorded it: still unknown
    assert out["followup_after_apply"].tolist() == [False, True, False, pd.NA]
    assert out.loc[1, "followup_after_apply_on"] == pd.Timestamp("2026-01-13")
    pd.testing.assert_frame_equal(apps, before)  # input never mutated


def test_later_edit_wins_and_unmarking_clears_the_date():
    out = apply_edits(
        _apps(),
        [
            Edit("a.xlsx|Log|2", "followup_after_apply", dt.date(2026, 1, 12)),
            Edit("a.xlsx|Log|2", "followup_after_apply", None),
        ],
    )
    assert out.loc[0, "followup_after_apply"] is False or not out.loc[0, "followup_after_apply"]
    assert pd.isna(out.loc[0, "followup_after_apply_on"])


def test_status_keeps_the_furthest_stage_and_sets_the_outcome():
    out = apply_edits(
        _apps(),
        [Edit("a.xlsx|Log|3", "status", "Rejected"), Edit("a.xlsx|Log|2", "status", "Interview")],
    )
    assert (str(out.loc[1, "stage_reached"]), str(out.loc[1, "outcome"])) == (
        "interview",
        "rejected",
    )
    assert (str(out.loc[0, "stage_reached"]), str(out.loc[0, "outcome"])) == (
        "interview",
        "pending",
    )


def test_answer_date_thank_you_and_notes():
    out = apply_edits(
        _apps(),
        [
            Edit("b.csv||2", "responded_on", dt.date(2026, 1, 20)),
            Edit("a.xlsx|Log|3", "thank_you_after_interview", True),
            Edit("a.xlsx|Log|2", "notes", "called back"),
        ],
    )
    assert out.loc[3, "responded_on"] == pd.Timestamp("2026-01-20")
    assert out["thank_you_after_interview"].tolist()[:3] == [False, True, False]
    assert out.loc[0, "notes"] == "called back" and pd.isna(out.loc[1, "notes"])


def test_new_application_is_appended_with_its_status():
    out = apply_edits(
        _apps(),
        [
            Edit(
                "new:1",
                "new",
                {
                    "company": "Echo",
                    "role": "PM",
                    "applied_on": dt.date(2026, 2, 1),
                    "status": "Applied",
                },
            ),
            Edit("new:1", "followup_after_apply", dt.date(2026, 2, 8)),
        ],
    )
    assert len(out) == 5
    new = out.iloc[4]
    assert new["company"] == "Echo" and new["application_id"] == "new:1"
    assert new["applied_on"] == pd.Timestamp("2026-02-01") and str(new["outcome"]) == "pending"
    assert bool(new["followup_after_apply"]) and row_key(new) == "new:1"


def test_edits_of_rows_not_in_the_table_are_ignored():
    apps = _apps()
    out = apply_edits(apps, [Edit("gone.xlsx|Log|9", "status", "Offer")])
    pd.testing.assert_frame_equal(out, apps)


def test_bad_edits_are_refused_with_a_message():
    with pytest.raises(ValueError, match="cannot edit 'company'"):
        Edit("a.xlsx|Log|2", "company", "X")
    with pytest.raises(ValueError, match="not one of"):
        Edit("a.xlsx|Log|2", "status", "Banana")
    with pytest.raises(ValueError, match="row"):
        Edit("", "notes", "x")


def test_latest_edits_and_snoozes():
    log = [
        Edit("r", "snooze:after_applying", dt.date(2026, 1, 9)),
        Edit("s", "snooze:after_interview", dt.date(2026, 1, 9)),
        Edit("s", "snooze:after_interview", None),  # un-snoozed
    ]
    assert snoozes(log) == {("r", "after_applying"): dt.date(2026, 1, 9)}
    assert latest_edits(log)[("s", "snooze:after_interview")] is None


# ---------------------------------------------------------------- one edit as a delta
_DATES = st.dates(dt.date(2026, 1, 1), dt.date(2026, 3, 1))
_ROWS = ["a.xlsx|Log|2", "a.xlsx|Log|3", "a.xlsx|Log|4", "b.csv||2", "new:1"]
_edit = st.one_of(
    st.builds(
        Edit,
        st.sampled_from(_ROWS),
        st.sampled_from(list(FLAG_FIELDS)),
        st.one_of(st.none(), st.just(True), _DATES),
    ),
    st.builds(Edit, st.sampled_from(_ROWS), st.just("responded_on"), _DATES),
    st.builds(Edit, st.sampled_from(_ROWS), st.just("status"), st.sampled_from(STATUS_CHOICES)),
    st.builds(Edit, st.sampled_from(_ROWS), st.just("snooze:after_applying"), _DATES),
    st.just(Edit("new:1", "new", {"company": "Eel", "applied_on": "2026-02-01"})),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_edit, max_size=6), st.lists(_edit, min_size=1, max_size=4))
def test_marks_applied_as_a_delta_equal_replaying_the_whole_log(old, added):
    apps = _apps()
    new = old + added
    if not extends_by_marks(old, new):
        return
    delta = apply_edits(apply_edits(apps, old), added)
    pd.testing.assert_frame_equal(delta, apply_edits(apps, new))


def test_which_logs_extend_by_marks():
    a = Edit("a.xlsx|Log|2", "followup_after_apply", dt.date(2026, 1, 12))
    b = Edit("a.xlsx|Log|3", "thank_you_after_interview", True)
    snooze = Edit("a.xlsx|Log|2", "snooze:after_applying", dt.date(2026, 2, 1))
    assert extends_by_marks([], [a]) and extends_by_marks([a], [a, b, snooze, snooze])
    assert not extends_by_marks([a, b], [a])  # undo: shorter
    assert not extends_by_marks([b], [a, b])  # not a prefix
    assert not extends_by_marks([a], [a, Edit(a.row, a.field, None)])  # the same mark again
    assert not extends_by_marks([], [Edit("b.csv||2", "responded_on", dt.date(2026, 1, 9))])
