"""A coach in headless Chromium: a workshop upload, presenter mode, slides, the report offline.

Uploads the named cohort (a workbook with a sheet per participant and a CSV) through the
file chooser, answers "a workshop", turns presenter mode on, walks the presentation at
1024×768, 1280×720 and 1920×1080 (screenshots in ``tests/screenshots/coach_*.png``, gitignored),
downloads the HTML report from the Workshop page and opens it from ``file://`` with the
network blocked: every chart draws and no request leaves the file. No participant, company
or file name appears in any page or in the report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_server import outside_requests
from tests.e2e.test_browser import CHROMIUM, SHOTS, _no_exception, _settle
from tests.named_cohort import cohort_files, leaks

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed"),
]
SIZES = [(1024, 768), (1280, 720), (1920, 1080)]


def _go(page, title: str, shows: str | None = None) -> None:
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
    page.get_by_role("heading", name=shows or title).first.wait_for(timeout=60_000)
    _settle(page)
    _no_exception(page, title)


def _presenter_on(page) -> None:
    """Turn presenter mode on (a click during a rerun can be lost: check, then retry)."""
    switch = page.get_by_role("switch", name="Presenter mode")
    label = page.locator('[data-testid="stSidebar"] label', has_text="Presenter mode").first
    for _ in range(3):
        if not switch.is_checked():
            label.click()
        _settle(page)
        if switch.is_checked():
            break
    assert switch.is_checked()
    page.get_by_text("Hide counts under k").wait_for(timeout=60_000)
    _settle(page)


def _visible_text_and_html(page) -> str:
    return page.inner_text("body") + "\n" + page.content()


def _overflowing(page) -> list[str]:
    """Texts of headings, metrics and buttons cut off horizontally (scrollWidth > width)."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
            '[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3,'
            + ' [data-testid="stMetricValue"], [data-testid="stMain"] button')]
          .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 2)
          .map(e => e.innerText.slice(0, 60))"""
    )


def test_workshop_presenter_slides_and_offline_report(server, tmp_path):
    from playwright.sync_api import sync_playwright

    paths = []
    for name, data in cohort_files():
        p = tmp_path / name
        p.write_bytes(data)
        paths.append(str(p))
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            external = outside_requests(page, server)
            page.goto(server)
            _settle(page)
            sidebar = page.locator('[data-testid="stSidebar"]')
            sidebar.locator('input[type="file"]').set_input_files(paths)
            sidebar.get_by_text("Showing your upload").wait_for(timeout=60_000)
            _settle(page)
            sidebar.get_by_text("a workshop (one participant each)").click()
            _settle(page)
            _presenter_on(page)

            _go(page, "Presentation", shows="3 participants")
            for w, h in SIZES:
                page.set_viewport_size({"width": w, "height": h})
                page.wait_for_timeout(800)
                for i in range(6):
                    _settle(page)
                    _no_exception(page, f"slide {i} at {w}x{h}")
                    assert leaks(_visible_text_and_html(page)) == [], f"slide {i}"
                    assert _overflowing(page) == [], f"cut-off text on slide {i} at {w}x{h}"
                    page.screenshot(path=str(SHOTS / f"coach_slide{i}_{w}x{h}.png"))
                    page.get_by_role("button", name="Next", exact=True).click()
                for _ in range(6):
                    page.get_by_role("button", name="Back", exact=True).click()
                    _settle(page)

            _go(page, "Workshop")
            assert leaks(_visible_text_and_html(page)) == []
            for w, h in SIZES:
                page.set_viewport_size({"width": w, "height": h})
                page.wait_for_timeout(800)
                _settle(page)
                assert _overflowing(page) == [], f"cut-off text on Workshop at {w}x{h}"
                page.screenshot(path=str(SHOTS / f"coach_workshop_{w}x{h}.png"), full_page=True)
            page.set_viewport_size({"width": 1280, "height": 720})
            button = page.get_by_role("button", name="Download the report (HTML, opens offline)")
            button.scroll_into_view_if_needed()
            with page.expect_download(timeout=120_000) as dl:
                button.click()
            report = tmp_path / "report.html"
            dl.value.save_as(str(report))
            assert leaks(report.read_text(encoding="utf-8")) == []
            assert external == [], f"requests left the machine: {external[:5]}"

            # the report, opened from disk with the network blocked
            offline = browser.new_context(offline=True, viewport={"width": 1024, "height": 768})
            tried: list[str] = []

            def block(route):
                tried.append(route.request.url)
                if route.request.url.startswith("file:"):
                    route.continue_()
                else:
                    route.abort()

            offline.route("**/*", block)
            rp = offline.new_page()
            errors: list[str] = []
            rp.on("pageerror", lambda e: errors.append(str(e)))
            rp.goto(report.as_uri())
            rp.wait_for_selector(".js-plotly-plot", timeout=30_000)
            rp.wait_for_timeout(1500)
            assert rp.locator(".js-plotly-plot").count() >= 5
            assert rp.locator(".js-plotly-plot .main-svg").count() >= 5, "charts drawn"
            assert errors == []
            assert [u for u in tried if not u.startswith("file:")] == []
            for w, h in SIZES:
                rp.set_viewport_size({"width": w, "height": h})
                rp.wait_for_timeout(800)
                rp.screenshot(path=str(SHOTS / f"coach_report_{w}x{h}.png"), full_page=True)
            offline.close()
        finally:
            browser.close()
