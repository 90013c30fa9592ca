"""analysis.reminders: what is due today, most overdue first."""

from __future__ import annotations

import copy
import datetime as dt

import pandas as pd
import pytest

from analysis.outcomes import resolve
from analysis.reminders import NOT_TRACKED_NOTE, due_followups, too_late_count
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


def test_due_list_urgency_and_last_useful_day():
    due = due_followups(resolve(table(), AS_OF), AS_OF)
    # as of 03-20, windows: applying -> useful until the day before ghosting (applied + 29);
    # intro call -> due +1 day, useful until +3; interview -> due +1, useful until +2.
    # Applied10: due 03-17 (3 overdue), last 04-08 (19 left); Applied3: due 03-24, not yet;
    # AppliedFU, IntroDone: done. Intro12: intro 03-01, last useful 03-04: too late.
    # Interview2: interview 03-17, last 03-19: too late. Interview0: due 03-20 (today),
    # last 03-21 (1 left). AppliedNA: due 03-12 (8 overdue), last 04-03 (14 left).
    assert due["company"].tolist() == ["Interview0", "AppliedNA", "Applied10"]
    assert due["days_overdue"].tolist() == [0, 8, 3]
    assert due["days_left"].tolist() == [1, 14, 19]
    assert due["urgency"].tolist() == ["Due today", "Overdue 8 days", "Overdue 3 days"]
    assert due["last_useful_on"].tolist() == [
        dt.date(2026, 3, 21),
        dt.date(2026, 4, 3),
        dt.date(2026, 4, 8),
    ]
    assert due["action"].tolist() == [
        "send a thank-you note",
        "follow up on your application",
        "follow up on your application",
    ]
    assert due["note"].tolist() == [NOT_TRACKED_NOTE, NOT_TRACKED_NOTE, ""]
    assert due.loc[2, "due_on"] == dt.date(2026, 3, 17)
    assert due.loc[2, "application_id"] == "a0"
    assert too_late_count(resolve(table(), AS_OF), AS_OF) == 2  # Intro12, Interview2


def test_last_useful_day_is_said():
    t = coerce_applications(
        pd.DataFrame(
            {
                "company": ["X", "Y"],
                "applied_on": ["2026-03-01", "2026-02-20"],
                "interview_on": ["2026-03-18", None],
                "stage_reached": ["interview", "applied"],
                "outcome": ["pending", "pending"],
                "last_activity_on": [None, None],
            }
        )
    )
    due = due_followups(resolve(t, AS_OF), AS_OF, ghost_after_days=29)
    # X: thank-you due 03-19, useful until 03-20 (today); Y: applied 02-20 + 28 = 03-20
    assert due["urgency"].tolist() == ["Last useful day", "Last useful day"]
    assert due["days_overdue"].tolist() == [21, 1]  # same days left: most overdue first


def test_snoozed_reminders_are_hidden_until_their_date():
    from data.edits import row_keys

    r = resolve(table(), AS_OF)
    key = row_keys(r)[r["company"] == "AppliedNA"].iloc[0]
    hidden = due_followups(r, AS_OF, snoozed={(key, "after_applying"): dt.date(2026, 3, 22)})
    assert "AppliedNA" not in hidden["company"].tolist() and len(hidden) == 2
    back = due_followups(r, AS_OF, snoozed={(key, "after_applying"): AS_OF})
    assert "AppliedNA" in back["company"].tolist()
    other_step = due_followups(r, AS_OF, snoozed={(key, "after_interview"): dt.date(2026, 4, 1)})
    assert "AppliedNA" in other_step["company"].tolist()


def test_contact_column_is_carried_when_the_log_has_one():
    r = resolve(table(), AS_OF).assign(contact="hr@x.example")
    assert set(due_followups(r, AS_OF)["contact"]) == {"hr@x.example"}
    assert due_followups(resolve(table(), AS_OF), AS_OF)["contact"].isna().all()


def test_cadence_settings():
    due = due_followups(resolve(table(), AS_OF), AS_OF, cadence_days=2, thank_you_days=2)
    assert "Applied3" in due["company"].tolist()  # applied 03-17 + 2 = 03-19
    assert "Interview0" not in due["company"].tolist()  # 03-19 + 2 = 03-21: not yet


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


def test_no_follow_up_is_due_once_the_log_says_they_heard_back():
    apps = coerce_applications(
        pd.DataFrame(
            {
                "company": ["Heard", "Silent", "NotSaid"],
                "applied_on": ["2026-03-10"] * 3,
                "responded": [True, False, None],
                "followup_after_apply": [False] * 3,
                "stage_reached": ["applied"] * 3,
                "outcome": ["pending"] * 3,
            }
        )
    )
    due = due_followups(resolve(apps, AS_OF), AS_OF)
    assert sorted(due["company"]) == ["NotSaid", "Silent"]
