"""The app on the published real logs (read in place from ../shared/realworld, never copied):
My follow-up renders without an exception, shows the importer's application count, no nan."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = ROOT.parent / "shared" / "realworld"
FILES = (
    sorted(p for p in REALWORLD.glob("*") if p.suffix.lower() in {".csv", ".xlsx", ".tsv", ".txt"})
    if REALWORLD.is_dir()
    else []
)

pytestmark = [
    pytest.mark.realworld,
    pytest.mark.skipif(not FILES, reason=f"no real logs in {REALWORLD}"),
]


@pytest.mark.parametrize("path", FILES, ids=[p.name[:50] for p in FILES])
def test_real_log_my_followup(path):
    from data import import_files

    files = [(path.name, path.read_bytes())]
    expected = len(import_files(files).applications)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["ft_uploads"] = files
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    values = {m.label: m.value for m in at.metric}
    if expected == 0:
        assert at.info  # "No applications in this view" instead of empty charts
        return
    assert values["Applications"] == f"{expected:,}"
    assert not any("nan" in v.lower() or "none" == v.lower() for v in values.values()), values


def _real(name: str) -> list[tuple[str, bytes]]:
    path = REALWORLD / name
    if not path.exists():
        pytest.skip(f"{name} not in {REALWORLD}")
    return [(path.name, path.read_bytes())]


def test_linkedin_export_old_and_without_status():
    """LinkedIn's export has no status column and ends in 2024: no 0% response rate; it opens
    as of today, says in one sentence that the log is old, and offers its last entry."""
    import datetime as dt

    from analysis.responses import stale_log
    from data import import_files
    from ui.components import NO_ANSWERS

    files = _real("github_apk0703_linkdin_profile_analysis__Job_Applications.csv")
    last = stale_log(import_files(files).applications, dt.date.today())
    assert last == dt.date(2024, 3, 13)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["ft_uploads"] = files
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [d.value for d in at.sidebar.date_input if d.label == "As of"] == [dt.date.today()]
    assert any("13 Mar 2024" in i.value for i in at.sidebar.info)
    # the first screen says it too, not only the sidebar (below the fold at 1024×768)
    today = f"as of {dt.date.today():%d %b %Y}"
    old = f'{today} (your latest entry is from 13 Mar 2024: see "As of" in the sidebar)'
    assert any(old in c.value for c in at.main.caption), [c.value for c in at.main.caption]
    [b for b in at.sidebar.button if b.label.startswith("View as of my last entry")][0].click()
    at.run()
    assert [d.value for d in at.sidebar.date_input if d.label == "As of"] == [last]
    assert any("as of 13 Mar 2024 (your latest entry) · " in c.value for c in at.main.caption)
    for page in ("pages/weekly_rhythm.py", "pages/pipeline.py"):
        at.switch_page(page).run()
        assert any("as of 13 Mar 2024 (your latest entry)" in c.value for c in at.main.caption)
    at.switch_page("pages/my_followup.py").run()
    values = {m.label: m.value for m in at.metric}
    assert values["Response rate"] == "not tracked"
    assert any(i.value == NO_ANSWERS for i in at.info)
    at.switch_page("pages/follow_up_today.py").run()
    assert not at.exception
    assert int(values["Applications"]) == 31
    due = {m.label: m.value for m in at.metric}
    assert int(due["Follow-ups due"]) > 0  # as of 2024 the recent ones are due, not all ghosted


def test_stage_grid_without_dates_explains_itself():
    files = _real("github_smpotts_jobsearch-sankey__V1_Status-Table_1.csv")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["ft_uploads"] = files
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "no dates, so none can count as ghosted" in " ".join(c.value for c in at.caption)
    at.switch_page("pages/follow_up_today.py").run()
    assert not at.exception
    assert any(i.value.startswith("Your log has no dates") for i in at.info)
    at.switch_page("pages/pipeline.py").run()
    assert not at.exception
    flows = at.dataframe[0].value
    assert int(flows.loc[flows["From"] == "Applied", "Applications"].sum()) == 199
    assert "Ghosted" not in set(flows["To"])
    assert any(
        c.value.startswith("Your log has no dates, so no application can count as ghosted")
        for c in at.caption
    )


def test_one_excluded_row_is_said_in_the_singular():
    """One of freylyons' 13 rows is left out (an application never sent): the caption under
    Applications says "1 row", not "1 rows"."""
    from data import import_files

    files = _real("github_freylyons_job-applications-2025-2026__application_tracker.csv")
    assert import_files(files).report.rows_excluded == 1
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["ft_uploads"] = files
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "1 row of your file(s) not analysed (see Import check)" in [c.value for c in at.caption]
