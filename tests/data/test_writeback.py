"""Handing the log back: same format, sheets, columns and formatting; re-import = same numbers."""

from __future__ import annotations

import codecs
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from data import import_files
from data.edits import Edit, apply_edits, row_keys, status_word
from data.schema import InputError
from data.writeback import (
    WritebackError,
    backup_name,
    files_written,
    not_kept,
    person_columns,
    with_probe_row,
    write_back,
)
from tests.workbooks import book_with_extras

REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "realworld"
COMPARE = [
    "company",
    "role",
    "applied_on",
    "followup_after_apply",
    "followup_after_apply_on",
    "responded_on",
    "intro_call_on",
    "followup_after_intro",
    "interview_on",
    "thank_you_after_interview",
    "offer_on",
    "stage_reached",
    "outcome",
    "outcome_on",
    "last_activity_on",
]
DAY = dt.date(2026, 11, 20)


def _key(apps: pd.DataFrame) -> pd.DataFrame:
    out = apps[COMPARE].copy()
    for c in ("stage_reached", "outcome"):
        out[c] = out[c].astype("string")
    for c in ("followup_after_apply", "followup_after_intro", "thank_you_after_interview"):
        out[c] = out[c].astype("boolean")
    return out.reset_index(drop=True)


def _edits_for(apps: pd.DataFrame) -> list[Edit]:
    """A typical session: follow-ups marked, an answer, a status, a note, a new application."""
    keys = row_keys(apps).tolist()
    stage = apps["stage_reached"].astype(str)
    edits = [
        Edit(keys[0], "followup_after_apply", DAY),
        Edit(keys[1], "responded_on", DAY),
        Edit(keys[2], "notes", '=HYPERLINK("http://x")  called back'),
        Edit(keys[-1], "status", "Interview"),
        Edit(keys[-2], "status", status_word("Rejected", stage.iloc[-2])),
        Edit("new:1", "new", {"company": "Newco", "role": "Analyst", "applied_on": DAY}),
        Edit("new:1", "followup_after_apply", True),
    ]
    interviewed = [k for k, s in zip(keys, stage, strict=True) if s in ("interview", "offer")]
    if interviewed:
        edits.append(Edit(interviewed[0], "thank_you_after_interview", DAY))
    return edits


def _roundtrip(files: list[tuple[str, bytes]], **kw) -> tuple[list[tuple[str, bytes]], list[Edit]]:
    res = import_files(files, **kw)
    edits = _edits_for(res.applications)
    want = apply_edits(res.applications, edits)
    out = write_back(files, res.report, edits)
    assert [n for n, _ in out] == [n for n, _ in files]
    again = import_files(out, **kw)
    assert again.report.rows_excluded == res.report.rows_excluded
    pd.testing.assert_frame_equal(_key(again.applications), _key(want))
    return out, edits


# --------------------------------------------------------------------------- CSV
def test_csv_keeps_delimiter_encoding_bom_line_endings_and_columns():
    text = (
        "\ufeffFirma;Stelle;Date Applied;Status;Followed up?;Notizen\r\n"
        "Müller;Analyst;2026-10-01;Applied;No;\r\n"
        "Bäcker;PM;2026-10-02;Interview;Yes;gut\r\n"
        "Zoo;Dev;2026-10-03;Applied;;\r\n"
    )
    data = text.encode("utf-8")
    out, _ = _roundtrip([("log.csv", data)])
    back = out[0][1]
    assert back.startswith(codecs.BOM_UTF8)
    lines = back.decode("utf-8-sig").split("\r\n")
    # the fields it had no column for are appended (Notizen is its notes column)
    assert lines[0] == (
        "Firma;Stelle;Date Applied;Status;Followed up?;Notizen;Follow-up date;Response date;"
        "Thank-you sent"
    )
    assert lines[1] == "Müller;Analyst;2026-10-01;Applied;Yes;;2026-11-20;;"
    assert lines[-2] == "Newco;Analyst;2026-11-20;Applied;Yes;;;;"  # the new application
    assert lines[-1] == ""  # the file ended with a line break, and still does


