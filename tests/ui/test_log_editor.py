"""My log's editor: the table it shows and the edits read back from st.data_editor."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from data.edits import Edit, apply_edits
from data.schema import coerce_applications
from ui.log_editor import editor_frame, edits_from_state, status_of


def _apps() -> pd.DataFrame:
    return coerce_applications(
        pd.DataFrame(
            {
                "company": ["Acme", "Bolt", "Cog"],
                "role": ["Analyst", "PM", None],
                "applied_on": ["2026-03-01", "2026-03-05", None],
                "stage_reached": ["applied", "interview", "applied"],
                "outcome": ["pending", "pending", "rejected"],
                "followup_after_apply": [True, False, False],
                "followup_after_apply_on": ["2026-03-08", None, None],
                "source_file": ["log.csv"] * 3,
                "source_row": [2, 3, 4],
            }
        )
    )


def test_editor_table_is_most_recent_first_keyed_by_source_row():
    t = editor_frame(_apps())
    assert t.index.tolist() == ["log.csv||3", "log.csv||2", "log.csv||4"]  # undated last
    assert t.loc["log.csv||2", "followed_up_on"] == pd.Timestamp("2026-03-08")
    assert pd.isna(t.loc["log.csv||3", "followed_up_on"])  # blank, not "None"
    assert t["status"].tolist() == ["Interview", "Applied", "Rejected"]
    assert editor_frame(_apps(), limit=2).shape[0] == 2


def test_status_of_says_the_final_word_else_the_stage():
    assert status_of("interview", "rejected") == "Rejected"
    assert status_of("intro_call", "pending") == "Intro call"
    assert status_of(None, None) is None


def test_edited_cells_become_edits_that_change_the_table():
    apps = _apps()
    t = editor_frame(apps)
    state = {
        "edited_rows": {
            0: {"status": "Rejected", "thank_you": True, "notes": "kind email"},
            1: {"followed_up": False},
            2: {"answer_on": "2026-03-20", "followed_up_on": "2026-03-12"},
        }
    }
    edits = edits_from_state(state, t)
    assert Edit("log.csv||3", "status", "Rejected after interview") in edits
    assert Edit("log.csv||3", "thank_you_after_interview", True) in edits
    assert Edit("log.csv||3", "notes", "kind email") in edits
    assert Edit("log.csv||2", "followup_after_apply", None) in edits  # unticked
    assert Edit("log.csv||4", "responded_on", dt.date(2026, 3, 20)) in edits
    # a follow-up date alone means followed up on that day
    assert Edit("log.csv||4", "followup_after_apply", dt.date(2026, 3, 12)) in edits
    out = apply_edits(apps, edits)
    assert (str(out.loc[1, "stage_reached"]), str(out.loc[1, "outcome"])) == (
        "interview",
        "rejected",
    )
    assert out["followup_after_apply"].tolist() == [False, False, True]


def test_nothing_edited_is_no_edits():
    t = editor_frame(_apps())
    assert edits_from_state(None, t) == []
    assert edits_from_state({"edited_rows": {}}, t) == []
    assert edits_from_state({"edited_rows": {9: {"notes": "x"}}}, t) == []  # not a row
