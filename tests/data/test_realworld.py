"""The published logs in ../shared/realworld (see SOURCES.md there) import with every row
accounted for. Expected facts come from SOURCES.md or from reading the file independently
with pandas, never from the importer's own output. Skipped when the corpus is absent."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from data.importer import import_files
from data.schema import InputError

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "realworld"
pytestmark = [
    pytest.mark.realworld,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/realworld is not present"),
]
FILES = (
    sorted(p.name for p in CORPUS.glob("*") if p.suffix in (".csv", ".xlsx"))
    if CORPUS.is_dir()
    else []
)
#: Files the importer may refuse, with the reason it must give.
REFUSALS: dict[str, str] = {}


def load(name: str, **kw):
    return import_files([(name, (CORPUS / name).read_bytes())], **kw)


def nonblank_csv_rows(name: str, encoding: str = "utf-8") -> pd.DataFrame:
    df = pd.read_csv(CORPUS / name, dtype=str, keep_default_na=False, encoding=encoding)
    return df[df.apply(lambda c: c.str.strip() != "").any(axis=1)]


def sheet(name: str, sheet_name: str) -> pd.DataFrame:
    df = pd.read_excel(CORPUS / name, sheet_name=sheet_name, engine="calamine")
    return df.dropna(how="all")


@pytest.mark.parametrize("name", FILES)
def test_every_file_is_accounted_for_or_refused_clearly(name):
    try:
        res = load(name)
    except InputError as err:
        assert name in REFUSALS, f"unexpected refusal: {err}"
        assert name in str(err) and REFUSALS[name] in str(err) and "\n" not in str(err)
        return
    rep = res.report
    assert rep.rows_read > 0
    assert rep.rows_read == rep.rows_analysed + rep.rows_excluded
    assert len(res.applications) >= 1
    assert all(e.reason and e.row for e in rep.excluded)


@pytest.mark.parametrize("name", [n for n in FILES if n.endswith(".csv")])
def test_csv_row_counts_match_an_independent_read(name):
    enc = "cp1252" if "cp1252" in name else "utf-8"
    assert load(name).report.rows_read == len(nonblank_csv_rows(name, enc))


def test_row_counts_from_sources_md():
    counts = {
        "github_NakuraMino_Recruitment_Sankey_Diagram__applications2020.csv": 135,
        "github_NakuraMino_Recruitment_Sankey_Diagram__applications2021.csv": 52,
        "github_apk0703_linkdin_profile_analysis__Job_Applications.csv": 31,
        "github_MartinW72UK_job_tracker__job_applications_134bc62_ddmmyyyy.csv": 23,
        "github_MartinW72UK_job_tracker__job_applications_64b6e20_mixeddates.csv": 24,
        "github_smpotts_jobsearch-sankey__V1_Status-Table_1.csv": 199,
        "github_smpotts_jobsearch-sankey__V1-Sankey-Table.csv": 239,
        "github_sandervw_job-search__job_applications.csv": 88,
        "github_jaykhan-dev_job-recon__Applications.csv": 125,
        "github_limengsheng981-hash_my-offer-tracker__job_applications.csv": 41,
        "github_HasanBeker2_gmail_job_application_parser__job_applications_cp1252.csv": 50,
        "github_freylyons_job-applications-2025-2026__application_tracker.csv": 13,
        "github_aankouni12_Job_Tracker__applications.xlsx": 66,
        "github_vanessapigwin_JobsExcelToSankey__applications.xlsx": 26,
        "github_ryanliu079_springweek_application_tracker__applications.xlsx": 15,
        "github_Loki0821_Portfolio-Projects__Bewerbungen.xlsx": 41,
    }
    for name, n in counts.items():
        assert load(name).report.rows_read == n, name


def test_linkedin_export_is_recognised_with_two_digit_years():
    res = load("github_apk0703_linkdin_profile_analysis__Job_Applications.csv")
    a = res.applications
    assert list(res.report.formats.values()) == ["linkedin"]
    assert (a["source"].astype(str) == "LinkedIn").all() and (
        a["outcome"].astype(str) == "pending"
    ).all()
    first = a.loc[a["source_row"] == 2].iloc[0]  # "11/13/23, 9:42 AM", Multi Recruit
    assert first["applied_on"] == pd.Timestamp("2023-11-13") and first["company"] == "Multi Recruit"


def test_german_abgesagt_rows_are_rejected_and_dashboard_skipped():
    name = "github_Loki0821_Portfolio-Projects__Bewerbungen.xlsx"
    raw = sheet(name, "Raw_data")
    res = load(name)
    a = res.applications
    assert (a["outcome"].astype(str) == "rejected").sum() == (
        raw["Status"].str.strip() == "abgesagt"
    ).sum()
    skipped = {s for _, s, _ in res.report.sheets_skipped}
    assert (
        "Dashboard" in skipped
        and ("github_Loki0821_Portfolio-Projects__Bewerbungen.xlsx", "Raw_data")
        in res.report.sheets_used
    )
    # an interview flag (Zweit-/Drittgespräch = ja) is an interview, even when rejected afterwards
    interviewed = (raw["Zweitgespräch"] == "ja") | (raw["Drittgespräch"] == "ja")
    assert (a["stage_reached"] >= "interview").sum() == interviewed.sum()


def test_smpotts_flag_grid_gets_interviews():
    name = "github_smpotts_jobsearch-sankey__V1_Status-Table_1.csv"
    raw = nonblank_csv_rows(name)
    a = load(name).applications
    cols = ["Hiring Manager", "Technical Interview/ Assessment", "Panel Interview", "Offer"]
    reached = raw[cols].isin(["Y", "G"]).any(axis=1)
    assert reached.sum() > 0
    assert (a["stage_reached"] >= "interview").sum() == reached.sum()
    assert (a["outcome"].astype(str) == "rejected").sum() == (raw["Auto Rejected"] == "Y").sum()


def test_smpotts_transition_list_one_application_per_company_block():
    name = "github_smpotts_jobsearch-sankey__V1-Sankey-Table.csv"
    raw = nonblank_csv_rows(name)
    res = load(name)
    assert list(res.report.formats.values()) == ["transitions"]
    assert len(res.applications) == (raw["Company"].str.strip() != "").sum()
    assert (res.applications["outcome"].astype(str) == "hired").sum() == (
        raw["Target"] == "Offer Accepted"
    ).sum()


def test_sandervw_null_is_blank_and_response_date_is_used():
    name = "github_sandervw_job-search__job_applications.csv"
    raw = nonblank_csv_rows(name)
    a = load(name).applications
    assert not (a["role"] == "null").any() and not (a["company"] == "null").any()
    assert a["role"].isna().sum() == (raw["job_title"] == "null").sum()
    has_resp = raw["response_date"] != "null"
    assert has_resp.sum() > 0
    got = a.loc[has_resp.to_numpy(), "responded_on"]
    want = pd.to_datetime(raw.loc[has_resp, "response_date"]).to_numpy()
    assert (got.to_numpy() == want).all()


def test_hasanbeker2_cp1252_decodes():
    name = "github_HasanBeker2_gmail_job_application_parser__job_applications_cp1252.csv"
    raw = nonblank_csv_rows(name, "cp1252")
    a = load(name).applications
    text = " ".join(a["company"].dropna().tolist() + a["role"].dropna().tolist())
    assert "\ufffd" not in text
    assert any(ch in text for ch in "äöüß–")
    assert (a["outcome"].astype(str) == "rejected").sum() == raw["Result"].str.startswith(
        "Negative"
    ).sum()


def test_martin_day_first_dates_and_free_text_warning():
    res = load("github_MartinW72UK_job_tracker__job_applications_134bc62_ddmmyyyy.csv")
    a = res.applications
    assert a.loc[0, "applied_on"] == pd.Timestamp("2025-01-15")
    assert any("Before 2025-01-24" in w for w in res.report.warnings)
    mixed = load(
        "github_MartinW72UK_job_tracker__job_applications_64b6e20_mixeddates.csv"
    ).applications
    assert mixed["applied_on"].notna().all()
    assert mixed.loc[0, "applied_on"] == pd.Timestamp("2025-01-17")  # 17/01/2025


def test_aankouni12_follow_up_status_means_followed_up():
    name = "github_aankouni12_Job_Tracker__applications.xlsx"
    raw = sheet(name, "Applications")
    a = load(name).applications
    assert a["followup_after_apply"].sum() == (raw["Status"] == "follow_up").sum() == 9
    # a status column shows only the latest state: on the other rows follow-up is unknown
    assert a["followup_after_apply"].isna().sum() == (raw["Status"] != "follow_up").sum()


def test_freylyons_interview_not_complete_is_an_application_and_months_are_kept():
    name = "github_freylyons_job-applications-2025-2026__application_tracker.csv"
    raw = nonblank_csv_rows(name)
    res = load(name)
    a = res.applications
    # the one row still at "application" with status "not complete" was not applied for
    never = (raw["application_progress"] == "application") & (
        raw["application_status"] == "not complete"
    )
    assert res.report.rows_excluded == never.sum() == 1
    interview = a[a["stage_reached"] >= "interview"]
    assert len(interview) == raw["application_progress"].str.contains("interview").sum() == 2
    month_only = raw["date"].str.fullmatch(r"\d{4}-\d{2}")
    assert res.report.month_only_dates == month_only.sum() == 6
    assert (a["date_precision"] == "month").sum() == 6


def test_sandervw_applicant_tracking_systems_are_company_sites_and_dice_a_job_board():
    name = "github_sandervw_job-search__job_applications.csv"
    raw = nonblank_csv_rows(name)
    a = load(name).applications
    boards = raw["application_site"].isin(["Dice"])
    assert (a["source"].astype(str) == "job board").sum() == boards.sum() == 3
    assert (a["source"].astype(str) == "company site").sum() == (~boards).sum() == 85


def test_vanessapigwin_explicit_ghosting_and_formula_ids():
    name = "github_vanessapigwin_JobsExcelToSankey__applications.xlsx"
    raw = sheet(name, "Tally")
    a = load(name).applications
    assert (a["outcome"].astype(str) == "ghosted").sum() == (raw["Ghosted"] == 1).sum()
    assert a["application_id"].tolist() == [
        str(int(x)) if isinstance(x, (int, float)) else str(x) for x in raw["Application"]
    ]


def test_ryanliu079_summary_sheet_is_skipped():
    res = load("github_ryanliu079_springweek_application_tracker__applications.xlsx")
    assert [s for _, s in res.report.sheets_used] == ["Applications"]
    assert "Summary" in {s for _, s, _ in res.report.sheets_skipped}


def test_xiansakana_two_sheets_different_column_order():
    name = "github_xiansakana_Obsidian-Study__Job_Applications.xlsx"
    res = load(name)
    a = res.applications
    n_full, n_intern = len(sheet(name, "Fulltime")), len(sheet(name, "Intern"))
    assert res.report.rows_read == n_full + n_intern
    intern = a[a["source_sheet"] == "Intern"]
    assert intern["applied_on"].iloc[0] == pd.Timestamp("2024-01-30")  # text "2024.1.30"
    assert intern["company"].iloc[0] == "NEW EIG"
    assert a["participant"].nunique() == 1  # Fulltime/Intern are not people


def test_chinese_headers_and_sources():
    a = load("github_limengsheng981-hash_my-offer-tracker__job_applications.csv").applications
    assert a.loc[0, "company"] == "星河动力" and a.loc[0, "applied_on"] == pd.Timestamp(
        "2026-07-22"
    )
    assert a["source"].notna().all()
    assert (a["stage_reached"] >= "offer").sum() == 2  # two `Offer` statuses (SOURCES.md)


def test_all_files_together_as_a_workshop():
    files = [(n, (CORPUS / n).read_bytes()) for n in FILES]
    res = import_files(files)
    rep = res.report
    assert rep.rows_read == rep.rows_analysed + rep.rows_excluded
    refused = [w for w in rep.warnings if any(n in w for n in REFUSALS)]
    assert len(refused) >= len([n for n in REFUSALS if n in FILES]) or not REFUSALS
    assert res.applications["participant"].nunique() >= len(FILES) - len(REFUSALS) - 1


def test_connor_one_column_per_day_is_read_cell_by_cell():
    name = "github_ConnorMooneyhan_applications__applications.xlsx"
    grid = pd.read_excel(CORPUS / name, sheet_name="Sheet1", header=None, engine="calamine")
    top = grid.iloc[0]
    date_cols = [
        c for c in grid.columns if isinstance(top[c], (pd.Timestamp,)) or hasattr(top[c], "year")
    ]
    cells = grid.iloc[1:][date_cols].notna().sum().sum()
    res = load(name)
    a = res.applications
    assert len(a) == cells and 1600 <= cells <= 1650  # "about 1,620" (SOURCES.md)
    assert res.report.rows_read == res.report.rows_analysed + res.report.rows_excluded
    assert list(res.report.formats.values()) == ["transposed"]
    # the warning counts the cells as people write numbers ("1,624", not "1624")
    assert any(w.endswith(f"({res.report.rows_read:,} cells)") for w in res.report.warnings)
    assert res.report.rows_read >= 1000
    col = date_cols[0]
    first = a[a["application_id"] == f"{chr(65 + col)}2"].iloc[0]
    assert first["applied_on"] == pd.Timestamp(top[col]).normalize()
    assert first["company"] == str(grid.iloc[1, col]).split(". ", 1)[1]


@pytest.mark.realworld
def test_transposed_layout_mapping_is_reported_as_the_format_not_a_user_correction():
    path = CORPUS / "github_ConnorMooneyhan_applications__applications.xlsx"
    if not path.exists():
        pytest.skip("realworld corpus not present")
    rep = import_files([(path.name, path.read_bytes())]).report
    assert rep.mappings, "the transposed sheet's mapping is reported"
    assert all(m.how != "override" for m in rep.mappings)  # the user corrected nothing
    assert any(m.how == "format" for m in rep.mappings)
