"""Two browser sessions on one server: one uploads the far-corner workbook (A1 and
XFD1048576, the 2 KB file that used to abort the server), the other keeps working."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests import hostile
from tests.e2e.test_browser import CHROMIUM, _no_exception, _settle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed"),
]


def test_far_corner_upload_in_one_session_while_another_keeps_working(server, tmp_path):
    from playwright.sync_api import sync_playwright

    good = tmp_path / "my_log.csv"
    good.write_bytes(hostile.log_csv(200))
    bad = tmp_path / "far_corner.xlsx"
    bad.write_bytes(hostile.far_corner_xlsx())
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            a = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
            b = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
            for page in (a, b):
                page.goto(server)
                page.get_by_role("heading", name="My follow-up").first.wait_for(timeout=60_000)
                _settle(page)
            a.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(good))
            a.locator('[data-testid="stSidebar"]').get_by_text("Showing your upload").wait_for(
                timeout=60_000
            )
            _settle(a)

            t0 = time.perf_counter()
            b.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(bad))
            # meanwhile session A moves to another page and gets it
            a.locator('[data-testid="stSidebarNav"] a', has_text="Pipeline").first.click()
            a.get_by_role("heading", name="Pipeline").first.wait_for(timeout=60_000)
            error = b.locator('[data-testid="stAlertContentError"]').first
            error.wait_for(timeout=10_000)
            assert time.perf_counter() - t0 < 10
            lines = [ln for ln in error.inner_text().splitlines() if ln.strip()]
            lines = [ln for ln in lines if ln.strip() != "error"]  # the icon's ligature
            assert len(lines) == 1 and "Traceback" not in lines[0]
            assert lines[0].startswith("'far_corner.xlsx'") and "XFD1048576" in lines[0]
            _settle(b)
            _no_exception(b, "hostile upload")
            _settle(a)
            _no_exception(a, "the other session")
            # the server is alive for both: A reloads its page, B goes back to the demo
            a.reload()
            a.get_by_role("heading", name="Pipeline").first.wait_for(timeout=60_000)
            _settle(a)
            _no_exception(a, "after reload")
            b.get_by_role("button", name="Back to the demo data").click()
            _settle(b)
            assert b.locator('[data-testid="stAlertContentError"]').count() == 0
        finally:
            browser.close()
