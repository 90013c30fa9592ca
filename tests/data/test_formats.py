"""Recognising tracker exports and table shapes (data.formats)."""

from __future__ import annotations

import pandas as pd
import pytest

from data.formats import detect_format

LINKEDIN = [
    "Application Date",
    "Contact Email",
    "Contact Phone Number",
    "Company Name",
    "Job Title",
    "Job Url",
    "Resume Name",
    "Question And Answers",
]
SIMPLIFY = [
    "Job Title",
    "Company Name",
    "Job URL",
    "Applied Date",
    "Status",
    "Status Date",
    "Archived",
    "Date Archived",
    "Notes",
]
HUNTR = ["id", "createdAt", "title", "url", "listName", "companyName", "location"]
TEAL = [
    "company_name",
    "role",
    "source",
    "added_at",
    "applied_at",
    "follow_up_at",
    "updated_at",
    "archived_at",
    "status name",
]


@pytest.mark.parametrize(
    "header, name",
    [
        (LINKEDIN, "linkedin"),
        (SIMPLIFY, "simplify"),
        (HUNTR, "huntr"),
        (TEAL, "teal"),
        (["Company", "Source", "Target"], "transitions"),
        (["Company", "Date Applied", "Status"], "generic"),
        (
            ["Job Title", "Company Name", "Status"],
            "generic",
        ),  # shares words with exports, is not one
    ],
)
def test_exports_are_recognised_by_their_exact_headers(header, name):
    assert detect_format(header).name == name


def test_linkedin_rows_all_come_from_linkedin_and_map_by_format():
    fmt = detect_format(LINKEDIN)
    assert fmt.constants == {"source": "LinkedIn"}
    by = {g.column: (g.field, g.how) for g in fmt.guesses}
    assert by["Application Date"] == ("applied_on", "format")
    assert by["Company Name"] == ("company", "format")
    assert by["Contact Email"][0] == "ignore"


def test_huntr_list_name_is_the_status_and_teal_follow_up_at_a_followup_date():
    h = {g.column: g.field for g in detect_format(HUNTR).guesses}
    assert (h["listName"], h["companyName"], h["title"], h["id"]) == (
        "status",
        "company",
        "role",
        "application_id",
    )
    t = {g.column: g.field for g in detect_format(TEAL).guesses}
    assert (t["applied_at"], t["follow_up_at"], t["status name"]) == (
        "applied_on",
        "followup_after_apply_on",
        "status",
    )


def test_an_event_column_makes_an_event_log():
    assert detect_format(["Date", "Company", "Role", "Event"]).name == "events"


def test_event_log_recognised_from_repeating_rows_under_a_status_header():
    rows = pd.DataFrame(
        {
            "Date": ["2026-01-05", "2026-01-09", "2026-01-20", "2026-01-06", "2026-01-15"],
            "Company": ["Acme", "Acme", "Acme", "Beta", "Beta"],
            "Position": ["Dev", "Dev", "Dev", "PM", "PM"],
            "Status": ["Applied", "Follow up", "Interview", "Applied", "Rejected"],
        }
    )
    assert detect_format(list(rows.columns), rows).name == "events"


def test_one_row_per_application_with_a_date_column_is_not_an_event_log():
    rows = pd.DataFrame(
        {
            "Date": ["2026-01-05", "2026-01-09", "2026-01-20", "2026-01-06"],
            "Company": ["Acme", "Beta", "Gamma", "Delta"],
            "Position": ["Dev", "Dev", "Dev", "PM"],
            "Status": ["Applied", "Rejected", "Interview", "Applied"],
        }
    )
    assert detect_format(list(rows.columns), rows).name == "generic"


def test_user_override_beats_a_format_preset():
    fmt = detect_format(LINKEDIN, overrides={"Job Url": "notes"})
    assert {g.column: g.field for g in fmt.guesses}["Job Url"] == "notes"
