"""Tests for data.values: dates, yes/no, status, source, event kind, counts.

Expected values are written by hand from the meaning of each input (or derived with
plain pandas arithmetic), never copied from the function's output.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import vocab
from data.schema import EVENT_KINDS, OUTCOME_DTYPE, SOURCE_DTYPE, STAGE_DTYPE
from data.values import (
    DateColumn,
    StatusColumn,
    parse_count,
    parse_dates,
    parse_event_kind,
    parse_source,
    parse_status,
    parse_yes_no,
)

REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "realworld"


def ts(text: str | None) -> pd.Timestamp:
    return pd.NaT if text is None else pd.Timestamp(text)


def dates_of(col: DateColumn) -> list:
    return [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in col.values]


def one(cell, **kw) -> str | None:
    return dates_of(parse_dates(pd.Series([cell], dtype=object), **kw))[0]


# =========================================================================== dates: styles
@pytest.mark.parametrize(
    "cell, expected",
    [
        ("2026-08-15", "2026-08-15"),
        ("2026-08-15 12:46:50", "2026-08-15"),
        ("2026-08-15T23:59:59Z", "2026-08-15"),
        ("2024.1.30", "2024-01-30"),
        ("2024/01/30", "2024-01-30"),
        ("15 Jan 2025", "2025-01-15"),
        ("Jan 15, 2025", "2025-01-15"),
        ("January 15, 2025", "2025-01-15"),
        ("15-Jan-2025", "2025-01-15"),
        ("2025年1月24日", "2025-01-24"),
        ("20250124", "2025-01-24"),
        ("8/15/26, 10:32 AM", "2026-08-15"),
        ("11/13/23, 9:42 AM", "2023-11-13"),
        ("25.12.2024", "2024-12-25"),
        ("25-12-2024", "2024-12-25"),
        ("25/12/24", "2024-12-25"),
        ("12/25/2024", "2024-12-25"),
        ("  2026-08-15  ", "2026-08-15"),
        ("Jan 15, 2025 10:00 AM", "2025-01-15"),
        ("15th January 2025", "2025-01-15"),
        ("Wed Jan 15 2025", "2025-01-15"),
        ("Sept 5, 2024", "2024-09-05"),
        ("3. März 2024", "2024-03-03"),
        ("15.01.2025 14.30", "2025-01-15"),
        ("2025-01-15T10:00:00+01:00", "2025-01-15"),
        ("2024-03-12 to 2024-03-20", "2024-03-12"),
    ],
)
def test_each_date_style(cell, expected):
    assert one(cell) == expected


@pytest.mark.parametrize("cell", ["2025-08", "08/2025", "Aug 2025", "August 2025"])
def test_partial_month_forms(cell):
    col = parse_dates(pd.Series([cell]))
    assert dates_of(col) == ["2025-08-01"]
    assert "1st" in col.note


def test_partial_month_is_first_of_month_and_noted():
    col = parse_dates(pd.Series(["2025-08", "2025-09-14"]))
    assert dates_of(col) == ["2025-08-01", "2025-09-14"]
    assert not col.failed.any()
    assert col.note is not None and "2025-08" in col.note and "1st" in col.note


def test_python_and_pandas_datetime_objects():
    cells = [
        dt.datetime(2025, 3, 4, 17, 30),
        dt.date(2025, 1, 2),
        pd.Timestamp("2025-05-06 08:00"),
        np.datetime64("2025-07-08T10:00"),
    ]
    col = parse_dates(pd.Series(cells, dtype=object))
    assert dates_of(col) == ["2025-03-04", "2025-01-02", "2025-05-06", "2025-07-08"]
    assert col.values.dtype == "datetime64[ns]"


def test_datetime64_column_is_normalised():
    s = pd.Series([pd.Timestamp("2025-01-02 13:14"), pd.NaT, pd.Timestamp("1850-01-01")])
    col = parse_dates(s)
    assert col.values.iloc[0] == pd.Timestamp("2025-01-02")
    assert col.values.dtype == "datetime64[ns]"
    assert col.failed.tolist() == [False, False, True]


# =========================================================================== dates: order
def test_one_day_above_twelve_makes_whole_column_dayfirst():
    col = parse_dates(pd.Series(["03/04/2025", "05/06/2025", "25/01/2025"]))
    assert col.order == "dayfirst"
    assert not col.ambiguous
    assert dates_of(col) == ["2025-04-03", "2025-06-05", "2025-01-25"]


def test_second_part_above_twelve_makes_column_monthfirst():
    col = parse_dates(pd.Series(["03/04/2025", "12/31/2025"]))
    assert col.order == "monthfirst"
    assert dates_of(col) == ["2025-03-04", "2025-12-31"]


def test_ambiguous_column_defaults_to_monthfirst_and_says_so():
    col = parse_dates(pd.Series(["03/04/2025", "05/06/2025"]))
    assert col.ambiguous
    assert col.order == "monthfirst"
    assert dates_of(col) == ["2025-03-04", "2025-05-06"]
    assert "03/04/2025" in col.note and "month-first" in col.note


def test_ambiguous_column_uses_dayfirst_argument():
    col = parse_dates(pd.Series(["03/04/2025", "05/06/2025"]), dayfirst=True)
    assert col.ambiguous and col.order == "dayfirst"
    assert dates_of(col) == ["2025-04-03", "2025-06-05"]
    col = parse_dates(pd.Series(["25/04/2025"]), dayfirst=False)  # data beats the argument
    assert col.order == "dayfirst" and dates_of(col) == ["2025-04-25"]


def test_ambiguous_dotted_dates_read_dayfirst():
    col = parse_dates(pd.Series(["03.04.2025", "05.06.2025"]))
    assert col.ambiguous and col.order == "dayfirst"
    assert dates_of(col) == ["2025-04-03", "2025-06-05"]
    assert col.note and "day-first" in col.note


def test_contradicting_orders_are_mixed_and_minority_fails():
    col = parse_dates(pd.Series(["25/01/2025", "26/01/2025", "01/31/2025", "02/03/2025"]))
    assert col.order == "mixed"
    assert dates_of(col) == ["2025-01-25", "2025-01-26", None, "2025-03-02"]
    assert col.failed.tolist() == [False, False, True, False]
    assert "01/31/2025" in col.note


def test_iso_only_column_order():
    col = parse_dates(pd.Series(["2025-01-03", "2025-02-04"]))
    assert col.order == "iso" and not col.ambiguous and col.note is None


def test_mixed_iso_and_dmy():
    col = parse_dates(pd.Series(["17/01/2025", "2025-01-24", "24/01/2025", "2025-01-31"]))
    assert dates_of(col) == ["2025-01-17", "2025-01-24", "2025-01-24", "2025-01-31"]
    assert col.order == "dayfirst"
    assert not col.failed.any()


@pytest.mark.realworld
def test_realworld_mixed_dates_file_reads_both_styles():
    path = REALWORLD / "github_MartinW72UK_job_tracker__job_applications_64b6e20_mixeddates.csv"
    if not path.exists():
        pytest.skip("realworld corpus not present")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="latin-1")
    col = parse_dates(raw["Date Applied"])
    nonblank = raw["Date Applied"].str.strip() != ""
    iso = raw["Date Applied"].str.match(r"^\d{4}-\d{2}-\d{2}$")
    dmy = raw["Date Applied"].str.match(r"^\d{2}/\d{2}/\d{4}$")
    assert iso.any() and dmy.any()
    assert col.values[iso | dmy].notna().all()
    assert col.order == "dayfirst"
    # free text such as "Before 2025-01-24" fails, is not a date
    other = nonblank & ~iso & ~dmy
    assert (col.failed[other]).all()
    first = raw.index[raw["Date Applied"] == "17/01/2025"][0]
    assert col.values[first] == pd.Timestamp("2025-01-17")


# =========================================================================== dates: serials
def test_excel_serial_number_and_string():
    expected = pd.Timestamp("1899-12-30") + pd.Timedelta(days=45292)
    assert expected == pd.Timestamp("2024-01-01")
    col = parse_dates(pd.Series([45292, "45292", 45292.75], dtype=object))
    assert col.values.tolist() == [expected] * 3
    assert col.order == "serial"


def test_serial_numeric_dtype_column():
    col = parse_dates(pd.Series([45292.0, np.nan, 45293.0]))
    assert dates_of(col) == ["2024-01-01", None, "2024-01-02"]
    assert col.failed.tolist() == [False, False, False]


def test_numbers_outside_serial_range_fail():
    col = parse_dates(pd.Series([1, 2, 3, 99999]))
    assert col.values.isna().all()
    assert col.failed.all()
    assert col.order == "none"


def test_serials_not_used_in_a_column_of_text():
    col = parse_dates(pd.Series(["alpha", "beta", "gamma", 45292], dtype=object))
    assert col.values.isna().all() and col.failed.all()


def test_serials_mixed_with_dates_are_read_and_noted():
    col = parse_dates(pd.Series(["2024-01-05", 45292], dtype=object))
    assert dates_of(col) == ["2024-01-05", "2024-01-01"]
    assert col.note and "Excel" in col.note


# =========================================================================== dates: misc
def test_two_dates_in_one_cell_takes_first_and_notes():
    col = parse_dates(pd.Series(["8/5/2019 & 8/14/2019", "9/1/2019"]))
    assert dates_of(col) == ["2019-08-05", "2019-09-01"]
    assert "8/5/2019 & 8/14/2019" in col.note


@pytest.mark.parametrize(
    "cell",
    ["", "   ", "null", "NULL", "none", "n/a", "N/A", "-", "—", "tbd", "TBD", "待定", None, np.nan],
)
def test_blank_placeholders_are_blank_not_failed(cell):
    col = parse_dates(pd.Series([cell, "2025-01-01"], dtype=object))
    assert pd.isna(col.values.iloc[0])
    assert not col.failed.iloc[0]


@pytest.mark.parametrize(
    "cell",
    [
        "Before 2025-01-24",
        "8-Jul",
        "8/82019",
        "open",
        "soon",
        "31/02/2025",
        "1985-01-01",
        "2150-01-01",
        True,
        "13/13/2025",
    ],
)
def test_free_text_and_impossible_dates_fail(cell):
    col = parse_dates(pd.Series([cell], dtype=object))
    assert pd.isna(col.values.iloc[0])
    assert col.failed.iloc[0]


def test_index_preserved_and_input_not_mutated():
    s = pd.Series(["2025-01-02", "", "x"], index=[10, 20, 30], dtype=object)
    before = s.copy()
    col = parse_dates(s)
    assert list(col.values.index) == [10, 20, 30]
    assert list(col.failed.index) == [10, 20, 30]
    pd.testing.assert_series_equal(s, before)


def test_string_dtype_input():
    s = pd.Series(["2025-01-02", None, "3/4/2025"], dtype="string")
    col = parse_dates(s)
    assert dates_of(col) == ["2025-01-02", None, "2025-03-04"]
    assert col.failed.tolist() == [False, False, False]


def test_none_order_for_empty_column():
    col = parse_dates(pd.Series([], dtype=object))
    assert col.order == "none" and len(col.values) == 0 and col.note is None


def test_not_a_series_is_value_error():
    with pytest.raises(ValueError, match="Series"):
        parse_dates(["2025-01-01"])  # type: ignore[arg-type]


_cells = st.one_of(
    st.none(),
    st.text(max_size=25),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(2300, 1, 1)),
    st.dates(),
    st.lists(st.integers(), max_size=2),
    st.sampled_from(["2025-01-02", "3/4/25", "25/12/2024", "Jan 5, 2025", "null", "45292"]),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_cells, max_size=12), st.sampled_from([None, True, False]))
def test_property_parse_dates_total_and_consistent(cells, dayfirst):
    s = pd.Series(cells, dtype=object, index=[i * 3 + 1 for i in range(len(cells))])
    col = parse_dates(s, dayfirst=dayfirst)
    assert len(col.values) == len(s) and len(col.failed) == len(s)
    assert col.values.index.equals(s.index) and col.failed.index.equals(s.index)
    assert col.values.dtype == "datetime64[ns]"
    assert col.failed.dtype == bool
    # a cell is never both a date and failed
    assert not (col.values.notna() & col.failed).any()
    # dates are at midnight and within the sane range
    ok = col.values.dropna()
    assert (ok == ok.dt.normalize()).all()
    assert ((ok.dt.year >= 1990) & (ok.dt.year <= 2100)).all()
    assert col.order in {"iso", "dayfirst", "monthfirst", "serial", "mixed", "none"}
    # blank cells are neither; every other cell is exactly one of date / failed
    for v, d, f in zip(cells, col.values, col.failed, strict=False):
        missing = v is None or (isinstance(v, float) and np.isnan(v))
        if missing or (isinstance(v, str) and v.strip() == ""):
            assert pd.isna(d) and not f
        elif isinstance(v, str) and vocab.is_blank_word(v):
            if len(v.strip()) <= 20:
                assert pd.isna(d) and not f
        else:
            assert pd.notna(d) != bool(f), (v, d, f)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(
        ["%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y", "%d/%m/%Y", "%Y.%m.%d", "%d %b %Y", "%B %d, %Y"]
    ),
)
def test_property_roundtrip_formats(days, fmt):
    text = pd.Series([d.strftime(fmt) for d in days])
    dayfirst = fmt.startswith("%d")
    col = parse_dates(text, dayfirst=dayfirst)
    assert [d.date() for d in col.values] == days


# =========================================================================== yes / no
@pytest.mark.parametrize(
    "cell, expected",
    [
        ("Yes", True),
        ("yes", True),
        ("Y", True),
        ("y", True),
        ("x", True),
        ("X", True),
        ("✓", True),
        ("✔", True),
        ("TRUE", True),
        ("true", True),
        ("1", True),
        (1, True),
        (True, True),
        ("ja", True),
        ("oui", True),
        ("sí", True),
        ("是", True),
        ("done", True),
        ("sent", True),
        (" Yes ", True),
        ("No", False),
        ("N", False),
        ("n", False),
        ("✗", False),
        ("FALSE", False),
        ("0", False),
        (0, False),
        (False, False),
        ("nein", False),
        ("non", False),
        ("否", False),
        ("Yes - emailed the recruiter", True),
        ("no (not yet)", False),
    ],
)
def test_yes_no_spellings(cell, expected):
    flags, unrec = parse_yes_no(pd.Series([cell], dtype=object))
    assert not pd.isna(flags.iloc[0])
    assert bool(flags.iloc[0]) == expected
    assert not unrec.iloc[0]


def test_yes_no_date_means_yes_blank_is_na_unknown_flagged():
    cells = ["2025-01-03", dt.datetime(2025, 1, 3), "", None, "null", "maybe"]
    flags, unrec = parse_yes_no(pd.Series(cells, dtype=object, index=list("abcdef")))
    assert flags.dtype == "boolean"
    assert flags.iloc[:2].tolist() == [True, True]
    assert flags.iloc[2:].isna().all()
    assert unrec.tolist() == [False, False, False, False, False, True]
    assert list(flags.index) == list("abcdef")


# =========================================================================== status
# (word, stage, outcome, followed_up, not_applied) -- from the brief's meaning of each word
A, IC, IV, OF, HI = "applied", "intro_call", "interview", "offer", "hired"
STATUS_TABLE = [
    ("Applied", A, "pending", False, False),
    ("applied", A, "pending", False, False),
    ("APPLIED", A, "pending", False, False),
    ("Pending", A, "pending", False, False),
    ("submitted", A, "pending", False, False),
    ("In Progress", A, "pending", False, False),
    ("In-Progress", A, "pending", False, False),
    ("ongoing", A, "pending", False, False),
    ("In Bearbeitung", A, "pending", False, False),
    ("已投递", A, "pending", False, False),
    ("池子", A, "pending", False, False),
    ("Rejected", A, "rejected", False, False),
    ("rejected", A, "rejected", False, False),
    ("REJECTED", A, "rejected", False, False),
    ("reeejected", A, "rejected", False, False),
    ("Rejection :(", A, "rejected", False, False),
    ("Denied", A, "rejected", False, False),
    ("No", A, "rejected", False, False),
    ("Negative", A, "rejected", False, False),
    ("Negative.", A, "rejected", False, False),
    ("Negative (Application rejected)", A, "rejected", False, False),
    ("abgesagt", A, "rejected", False, False),
    ("Auto Rejected", A, "rejected", False, False),
    ("Auto-Rejected", A, "rejected", False, False),
    ("Not Selected", A, "rejected", False, False),
    ("No Response", A, "ghosted", False, False),
    ("Suspected Ghost Job", A, "ghosted", False, False),
    ("ghosted", A, "ghosted", False, False),
    ("Ghosted", A, "ghosted", False, False),
    ("Withdrew", A, "withdrawn", False, False),
    ("Withdrawn", A, "withdrawn", False, False),
    ("I Withdrew", A, "withdrawn", False, False),
    ("abandoned", A, "withdrawn", False, False),
    ("Declined Offer", OF, "withdrawn", False, False),
    ("Offer", OF, "offer", False, False),
    ("OFFER", OF, "offer", False, False),
    ("offer", OF, "offer", False, False),
    ("Accepted!", OF, "offer", False, False),
    ("Accepted", OF, "offer", False, False),
    ("Job Offer", OF, "offer", False, False),
    ("Negotiating", OF, "offer", False, False),
    ("Offer Accepted", HI, "hired", False, False),
    ("Hired", HI, "hired", False, False),
    ("No Offer", IV, "rejected", False, False),
    ("interview_invite", IV, "pending", False, False),
    ("Interview", IV, "pending", False, False),
    ("interview", IV, "pending", False, False),
    ("INTERVIEWING", IV, "pending", False, False),
    ("Interviewing", IV, "pending", False, False),
    ("video interview", IV, "pending", False, False),
    ("Phone Interview", IC, "pending", False, False),
    ("Phone Screen", IC, "pending", False, False),
    ("HR/ Recruiter Call", IC, "pending", False, False),
    ("HR/ Hiring Manager Interview", IC, "pending", False, False),
    ("Recruiter Call", IC, "pending", False, False),
    ("Online Assessment", IC, "pending", False, False),
    ("OA", IC, "pending", False, False),
    ("Coding Challenge", IC, "pending", False, False),
    ("Tech Exam", IC, "pending", False, False),
    ("笔试", IC, "pending", False, False),
    ("Assessment Centre", IC, "pending", False, False),
    ("SCREEN", IC, "pending", False, False),
    ("Kennenlerngespräch", IC, "pending", False, False),
    ("Hiring Manager", IV, "pending", False, False),
    ("First Round Interview", IV, "pending", False, False),
    ("Second Round Interview", IV, "pending", False, False),
    ("Technical Interview", IV, "pending", False, False),
    ("Panel Interview", IV, "pending", False, False),
    ("Onsite", IV, "pending", False, False),
    ("1st Interview", IV, "pending", False, False),
    ("2nd Interview", IV, "pending", False, False),
    ("一面", IV, "pending", False, False),
    ("二面", IV, "pending", False, False),
    ("技术面", IV, "pending", False, False),
    ("Zweitgespräch", IV, "pending", False, False),
    ("follow_up", A, "pending", True, False),
    ("Followed up", A, "pending", True, False),
    ("Follow-up sent", A, "pending", True, False),
    ("Wishlist", None, None, False, True),
    ("wishlist", None, None, False, True),
    ("Saved", None, None, False, True),
    ("SAVED", None, None, False, True),
    ("Bookmarked", None, None, False, True),
    ("To apply", None, None, False, True),
    ("Interested", None, None, False, True),
    ("not submitted", None, None, False, True),
    ("Applying", None, None, False, True),
    # typos and decorations
    ("Rejcted", A, "rejected", False, False),
    ("Interveiw", IV, "pending", False, False),
    ("  ✅ Offer!! ", OF, "offer", False, False),
    ("Rejected after interview", IV, "rejected", False, False),
]


@pytest.mark.parametrize("word, stage, outcome, followed, not_applied", STATUS_TABLE)
def test_status_word(word, stage, outcome, followed, not_applied):
    col = parse_status(pd.Series([word]))
    got_stage = col.stage.iloc[0]
    got_outcome = col.outcome.iloc[0]
    assert (None if pd.isna(got_stage) else got_stage) == stage
    assert (None if pd.isna(got_outcome) else got_outcome) == outcome
    flag = col.followed_up.iloc[0]
    if followed:
        assert not pd.isna(flag) and bool(flag)
    else:
        assert pd.isna(flag)
    assert bool(col.not_applied.iloc[0]) == not_applied
    assert col.unknown == {}


def test_status_unknown_words_counted_and_blank_ignored():
    words = [
        "Not provided",
        "The email does not",
        "other",
        "Not provided",
        "",
        None,
        "n/a",
        "Applied",
    ]
    col = parse_status(pd.Series(words, dtype=object))
    assert col.unknown == {"Not provided": 2, "The email does not": 1, "other": 1}
    assert col.stage.isna().tolist() == [True] * 7 + [False]
    assert col.outcome.isna().tolist() == [True] * 7 + [False]
    assert not col.not_applied.any()


def test_status_dtypes_and_index():
    s = pd.Series(["Applied", "Offer", "Rejected"], index=[5, 6, 7])
    col = parse_status(s)
    assert isinstance(col, StatusColumn)
    assert col.stage.dtype == STAGE_DTYPE and col.outcome.dtype == OUTCOME_DTYPE
    assert col.followed_up.dtype == "boolean" and col.not_applied.dtype == bool
    assert list(col.stage.index) == [5, 6, 7]


# =========================================================================== source
@pytest.mark.parametrize(
    "cell, expected",
    [
        ("LinkedIn", "LinkedIn"),
        ("Linkedin", "LinkedIn"),
        ("linkedin easy apply", "LinkedIn"),
        ("Indeed", "job board"),
        ("Glassdoor", "job board"),
        ("Dice", "job board"),
        ("Monster", "job board"),
        ("CryptoJobs", "job board"),
        ("Upwork", "job board"),
        ("job board", "job board"),
        ("Job Boards", "job board"),
        ("招聘软件投递", "job board"),
        ("company site", "company site"),
        ("Careers page", "company site"),
        ("Greenhouse", "company site"),
        ("Lever", "company site"),
        ("Workday", "company site"),
        ("Ashby", "company site"),
        ("iCIMS", "company site"),
        ("SmartRecruiters", "company site"),
        ("官网投递", "company site"),
        ("Company careers site", "company site"),
        ("Direct email", "company site"),
        ("referral", "referral"),
        ("Referred", "referral"),
        ("内部推荐", "referral"),
        ("Empfehlung", "referral"),
        ("recruiter", "recruiter"),
        ("Agency", "recruiter"),
        ("Headhunter", "recruiter"),
        ("recruitment company", "recruiter"),
        ("Career fair", "other"),
        ("其他", "other"),
    ],
)
def test_source_words(cell, expected):
    out = parse_source(pd.Series([cell]))
    assert out.dtype == SOURCE_DTYPE
    assert out.iloc[0] == expected


def test_source_blank_is_na():
    out = parse_source(pd.Series(["", None, "null", "Indeed"], dtype=object))
    assert out.isna().tolist() == [True, True, True, False]


# =========================================================================== event kinds
@pytest.mark.parametrize(
    "cell, expected",
    [
        ("applied", "applied"),
        ("Application sent", "applied"),
        ("follow up", "follow_up"),
        ("Followed up", "follow_up"),
        ("nudge", "follow_up"),
        ("check-in", "follow_up"),
        ("email follow-up", "follow_up"),
        ("thank you", "thank_you"),
        ("Thank-you note", "thank_you"),
        ("TY note", "thank_you"),
        ("phone screen", "intro_call"),
        ("Recruiter call", "intro_call"),
        ("intro call", "intro_call"),
        ("Screening", "intro_call"),
        ("Interview", "interview"),
        ("Onsite", "interview"),
        ("Offer", "offer"),
        ("Rejected", "rejected"),
        ("Withdrawn", "withdrawn"),
        ("Hired", "hired"),
        ("lunch with a friend", None),
        ("", None),
    ],
)
def test_event_kinds(cell, expected):
    out = parse_event_kind(pd.Series([cell]))
    got = out.iloc[0]
    assert (None if pd.isna(got) else got) == expected
    assert out.dropna().isin(EVENT_KINDS).all()


# =========================================================================== counts
@pytest.mark.parametrize(
    "cell, expected",
    [
        ("2 emails", 2),
        ("1 follow-up", 1),
        ("3 follow ups", 3),
        ("4 times", 4),
        ("2次", 2),
        ("once", 1),
        ("none", 0),
        ("0", 0),
        (" 7 ", 7),
    ],
)
def test_count_spellings(cell, expected):
    counts, unrec = parse_count(pd.Series([cell]))
    assert int(counts.iloc[0]) == expected
    assert not unrec.iloc[0]


def test_counts():
    cells = ["2", 3, 3.0, "twice", "1x", "", None, "lots", -1, 2.5, True]
    counts, unrec = parse_count(pd.Series(cells, dtype=object))
    assert counts.dtype == "Int64"
    assert counts.iloc[:5].tolist() == [2, 3, 3, 2, 1]
    assert counts.iloc[5:].isna().all()
    assert unrec.tolist() == [False] * 7 + [True] * 4


# =========================================================================== large columns
def test_many_distinct_timestamps_take_the_fast_path_and_agree():
    rng = np.random.default_rng(7)
    stamps = pd.Timestamp("2021-03-01") + pd.to_timedelta(
        rng.integers(0, 400 * 86400, 30_000), unit="s"
    )
    text = list(stamps.strftime("%m/%d/%y, %I:%M %p"))
    text[5], text[17] = None, ""
    expected = pd.Series(stamps.normalize()).astype("datetime64[ns]")
    expected[5] = pd.NaT
    expected[17] = pd.NaT
    for s in (pd.Series(text, dtype="str"), pd.Series(text, dtype=object)):
        col = parse_dates(s)
        pd.testing.assert_series_equal(col.values, expected, check_names=False)
        assert not col.failed.any()
        assert col.order == "monthfirst"


def test_counts_weight_the_majority_for_distinct_values():
    distinct = pd.Series(["25/01/2025", "01/31/2025", "02/03/2025"])
    by_value = parse_dates(distinct)  # 1 vs 1: tie -> month-first
    by_cells = parse_dates(distinct, counts=[10, 1, 1])  # 10 cells prove day-first
    assert by_cells.order == "mixed" and by_value.order == "mixed"
    assert dates_of(by_cells) == ["2025-01-25", None, "2025-03-02"]
    assert "1 cell(s)" in by_cells.note
    with pytest.raises(ValueError, match="counts"):
        parse_dates(distinct, counts=[1, 2])


def test_status_with_very_many_distinct_words_stays_exact_and_adds_up():
    words = [f"note {i} about things" for i in range(21_000)] + ["REJECTED ", "Applied"] * 1
    col = parse_status(pd.Series(words))
    assert col.outcome.iloc[-2] == "rejected" and col.stage.iloc[-2] == "applied"
    assert col.outcome.iloc[-1] == "pending"
    assert sum(col.unknown.values()) == 21_000
    assert len(col.unknown) <= 1_001
    assert col.stage.iloc[:21_000].isna().all()


def test_source_and_yes_no_with_very_many_distinct_words():
    words = [f"place number {i}" for i in range(21_000)] + ["linkedin.com/jobs/x", "", "2025-02-03"]
    src = parse_source(pd.Series(words))
    assert src.iloc[-3] == "LinkedIn" and pd.isna(src.iloc[-2])
    assert (src.iloc[:21_000] == "other").all()
    flags, unrec = parse_yes_no(pd.Series(words))
    assert bool(flags.iloc[-1]) is True and not unrec.iloc[-1]
    assert unrec.iloc[:21_000].all() and flags.iloc[:21_000].isna().all()


# =========================================================================== real corpus
_CORPUS_STATUS = [
    # (file, encoding or sheet, columns) -- read from ../shared/realworld, never copied
    (
        "github_HasanBeker2_gmail_job_application_parser__job_applications_cp1252.csv",
        "cp1252",
        ["Result"],
    ),
    (
        "github_MartinW72UK_job_tracker__job_applications_134bc62_ddmmyyyy.csv",
        "latin-1",
        ["Status"],
    ),
    ("github_NakuraMino_Recruitment_Sankey_Diagram__applications2020.csv", "utf-8", ["Result"]),
    ("github_NakuraMino_Recruitment_Sankey_Diagram__applications2021.csv", "utf-8", ["Result"]),
    (
        "github_freylyons_job-applications-2025-2026__application_tracker.csv",
        "utf-8",
        ["application_progress", "application_status"],
    ),
    ("github_jaykhan-dev_job-recon__Applications.csv", "utf-8", ["STATUS"]),
    ("github_limengsheng981-hash_my-offer-tracker__job_applications.csv", "utf-8", ["当前状态"]),
    ("github_sandervw_job-search__job_applications.csv", "utf-8", ["status"]),
    ("github_smpotts_jobsearch-sankey__V1-Sankey-Table.csv", "utf-8", ["Source", "Target"]),
    ("github_aankouni12_Job_Tracker__applications.xlsx", "Applications", ["Status"]),
    (
        "github_ryanliu079_springweek_application_tracker__applications.xlsx",
        "Applications",
        ["Status"],
    ),
    ("github_Loki0821_Portfolio-Projects__Bewerbungen.xlsx", "Raw_data", ["Status"]),
]
#: The words the brief says are not status words (reported as unknown).
_CORPUS_UNKNOWN = {"Not provided", "The email does not", "other"}


@pytest.mark.realworld
@pytest.mark.parametrize(
    "name, how, columns", _CORPUS_STATUS, ids=[c[0][7:40] for c in _CORPUS_STATUS]
)
def test_realworld_status_words_are_understood(name, how, columns):
    path = REALWORLD / name
    if not path.exists():
        pytest.skip("realworld corpus not present")
    if name.endswith(".csv"):
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=how)
    else:
        table = pd.read_excel(path, sheet_name=how, engine="calamine", dtype=object)
    for column in columns:
        col = parse_status(table[column])
        assert set(col.unknown) <= _CORPUS_UNKNOWN, col.unknown
        words = table[column].astype(object)
        nonblank = words.map(lambda v: isinstance(v, str) and v.strip() != "")
        understood = col.stage.notna() | col.not_applied
        unknown_cells = words.map(lambda v: isinstance(v, str) and v.strip() in _CORPUS_UNKNOWN)
        assert (understood == (nonblank & ~unknown_cells)).all()


@pytest.mark.realworld
def test_realworld_stage_headers_of_a_sankey_tally_are_status_words():
    path = REALWORLD / "github_vanessapigwin_JobsExcelToSankey__applications.xlsx"
    if not path.exists():
        pytest.skip("realworld corpus not present")
    headers = list(pd.read_excel(path, sheet_name="Tally", engine="calamine", nrows=0).columns)
    col = parse_status(pd.Series(headers, dtype=object))
    got = dict(
        zip(
            headers,
            zip(col.stage.astype(object), col.outcome.astype(object), strict=False),
            strict=False,
        )
    )
    assert got["Ghosted"] == ("applied", "ghosted")
    assert got["1st Interview"] == ("interview", "pending")
    assert got["Tech Exam"] == ("intro_call", "pending")
    assert got["Offer Declined"] == ("offer", "withdrawn")
    assert got["No Offer"] == ("interview", "rejected")
    assert got["Job Offer"] == ("offer", "offer")
    assert col.unknown == {}


@pytest.mark.realworld
@pytest.mark.parametrize(
    "name, column, order, failed_cells, checks",
    [
        (
            "github_NakuraMino_Recruitment_Sankey_Diagram__applications2020.csv",
            "Applied Date",
            "monthfirst",
            {"8/82019 ", "8-Jul"},
            {"9/25/2019": "2019-09-25"},
        ),
        (
            "github_apk0703_linkdin_profile_analysis__Job_Applications.csv",
            "Application Date",
            "monthfirst",
            set(),
            {"11/13/23, 9:42 AM": "2023-11-13"},
        ),
        (
            "github_freylyons_job-applications-2025-2026__application_tracker.csv",
            "date",
            "iso",
            set(),
            {"2025-08": "2025-08-01"},
        ),
        (
            "github_limengsheng981-hash_my-offer-tracker__job_applications.csv",
            "最后更新时间",
            "iso",
            set(),
            {"2026-07-28 12:46:50": "2026-07-28"},
        ),
        (
            "github_MartinW72UK_job_tracker__job_applications_134bc62_ddmmyyyy.csv",
            "Date Applied",
            "dayfirst",
            {"Before 2025-01-24"},
            {"15/01/2025": "2025-01-15"},
        ),
    ],
)
def test_realworld_date_columns(name, column, order, failed_cells, checks):
    path = REALWORLD / name
    if not path.exists():
        pytest.skip("realworld corpus not present")
    raw = pd.read_csv(
        path,
        dtype=str,
        keep_default_na=False,
        encoding="latin-1" if "MartinW72UK" in name else "utf-8",
    )[column]
    col = parse_dates(raw)
    assert col.order == order
    assert set(raw[col.failed]) == failed_cells
    for cell, expected in checks.items():
        hits = col.values[raw == cell]
        assert len(hits) and (hits == pd.Timestamp(expected)).all()
    assert (col.values.notna() | col.failed | (raw.str.strip() == "")).all()