def test_cp1252_csv_stays_cp1252():
    data = (
        "Company,Date Applied,Status\nCafé Crème,2026-10-01,Applied\nB,2026-10-02,Rejected\n"
        "C,2026-10-03,Applied\nD,2026-10-04,Intro call\n"
    )
    out, _ = _roundtrip([("log.csv", data.encode("cp1252"))])
    back = out[0][1]
    assert "Café Crème".encode("cp1252") in back
    with pytest.raises(UnicodeDecodeError):
        back.decode("utf-8")


def test_written_text_is_formula_neutralised():
    data = (
        b"Company,Date Applied,Status,Notes\nA,2026-10-01,Applied,\nB,2026-10-02,Applied,\n"
        b"C,2026-10-03,Applied,\n"
    )
    out, _ = _roundtrip([("log.csv", data)])
    text = out[0][1].decode()
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    found = person_columns(out)
    assert found.set_index("row").loc["log.csv||4", "notes"].startswith("'=HYPERLINK")


def test_untouched_files_come_back_byte_for_byte():
    a = (
        b"Company,Date Applied,Status\nA,2026-10-01,Applied\nB,2026-10-02,Applied\n"
        b"C,2026-10-03,Applied\n"
    )
    b = b"Company,Date Applied,Status\nD,2026-10-01,Applied\n"
    res = import_files([("a.csv", a), ("b.csv", b)])
    edits = [Edit("a.csv||2", "status", "Rejected")]
    out = write_back([("a.csv", a), ("b.csv", b)], res.report, edits)
    assert out[1] == ("b.csv", b)
    assert out[0][1] == a.replace(b"A,2026-10-01,Applied", b"A,2026-10-01,Rejected")


# --------------------------------------------------------------------------- xlsx
def _styled_book() -> bytes:
    from openpyxl.styles import Font, PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "My search"
    ws["A1"] = "Job search 2026"  # a title row above the header
    ws.append([])
    ws.append(["Company", "Role", "Date Applied", "Status", "Response date", "Notes"])
    for c in ws[3]:
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="0072B2")
    rows = [
        ("Acme", "Analyst", dt.date(2026, 10, 1), "Applied", None, None),
        ("Bolt", "PM", dt.date(2026, 10, 3), "Interview", dt.date(2026, 10, 9), "nice"),
        ("Cog", "Dev", dt.date(2026, 10, 5), "Rejected", dt.date(2026, 10, 20), None),
        ("Dyn", "QA", dt.date(2026, 10, 7), "Applied", None, None),
    ]
    for r in rows:
        ws.append(r)
    for (c,) in ws.iter_rows(min_row=4, min_col=3, max_col=3):
        c.number_format = "dd/mm/yyyy"
    ws.column_dimensions["A"].width = 31
    ws.freeze_panes = "A4"
    other = wb.create_sheet("Summary")
    other["A1"] = "=COUNTA('My search'!A4:A100)"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_keeps_sheets_columns_formatting_and_places_edits_by_row():
    data = _styled_book()
    out, _ = _roundtrip([("jobs.xlsx", data)])
    wb = openpyxl.load_workbook(io.BytesIO(out[0][1]))
    assert wb.sheetnames == ["My search", "Summary"]
    assert wb["Summary"]["A1"].value == "=COUNTA('My search'!A4:A100)"  # formula kept
    ws = wb["My search"]
    assert ws["A1"].value == "Job search 2026"
    header = [c.value for c in ws[3]]
    assert header[:6] == ["Company", "Role", "Date Applied", "Status", "Response date", "Notes"]
    # appended, nothing else: the new application's follow-up has no date, so a yes/no column
    assert set(header[6:]) == {"Follow-up date", "Followed up?", "Thank-you sent"}
    assert ws.cell(row=3, column=7).font.bold and ws.cell(
        row=3, column=7
    ).fill.fgColor.rgb.endswith("0072B2")
    assert ws.column_dimensions["A"].width == 31 and ws.freeze_panes == "A4"
    assert ws["C4"].number_format == "dd/mm/yyyy"
    assert ws["E5"].value.date() == DAY  # Bolt's answer date: row 5, "Response date"
    assert ws["D7"].value == "Interview"  # the last row's status
    assert ws["A8"].value == "Newco" and ws["D8"].value == "Applied"  # the new application


