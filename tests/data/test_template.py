"""The blank template: headers, dropdowns, date formats, and a filled copy imports cleanly."""

from __future__ import annotations

import datetime
import importlib.util
import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from data.template import template_bytes, write_template

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
HAS_IMPORTER = importlib.util.find_spec("data.importer") is not None
HEADERS = [
    "Company",
    "Role",
    "Source",
    "Date Applied",
    "Followed up?",
    "Follow-up date",
    "Response date",
    "Intro call",
    "Follow-up after call",
    "Interview",
    "Thank-you sent",
    "Offer",
    "Status",
    "Outcome date",
    "Notes",
]


@pytest.fixture(scope="module")
def wb():
    return load_workbook(io.BytesIO(template_bytes()))


def _letter(header: str) -> str:
    return "ABCDEFGHIJKLMNO"[HEADERS.index(header)]


def _validations(ws) -> dict[str, tuple[str, str | None]]:
    """Column letter -> (validation type, formula1) for every validated range."""
    out: dict[str, tuple[str, str | None]] = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            assert rng.min_row == 2 and rng.max_row >= 500
            assert rng.min_col == rng.max_col
            out["ABCDEFGHIJKLMNO"[rng.min_col - 1]] = (dv.type, dv.formula1)
    return out


def test_sheets_and_header(wb):
    assert wb.sheetnames == ["Applications", "Instructions"]
    ws = wb["Applications"]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.max_row == 1  # blank: nothing below the header
    assert ws.freeze_panes == "A2"
    assert all(c.font.bold for c in ws[1])


def test_dropdowns_on_the_right_columns(wb):
    v = _validations(wb["Applications"])
    for h in ("Followed up?", "Follow-up after call", "Thank-you sent"):
        assert v[_letter(h)] == ("list", '"Yes,No"')
    status = v[_letter("Status")]
    assert status[0] == "list"
    words = status[1].strip('"').split(",")
    assert [w.lower() for w in words] == [
        "applied",
        "intro call",
        "interview",
        "offer",
        "hired",
        "rejected",
        "ghosted",
        "withdrawn",
    ]
    source = v[_letter("Source")]
    assert source[0] == "list"
    assert source[1].strip('"').split(",") == [
        "Job board",
        "Company site",
        "Referral",
        "Recruiter",
        "LinkedIn",
        "Other",
    ]
    for h in ("Company", "Role", "Notes"):
        assert _letter(h) not in v


def test_date_columns_formatted_and_checked(wb):
    ws = wb["Applications"]
    v = _validations(ws)
    dates = [
        "Date Applied",
        "Follow-up date",
        "Response date",
        "Intro call",
        "Interview",
        "Offer",
        "Outcome date",
    ]
    for h in dates:
        assert ws.column_dimensions[_letter(h)].number_format == "yyyy-mm-dd", h
        assert v[_letter(h)][0] == "date", h
    assert ws.column_dimensions[_letter("Company")].number_format == "General"
    assert all(ws.column_dimensions[c].width >= 10 for c in "ABCDEFGHIJKLMNO")


def test_instructions(wb):
    text = " ".join(str(c.value) for row in wb["Instructions"].iter_rows() for c in row if c.value)
    low = text.lower()
    assert "one row per application" in low
    assert "blank" in low and "yes" in low
    assert "never leaves your machine" in low


def test_committed_template_is_current(wb):
    committed = load_workbook(SAMPLES / "followthrough_template.xlsx")
    assert committed.sheetnames == wb.sheetnames
    for name in wb.sheetnames:
        assert list(committed[name].iter_rows(values_only=True)) == list(
            wb[name].iter_rows(values_only=True)
        )
    assert _validations(committed["Applications"]) == _validations(wb["Applications"])


def test_write_template(tmp_path):
    p = write_template(tmp_path / "t.xlsx")
    assert load_workbook(p)["Applications"]["A1"].value == "Company"


