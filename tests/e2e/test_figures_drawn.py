"""Figures as plotly.js draws them in Chromium, where the figure's JSON cannot tell: the
ticks plotly picks on its own, and the report's layout when printed.

No app server: each figure goes into a small offline page with plotly.js inline.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from report.html import render_html
from tests.e2e.test_browser import CHROMIUM
from viz.cohort import consistency_bubbles_figure

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


def _drawn(browser, fig, tmp_path: Path) -> list[str]:
    """The y tick labels of ``fig`` as drawn in a 1024×768 page."""
    from plotly.offline import get_plotlyjs

    page_file = tmp_path / "figure.html"
    page_file.write_text(
        "<html><body><div id='f'></div><script>"
        + get_plotlyjs()
        + "</script><script>var s="
        + fig.to_json()
        + ";Plotly.newPlot('f', s.data, s.layout);</script></body></html>",
        encoding="utf-8",
    )
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    try:
        page.goto(page_file.as_uri())
        page.wait_for_selector("#f .ytick text", timeout=30_000)
        return page.evaluate(
            "() => [...document.querySelectorAll('#f .ytick text')].map(e => e.textContent)"
        )
    finally:
        page.close()


@pytest.mark.parametrize("rates", [[0.06], [0.0, 0.04], [0.3, 0.6], [1.0]])
def test_bubble_chart_has_no_negative_percent_tick(browser, tmp_path, rates):
    """A share of applications is never below 0%: the axis leaves room for a bubble at 0%
    but shows no "−2%" tick (it did for low interview rates: −4%, −2%, 0%, …)."""
    n = len(rates)
    fig = consistency_bubbles_figure(
        pd.DataFrame(
            {
                "label": [f"P{i + 1:02d}" for i in range(n)],
                "consistency": [0.5] * n,
                "interview_rate": rates,
                "interviews": [1] * n,
                "known": [10] * n,
            }
        )
    )
    ticks = _drawn(browser, fig, tmp_path)
    assert ticks, "the axis has ticks"
    assert "0%" in ticks
    assert not [t for t in ticks if t.startswith(("-", "\u2212"))], ticks


def test_report_keeps_each_chart_and_table_on_one_printed_page(browser, tmp_path):
    """Printed (a coach hands the report out), a chart or table is not cut by a page break
    and a heading is not left at the bottom of a page without what it introduces."""
    from data import import_files
    from report import build_content
    from tests.named_cohort import cohort_files

    content = build_content(
        import_files(cohort_files()), as_of=dt.date(2026, 4, 30), anonymise=True, salt="t"
    )
    path = tmp_path / "report.html"
    path.write_bytes(render_html(content))
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    try:
        page.goto(path.as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        page.emulate_media(media="print")
        styles = page.evaluate(
            """() => ({
              charts: [...document.querySelectorAll('.chart')].map(
                  e => getComputedStyle(e).breakInside),
              tables: [...document.querySelectorAll('table')].map(
                  e => getComputedStyle(e).breakInside),
              headings: [...document.querySelectorAll('h2, h3')].map(
                  e => getComputedStyle(e).breakAfter),
            })"""
        )
    finally:
        page.close()
    assert len(styles["charts"]) >= 5 and set(styles["charts"]) == {"avoid"}
    assert styles["tables"] and set(styles["tables"]) == {"avoid"}
    assert styles["headings"] and set(styles["headings"]) == {"avoid"}