def test_xlsm_and_xls_are_handled_or_refused_by_name():
    res = import_files([("jobs.xlsx", _styled_book())])
    with pytest.raises(WritebackError, match="'jobs.ods'"):
        write_back(
            [("jobs.ods", b"PK\x03\x04junk")], res.report, [Edit("jobs.ods|S|2", "notes", "x")]
        )


def test_event_log_is_refused_not_written_wrongly():
    data = (
        Path(__file__).resolve().parents[2] / "data" / "samples" / "demo_events.csv"
    ).read_bytes()
    res = import_files([("demo_events.csv", data)])
    key = row_keys(res.applications).iloc[0]
    with pytest.raises(WritebackError, match="not one row per application"):
        write_back([("demo_events.csv", data)], res.report, [Edit(key, "status", "Rejected")])


def test_files_written_names_exactly_the_files_write_back_changes():
    """The page names the download from files_written before anything is written: it must
    be the files write_back changes, for row edits, new applications and several files."""
    book = io.BytesIO()
    with pd.ExcelWriter(book, engine="openpyxl") as w:
        for sheet in ("2025", "2026"):
            pd.DataFrame({"Company": ["Acme", "Bolt"], "Status": ["Applied", "Applied"]}).to_excel(
                w, sheet_name=sheet, index=False
            )
    files = [
        ("a.csv", b"Company,Status\nCog,Applied\nDot,Applied\n"),
        ("jobs.xlsx", book.getvalue()),
        ("c.csv", b"Company,Status\nEel,Applied\n"),
    ]
    res = import_files(files)
    keys = row_keys(res.applications)
    by_file = {
        f: keys[res.applications["source_file"] == f].tolist()
        for f in ("a.csv", "jobs.xlsx", "c.csv")
    }
    cases = [
        [Edit(by_file["jobs.xlsx"][-1], "status", "Rejected")],
        [
            Edit(by_file["c.csv"][0], "notes", "called"),
            Edit(by_file["a.csv"][1], "status", "Offer"),
        ],
        [Edit("new:1", "new", {"company": "Fig", "applied_on": DAY})],
        [Edit(by_file["jobs.xlsx"][0], "notes", "x"), Edit("new:1", "new", {"company": "Fig"})],
    ]
    expected = [["jobs.xlsx"], ["a.csv", "c.csv"], ["a.csv"], ["a.csv", "jobs.xlsx"]]
    for edits, want in zip(cases, expected, strict=True):
        out = write_back(files, res.report, edits)
        changed = [n for (n, b), (_, before) in zip(out, files, strict=True) if b != before]
        assert changed == want  # new applications go to the first file
        assert files_written(files, res.report, edits) == want
    assert files_written(files, res.report, []) == []


def test_files_written_refuses_what_write_back_refuses():
    events = (
        Path(__file__).resolve().parents[2] / "data" / "samples" / "demo_events.csv"
    ).read_bytes()
    res = import_files([("demo_events.csv", events)])
    edit = [Edit(row_keys(res.applications).iloc[0], "status", "Rejected")]
    with pytest.raises(WritebackError, match="not one row per application"):
        files_written([("demo_events.csv", events)], res.report, edit)
    csv = b"Company,Status\nAcme,Applied\n"
    res = import_files([("log.csv", csv)])
    for refused in (files_written, write_back):
        with pytest.raises(WritebackError, match="cannot be written back"):
            refused([("log.ods", csv)], res.report, [Edit("log.ods||2", "status", "Rejected")])


