"""A page's own address works on a new server (a bookmark, a reload, a link shared in a
room): Streamlit's old automatic multipage mode, which a ``pages/`` folder switches on until
some run calls ``st.navigation``, ran the page file alone, without app.py's sidebar and
data. This module has its own server, and its first visit is to a page's address."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed (apt-get install chromium)"
    ),
]


def test_first_visit_to_a_page_address_opens_that_page_with_the_app_around_it(server):
    from playwright.sync_api import sync_playwright

    from tests.app_server import outside_requests

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for path, title in (("pipeline", "Pipeline"), ("weekly_rhythm", "Weekly rhythm")):
                page = browser.new_page(viewport={"width": 1280, "height": 720})
                left = outside_requests(page, server)  # the page's icon is not fetched
                page.goto(f"{server}/{path}")
                page.get_by_role("heading", name=title, exact=True).wait_for(timeout=60_000)
                page.locator('[data-testid="stSidebar"]').get_by_text("Your data").wait_for()
                nav = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
                assert any("My follow-up" in n for n in nav), nav  # the app's own navigation
                assert not any(n.strip() == "app" for n in nav), nav  # not the file list
                assert page.get_by_text("No data to show").count() == 0
                assert page.url.endswith(f"/{path}")
                page.wait_for_timeout(1000)
                assert left == [], left
                page.close()
        finally:
            browser.close()


def test_a_new_servers_first_visitor_never_sees_the_file_name_menu(tmp_path):
    """Streamlit first sends its pages-folder menu (app, follow up today, …); the app's own
    menu came about 1.3 s later. app.py now takes the menu over first thing, so the file
    names are never drawn (sampled every 0.1 s until the app's menu shows)."""
    import time

    from playwright.sync_api import sync_playwright

    from tests.app_server import start_app, stop_app

    proc, url = start_app(tmp_path / "streamlit.log", timeout=60)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1024, "height": 768})
            page.goto(url)
            seen: list[list[str]] = []
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                nav = [
                    n.split("\n")[-1]
                    for n in page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
                ]
                seen.append(nav)
                if "My follow-up" in nav:
                    break
                time.sleep(0.1)
            browser.close()
    finally:
        stop_app(proc)
    assert "My follow-up" in seen[-1], seen[-1]
    assert not any("app" in nav or "follow up today" in nav for nav in seen), seen
