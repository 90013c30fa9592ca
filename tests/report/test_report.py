"""The exports: an offline HTML report and a workbook, anonymised unless asked otherwise."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from analysis.cli import main
from data import import_files
from report import build_content, render_html, render_xlsx
from tests.named_cohort import (
    SECRETS,
    cohort_files,
    leaks,
    readable,
    secrets_not_in_libraries,
)

AS_OF = dt.date(2026, 4, 30)


@pytest.fixture(scope="module")
def result():
    return import_files(cohort_files())


@pytest.fixture(scope="module")
def anonymised(result):
    return build_content(
        result, as_of=AS_OF, anonymise=True, salt="t", workshop_date=dt.date(2026, 2, 14)
    )


def test_search_words_are_not_in_plotly_js():
    assert secrets_not_in_libraries() == []


def test_cohort_has_three_participants(result):
    assert set(result.applications["participant"]) == {
        "Zelda Quist",
        "Osvald Brandt",
        "Yuki Oyelaran",
    }


def test_anonymised_report_and_workbook_contain_no_name(anonymised):
    html = render_html(anonymised)
    assert leaks(html.decode("utf-8")) == []
    assert leaks(readable(render_xlsx(anonymised))) == []
    assert leaks(anonymised.searchable_text()) == []
    assert b"P01" in html and b"P03" in html


def test_named_report_has_the_names(result):
    """Guard: without anonymising, the same search finds the participants."""
    content = build_content(result, as_of=AS_OF, anonymise=False)
    found = leaks(render_html(content).decode("utf-8"))
    assert "Zelda Quist" in found and "Yuki Oyelaran" in found


def test_html_is_offline_and_embeds_plotly_once(anonymised):
    html = render_html(anonymised).decode("utf-8")
    assert html.count("Plotly.newPlot(") >= 4
    # the plotly.js bundle's own banner appears once: embedded once, not per chart
    assert len(re.findall(r"plotly\.js v\d", html)) == 1
    assert "connect-src 'none'" in html and "default-src 'none'" in html
    # outside the embedded library (which names plotly.com in its own strings), no markup
    # points anywhere; the browser test opens the file with the network blocked
    bundle_end = html.index("</script>", html.index("plotly.js v"))
    assert not re.search(r"""(src|href)=["']https?://""", html[bundle_end:])


def test_workbook_sheets_and_formula_neutralising(result):
    hostile = import_files(
        [
            (
                "club.csv",
                b"Participant,Company,Date Applied,Status,Followed up?\n"
                + b"".join(
                    f"=cmd|{i % 2},Acme,2026-01-{i + 1:02d},Rejected,Yes\n".encode()
                    for i in range(12)
                ),
            )
        ]
    )
    content = build_content(hostile, as_of=AS_OF, anonymise=False)
    wb = load_workbook(io.BytesIO(render_xlsx(content)))
    assert wb.sheetnames[:2] == ["Summary", "Steps"] and "Participants" in wb.sheetnames
    names = [c.value for c in wb["Participants"]["A"][1:]]
    assert "'=cmd|0" in names and "'=cmd|1" in names
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"formula in {ws.title}!{c.coordinate}"
    assert wb.properties.creator == "Followthrough"


def test_participant_table_suppresses_small_counts(anonymised):
    t = anonymised.participant_table
    for col in ("Applications", "Answer known", "Answered", "Interviews"):
        for v in t[col]:
            assert isinstance(v, str) or v >= 5, (col, v)


def test_cli_report_anonymised_passes_the_search(tmp_path):
    paths = []
    for name, data in cohort_files():
        p = tmp_path / name
        p.write_bytes(data)
        paths.append(str(p))
    out, xlsx = tmp_path / "report.html", tmp_path / "report.xlsx"
    code = main(
        [
            "report",
            *paths,
            "-o",
            str(out),
            "--xlsx",
            str(xlsx),
            "--anonymize",
            "--as-of",
            "2026-04-30",
            "--workshop-date",
            "2026-02-14",
            "--quiet",
        ]
    )
    assert code == 0
    assert leaks(out.read_text(encoding="utf-8")) == []
    assert leaks(readable(xlsx.read_bytes())) == []
    assert SECRETS  # the search list is not empty


def test_cli_report_bad_date_is_one_line(tmp_path, capsys):
    p = tmp_path / "a.csv"
    p.write_text("Company,Date Applied\nAcme,2026-01-01\n")
    code = main(["report", str(p), "-o", str(tmp_path / "r.html"), "--workshop-date", "soon"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0 and "--workshop-date" in err


def test_an_untracked_step_reads_right_and_says_nothing_about_timing():
    """'this log does not record', 'participants' logs do not record'; no timing sentence,
    named or anonymised, for a step where nothing was compared."""
    from analysis.verdict import verdict_from_counts
    from report.content import _details, headline

    v = verdict_from_counts("after_applying", 0, 0, 0, 0, tracked=False, design="unadjusted")
    assert headline(v).startswith("Not tracked: this log does not record a follow-up")
    assert headline(v, workshop=True).startswith("Not tracked: participants' logs do not record")
    for k in (None, 5):
        assert not any("answer dates" in line for line in _details(v, show_counts=True, k=k)), k


def test_an_old_log_says_its_latest_entry_in_the_report_and_workbook(result):
    """As of a date long after the logs end, the report's first line and the workbook's say
    when the logs end; as of a date near their end, nothing is added."""
    from analysis.responses import latest_logged_date

    last = latest_logged_date(result.applications)
    assert last is not None
    late = build_content(result, as_of=last + dt.timedelta(days=200), anonymise=True, salt="t")
    assert late.latest_entry == last
    said = f"(latest entry {last:%d %b %Y})"
    assert said in render_html(late).decode()
    book = load_workbook(io.BytesIO(render_xlsx(late)))
    assert said in book["Summary"]["A2"].value
    near = build_content(result, as_of=last + dt.timedelta(days=10), anonymise=True, salt="t")
    assert near.latest_entry is None and "latest entry" not in render_html(near).decode()