# --------------------------------------------------------------------------- template, demo
def test_filled_template_round_trips():
    from data.template import template_bytes

    wb = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    ws = wb["Applications"]
    header = [c.value for c in ws[1]]
    for i in range(6):
        row = dict.fromkeys(header)
        row.update(
            {
                "Company": f"Co {i}",
                "Role": "Analyst",
                "Date Applied": dt.date(2026, 10, 1 + i),
                "Status": ["Applied", "Interview", "Rejected"][i % 3],
                "Followed up?": "Yes" if i % 2 else None,
            }
        )
        ws.append([row[h] for h in header])
    buf = io.BytesIO()
    wb.save(buf)
    out, _ = _roundtrip([("followthrough_template.xlsx", buf.getvalue())])
    back = openpyxl.load_workbook(io.BytesIO(out[0][1]))
    assert back.sheetnames == wb.sheetnames
    assert [c.value for c in back["Applications"][1]] == header  # it had every column


def test_seeker_demo_round_trips():
    from data.demo import demo_bytes

    name, data = demo_bytes("seeker")
    _roundtrip([(name, data)])


# --------------------------------------------------------------------------- real logs
REAL_LOGS = [
    "github_sandervw_job-search__job_applications.csv",
    "github_MartinW72UK_job_tracker__job_applications_134bc62_ddmmyyyy.csv",
    "github_freylyons_job-applications-2025-2026__application_tracker.csv",
    "github_Loki0821_Portfolio-Projects__Bewerbungen.xlsx",
]


@pytest.mark.realworld
@pytest.mark.parametrize("name", REAL_LOGS)
def test_real_logs_round_trip(name):
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    _roundtrip([(name, path.read_bytes())])


# --------------------------------------------------------------------------- helpers
def test_person_columns_find_contact_addresses_and_notes():
    data = (
        b"Company,Contact,Notes\nA,hr@a.example,call Kim\nB,Bob on LinkedIn,\nC,,\n"
        b"D,jobs@d.example,\n"
    )
    got = person_columns([("a.csv", data)]).set_index("row")
    assert got.loc["a.csv||2", "contact"] == "hr@a.example"
    assert got.loc["a.csv||2", "notes"] == "call Kim"
    assert "a.csv||4" not in got.index
    assert person_columns([("x.csv", b"Company,Status\nA,Applied\n")]).empty


def test_backup_name_is_beside_the_file_and_timestamped():
    assert backup_name("/a/b/jobs.csv", dt.datetime(2026, 1, 2, 3, 4, 5)) == (
        "/a/b/jobs.backup-20260102-030405.csv"
    )


# --------------------------------------------------------------------------- snoozes
SNOOZE_CSV = b"Company,Date Applied,Status\nAcme,2026-01-05,Applied\nBolt,2026-01-06,Applied\n"


def test_a_snooze_is_written_as_a_snoozed_until_column_and_read_back():
    files = [("log.csv", SNOOZE_CSV)]
    res = import_files(files)
    edits = [
        Edit("log.csv||3", "snooze:after_applying", dt.date(2026, 1, 20)),
        Edit("log.csv||3", "snooze:after_intro_call", dt.date(2026, 1, 25)),  # the latest wins
    ]
    out = write_back(files, res.report, edits)[0][1].decode()
    assert out.splitlines() == [
        "Company,Date Applied,Status,Snoozed until",
        "Acme,2026-01-05,Applied,",
        "Bolt,2026-01-06,Applied,2026-01-25",
    ]
    again = import_files([("log.csv", out.encode())])
    pd.testing.assert_frame_equal(_key(again.applications), _key(res.applications))
    back = person_columns([("log.csv", out.encode())]).set_index("row")
    assert back["snoozed_until"].to_dict() == {"log.csv||3": "2026-01-25"}


