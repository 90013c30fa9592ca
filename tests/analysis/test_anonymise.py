"""Presenter mode's anonymisation: names out, counts and analysis unchanged."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from analysis.anonymise import (
    anonymise_applications,
    anonymise_result,
    identifying_strings,
    participant_codes,
    scrub_text,
)
from analysis.consistency import per_participant
from analysis.outcomes import resolve
from data.schema import ColumnMapping, Exclusion, ImportReport, ImportResult, coerce_applications

NAMES = ["Zelda Quist", "Amos Brandt", "Yuki Oyelaran"]


def _result() -> ImportResult:
    apps = coerce_applications(
        pd.DataFrame(
            {
                "participant": [n for n in NAMES for _ in range(4)],
                "application_id": [f"{n[:3]}-{i}" for n in NAMES for i in range(4)],
                "company": ["Xylophonics", "Quorvex", "Blimpworks", "Xylophonics"] * 3,
                "role": ["Pastry Chef"] * 12,
                "applied_on": pd.date_range("2026-01-05", periods=12, freq="3D"),
                "stage_reached": ["interview", "applied", "intro_call", "applied"] * 3,
                "outcome": ["rejected"] * 12,
                "followup_after_apply": [True, False, True, False] * 3,
                "source_file": ["club.xlsx"] * 12,
                "source_sheet": [n.split()[0] for n in NAMES for _ in range(4)],
                "source_row": list(range(2, 6)) * 3,
                "notes": ["call Zelda's friend at Quorvex"] * 12,
            }
        )
    )
    report = ImportReport(
        files=["club.xlsx"],
        rows_read=13,
        rows_analysed=12,
        excluded=[Exclusion("club.xlsx", "Zelda", 7, "row 7: no company, role or date")],
        sheets_used=[("club.xlsx", n.split()[0]) for n in NAMES],
        sheets_skipped=[("club.xlsx", "Notes for Amos", "no header row")],
        mappings=[ColumnMapping("club.xlsx", "Zelda", "Firma Zelda", "company", 0.9, "header")],
        formats={"club.xlsx:Zelda": "generic"},
        warnings=["club.xlsx, sheet Zelda, column 'Quorvex date': 2 unreadable dates ('Yuki?')"],
        unknown_status_words={"ask Amos": 2},
        ambiguous_dates=["club.xlsx, sheet Amos, column 'Applied': day/month ambiguous"],
    )
    return ImportResult(apps, report)


def test_participant_codes_are_stable_and_order_reveals_nothing():
    a = participant_codes(NAMES, salt="one")
    assert a == participant_codes(list(reversed(NAMES)), salt="one")
    assert sorted(a.values()) == ["P01", "P02", "P03"]
    # over many salts, the alphabetically first name is not always P01
    firsts = {participant_codes(NAMES, salt=str(i))["Amos Brandt"] for i in range(40)}
    assert firsts == {"P01", "P02", "P03"}


def test_participant_codes_widen_beyond_99():
    codes = participant_codes([f"n{i}" for i in range(120)], salt="")
    assert {len(c) for c in codes.values()} == {4} and "P120" in codes.values()


def test_no_name_survives_anywhere_in_the_result():
    res = _result()
    names = identifying_strings(res.applications, res.report)
    assert {"Zelda Quist", "Xylophonics", "Pastry Chef", "club.xlsx", "club", "Zelda"} <= names
    out = anonymise_result(res, salt="s")
    blob = out.applications.astype("string").to_csv() + repr(out.report)
    for n in names | {"Zelda", "Amos", "Yuki", "Quorvex"}:
        assert n.casefold() not in blob.casefold(), n
    assert "notes" not in out.applications.columns


def test_counts_and_analysis_unchanged():
    res = _result()
    out = anonymise_result(res, salt="s")
    rep, new = res.report, out.report
    assert (new.rows_read, new.rows_analysed, new.rows_excluded) == (13, 12, 1)
    assert len(new.warnings) == len(rep.warnings) and len(new.sheets_used) == 3
    assert sum(new.unknown_status_words.values()) == 2
    codes = participant_codes(res.applications["participant"], salt="s")
    before = per_participant(resolve(res.applications, dt.date(2026, 6, 1)))
    after = per_participant(resolve(out.applications, dt.date(2026, 6, 1)))
    before["participant"] = before["participant"].map(codes)
    before = before.sort_values("participant").reset_index(drop=True)
    pd.testing.assert_frame_equal(
        before.drop(columns="participant"), after.drop(columns="participant")
    )


def test_input_not_mutated_and_sheet_codes_consistent():
    res = _result()
    snapshot = res.applications.copy()
    out = anonymise_result(res, salt="s")
    pd.testing.assert_frame_equal(res.applications, snapshot)
    sheet_codes = set(out.applications["source_sheet"].dropna())
    assert sheet_codes == {s for _, s in out.report.sheets_used}
    assert out.report.excluded[0].sheet in sheet_codes
    assert out.report.files == ["File 1"] and set(out.applications["source_file"]) == {"File 1"}


def test_unknown_participant_is_an_error():
    apps = coerce_applications(pd.DataFrame({"participant": ["Zoe"]}))
    with pytest.raises(ValueError, match="no code"):
        anonymise_applications(apps, {})


def test_scrub_whole_words_only_and_quotes():
    assert scrub_text("Alan met Al", {"Al": "P01"}) == "Alan met P01"
    assert scrub_text('header "Zelda Quist" here', {}) == "header '…' here"


def test_coded_row_keys_name_each_row_as_presenter_mode_does():
    """A row key from the log (file, sheet, row) finds the same row among the anonymised
    rows, whatever the salt: a workbook of two sheets named after people, and a CSV."""
    from analysis.anonymise import anonymise_result, coded_row_keys
    from data import import_files
    from data.edits import row_keys

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as w:
        for who in ("Zoe Quinn", "Ann Lee"):
            pd.DataFrame(
                {"Company": ["Acme", "Beta"], "Date Applied": ["2026-01-05", "2026-01-09"]}
            ).to_excel(w, sheet_name=who, index=False)
    csv = b"Company,Date Applied\nGamma,2026-02-01\n"
    result = import_files([("club.xlsx", buf.getvalue()), ("max.csv", csv)])
    codes = coded_row_keys(result)
    assert list(codes) == row_keys(result.applications).tolist()
    for salt in ("", "another"):
        shown = row_keys(anonymise_result(result, salt=salt).applications).tolist()
        assert list(codes.values()) == shown
    assert not any(n in k for k in codes.values() for n in ("Zoe", "Ann", "club", "max"))
