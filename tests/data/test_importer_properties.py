"""Property tests: whatever table or bytes come in, import_files either imports with every
row accounted for or raises its own clear InputError -- never anything else."""

from __future__ import annotations

import csv as _csv
import datetime as dt
import io

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from data.importer import import_files
from data.schema import APPLICATION_COLUMNS, InputError

HEADERS = [
    "Company",
    "Company Name",
    "Employer",
    "Role",
    "Job Title",
    "Position",
    "Date Applied",
    "Applied On",
    "date",
    "Follow up?",
    "Followed up",
    "Follow-up date",
    "Thank you sent",
    "Status",
    "Result",
    "Stage",
    "Response date",
    "Phone Screen",
    "Interview",
    "Offer",
    "Source",
    "Participant",
    "Notes",
    "ID",
    "Rejected",
    "Ghosted",
    "Event",
    "Target",
    "公司",
    "Firma",
    "Einreichdatum",
    "Number of follow-ups",
    "Last Updated",
]
JUNK_HEADERS = st.text(min_size=0, max_size=12)
TEXT_CELLS = st.sampled_from(
    [
        "",
        " ",
        "Acme",
        "Beta GmbH",
        "2026-01-05",
        "05/01/2026",
        "1/5/26",
        "15.03.2026",
        "45123",
        "8/15/26, 10:32 AM",
        "2024.1.30",
        "2025-08",
        "yes",
        "No",
        "x",
        "✓",
        "TRUE",
        "1",
        "0",
        "ja",
        "Applied",
        "Rejected",
        "Interview",
        "Offer",
        "Saved",
        "wishlist",
        "follow_up",
        "ghosted",
        "null",
        "-",
        "n/a",
        "purple",
        "=SUM(A1:A3)",
        "Line\nbreak",
        "Total",
        "1. Twik",
    ]
)
CELLS = st.one_of(TEXT_CELLS, st.text(max_size=10))
XLSX_CELLS = st.one_of(
    TEXT_CELLS,
    st.none(),
    st.integers(-5, 50000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)).map(
        lambda d: dt.datetime(d.year, d.month, d.day)
    ),
)


@st.composite
def tables(draw, cells):
    ncol = draw(st.integers(1, 6))
    header = [draw(st.one_of(st.sampled_from(HEADERS), JUNK_HEADERS)) for _ in range(ncol)]
    nrow = draw(st.integers(0, 8))
    rows = [[draw(cells) for _ in range(ncol)] for _ in range(nrow)]
    return header, rows


def to_csv(header, rows, delimiter=",") -> bytes:
    buf = io.StringIO()
    w = _csv.writer(buf, delimiter=delimiter)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _xl(c):
    if isinstance(c, str):
        c = ILLEGAL_CHARACTERS_RE.sub("", c)
        return "'" + c if c.startswith("=") else c
    return c


def to_xlsx(header, rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([_xl(h) for h in header])
    for r in rows:
        ws.append([_xl(c) for c in r])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def check(files):
    try:
        res = import_files(files)
    except InputError as err:
        msg = str(err)
        assert msg and "\n" not in msg and "Traceback" not in msg
        return None
    rep = res.report
    assert rep.rows_read == rep.rows_analysed + rep.rows_excluded
    assert list(res.applications.columns) == list(APPLICATION_COLUMNS)
    assert len(res.applications) <= rep.rows_analysed
    for col, dtype in APPLICATION_COLUMNS.items():
        assert res.applications[col].dtype == pd.Series([], dtype=dtype).dtype, col
    return res


SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(tables(CELLS), st.sampled_from([",", ";", "\t"]))
def test_random_csv_tables_import_or_fail_cleanly(table, delimiter):
    header, rows = table
    check([("random.csv", to_csv(header, rows, delimiter))])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(XLSX_CELLS))
def test_random_xlsx_tables_import_or_fail_cleanly(table):
    header, rows = table
    header = ["" if h is None else str(h) for h in header]
    check([("random.xlsx", to_xlsx(header, rows))])


@SETTINGS
@given(st.binary(max_size=600), st.sampled_from(["x.csv", "x.xlsx", "x.txt", "x.tsv", "x"]))
def test_random_bytes_never_raise_anything_but_input_error(data, name):
    check([(name, data)])


@SETTINGS
@given(tables(CELLS), tables(CELLS))
def test_several_random_files_still_add_up(t1, t2):
    res = check([("a.csv", to_csv(*t1)), ("b.csv", to_csv(*t2))])
    if res is not None:
        assert set(res.report.files) == {"a.csv", "b.csv"}
