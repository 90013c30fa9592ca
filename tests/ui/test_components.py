"""Pure helpers behind the pages: escaping, card text, filters, content hashing."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.stats import Rate
from data.importer import import_files
from ui.components import (
    applications_table,
    escape_md,
    no_answers_text,
    rate_caption,
    rate_value,
    selected_values,
    unread_column,
)
from ui.state import filter_applications, source_id
from viz.labels import count_rate, interval, pct, plotly_text


@given(st.text(max_size=30))
@settings(max_examples=80, deadline=None)
def test_escape_md_leaves_no_unescaped_special(text):
    out = escape_md(text)
    i = 0
    while i < len(out):  # every special char is preceded by a backslash
        if out[i] == "\\":
            i += 2
            continue
        assert out[i] not in "*_`[]<>#|~$", out
        i += 1


def test_rate_cards_never_say_nan():
    assert rate_value(Rate(0, 0, None, None, None), tracked=False) == "not tracked"
    assert rate_value(Rate(0, 0, None, None, None)) == "no applications yet"
    assert rate_value(Rate(3, 4, 0.75, 0.3, 0.95)) == "75%"
    assert (
        rate_caption(Rate(3, 4, 0.75, 0.301, 0.954), "answered")
        == "3 of 4 answered · 95% CI 30–95%"
    )
    assert rate_caption(Rate(0, 0, None, None, None)) == ""


def test_labels():
    assert pct(float("nan")) == "–" and pct(None) == "–"
    assert count_rate(1, 3) == "33% (1 of 3)" and count_rate(0, 0) == "no applications"
    assert interval(None, 0.5) == ""
    assert plotly_text("<a href='x'>") == "&lt;a href='x'&gt;"


def test_filter_by_dates_and_participant_keeps_input():
    t = pd.DataFrame(
        {
            "applied_on": pd.to_datetime(["2026-01-01", "2026-01-10", "2026-02-01", None]),
            "participant": ["a", "b", "a", "a"],
        }
    )
    before = t.copy()
    assert len(filter_applications(t, None, None, None)) == 4  # no filter: undated kept
    assert len(filter_applications(t, dt.date(2026, 1, 5), dt.date(2026, 1, 31), None)) == 1
    assert filter_applications(t, None, None, "a")["participant"].tolist() == ["a", "a", "a"]
    pd.testing.assert_frame_equal(t, before)


def test_source_id_depends_on_content():
    assert source_id([]) == "demo"
    a = source_id([("x.csv", b"1")])
    assert a == source_id([("x.csv", b"1")]) and a != source_id([("x.csv", b"2")])


def test_selected_values_reads_customdata():
    event = {
        "selection": {"points": [{"customdata": ["with"]}, {"customdata": "without"}, {"x": 1}]}
    }
    assert selected_values(event) == ["with", "without"]
    assert selected_values(None) == [] and selected_values({"selection": {}}) == []


def test_applications_table_dates_as_dates():
    t = pd.DataFrame(
        {
            "company": ["A"],
            "applied_on": pd.to_datetime(["2026-01-02"]),
            "participant": ["p"],
            "internal": [1],
        }
    )
    out = applications_table(t)
    assert list(out.columns) == ["company", "applied_on"]
    assert out.loc[0, "applied_on"] == dt.date(2026, 1, 2)


def test_response_caption_says_who_is_left_out_and_why():
    from ui.components import response_caption

    r = Rate(98, 98, 1.0, 0.96, 1.0)
    no_dates = response_caption(r, 101, has_dates=False)
    assert no_dates.startswith("98 of 98 answered") and "101 with no answer left out" in no_dates
    assert "no dates" in no_dates
    assert response_caption(r, 5).endswith("5 still waiting, left out")
    assert response_caption(r, 0) == "98 of 98 answered · 95% CI 96–100%"
    assert response_caption(r, 3, tracks_answers=False) == "your log has no status or answer column"


def test_mapping_labels_both_ways_cover_every_field():
    from data.schema import MAPPABLE_FIELDS
    from ui.mapping import FIELD_LABELS, field_from_label, field_label, label_options

    assert set(FIELD_LABELS) == set(MAPPABLE_FIELDS)
    assert len(set(FIELD_LABELS.values())) == len(FIELD_LABELS)  # no two fields share a label
    for f in MAPPABLE_FIELDS:
        assert field_from_label(field_label(f)) == f
        assert "_" not in field_label(f), f  # no internal names shown
    assert field_label("followup_after_apply") == "Followed up after applying (yes/no)"
    assert (
        field_label("applied_on") == "Date applied"
        and field_label("ignore") == "Ignore this column"
    )
    assert label_options()[0] == field_label(MAPPABLE_FIELDS[0])


def test_mapping_table_and_changes_go_back_to_field_names():
    from types import SimpleNamespace as M

    from ui.mapping import changed_mapping, mapping_table

    ms = [
        M(
            file="a.xlsx",
            sheet="Log",
            column="Follow up?",
            field="followup_after_apply",
            confidence=0.8,
            how="header",
        ),
        M(
            file="a.xlsx",
            sheet="Log",
            column="Sent on",
            field="applied_on",
            confidence=0.95,
            how="content",
        ),
        M(
            file="a.xlsx",
            sheet="Log",
            column="Odd",
            field="not_a_field",
            confidence=0.1,
            how="header",
        ),
    ]
    t = mapping_table(ms)
    assert t["field"].tolist() == [
        "Followed up after applying (yes/no)",
        "Date applied",
        "Ignore this column",
    ]
    assert t["how"].tolist() == ["column name", "cell values", "column name"]
    assert t["confidence"].tolist() == [80, 95, 10]
    edited = t.assign(field=["Thank-you after interview (yes/no)", "Date applied", "Notes"])
    assert changed_mapping(edited, t) == {"Follow up?": "thank_you_after_interview", "Odd": "notes"}
    assert changed_mapping(t, t) == {}


def test_old_log_is_said_in_one_sentence():
    import datetime as dt

    from ui.state import old_log_sentence

    today = dt.date(2026, 11, 25)
    said = old_log_sentence(dt.date(2024, 3, 20), today, 30)
    assert "20 Mar 2024" in said and "32 months ago" in said and "30 days" in said
    assert "as of today" in said and said.count(". ") == 0  # one sentence
    at_last = old_log_sentence(dt.date(2024, 3, 20), dt.date(2024, 3, 20), 30)
    assert "still waiting" in at_last


@pytest.mark.parametrize(
    "text",
    [":material/warning: bad", "see https://evil.example/x", "www.evil.example", "me@evil.org"],
)
def test_escape_md_makes_no_icon_or_link_from_user_text(text):
    out = escape_md(text).replace("\\", "")
    for pattern in (":material/", "://", "www.", "@evil"):
        assert pattern not in out
    assert out.replace("\u2060", "") == text  # the same characters, shown as written


_FIELDS = ["company", "applied_on", "ignore", "status", "not_a_field"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a.csv", "b.xlsx"]),
            st.sampled_from(["", "Log", "2026"]),
            st.sampled_from(["Company", "Date", "Status", "x1"]),
            st.sampled_from(_FIELDS),
            st.sampled_from([0.0, 0.3, 0.7, 0.95, 1.0]),
            st.sampled_from(["header", "content", "override", "format"]),
        ),
        max_size=12,
    )
)
def test_mapping_table_groups_like_a_pandas_groupby(records) -> None:
    """One row per header (first-seen order): the most frequent field (ties: the first in
    sort order, as pandas' ``mode``), the lowest confidence, every way it was recognised and
    where it was found; computed here with pandas on the same records."""
    from types import SimpleNamespace as M

    from ui.mapping import HOW_LABELS, field_label, mapping_table

    ms = [
        M(file=f, sheet=s or None, column=c, field=x, confidence=k, how=h)
        for f, s, c, x, k, h in records
    ]
    got = mapping_table(ms)
    if not records:
        assert got.empty and list(got.columns) == [
            "column",
            "field",
            "where",
            "confidence",
            "how",
            "examples",
        ]
        return
    raw = pd.DataFrame(records, columns=["file", "sheet", "column", "field", "confidence", "how"])
    want = []
    for col, g in raw.groupby("column", sort=False):
        field = g["field"].mode().iloc[0]
        files, sheets = sorted(set(g["file"])), sorted({s for s in g["sheet"] if s})
        where = ", ".join(files) + (
            f" (sheet {sheets[0]})"
            if len(sheets) == 1
            else f" ({len(sheets)} sheets)"
            if sheets
            else ""
        )
        want.append(
            {
                "column": col,
                "field": field_label(field if field != "not_a_field" else "ignore"),
                "where": where,
                "confidence": round(100 * g["confidence"].min()),
                "how": ", ".join(HOW_LABELS[h] for h in sorted(set(g["how"]))),
                "examples": "",  # these records carry no values
            }
        )
    pd.testing.assert_frame_equal(got, pd.DataFrame(want), check_dtype=False)


def _csv(rows: list[str]) -> bytes:
    return ("\n".join(rows) + "\n").encode()


def test_a_left_out_column_of_unknown_words_is_named_instead_of_add_a_status_column():
    log = _csv(
        ["Firma,Wysłano,Etap rekrutacji"]
        + [
            f"F{i},2026-03-0{i % 9 + 1},{w}"
            for i, w in enumerate(
                ["Odrzucono", "Rozmowa", "Odrzucono", "Oferta", "Rozmowa", "Odrzucono"]
            )
        ]
    )
    rep = import_files([("pl.csv", log)]).report
    said = unread_column(rep, "status")
    assert said is not None and "'Etap rekrutacji'" in said
    assert "Etap" not in (unread_column(rep, "status", presenting=True) or "")
    assert "Etap rekrutacji" in no_answers_text(rep)


def test_a_read_status_column_with_one_unknown_word_is_not_called_unread():
    log = _csv(["Company,Applied,Status", "A,2026-03-01,Rejected", "B,2026-03-02,Zorblax"])
    rep = import_files([("en.csv", log)]).report
    assert [u.column for u in rep.unread] == ["Status"]  # reported as a value, not a column
    assert unread_column(rep, "status") is None