def test_a_log_with_a_snoozed_until_column_gets_the_date_in_it():
    data = SNOOZE_CSV.replace(b"Status\n", b"Status,Snoozed until\n").replace(
        b"Applied\n", b"Applied,\n"
    )
    res = import_files([("log.csv", data)])
    edit = Edit("log.csv||2", "snooze:after_applying", dt.date(2026, 2, 1))
    out = write_back([("log.csv", data)], res.report, [edit])[0][1].decode()
    assert out.splitlines()[:2] == [
        "Company,Date Applied,Status,Snoozed until",
        "Acme,2026-01-05,Applied,2026-02-01",
    ]


def test_a_snooze_in_a_workbook_is_a_date_cell_read_back():
    from data.template import template_bytes

    wb = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    ws = wb["Applications"]
    header = [c.value for c in ws[1]]
    row = dict.fromkeys(header)
    row.update({"Company": "Acme", "Date Applied": dt.date(2026, 1, 5), "Status": "Applied"})
    ws.append([row[h] for h in header])
    buf = io.BytesIO()
    wb.save(buf)
    files = [("jobs.xlsx", buf.getvalue())]
    res = import_files(files)
    key = row_keys(res.applications).iloc[0]
    out = write_back(files, res.report, [Edit(key, "snooze:after_applying", dt.date(2026, 1, 20))])
    back = openpyxl.load_workbook(io.BytesIO(out[0][1]))["Applications"]
    col = [c.value for c in back[1]].index("Snoozed until") + 1
    assert col == len(header) + 1 and back.cell(row=2, column=col).value.date() == dt.date(
        2026, 1, 20
    )
    assert person_columns(out).set_index("row").loc[key, "snoozed_until"] == "2026-01-20"
    pd.testing.assert_frame_equal(_key(import_files(out).applications), _key(res.applications))


# --------------------------------------------------------------------------- a blank log
def _blank_report(name: str, data: bytes):
    """The report of a header-only log: its columns read through one placeholder row."""
    with pytest.raises(InputError, match="header row but no data rows"):
        import_files([(name, data)])
    probed = with_probe_row(name, data)
    assert probed is not None
    return import_files([(name, probed)]).report


def test_new_applications_go_under_the_header_of_the_blank_template():
    from data.template import template_bytes

    files = [("followthrough_template.xlsx", template_bytes())]
    report = _blank_report(*files[0])
    assert report.sheets_used == [("followthrough_template.xlsx", "Applications")]
    new = Edit("new:1", "new", {"company": "Newco", "applied_on": DAY, "status": "Interview"})
    out = write_back(files, report, [new, Edit("new:1", "thank_you_after_interview", True)])
    ws = openpyxl.load_workbook(io.BytesIO(out[0][1]))["Applications"]
    header = [c.value for c in ws[1]]
    assert header == [
        c.value for c in openpyxl.load_workbook(io.BytesIO(files[0][1]))["Applications"][1]
    ]  # no column added: the template has them all
    assert ws.max_row == 2 and ws.cell(row=2, column=1).value == "Newco"
    assert ws.cell(row=2, column=header.index("Thank-you sent") + 1).value == "Yes"
    back = import_files(out).applications
    assert back["company"].tolist() == ["Newco"]
    assert str(back.loc[0, "stage_reached"]) == "interview"
    assert bool(back.loc[0, "thank_you_after_interview"])


def test_a_header_only_csv_gets_its_first_row():
    files = [("log.csv", b"Company;Date Applied;Status\r\n")]
    report = _blank_report(*files[0])
    new = Edit("new:1", "new", {"company": "Acme", "applied_on": DAY})
    out = write_back(files, report, [new])[0][1]
    assert out == b"Company;Date Applied;Status\r\nAcme;2026-11-20;Applied\r\n"


