"""Pure helpers behind the pages: escaping, card text, filters, content hashing."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from analysis.stats import Rate
from ui.components import applications_table, escape_md, rate_caption, rate_value, selected_values
from ui.state import filter_applications, source_id
from viz.labels import count_rate, interval, pct, plotly_text


@given(st.text(max_size=30))
@settings(max_examples=80, deadline=None)
def test_escape_md_leaves_no_unescaped_special(text):
    out = escape_md(text)
    i = 0
    while i < len(out):   # every special char is preceded by a backslash
        if out[i] == "\\":
            i += 2
            continue
        assert out[i] not in "*_`[]<>#|~$", out
        i += 1


def test_rate_cards_never_say_nan():
    assert rate_value(Rate(0, 0, None, None, None), tracked=False) == "not tracked in your log"
    assert rate_value(Rate(0, 0, None, None, None)) == "no applications yet"
    assert rate_value(Rate(3, 4, .75, .3, .95)) == "75%"
    assert rate_caption(Rate(3, 4, .75, .301, .954), "answered") == "3 of 4 answered · 95% CI 30–95%"
    assert rate_caption(Rate(0, 0, None, None, None)) == ""


def test_labels():
    assert pct(float("nan")) == "–" and pct(None) == "–"
    assert count_rate(1, 3) == "33% (1 of 3)" and count_rate(0, 0) == "no applications"
    assert interval(None, .5) == ""
    assert plotly_text("<a href='x'>") == "&lt;a href='x'&gt;"


def test_filter_by_dates_and_participant_keeps_input():
    t = pd.DataFrame({"applied_on": pd.to_datetime(["2026-01-01", "2026-01-10", "2026-02-01", None]),
                      "participant": ["a", "b", "a", "a"]})
    before = t.copy()
    assert len(filter_applications(t, None, None, None)) == 4           # no filter: undated kept
    assert len(filter_applications(t, dt.date(2026, 1, 5), dt.date(2026, 1, 31), None)) == 1
    assert filter_applications(t, None, None, "a")["participant"].tolist() == ["a", "a", "a"]
    pd.testing.assert_frame_equal(t, before)


def test_source_id_depends_on_content():
    assert source_id([]) == "demo"
    a = source_id([("x.csv", b"1")])
    assert a == source_id([("x.csv", b"1")]) and a != source_id([("x.csv", b"2")])


def test_selected_values_reads_customdata():
    event = {"selection": {"points": [{"customdata": ["with"]}, {"customdata": "without"}, {"x": 1}]}}
    assert selected_values(event) == ["with", "without"]
    assert selected_values(None) == [] and selected_values({"selection": {}}) == []


def test_applications_table_dates_as_dates():
    t = pd.DataFrame({"company": ["A"], "applied_on": pd.to_datetime(["2026-01-02"]),
                      "participant": ["p"], "internal": [1]})
    out = applications_table(t)
    assert list(out.columns) == ["company", "applied_on"]
    assert out.loc[0, "applied_on"] == dt.date(2026, 1, 2)
