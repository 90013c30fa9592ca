"""Exports: formula neutralising, XLSX round trip, ICS events, SankeyMATIC text."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from data.export import (
    CONTROL_CHARACTERS,
    cells_with_controls,
    controls_note,
    neutralise_cell,
    replace_controls,
    sankeymatic_text,
    to_csv_bytes,
    to_ics_bytes,
    to_xlsx_bytes,
)

DANGEROUS = ["=SUM(A1)", "+1", "-2+3", "@cmd", "\tx", "\rx"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_dangerous_cells_get_a_quote(value):
    assert neutralise_cell(value) == "'" + value


@given(st.text(max_size=20))
@settings(max_examples=60, deadline=None)
def test_neutralised_text_never_starts_with_a_formula_char(s):
    out = neutralise_cell(s)
    assert not out.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert out.endswith(replace_controls(s))  # control characters replaced, rest kept
    assert not CONTROL_CHARACTERS.search(out)


def test_csv_neutralises_and_keeps_numbers():
    df = pd.DataFrame({"company": ['=HYPERLINK("x")', "Acme"], "n": [-3, 4]})
    text = to_csv_bytes(df).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text))
    assert back["company"].tolist() == ['\'=HYPERLINK("x")', "Acme"]
    assert back["n"].tolist() == [-3, 4]


def test_xlsx_cells_are_values_not_formulas():
    df = pd.DataFrame(
        {
            "company": ["=1+1", "@x", "Acme"],
            "applied_on": pd.to_datetime(["2026-01-02", None, "2026-01-05"]),
        }
    )
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes({"Log": df})))
    ws = wb["Log"]
    vals = [c.value for c in ws["A"]][1:]
    assert vals == ["'=1+1", "'@x", "Acme"]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert ws["B2"].value.date() == dt.date(2026, 1, 2)


def test_xlsx_needs_a_sheet():
    with pytest.raises(ValueError):
        to_xlsx_bytes({})


def test_ics_one_event_per_due_followup():
    due = pd.DataFrame(
        {
            "application_id": ["a1", "a2", "a3"],
            "company": ["Acme", "Bolt", "Cog"],
            "role": ["Analyst", None, "PM"],
            "action": ["Follow up", "Send a thank-you", "Follow up"],
            "due_on": pd.to_datetime(["2026-03-02", "2026-03-03", None]),
        }
    )
    cal = Calendar.from_ical(to_ics_bytes(due, stamp=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)))
    events = cal.walk("VEVENT")
    assert len(events) == 2  # the undated one is left out
    assert str(events[0]["SUMMARY"]) == "Follow up: Acme"
    assert events[0].decoded("DTSTART") == dt.date(2026, 3, 2)
    assert events[1].decoded("DTEND") == dt.date(2026, 3, 4)
    assert len({str(e["UID"]) for e in events}) == 2


def test_sankeymatic_text_lines():
    links = pd.DataFrame(
        {
            "source": ["Applied", "Applied", "Response"],
            "target": ["Response", "Ghosted", "Interview"],
            "value": [5, 0, 2],
        }
    )
    lines = sankeymatic_text(links).splitlines()
    assert lines[1:] == ["Applied [5] Response", "Response [2] Interview"]
    assert lines[0].startswith("//")


def test_control_characters_are_replaced_in_every_export_and_counted():
    df = pd.DataFrame({"company": ["Acme\x07", "Bell\x00Labs", "Plain"], "n": [1, 2, 3]})
    assert cells_with_controls(df) == 2
    assert "2 cells held invisible control characters" in (controls_note(2) or "")
    book = to_xlsx_bytes({"Log": df})  # openpyxl raised IllegalCharacterError before
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(book)).active
    assert [c.value for c in ws["A"]][1:] == ["Acme\ufffd", "Bell\ufffdLabs", "Plain"]
    text = to_csv_bytes(df).decode("utf-8-sig")
    assert "\x07" not in text and "\x00" not in text and "Bell\ufffdLabs" in text


def test_control_characters_are_counted_in_every_kind_of_column():
    df = pd.DataFrame(
        {
            "arrow": pd.array(["a\x01", None, "b"], dtype="str"),
            "string": pd.array(["x", pd.NA, "y\x1f"], dtype="string"),
            "mixed": pd.Series(["p\x02", 3, None], dtype=object),
            "dates": pd.to_datetime(["2026-01-01", None, "2026-01-03"]),
        }
    )
    assert cells_with_controls(df) == 3
