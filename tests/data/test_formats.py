"""Recognising tracker exports and table shapes (data.formats)."""

from __future__ import annotations

import datetime as dt

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
# Trello's "Export as CSV" (Board menu → Print, export and share), as it writes them
TRELLO = [
    "Card ID",
    "Card Name",
    "Card URL",
    "Card Description",
    "Labels",
    "Members",
    "Due Date",
    "Attachment Count",
    "Attachment Links",
    "Checklist Item Total Count",
    "Checklist Item Completed Count",
    "Vote Count",
    "Comment Count",
    "Last Activity Date",
    "List ID",
    "List Name",
    "Board ID",
    "Board Name",
    "Archived",
    "Start Date",
    "Due Complete",
]


@pytest.mark.parametrize(
    "header, name",
    [
        (LINKEDIN, "linkedin"),
        (SIMPLIFY, "simplify"),
        (HUNTR, "huntr"),
        (TEAL, "teal"),
        (TRELLO, "trello"),
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


# --------------------------------------------------------------------------- the registry
def test_every_format_module_is_registered_once():
    import pkgutil

    import data.formats as formats

    modules = {m.name for m in pkgutil.iter_modules(formats.__path__)} - {"base", "transposed"}
    assert sorted(f.name for f in formats.REGISTRY) == sorted(modules)
    assert len({f.name for f in formats.REGISTRY}) == len(formats.REGISTRY)


def test_no_code_outside_the_registry_tests_a_format_name():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"\.name\s*(==|!=|in\b)|\bname\s*==\s*[\"'](teal|linkedin|huntr|simplify)")
    offenders = [
        f"{p.relative_to(root)}:{i}"
        for pkg in ("data", "analysis", "ui", "pages")
        for p in (root / pkg).rglob("*.py")
        if "formats" not in p.parts
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line) and "fmt" in line
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("header", "shape", "undated"),
    [
        (["Company", "Source", "Target"], "transitions", False),
        (["Date", "Company", "Event"], "events", False),
        (TEAL, "rows", True),
        (LINKEDIN, "rows", False),
        (["Company", "Date Applied", "Status"], "rows", False),
    ],
)
def test_behaviour_is_a_field_of_the_format(header, shape, undated):
    fmt = detect_format(header)
    assert fmt.shape == shape and fmt.undated_means_not_applied is undated


def test_a_format_added_as_the_doc_shows(monkeypatch):
    """docs/ADDING_A_FORMAT.md's example, registered at run time, is recognised end to end."""
    from data import formats
    from data.formats.base import Format, header_set, preset
    from data.importer import import_files

    columns = {
        "employer": "company",
        "position": "role",
        "submitted": "applied_on",
        "stage": "status",
        "last contact": "last_activity_on",
    }

    def detect(headers, guesses, rows):
        if not {"employer", "position", "submitted", "stage"} <= header_set(headers):
            return None
        return preset("jobtracker", columns, guesses)

    monkeypatch.setattr(formats, "REGISTRY", (Format("jobtracker", detect), *formats.REGISTRY))
    log = (
        b"Employer,Position,Submitted,Stage,Last contact\n"
        b"Acme,Analyst,2026-03-02,Interviewing,2026-03-10\n"
        b"Bolt,Engineer,2026-03-03,Rejected,2026-03-05\n"
    )
    res = import_files([("jobtracker.csv", log)])
    assert res.report.formats == {"jobtracker.csv": "jobtracker"}
    a = res.applications
    assert a["stage_reached"].astype(str).tolist() == ["interview", "applied"]
    assert a["outcome"].astype(str).tolist() == ["pending", "rejected"]


def _card_id(day: dt.date, tail: str = "a1b2c3d4e5f60718") -> str:
    """A Trello card id created on ``day`` at 09:30 UTC (its first 8 hex digits: Unix time)."""
    when = dt.datetime(day.year, day.month, day.day, 9, 30, tzinfo=dt.UTC)
    return format(int(when.timestamp()), "08x") + tail


def test_trello_cards_are_applications_dated_by_start_date_or_creation():
    from data.importer import import_files

    cards = [  # (created, start date, list)
        (dt.date(2025, 3, 1), "2025-03-02T10:00:00.000Z", "Applied"),
        (dt.date(2025, 3, 4), "", "Phone screen"),
        (dt.date(2025, 3, 9), "", "Rejected"),
        (dt.date(2025, 3, 10), "", "Wishlist"),
    ]
    lines = [",".join(TRELLO)]
    for i, (created, start, lst) in enumerate(cards):
        row = dict.fromkeys(TRELLO, "")
        row.update({"Card ID": _card_id(created), "Card Name": f"Co{i} – Analyst"})
        row.update({"Start Date": start, "List Name": lst, "Board Name": "Job hunt"})
        row.update({"Last Activity Date": "2025-04-01T10:00:00.000Z", "Archived": "false"})
        row.update({"Vote Count": "0", "Comment Count": "0", "Attachment Count": "0"})
        lines.append(",".join(row[h] for h in TRELLO))
    res = import_files([("trello.csv", ("\n".join(lines) + "\n").encode())])
    a = res.applications
    assert res.report.formats == {"trello.csv": "trello"}
    assert a["company"].tolist() == ["Co0 – Analyst", "Co1 – Analyst", "Co2 – Analyst"]
    # the start date where there is one, else the day the card was created
    assert [str(d.date()) for d in a["applied_on"]] == ["2025-03-02", "2025-03-04", "2025-03-09"]
    assert a["stage_reached"].astype(str).tolist() == ["applied", "intro_call", "applied"]
    assert a["outcome"].astype(str).tolist() == ["pending", "pending", "rejected"]
    assert [e.reason for e in res.report.excluded] == ["row 5: not applied yet (status 'Wishlist')"]
    assert any("3 card(s) had no start date" in w for w in res.report.warnings)
    # the counts and flags of the export are not read as follow-ups or anything else
    assert res.report.unread == []
    assert not [w for w in res.report.warnings if "yes/no" in w]


def test_an_id_that_is_not_an_object_id_dates_nothing():
    fmt = detect_format(TRELLO)
    assert fmt.dated_by_id
    from data.importer import import_files

    log = "Card ID,Card Name,List Name\n42,Acme,Applied\nzz0000000000000000000000,Beta,Applied\n"
    a = import_files([("t.csv", log.encode())]).applications
    assert a["applied_on"].isna().all()
