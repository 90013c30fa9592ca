"""analysis.reminders: what is due today, most overdue first."""

from __future__ import annotations

import copy
import datetime as dt

import pandas as pd
import pytest

from analysis.outcomes import resolve
from analysis.reminders import NOT_TRACKED_NOTE, due_followups
from data.schema import coerce_applications

AS_OF = dt.date(2026, 3, 20)


def table():
    return coerce_applications(
        pd.DataFrame(
            {
                "application_id": [f"a{i}" for i in range(10)],
                "company": [
                    "Applied10",
                    "Applied3",
                    "AppliedFU",
                    "Intro12",
                    "IntroDone",
                    "Interview2",
                    "Interview0",
                    "Rejected",
                    "Ghosted",
                    "AppliedNA",
                ],
                "applied_on": [
                    "2026-03-10",
                    "2026-03-17",
                    "2026-03-01",
                    "2026-03-01",
                    "2026-03-01",
                    "2026-03-01",
                    "2026-03-01",
                    "2026-03-01",
                    "2026-01-01",
                    "2026-03-05",
                ],
                "intro_call_on": [
                    None,
                    None,
                    None,
                    "2026-03-01",
                    "2026-03-05",
                    None,
                    None,
                    None,
                    None,
                    None,
                ],
                "interview_on": [None] * 5 + ["2026-03-17", "2026-03-19", None, None, None],
                "stage_reached": [
                    "applied",
                    "applied",
                    "applied",
                    "intro_call",
                    "intro_call",
                    "interview",
                    "interview",
                    "applied",
                    "applied",
                    "applied",
                ],
                "outcome": ["pending"] * 7 + ["rejected", "pending", "pending"],
                "last_activity_on": [None] * 9 + [None],
                "followup_after_apply": [
                    False,
                    False,
                    True,
                    False,
                    False,
                    False,
                    False,
                    False,
                    False,
                    None,
                ],
                "followup_after_intro": [
                    None,
                    None,
                    None,
                    False,
                    True,
                    None,
                    None,
                    None,
                    None,
                    None,
                ],
                "thank_you_after_interview": [None] * 5 + [False, None, None, None, None],
            }
        )
    )


def test_due_list_and_order():
    due = due_followups(resolve(table(), AS_OF), AS_OF)
    # Applied10: applied 03-10, due 03-17 -> 3 days; Applied3: due 03-24 not yet; AppliedFU:
    # followed up
    # Intro12: intro 03-01 -> due 03-08 -> 12 days; IntroDone: followed up after intro
    # Interview2: interview 03-17, thank-you due 03-18 -> 2 days; Interview0: due 03-20 -> 0 (flag
    # untracked)
    # Rejected / Ghosted (applied 01-01, > 30 days): nothing; AppliedNA: due 03-12 -> 8 days,
    # untracked
    assert due["company"].tolist() == [
        "Intro12",
        "AppliedNA",
        "Applied10",
        "Interview2",
        "Interview0",
    ]
    assert due["days_overdue"].tolist() == [12, 8, 3, 2, 0]
    assert due["action"].tolist() == [
        "follow up after your intro call",
        "follow up on your application",
        "follow up on your application",
        "send a thank-you note",
        "send a thank-you note",
    ]
    assert due["urgency"].tolist() == ["high", "high", "medium", "medium", "due today"]
    assert due["note"].tolist() == ["", NOT_TRACKED_NOTE, "", "", NOT_TRACKED_NOTE]
    assert due.loc[0, "due_on"] == dt.date(2026, 3, 8)
    assert due.loc[0, "application_id"] == "a3"


def test_cadence_settings():
    due = due_followups(resolve(table(), AS_OF), AS_OF, cadence_days=2, thank_you_days=3)
    assert "Applied3" in due["company"].tolist()  # applied 03-17 + 2 = 03-19
    assert "Interview0" not in due["company"].tolist()  # 03-19 + 3 = 03-22: not yet


def test_followup_count_means_already_followed_up():
    t = coerce_applications(
        pd.DataFrame(
            {
                "company": ["X", "Y"],
                "applied_on": ["2026-03-01"] * 2,
                "stage_reached": ["applied"] * 2,
                "outcome": ["pending"] * 2,
                "followups": [2, 0],
            }
        )
    )
    assert due_followups(resolve(t, AS_OF), AS_OF)["company"].tolist() == ["Y"]


def test_answered_application_needs_no_followup():
    t = coerce_applications(
        pd.DataFrame(
            {
                "company": ["X"],
                "applied_on": ["2026-03-01"],
                "responded_on": ["2026-03-05"],
                "stage_reached": ["applied"],
                "outcome": ["pending"],
                "followup_after_apply": [False],
            }
        )
    )
    assert len(due_followups(resolve(t, AS_OF), AS_OF)) == 0


def test_empty_and_bad_args():
    t = coerce_applications(
        pd.DataFrame({"company": ["X"], "stage_reached": ["applied"], "outcome": ["rejected"]})
    )
    due = due_followups(resolve(t, AS_OF), AS_OF)
    assert len(due) == 0 and "days_overdue" in due.columns
    with pytest.raises(ValueError, match="cadence_days"):
        due_followups(resolve(t, AS_OF), AS_OF, cadence_days=-1)


def test_not_mutated():
    r = resolve(table(), AS_OF)
    before = copy.deepcopy(r)
    due_followups(r, AS_OF)
    pd.testing.assert_frame_equal(r, before)