# --------------------------------------------------------------------------- filled template
D = datetime.date
# Company, Role, Source, Applied, Followed?, FU date, Response, Intro, FU after call,
# Interview, Thank-you, Offer, Status, Outcome date, Notes
ROWS = [
    (
        "Acme Tools",
        "Data Analyst",
        "Job board",
        D(2026, 3, 2),
        "Yes",
        D(2026, 3, 9),
        D(2026, 3, 12),
        D(2026, 3, 16),
        "Yes",
        D(2026, 3, 25),
        "Yes",
        D(2026, 4, 6),
        "Offer",
        D(2026, 4, 6),
        "great team",
    ),
    (
        "Birch Labs",
        "QA Engineer",
        "Referral",
        D(2026, 3, 3),
        None,
        None,
        D(2026, 3, 20),
        D(2026, 3, 24),
        None,
        D(2026, 4, 1),
        None,
        None,
        "Rejected",
        D(2026, 4, 10),
        None,
    ),
    (
        "Cedar Bank",
        "Business Analyst",
        "Company site",
        D(2026, 3, 5),
        "Yes",
        D(2026, 3, 12),
        D(2026, 3, 30),
        None,
        None,
        None,
        None,
        None,
        "Rejected",
        D(2026, 3, 30),
        None,
    ),
    (
        "Delta Foods",
        "Product Manager",
        "LinkedIn",
        D(2026, 3, 8),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        "Applied",
        None,
        None,
    ),
    (
        "Elm Media",
        "UX Designer",
        "Recruiter",
        D(2026, 3, 10),
        "Yes",
        D(2026, 3, 17),
        D(2026, 3, 19),
        D(2026, 3, 23),
        None,
        None,
        None,
        None,
        "Withdrawn",
        D(2026, 3, 28),
        None,
    ),
    (
        "Fir Health",
        "Operations Analyst",
        "Other",
        D(2026, 3, 12),
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        "Ghosted",
        D(2026, 4, 30),
        None,
    ),
]
EXPECT = pd.DataFrame(
    {
        "company": [
            "Acme Tools",
            "Birch Labs",
            "Cedar Bank",
            "Delta Foods",
            "Elm Media",
            "Fir Health",
        ],
        "role": [
            "Data Analyst",
            "QA Engineer",
            "Business Analyst",
            "Product Manager",
            "UX Designer",
            "Operations Analyst",
        ],
        "source": ["job board", "referral", "company site", "LinkedIn", "recruiter", "other"],
        "applied_on": pd.to_datetime(
            ["2026-03-02", "2026-03-03", "2026-03-05", "2026-03-08", "2026-03-10", "2026-03-12"]
        ),
        "followup_after_apply": [True, False, True, False, True, False],
        "followup_after_apply_on": pd.to_datetime(
            ["2026-03-09", None, "2026-03-12", None, "2026-03-17", None]
        ),
        "responded_on": pd.to_datetime(
            ["2026-03-12", "2026-03-20", "2026-03-30", None, "2026-03-19", None]
        ),
        "intro_call_on": pd.to_datetime(
            ["2026-03-16", "2026-03-24", None, None, "2026-03-23", None]
        ),
        "interview_on": pd.to_datetime(["2026-03-25", "2026-04-01", None, None, None, None]),
        "offer_on": pd.to_datetime(["2026-04-06", None, None, None, None, None]),
        "stage_reached": ["offer", "interview", "applied", "applied", "intro_call", "applied"],
        "outcome": ["offer", "rejected", "rejected", "pending", "withdrawn", "ghosted"],
        "outcome_on": pd.to_datetime(
            ["2026-04-06", "2026-04-10", "2026-03-30", None, "2026-03-28", "2026-04-30"]
        ),
    }
)


@pytest.fixture(scope="module")
def filled_bytes() -> bytes:
    wb = load_workbook(io.BytesIO(template_bytes()))
    ws = wb["Applications"]
    for r in ROWS:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.skipif(not HAS_IMPORTER, reason="data.importer not written yet")
def test_filled_template_imports_cleanly(filled_bytes):
    from data import import_files

    res = import_files([("my_log.xlsx", filled_bytes)])
    rep = res.report
    assert rep.warnings == []
    assert rep.excluded == []
    assert rep.rows_read == rep.rows_analysed == len(ROWS)
    assert rep.ambiguous_dates == [] and rep.unknown_status_words == {}
    assert ("my_log.xlsx", "Instructions") not in rep.sheets_used
    apps = res.applications.sort_values("applied_on").reset_index(drop=True)
    got = apps[list(EXPECT.columns)].copy()
    for c in ("source", "stage_reached", "outcome"):
        got[c] = got[c].astype("string")
    want = EXPECT.copy()
    for c in ("company", "role", "source", "stage_reached", "outcome"):
        want[c] = want[c].astype("string")
    want["followup_after_apply"] = want["followup_after_apply"].astype("boolean")
    for c in want.columns:
        if c.endswith("_on"):
            want[c] = want[c].astype("datetime64[ns]")
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    # the yes/no columns the person used: Yes -> True, blank -> False where the step was reached
    assert bool(apps.loc[0, "followup_after_intro"]) is True
    assert bool(apps.loc[0, "thank_you_after_interview"]) is True
    assert bool(apps.loc[1, "thank_you_after_interview"]) is False
    assert (apps["source_sheet"] == "Applications").all()
    assert apps["source_row"].tolist() == [2, 3, 4, 5, 6, 7]


@pytest.mark.skipif(not HAS_IMPORTER, reason="data.importer not written yet")
def test_blank_template_is_refused_with_a_clear_message():
    from data import import_files
    from data.schema import InputError

    with pytest.raises(InputError, match="followthrough_template.xlsx.*no data rows"):
        import_files([("followthrough_template.xlsx", template_bytes())])
