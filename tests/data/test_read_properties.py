"""Property tests for data/read.py: never anything but InputError; row counts round-trip."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from data.read import read_tables
from data.schema import InputError

EXTENSIONS = [".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods", ".png", "", ".CSV"]
PREFIXES = [
    b"",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"a,b\n",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=600), ext=st.sampled_from(EXTENSIONS)
)
def test_random_bytes_raise_only_input_error(prefix: bytes, body: bytes, ext: str) -> None:
    name = f"upload{ext}"
    try:
        tables, skipped = read_tables(name, prefix + body)
    except InputError as exc:
        message = str(exc)
        assert name in message and "\n" not in message
        return
    assert tables
    for t in tables:
        assert len(t.rows) == len(t.row_numbers) > 0
        assert list(t.rows.columns) == t.header
        assert len(set(t.header)) == len(t.header)
        assert all(n > t.header_row for n in t.row_numbers)
    assert all(isinstance(s, str) and isinstance(r, str) for s, r in skipped)


# Cell text: letters (incl. cp1252 umlauts), digits, spaces and the characters that make CSV
# hard (both delimiters, quotes, newlines). Header cells: distinct words of letters.
CELL = st.text(alphabet="abcXYZäöüß019 ,;\"'\n\t-", max_size=12)
WORD = st.text(alphabet="abcdefghXYZäü", min_size=1, max_size=8)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    ncols = draw(st.integers(min_value=2, max_value=5))
    header = draw(st.lists(WORD, min_size=ncols, max_size=ncols, unique_by=str.casefold))
    rows = draw(st.lists(st.lists(CELL, min_size=ncols, max_size=ncols), min_size=1, max_size=12))
    return header, rows


@settings(max_examples=120, deadline=None)
@given(
    table=tables(),
    delimiter=st.sampled_from([",", ";", "|", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    crlf=st.booleans(),
    titled=st.booleans(),
)
def test_text_tables_round_trip_nonblank_rows(
    table: tuple[list[str], list[list[str]]],
    delimiter: str,
    encoding: str,
    crlf: bool,
    titled: bool,
) -> None:
    header, rows = table
    if delimiter == "\t":  # a tab-separated file has no tabs inside its cells
        rows = [[c.replace("\t", " ") for c in r] for r in rows]
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n").writerows(
        [header, *rows]
    )
    eol = "\r\n" if crlf else "\n"
    title = f"My applications 2026{eol}{eol}" if titled else ""  # a title row and a blank row
    data = (title + buf.getvalue()).encode(encoding)
    first = 4 if titled else 2
    expected = [(i + first, r) for i, r in enumerate(rows) if any(c.strip() for c in r)]
    if not expected:
        with pytest.raises(InputError, match="no data rows"):
            read_tables("t.csv", data)
        return
    (result,), skipped = read_tables("t.csv", data)
    assert skipped == []
    assert result.header == header
    assert result.header_row == first - 1
    assert result.row_numbers == [n for n, _ in expected]
    assert len(result.rows) == len(expected)
    got = result.rows.values.tolist()
    if crlf:
        got = [[c.replace("\r\n", "\n") for c in r] for r in got]
    assert got == [r for _, r in expected]


XCELL = st.one_of(st.none(), st.integers(-1000, 1000), st.text(alphabet="abc XYZ", max_size=6))


@settings(max_examples=25, deadline=None)
@given(
    rows=st.lists(st.lists(XCELL, min_size=3, max_size=3), min_size=1, max_size=8),
    title=st.booleans(),
)
def test_workbook_tables_round_trip_nonblank_rows(rows: list[list[object]], title: bool) -> None:
    wb = Workbook()
    ws = wb.active
    header = ["Company", "Count", "Status"]
    if title:
        ws.append(["My applications"])
        ws.append([])
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    first = 4 if title else 2
    clean = [[(c.strip() or None) if isinstance(c, str) else c for c in r] for r in rows]
    expected = [(i + first, r) for i, r in enumerate(clean) if any(c is not None for c in r)]
    if not expected:
        with pytest.raises(InputError, match="no data rows"):
            read_tables("w.xlsx", buf.getvalue())
        return
    (result,), _ = read_tables("w.xlsx", buf.getvalue())
    assert result.header == header
    assert result.header_row == first - 1
    assert result.row_numbers == [n for n, _ in expected]
    assert result.rows.values.tolist() == [r for _, r in expected]


def _small_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Company", "Applied", "Status"])
    ws.append(["Acme", 5, "Open"])
    ws.append(["Beta", 7, "Rejected"])
    wb.create_sheet("Other").append(["x", "y"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


SMALL_XLSX = _small_workbook()
XLSX_PARTS = sorted(zipfile.ZipFile(io.BytesIO(SMALL_XLSX)).namelist())


@settings(max_examples=60, deadline=None)
@given(
    cut=st.integers(0, len(SMALL_XLSX) - 1),
    flip=st.integers(0, len(SMALL_XLSX) - 1),
    mode=st.booleans(),
)
def test_damaged_workbook_bytes_raise_only_input_error(cut: int, flip: int, mode: bool) -> None:
    data = (
        SMALL_XLSX[:cut]
        if mode
        else SMALL_XLSX[:flip] + bytes([SMALL_XLSX[flip] ^ 0xFF]) + SMALL_XLSX[flip + 1 :]
    )
    try:
        tables, _ = read_tables("book.xlsx", data)
    except InputError as exc:
        assert "book.xlsx" in str(exc)
        return
    assert all(len(t.rows) == len(t.row_numbers) for t in tables)


@settings(max_examples=60, deadline=None)
@given(part=st.sampled_from(XLSX_PARTS), keep=st.floats(0, 1))
def test_workbook_with_a_truncated_xml_part_raises_only_input_error(part: str, keep: float) -> None:
    """A valid zip whose parts are cut short (bad XML inside) -> tables or InputError only."""
    src = zipfile.ZipFile(io.BytesIO(SMALL_XLSX))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == part:
                content = content[: int(len(content) * keep)]
            dst.writestr(item, content)
    try:
        tables, _ = read_tables("book.xlsx", out.getvalue())
    except InputError as exc:
        assert "book.xlsx" in str(exc) and "\n" not in str(exc)
        return
    assert all(len(t.rows) == len(t.row_numbers) for t in tables)
