"""The real app in headless Chromium: upload an xlsx through the file chooser, visit every page.

Starts ``streamlit run app.py`` on a free loopback port, drives it with Playwright using
Debian's ``/usr/bin/chromium`` (no browser download), saves full-page screenshots to
``tests/screenshots/`` (gitignored) and always stops the server.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from tests.app_server import outside_requests

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots"
PAGES = [  # (url path, title shown on the page)
    ("", "My follow-up"),
    ("my_log", "My log"),
    ("follow_up_today", "Follow up today"),
    ("weekly_rhythm", "Weekly rhythm"),
    ("pipeline", "Pipeline"),
    ("import_check", "Import check"),
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed (apt-get install chromium)"
    ),
]


def _log_xlsx() -> tuple[bytes, int]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Applications"
    ws.append(
        [
            "Company",
            "Role",
            "Date Applied",
            "Status",
            "Followed up?",
            "Response date",
            "Thank you sent",
        ]
    )
    start = dt.date(2026, 1, 5)
    statuses = ["Rejected", "Applied", "Interview", "Ghosted", "Phone screen", "Offer", "Applied"]
    n = 42
    for i in range(n):
        applied = start + dt.timedelta(days=2 * i)
        status = statuses[i % len(statuses)]
        answered = status not in ("Applied", "Ghosted")
        ws.append(
            [
                f"Company {i:02d}",
                ["Analyst", "Engineer", "PM"][i % 3],
                applied,
                status,
                "Yes" if i % 2 else "No",
                applied + dt.timedelta(days=5 + i % 9) if answered else None,
                ("Yes" if i % 3 else "No") if status in ("Interview", "Offer") else None,
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), n


def _settle(page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    page.wait_for_timeout(500)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    page.wait_for_timeout(1200)  # charts draw after the script finishes


def _no_exception(page, where: str) -> None:
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, f"{where}: {boxes.first.inner_text()[:500]}"


def _shoot(page, name: str) -> None:
    """Screenshot the whole page. Streamlit scrolls inside its main container, so a
    full_page shot of the 1400×1000 viewport would stop at 1000 px: grow the viewport to
    the content's height for the shot, then restore it."""
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " const s = document.querySelector('[data-testid=\"stSidebarContent\"]');"
        " return Math.max(1000, m ? m.scrollHeight : 0, s ? s.scrollHeight : 0); }"
    )
    page.set_viewport_size({"width": 1400, "height": min(int(height), 12_000)})
    page.wait_for_timeout(1200)
    page.screenshot(path=str(SHOTS / name), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def _tour(page, prefix: str) -> None:
    """Visit every page from the sidebar navigation; no exception box; screenshot each."""
    for i, (path, title) in enumerate(PAGES, start=1):
        page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
        page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
        _settle(page)
        _no_exception(page, f"{prefix}: {title}")
        _shoot(page, f"{prefix}_{i:02d}_{path or 'my_followup'}.png")
    page.locator('[data-testid="stSidebarNav"] a', has_text=PAGES[0][1]).first.click()
    page.get_by_role("heading", name=PAGES[0][1]).first.wait_for(timeout=60_000)
    _settle(page)


def _click_funnel_bar(page, stage: str) -> None:
    """Click one bar of the funnel (a real Plotly click): the table of the applications at
    that stage appears, as many rows as the bar says (the demo's numbers via analysis)."""
    from analysis.outcomes import funnel, resolve
    from data.demo import DEMO_AS_OF, load_demo

    f = funnel(resolve(load_demo().applications, DEMO_AS_OF)).set_index("stage")
    expected = int(f.loc[stage, "reached"])
    chart = page.locator(".js-plotly-plot", has=page.locator("text=applications reached")).first
    bars = chart.locator("g.point path")
    bars.first.wait_for(timeout=60_000)  # count() does not wait for Plotly to draw
    assert bars.count() == len(f)
    bar = bars.nth(list(f.index).index(stage))
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    # Plotly's drag layer sits on top of the bars: click the spot, not the element
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    from viz.figures import STAGE_PHRASES

    heading = page.get_by_role(
        "heading", name=f"Applications that reached {STAGE_PHRASES[stage]} or beyond"
    )
    heading.first.wait_for(timeout=60_000)
    _settle(page)
    assert heading.first.inner_text().strip().endswith(f"({expected})")
    _no_exception(page, "funnel click")


def test_upload_and_visit_every_page(server, tmp_path):
    from playwright.sync_api import sync_playwright

    data, n_rows = _log_xlsx()
    log = tmp_path / "my_applications.xlsx"
    log.write_bytes(data)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            external = outside_requests(page, server)
            page.goto(server)
            sidebar = page.locator('[data-testid="stSidebar"]')
            sidebar.get_by_text("Demo: a job seeker's log (fictional)").first.wait_for(
                timeout=60_000
            )
            page.get_by_role("heading", name="My follow-up").first.wait_for(timeout=60_000)
            _settle(page)
            _no_exception(page, "demo")
            _click_funnel_bar(page, "interview")
            _tour(page, "demo")

            page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(log))
            sidebar.get_by_text("Showing your upload").wait_for(timeout=60_000)
            _settle(page)
            _no_exception(page, "after upload")
            card = page.locator('[data-testid="stMetric"]', has_text="Applications").first
            assert card.locator('[data-testid="stMetricValue"]').inner_text().strip() == str(n_rows)
            _tour(page, "upload")

            # add a broken workbook beside the good one: named in one clear message, no
            # traceback, and the good file is still analysed
            broken = tmp_path / "broken.xlsx"
            broken.write_bytes(data[: len(data) // 2])
            page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(
                str(broken)
            )
            alert = sidebar.locator('[data-testid="stAlert"]', has_text="broken.xlsx")
            alert.first.wait_for(timeout=60_000)
            _settle(page)
            _no_exception(page, "after a broken upload")
            assert "Not included" in alert.first.inner_text()
            assert "Traceback" not in page.content()
            card = page.locator('[data-testid="stMetric"]', has_text="Applications").first
            assert card.locator('[data-testid="stMetricValue"]').inner_text().strip() == str(n_rows)
            _shoot(page, "upload_99_broken_file.png")
            assert external == [], f"requests left the machine: {external[:5]}"
        finally:
            browser.close()


def test_unread_marks_are_shown_and_a_meaning_re_runs_the_import(server, tmp_path):
    """A real upload whose follow-up column holds an unknown mark: the Import check lists
    it with its count, and choosing "Yes" in the page re-runs the import without it."""
    from playwright.sync_api import sync_playwright

    log = tmp_path / "marks.csv"
    rows = ["Company,Date applied,Followed up?,Status"]
    rows += [f"C{i},2026-02-{i + 1:02d},{'★' if i % 3 == 0 else ''},Applied" for i in range(12)]
    log.write_text("\n".join(rows) + "\n", encoding="utf-8")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(server)
            page.get_by_role("heading", name="My follow-up").first.wait_for(timeout=60_000)
            page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(log))
            page.get_by_text("Showing your upload").wait_for(timeout=60_000)
            _settle(page)
            note = page.get_by_text("4 cells of your column 'Followed up?' could not be read")
            assert note.count() == 1
            page.locator('[data-testid="stSidebarNav"] a', has_text="Import check").first.click()
            page.get_by_role("heading", name="Values we could not read").wait_for(timeout=60_000)
            _settle(page)
            _no_exception(page, "import check with unread marks")
            _shoot(page, "values_01_unread.png")
            pick = page.locator('[data-testid="stSelectbox"]', has_text="in column Followed up?")
            pick.get_by_role("combobox").click()
            page.keyboard.press("ArrowDown")  # opens the list with every option
            page.get_by_role("option", name="Yes (done / sent)").click()
            page.get_by_role("button", name="Re-run import with these meanings").click()
            page.get_by_text("Meanings in use").wait_for(timeout=60_000)
            _settle(page)
            _no_exception(page, "after the value mapping")
            assert page.get_by_role("heading", name="Values we could not read").count() == 0
            assert page.get_by_role("heading", name="Meanings you gave to values").count() == 1
            assert page.get_by_text("★ ×4").count() == 0
            _shoot(page, "values_02_mapped.png")
        finally:
            browser.close()