@pytest.mark.parametrize(
    "encoding, header",
    [
        ("cp1252", "Company;Date Applied;Status;Notes (café)\r\n"),  # Excel's "CSV" in Europe
        ("utf-16", "Company\tDate Applied\tStatus\r\n"),  # Excel's "Unicode text" (BOM)
        ("utf-16-be", "Company,Date Applied,Status\n"),  # no BOM
        ("utf-8-sig", "Company,Date Applied,Status,Notes (café)\n"),
    ],
)
def test_a_header_only_log_in_any_encoding_opens_and_gets_its_first_row(encoding, header):
    """A blank log saved by Excel is not always UTF-8: its columns are still read, and the
    first application is written under its header in its own encoding, with no second
    byte-order mark."""
    data = header.encode(encoding)
    name = "log.txt" if "\t" in header else "log.csv"
    report = _blank_report(name, data)
    new = Edit("new:1", "new", {"company": "Société Générale", "applied_on": DAY})
    out = write_back([(name, data)], report, [new])[0][1]
    assert out.startswith(data)  # the header as it was, BOM included
    text = out.decode(encoding)
    assert "\ufeff" not in text  # the codec took the file's own mark; none was added
    assert text.splitlines()[1].startswith("Société Générale")
    again = import_files([(name, out)]).applications
    assert again["company"].tolist() == ["Société Générale"]
    assert again["applied_on"].tolist() == [pd.Timestamp(DAY)]


# --------------------------------------------------------------------------- what is not kept
def _parts(data: bytes) -> set[str]:
    import zipfile

    return set(zipfile.ZipFile(io.BytesIO(data)).namelist())


def test_not_kept_names_text_boxes_and_sparklines_that_the_written_copy_loses():
    data = book_with_extras(text_box=True, sparklines=True)
    assert not_kept("log.xlsx", data) == ["text boxes or shapes", "sparklines"]
    res = import_files([("log.xlsx", data)])
    key = row_keys(res.applications).iloc[0]
    with pytest.warns(UserWarning, match="Sparkline Group extension is not supported"):
        written = write_back([("log.xlsx", data)], res.report, [Edit(key, "status", "Rejected")])
    out = written[0][1]
    # the claim holds: the written copy has neither, and still has the chart and the picture
    assert not_kept("log.xlsx", out) == []
    assert {"xl/charts/chart1.xml", "xl/media/image1.png"} <= _parts(out)
    assert b"How to use this tracker" not in b"".join(
        __import__("zipfile").ZipFile(io.BytesIO(out)).read(p) for p in _parts(out)
    )
    again = import_files([("log.xlsx", out)]).applications
    assert str(again.loc[0, "outcome"]) == "rejected"


def test_not_kept_is_empty_for_what_the_writer_keeps_and_for_text_and_bad_files():
    assert not_kept("log.xlsx", book_with_extras(text_box=False, sparklines=False)) == []
    assert not_kept("log.csv", b"Company\nAcme\n") == []
    assert not_kept("log.xlsx", b"not a zip") == []


def _ext(uri: str) -> bytes:
    return (
        f'<extLst><ext uri="{uri}" xmlns:x14="http://schemas.microsoft.com/office/'
        'spreadsheetml/2009/9/main"><x14:any/></ext></extLst>'
    ).encode()


@pytest.mark.parametrize(
    ("words", "sheet_ext", "part"),
    [
        ("data bars or icon sets", _ext("{78C0D931-6437-407d-A8EE-F0AAD7539E65}"), ""),
        (
            "drop-down lists that read another sheet",
            _ext("{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"),
            "",
        ),
        ("slicers", b"", "xl/slicers/slicer1.xml"),
        ("timelines", b"", "xl/timelines/timeline1.xml"),
        ("form controls (buttons, check boxes)", b"", "xl/ctrlProps/ctrlProp1.xml"),
    ],
)  # fmt: skip
def test_each_thing_said_not_kept_is_gone_from_the_written_copy(words, sheet_ext, part):
    import warnings

    data = book_with_extras(False, False, sheet_ext=sheet_ext, part=part)
    assert not_kept("log.xlsx", data) == [words]
    res = import_files([("log.xlsx", data)])
    key = row_keys(res.applications).iloc[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # openpyxl: "... will be removed"
        out = write_back([("log.xlsx", data)], res.report, [Edit(key, "notes", "x")])[0][1]
    assert not_kept("log.xlsx", out) == []
