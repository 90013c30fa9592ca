"""import_files end to end on small literal files (data.importer)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from data.importer import import_files, looks_like_person, participant_name
from data.schema import APPLICATION_COLUMNS, InputError


def csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def one(name: str, data: bytes, **kw):
    return import_files([(name, data)], **kw)


def assert_adds_up(res):
    rep = res.report
    assert rep.rows_read == rep.rows_analysed + rep.rows_excluded
    assert len(res.applications) <= rep.rows_analysed


# --------------------------------------------------------------------------- canonical shape
def test_result_has_the_canonical_columns_and_dtypes():
    res = one("a.csv", csv("Company,Date Applied\nAcme,2026-01-05\n"))
    apps = res.applications
    assert list(apps.columns) == list(APPLICATION_COLUMNS)
    for col, dtype in APPLICATION_COLUMNS.items():
        assert apps[col].dtype == pd.Series([], dtype=dtype).dtype, col


def test_generic_rows_with_provenance():
    res = one(
        "me.csv",
        csv(
            "My job search\n\nCompany,Role,Date Applied,Status\nAcme,Dev,2026-01-05,Interview\n"
            "Beta,PM,2026-01-07,Rejected\n"
        ),
    )
    a = res.applications
    assert a["company"].tolist() == ["Acme", "Beta"]
    assert a["source_row"].tolist() == [4, 5]  # as the person sees it (title + blank + header)
    assert a["source_file"].tolist() == ["me.csv"] * 2
    assert a["application_id"].tolist() == ["me.csv:4", "me.csv:5"]
    assert a["applied_on"].tolist() == [pd.Timestamp("2026-01-05"), pd.Timestamp("2026-01-07")]
    assert res.report.formats == {"me.csv": "generic"}
    assert {(m.column, m.field) for m in res.report.mappings} >= {
        ("Company", "company"),
        ("Status", "status"),
    }


def test_id_column_is_used_as_application_id():
    a = one("a.csv", csv("ID,Company\nX-17,Acme\n,Beta\n")).applications
    assert a["application_id"].tolist() == ["X-17", "a.csv:3"]


def test_duplicates_are_kept():
    res = one("a.csv", csv("Company,Role,Date Applied\nAcme,Dev,2026-01-05\nAcme,Dev,2026-01-05\n"))
    assert len(res.applications) == 2


# --------------------------------------------------------------------------- stages and outcomes
def test_rejection_after_an_interview_keeps_the_interview_stage():
    a = one(
        "a.csv",
        csv(
            "Company,Date Applied,Phone Screen,Interview,Status\n"
            "Acme,2026-01-05,2026-01-10,2026-01-20,Rejected\n"
            "Beta,2026-01-05,,,Rejected\n"
        ),
    ).applications
    assert a["stage_reached"].astype(str).tolist() == ["interview", "applied"]
    assert a["outcome"].astype(str).tolist() == ["rejected", "rejected"]
    assert a.loc[0, "responded_on"] == pd.Timestamp("2026-01-10")  # earliest response
    assert a.loc[0, "last_activity_on"] == pd.Timestamp("2026-01-20")


def test_stage_flag_grid_gives_the_furthest_stage():
    a = one(
        "grid.csv",
        csv(
            "Company,Role,Auto Rejected,HR/ Recruiter Call,Hiring Manager,Panel Interview,Offer\n"
            "A,x,N,Y,Y,,\nB,x,Y,,,,\nC,x,N,Y,,,\nD,x,N,Y,Y,Y,Y\n"
        ),
    ).applications
    assert a["stage_reached"].astype(str).tolist() == [
        "interview",
        "applied",
        "intro_call",
        "offer",
    ]
    assert a["outcome"].astype(str).tolist() == ["pending", "rejected", "pending", "offer"]


def test_flag_grid_with_outcome_columns_and_numeric_ids():
    data = xlsx(
        {
            "Tally": [
                [
                    "Application",
                    "Applied",
                    "Ghosted",
                    "1st Interview",
                    "Rejected",
                    "2nd Interview",
                    "Offer Declined",
                    "Job Offer",
                ],
                [1, 1, 1, None, None, None, None, None],
                [2, 1, None, 1, 1, None, None, None],
                [3, 1, None, 1, None, 1, 1, 1],
            ]
        }
    )
    a = one("t.xlsx", data).applications
    assert a["application_id"].tolist() == ["1", "2", "3"]
    assert a["outcome"].astype(str).tolist() == ["ghosted", "rejected", "withdrawn"]
    assert a["stage_reached"].astype(str).tolist() == ["applied", "intro_call", "offer"]


def test_german_ja_nein_interview_flags_and_abgesagt():
    a = one(
        "b.csv",
        csv(
            "Firma;Jobtitel;Einreichdatum;Status;Kennenlerngespräch;Zweitgespräch\n"
            "A;Analyst;03.07.2024;abgesagt;ja;nein\nB;Analyst;04.07.2024;In Bearbeitung;nein;nein\n"
            "C;Analyst;05.07.2024;abgesagt;ja;ja\n"
        ),
    ).applications
    assert a["outcome"].astype(str).tolist() == ["rejected", "pending", "rejected"]
    assert a["stage_reached"].astype(str).tolist() == ["intro_call", "applied", "interview"]
    assert a.loc[0, "applied_on"] == pd.Timestamp("2024-07-03")


# --------------------------------------------------------------------------- follow-ups
def test_blank_in_a_marked_followup_column_means_no_and_blank_throughout_means_unknown():
    res = one("f.csv", csv("Company,Follow up?,Thank you sent\nA,yes,\nB,,\nC,No,\n"))
    a = res.applications
    assert a["followup_after_apply"].tolist() == [True, False, False]
    assert a["thank_you_after_interview"].isna().all()


def test_followup_date_column_implies_the_flag():
    a = one("f.csv", csv("Company,Follow-up date\nA,2026-01-12\nB,\n")).applications
    assert a["followup_after_apply"].tolist() == [True, False]
    assert a.loc[0, "followup_after_apply_on"] == pd.Timestamp("2026-01-12")
    assert a.loc[0, "last_activity_on"] == pd.Timestamp("2026-01-12")


def test_follow_up_status_word_means_followed_up_after_applying():
    # a status column shows the latest state only: the other row's follow-up is unknown
    a = one("s.csv", csv("Company,Status\nA,follow_up\nB,applied\n")).applications
    flags = a["followup_after_apply"]
    assert bool(flags.iloc[0]) and pd.isna(flags.iloc[1])


def test_followup_count_column():
    a = one("s.csv", csv("Company,Number of follow-ups\nA,2\nB,0\n")).applications
    assert a["followups"].tolist() == [2, 0]
    assert a["followup_after_apply"].tolist() == [True, False]


# ------------------------------------------------------------------------- exclusions and warnings
def test_rows_without_company_role_or_date_are_excluded_with_an_actionable_reason():
    res = one(
        "e.csv", csv("Company,Role,Date Applied,Notes\nAcme,Dev,2026-01-05,\n,,,called twice\n")
    )
    assert res.report.rows_read == 2 and res.report.rows_analysed == 1
    (ex,) = res.report.excluded
    assert (ex.file, ex.sheet, ex.row) == ("e.csv", None, 3)
    assert "no company, role or application date" in ex.reason and "row 3" in ex.reason
    assert_adds_up(res)


def test_saved_rows_are_not_applications():
    res = one("s.csv", csv("Company,Status\nA,Saved\nB,Applied\nC,Wishlist\n"))
    assert res.applications["company"].tolist() == ["B"]
    reasons = [e.reason for e in res.report.excluded]
    assert any("not applied yet" in r and "Saved" in r for r in reasons) and len(reasons) == 2


def test_unreadable_applied_date_keeps_the_row_and_names_the_cell():
    res = one("d.csv", csv("Company,Date Applied\nAcme,soon-ish\nBeta,2026-01-05\n"))
    a = res.applications
    assert len(a) == 2 and pd.isna(a.loc[0, "applied_on"])
    w = [x for x in res.report.warnings if "soon-ish" in x]
    assert w and "d.csv" in w[0] and "row 2" in w[0] and "Date Applied" in w[0]


def test_unknown_status_words_are_counted_and_reported():
    res = one("s.csv", csv("Company,Status\nA,purple\nB,purple\nC,Rejected\n"))
    assert res.report.unknown_status_words == {"purple": 2}
    assert any(w.startswith("s.csv:") and "'purple' (2)" in w for w in res.report.warnings)
    assert res.applications["outcome"].astype(str).tolist() == ["pending", "pending", "rejected"]


def test_ambiguous_day_month_order_is_reported():
    res = one("a.csv", csv("Company,Date Applied\nA,03/04/2026\nB,05/06/2026\n"))
    assert res.report.ambiguous_dates and "Date Applied" in res.report.ambiguous_dates[0]


def test_day_first_decided_from_the_whole_column():
    a = one("a.csv", csv("Company,Date Applied\nA,03/04/2026\nB,25/06/2026\n")).applications
    assert a["applied_on"].tolist() == [pd.Timestamp("2026-04-03"), pd.Timestamp("2026-06-25")]


# --------------------------------------------------------------------------- tracker exports
def test_linkedin_export_all_applied_via_linkedin():
    text = (
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
        "Resume Name,"
        'Question And Answers\n"8/15/26, 10:32 AM",,,Acme,Data Analyst,http://x/1,,\n'
        '"9/1/26, 9:05 PM",,,Beta,Engineer,http://x/2,,\n'
    )
    res = one("Job Applications.csv", csv(text))
    a = res.applications
    assert res.report.formats == {"Job Applications.csv": "linkedin"}
    assert a["applied_on"].tolist() == [pd.Timestamp("2026-08-15"), pd.Timestamp("2026-09-01")]
    assert a["source"].astype(str).tolist() == ["LinkedIn", "LinkedIn"]
    assert a["outcome"].astype(str).tolist() == ["pending", "pending"]


def test_linkedin_split_files_are_one_participant():
    hdr = (
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
        "Resume Name,"
        "Question And Answers\n"
    )
    res = import_files(
        [
            ("Job Applications_1.csv", csv(hdr + '"8/15/26, 10:32 AM",,,A,x,u,,\n')),
            ("Job Applications_2.csv", csv(hdr + '"8/16/26, 10:32 AM",,,B,y,u,,\n')),
        ]
    )
    assert res.applications["participant"].unique().tolist() == ["Job Applications"]
    assert len(res.applications) == 2


def test_simplify_export_saved_is_not_an_application():
    text = (
        "Job Title,Company Name,Job URL,Applied Date,Status,Status Date,Archived,Date Archived,"
        "Notes\n"
        "Dev,Acme,u,2026-01-05,REJECTED,2026-01-20,true,,\n"
        "PM,Beta,u,,SAVED,2026-01-06,false,,\n"
        "QA,Gamma,u,2026-01-07,APPLIED,2026-01-07,false,,\n"
    )
    res = one("simplify.csv", csv(text))
    a = res.applications
    assert res.report.formats == {"simplify.csv": "simplify"}
    assert a["company"].tolist() == ["Acme", "Gamma"]
    assert a.loc[0, "outcome_on"] == pd.Timestamp("2026-01-20")
    assert pd.isna(a.loc[1, "outcome_on"])  # a status date of an open application is not an outcome
    assert "SAVED" in res.report.excluded[0].reason


def test_huntr_export_list_name_and_dash_for_missing():
    text = (
        "id,createdAt,title,url,listName,companyName,location\n"
        "h1,2026-02-01,Dev,-,applied,Acme,-\n"
        "h2,2026-02-02,PM,-,interview,Beta,-\n"
        "h3,2026-02-03,-,-,wishlist,Gamma,-\n"
        "h4,2026-02-04,-,-,offer,Delta,Berlin\n"
    )
    res = one("huntr.csv", csv(text))
    a = res.applications
    assert res.report.formats == {"huntr.csv": "huntr"}
    assert a["application_id"].tolist() == ["h1", "h2", "h4"]
    assert a["stage_reached"].astype(str).tolist() == ["applied", "interview", "offer"]
    assert pd.isna(a.loc[2, "role"])
    assert res.report.rows_excluded == 1


def test_teal_export_bookmarked_and_missing_applied_at_are_not_applications():
    text = (
        "company_name,role,source,added_at,applied_at,follow_up_at,updated_at,archived_at,"
        "status name\n"
        "Acme,Dev,LinkedIn,2026-01-01,2026-01-05,2026-01-12,2026-01-12,,Applied\n"
        "Beta,PM,Referral,2026-01-02,,,2026-01-02,,Bookmarked\n"
        "Gamma,QA,Indeed,2026-01-03,,,2026-01-03,,Applying\n"
        "Delta,Ops,Indeed,2026-01-03,2026-01-04,,2026-01-20,,Interviewing\n"
    )
    res = one("teal.csv", csv(text))
    a = res.applications
    assert res.report.formats == {"teal.csv": "teal"}
    assert a["company"].tolist() == ["Acme", "Delta"]
    assert a["followup_after_apply"].tolist() == [True, False]
    assert a["source"].astype(str).tolist() == ["LinkedIn", "job board"]
    assert res.report.rows_excluded == 2


# --------------------------------------------------------------------------- shapes
def test_event_log_is_folded_and_every_event_row_accounted_for():
    text = (
        "Date,Company,Position,Event\n2026-01-05,Acme,Dev,applied\n2026-01-09,Acme,Dev,follow up\n"
        "2026-01-15,Acme,Dev,phone screen\n2026-01-06,Beta,PM,applied\n2026-01-10,Beta,PM,lunch\n"
        "2026-01-20,Beta,PM,rejected\n"
    )
    res = one("ev.csv", csv(text))
    rep, a = res.report, res.applications
    assert rep.formats == {"ev.csv": "events"}
    assert (rep.rows_read, rep.rows_analysed, rep.rows_excluded) == (6, 5, 1)
    assert "lunch" in rep.excluded[0].reason and rep.excluded[0].row == 6
    assert a["company"].tolist() == ["Acme", "Beta"]
    assert a["followup_after_apply"].tolist() == [True, False]
    assert a["stage_reached"].astype(str).tolist() == ["intro_call", "applied"]
    assert a["outcome"].astype(str).tolist() == ["pending", "rejected"]


def test_transition_list_forward_fills_the_company():
    text = (
        "Company,Source,Target\nAcme,Applied,HR/ Hiring Manager Interview\n,HR/ Hiring Manager "
        "Interview,"
        "Technical Interview\n,Technical Interview,Rejected\nBeta,Applied,No Response\n"
        "Gamma,Applied,Offer\n,Offer,Declined Offer\n"
    )
    res = one("sankey.csv", csv(text))
    a = res.applications
    assert res.report.formats == {"sankey.csv": "transitions"}
    assert res.report.rows_analysed == 6 and res.report.rows_excluded == 0
    assert a["company"].tolist() == ["Acme", "Beta", "Gamma"]
    assert a["stage_reached"].astype(str).tolist() == ["interview", "applied", "offer"]
    assert a["outcome"].astype(str).tolist() == ["rejected", "ghosted", "withdrawn"]


# --------------------------------------------------------------------------- participants
def test_participant_column():
    a = one("c.csv", csv("Participant,Company\nAnna,A\nBen,B\n,C\n")).applications
    assert a["participant"].tolist() == ["Anna", "Ben", "c"]


def test_one_sheet_per_person():
    rows = [["Company", "Date Applied"], ["Acme", dt.datetime(2026, 1, 5)]]
    res = one("workshop.xlsx", xlsx({"Anna": rows, "Ben K.": rows, "P07": rows}))
    assert res.applications["participant"].tolist() == ["Anna", "Ben K.", "P07"]
    assert res.applications["applied_on"].tolist() == [pd.Timestamp("2026-01-05")] * 3
    assert set(res.report.formats) == {
        "workshop.xlsx:Anna",
        "workshop.xlsx:Ben K.",
        "workshop.xlsx:P07",
    }


def test_topic_sheets_are_one_participant():
    rows = [["Company", "Date Applied"], ["Acme", "2026-01-05"]]
    res = one("mine.xlsx", xlsx({"Fulltime": rows, "Intern": rows}))
    assert res.applications["participant"].unique().tolist() == ["mine"]


def test_several_files_are_several_participants_and_modes_can_be_forced():
    f1, f2 = ("anna.csv", csv("Company\nA\n")), ("ben.csv", csv("Company\nB\n"))
    assert import_files([f1, f2]).applications["participant"].tolist() == ["anna", "ben"]
    rows = [["Company", "Role"], ["Acme", "Dev"]]
    res = import_files(
        [("w.xlsx", xlsx({"Fulltime": rows, "Intern": rows}))], participants_from="sheet"
    )
    assert res.applications["participant"].tolist() == ["Fulltime", "Intern"]
    res = import_files([("w.csv", csv("Participant,Company\nAnna,A\n"))], participants_from="file")
    assert res.applications["participant"].tolist() == ["w"]


def test_bad_participants_mode_is_a_clear_error():
    with pytest.raises(InputError, match="participants_from"):
        import_files([("a.csv", csv("Company\nA\n"))], participants_from="team")


@pytest.mark.parametrize(
    "name, person",
    [
        ("Anna", True),
        ("P07", True),
        ("Sheet1", False),
        ("Summary", False),
        ("2024", False),
        ("Intern", False),
    ],
)
def test_looks_like_person(name, person):
    assert looks_like_person(name) is person


def test_participant_name_strips_split_suffix():
    assert participant_name("Job Applications_3.csv") == "Job Applications"


# --------------------------------------------------------------------------- mapping override
def test_mapping_override_and_ignore():
    text = "Firm X,When,Secret\nAcme,2026-01-05,abc\n"
    res = one(
        "m.csv", csv(text), mapping={"Firm X": "company", "When": "applied_on", "Secret": "ignore"}
    )
    a = res.applications
    assert a.loc[0, "company"] == "Acme" and a.loc[0, "applied_on"] == pd.Timestamp("2026-01-05")
    how = {m.column: (m.field, m.how, m.confidence) for m in res.report.mappings}
    assert how["Secret"] == ("ignore", "override", 1.0)


# --------------------------------------------------------------------------- sheets and bad input
def test_summary_sheet_is_skipped_with_a_reason():
    data = xlsx(
        {
            "Applications": [["Company", "Status"], ["Acme", "Applied"]],
            "Summary": [["Status", "Count"], ["Applied", 1], ["Rejected", 0]],
        }
    )
    res = one("w.xlsx", data)
    assert res.report.sheets_used == [("w.xlsx", "Applications")]
    skipped = {s: why for f, s, why in res.report.sheets_skipped}
    assert "Summary" in skipped and "company" in skipped["Summary"]
    assert res.report.rows_read == 1


def test_nothing_usable_raises_one_line_naming_the_file():
    with pytest.raises(InputError) as err:
        one("colours.csv", csv("Colour,Size\nred,3\nblue,4\n"))
    msg = str(err.value)
    assert "colours.csv" in msg and "\n" not in msg


def test_not_a_spreadsheet_raises_input_error():
    with pytest.raises(InputError, match="x.csv"):
        one("x.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))


def test_one_bad_file_among_good_ones_is_a_warning():
    res = import_files([("good.csv", csv("Company\nAcme\n")), ("bad.csv", b"")])
    assert len(res.applications) == 1
    assert any("bad.csv" in w for w in res.report.warnings)


def test_cp1252_and_utf16_files_decode():
    a = one("w.csv", csv("Firma,Status\nMüller & Söhne – GmbH,abgesagt\n", "cp1252")).applications
    assert a.loc[0, "company"] == "Müller & Söhne – GmbH"
    b = one("u.csv", "\ufeffCompany\tStatus\nZürich AG\tApplied\n".encode("utf-16")).applications
    assert b.loc[0, "company"] == "Zürich AG"


def test_xlsx_with_real_dates_and_title_rows():
    data = xlsx(
        {
            "Log": [
                ["Jobs 2026"],
                [],
                ["Company", "Date Applied", "Follow up?"],
                ["Acme", dt.datetime(2026, 3, 1), "x"],
                ["Beta", dt.datetime(2026, 3, 2), None],
            ]
        }
    )
    res = one("log.xlsx", data)
    a = res.applications
    assert a["applied_on"].tolist() == [pd.Timestamp("2026-03-01"), pd.Timestamp("2026-03-02")]
    assert a["followup_after_apply"].tolist() == [True, False]
    assert a["source_row"].tolist() == [4, 5] and a["source_sheet"].tolist() == ["Log", "Log"]


def test_input_bytes_are_not_modified():
    data = bytearray(csv("Company\nAcme\n"))
    before = bytes(data)
    import_files([("a.csv", bytes(data))])
    assert bytes(data) == before


def test_event_words_are_not_reported_as_unknown_status_words():
    text = (
        "Date,Company,Role,Event\n2026-01-05,Acme,Dev,applied\n2026-01-09,Acme,Dev,interview\n"
        "2026-01-10,Acme,Dev,thank_you\n2026-01-11,Acme,Dev,nudge\n"
    )
    res = one("ev.csv", csv(text))
    assert res.report.unknown_status_words == {} and res.report.warnings == []
    assert bool(res.applications.loc[0, "thank_you_after_interview"]) is True


def test_large_csv_reads_like_a_small_one():
    # above 10k rows the importer takes a faster path for all-text columns
    lines = ["Company,Date Applied,Status,Follow up?"]
    pattern = [
        ("Acme", "2026-01-05", "Rejected", "yes"),
        ("Beta", "", "Interview", ""),
        ("", "2026-02-01", "Saved", "no"),
    ]
    lines += [",".join(pattern[i % 3]) for i in range(12_000)]
    res = one("big.csv", csv("\n".join(lines) + "\n"))
    a = res.applications
    assert res.report.rows_read == 12_000 and res.report.rows_excluded == 4_000
    assert a["company"].value_counts().to_dict() == {"Acme": 4_000, "Beta": 4_000}
    assert a.loc[a["company"] == "Beta", "stage_reached"].astype(str).eq("interview").all()
    assert a["followup_after_apply"].sum() == 4_000 and a["applied_on"].isna().sum() == 4_000


def test_a_summary_sheet_with_company_counts_is_skipped_by_its_name():
    data = xlsx(
        {
            "Log": [["Company", "Date Applied"], ["Acme", "2026-01-05"], ["Beta", "2026-01-06"]],
            "Pivot Summary": [["Company", "Count"], ["Acme", 1], ["Beta", 1]],
        }
    )
    res = one("w.xlsx", data)
    assert res.report.sheets_used == [("w.xlsx", "Log")] and res.report.rows_read == 2
    assert any(s == "Pivot Summary" for _, s, _ in res.report.sheets_skipped)


def test_arrow_backed_text_columns_read_like_python_strings():
    from data.formats import detect_format
    from data.normalise import normalise_table
    from data.read import RawTable

    header = ["Company", "Date Applied", "Status", "Follow up?"]
    cells = [
        ["Acme", "2026-01-05", "Interview", "yes"],
        ["Beta", "", "Rejected", ""],
        ["", "", "Saved", ""],
    ]
    outs = []
    for dtype in (object, "str"):
        rows = pd.DataFrame(cells, columns=header).astype(dtype)
        t = RawTable("a.csv", None, header, rows, [2, 3, 4], 1, "utf-8", ",")
        outs.append(normalise_table(t, detect_format(header, rows), participant="me"))
    a, b = (o.applications for o in outs)
    pd.testing.assert_frame_equal(a, b)
    assert a["stage_reached"].astype(str).tolist() == ["interview", "applied"]
    assert a["followup_after_apply"].tolist() == [True, False]
    assert [len(o.exclusions) for o in outs] == [1, 1]


def test_unnamed_yes_no_column_is_left_out_with_a_warning():
    res = one("y.csv", csv("Company,Column X\nAcme,yes\nBeta,no\nGamma,yes\n"))
    assert res.applications["followup_after_apply"].isna().all()
    w = [x for x in res.report.warnings if "Column X" in x]
    assert w and "yes/no" in w[0] and "y.csv" in w[0]
    m = {c.column: (c.field, c.how) for c in res.report.mappings}
    assert m["Column X"] == ("ignore", "content")


def test_wide_stage_date_sheet():
    text = (
        "Company,Applied,Phone Interview,Technical Interview,Offer\n"
        "Acme,2026-01-05,2026-01-12,2026-01-20,2026-02-01\n"
        "Beta,2026-01-06,2026-01-15,,\n"
        "Gamma,2026-01-07,,,\n"
    )
    a = one("wide.csv", csv(text)).applications
    assert a["applied_on"].tolist() == [
        pd.Timestamp("2026-01-05"),
        pd.Timestamp("2026-01-06"),
        pd.Timestamp("2026-01-07"),
    ]
    assert a["stage_reached"].astype(str).tolist() == ["offer", "intro_call", "applied"]
    assert a["outcome"].astype(str).tolist() == ["offer", "pending", "pending"]
    assert a.loc[0, "interview_on"] == pd.Timestamp("2026-01-20")
    assert a.loc[1, "responded_on"] == pd.Timestamp("2026-01-15")
    assert a.loc[0, "last_activity_on"] == pd.Timestamp("2026-02-01")


def test_simplify_status_date_becomes_the_outcome_date():
    res = one(
        "simplify.csv",
        csv(
            "Company,Job Title,Status,Status Date,Date Applied\n"
            "Acme,Analyst,Rejected,2026-02-10,2026-01-05\n"
            "Beta,Analyst,Applied,2026-01-20,2026-01-06\n"
        ),
    )
    apps = res.applications
    assert_adds_up(res)
    assert list(apps["outcome"].astype(str)) == ["rejected", "pending"]
    assert apps.loc[0, "outcome_on"] == pd.Timestamp("2026-02-10")
    assert pd.isna(apps.loc[1, "outcome_on"])  # not final: activity only
    assert apps.loc[1, "last_activity_on"] == pd.Timestamp("2026-01-20")
    assert not res.report.unknown_status_words
    assert any(m.column == "Status Date" and m.field == "outcome_on" for m in res.report.mappings)


def test_job_ids_under_an_unknown_header_do_not_become_application_dates():
    res = one(
        "jobs.csv",
        csv(
            "Company,Ref,Status\nAcme,45001,Applied\nBeta,45100,Rejected\nGamma,45200,Applied\nDelta,46000,Applied\n"
        ),
    )
    assert_adds_up(res)
    assert res.applications["applied_on"].isna().all()
    assert not any(m.column == "Ref" and m.field == "applied_on" for m in res.report.mappings)


def test_odd_mark_in_a_stage_flag_column_counts_as_reached_and_is_reported_by_row():
    csv = b"Company,Role,Phone Screen,Offer\nAcme,Analyst,Y,\nBeta,Engineer,G,\nGamma,PM,N,\n"
    res = import_files([("grid.csv", csv)])
    apps = res.applications.set_index("company")
    assert str(apps.loc["Beta", "stage_reached"]) == "intro_call"  # 'G' is filled, not 'no'
    assert str(apps.loc["Gamma", "stage_reached"]) == "applied"
    odd = [w for w in res.report.warnings if "stage was reached" in w]
    assert (
        len(odd) == 1
        and "grid.csv" in odd[0]
        and "'Phone Screen'" in odd[0]
        and "row 3 ('G')" in odd[0]
    )


def test_a_file_that_cannot_be_read_is_listed_as_failed_and_the_others_still_import():
    good = b"Company,Role,Date Applied\nAcme,Analyst,2026-01-05\nBeta,PM,2026-01-06\n"
    res = import_files([("good.csv", good), ("photo.xlsx", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)])
    assert len(res.applications) == 2
    assert [f for f, _ in res.report.files_failed] == ["photo.xlsx"]
    assert "photo.xlsx" in res.report.files_failed[0][1]
    assert res.report.rows_read == res.report.rows_analysed + res.report.rows_excluded == 2
