"""The job seeker's loop in headless Chromium: the first screen, sizes, a follow-up marked
done, and the log downloaded and re-read (same numbers).

Starts ``python -m streamlit run app.py`` on a free loopback port (Debian's
``/usr/bin/chromium``), saves screenshots to ``tests/screenshots/`` (gitignored) and always
stops the server.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots"
SIZES = [(1024, 768), (1280, 720), (1920, 1080)]
#: How each step's verdict sentence starts ("Of 97 applications you followed up, …").
VERDICT_SENTENCE = re.compile(r"^Of [\d,]+ (applications|intro calls|interviews) you")
PAGES = ["My follow-up", "My log", "Follow up today", "Weekly rhythm", "Pipeline", "Import check"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed (apt-get install chromium)"
    ),
]

#: Anything cut off: a card label or value, a heading, a chart title, axis title or tick
#: label outside its chart. Returns the texts that are cut.
CLIPPED_JS = """() => {
  const bad = [];
  // the text's own width (a Range) against its box: ellipsis and overflow:hidden both hide it
  const textWider = el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getBoundingClientRect().width > el.getBoundingClientRect().width + 0.1;
  };
  const where = [
    ['card', '[data-testid="stMetric"] [data-testid="stMarkdownContainer"]'],
    ['card', '[data-testid="stMetricValue"] > div'],
    ['button', '[data-testid="stMain"] button [data-testid="stMarkdownContainer"]'],
  ];
  for (const [kind, sel] of where) {
    for (const el of document.querySelectorAll(sel)) {
      if (el.innerText.trim() && textWider(el)) bad.push(kind + ': ' + el.innerText.trim());
    }
  }
  const main = document.querySelector('[data-testid="stMain"]');
  for (const h of main.querySelectorAll('h1, h2, h3')) {
    if (h.scrollWidth > h.clientWidth + 1) bad.push('heading: ' + h.innerText.trim());
  }
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const box = plot.getBoundingClientRect();
    const texts = '.gtitle, .g-xtitle text, .g-ytitle text, .xtick text, .ytick text';
    for (const t of plot.querySelectorAll(texts)) {
      const r = t.getBoundingClientRect();
      if (!r.width || !t.textContent.trim()) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 6)
        bad.push('chart: ' + t.textContent.trim());
    }
  }
  return bad;
}"""


def recent_log_without_followups(n: int = 30) -> bytes:
    """A log kept until last week, with no follow-up columns at all."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Applications"
    ws.append(["Company", "Role", "Date Applied", "Status", "Response date"])
    today = dt.date.today()
    for i in range(n):
        applied = today - dt.timedelta(days=8 + i)
        status = ["Applied", "Rejected", "Interview", "Applied", "Intro call"][i % 5]
        answered = status != "Applied"
        ws.append(
            [
                f"Company {i:02d}",
                ["Analyst", "Engineer", "PM"][i % 3],
                applied,
                status,
                applied + dt.timedelta(days=5) if answered else None,
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield b
        finally:
            b.close()


def settle(page) -> None:
    """Wait until Streamlit has finished running the script (and charts are drawn)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    page.wait_for_timeout(400)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90_000
    )
    page.wait_for_timeout(900)


def go(page, title: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
    page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
    settle(page)
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, f"{title}: {boxes.first.inner_text()[:500]}"


def metric_value(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]', has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def wait_for_metric(page, label: str, value: str) -> None:
    """Wait until the card ``label`` shows ``value`` (the rerun after a click has drawn)."""
    page.wait_for_function(
        """([label, value]) => [...document.querySelectorAll('[data-testid="stMetric"]')]
             .some(m => m.innerText.includes(label) && m.querySelector(
                 '[data-testid="stMetricValue"]').innerText.trim() === value)""",
        arg=[label, value],
        timeout=60_000,
    )


def shoot_tall(page, path: Path, width: int, height: int) -> None:
    """Screenshot the whole page: Streamlit scrolls inside its main container, so grow the
    viewport to the content for the shot, then restore it."""
    tall = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return m ? m.scrollHeight : 0; }"
    )
    page.set_viewport_size({"width": width, "height": min(max(height, int(tall)), 8_000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(500)


def test_no_clipped_text_at_three_sizes(server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for w, h in SIZES:
        page = browser.new_page(viewport={"width": w, "height": h})
        try:
            page.goto(server)
            page.get_by_role("heading", name="My follow-up").first.wait_for(timeout=60_000)
            settle(page)
            page.wait_for_function(
                "() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3",
                timeout=60_000,
            )
            page.wait_for_timeout(1500)
            page.screenshot(path=str(SHOTS / f"seeker_first_screen_{w}x{h}.png"))
            # the answer first: each step's verdict sentence is on the first screen
            sentences = page.get_by_text(VERDICT_SENTENCE)
            assert sentences.count() == 3, f"{w}x{h}: {sentences.count()} verdict sentences"
            for i in range(3):
                box = sentences.nth(i).bounding_box()
                assert box is not None and box["y"] + box["height"] <= h, (w, h, i, box)
            for title in PAGES:
                go(page, title)
                clipped = page.evaluate(CLIPPED_JS)
                name = f"seeker_{w}x{h}_{title.lower().replace(' ', '_')}.png"
                shoot_tall(page, SHOTS / name, w, h)
                problems += [f"{w}x{h} {title}: {c}" for c in clipped]
        finally:
            page.close()
    assert problems == [], "cut off:\n" + "\n".join(problems)


def test_mark_done_then_download_round_trips(server, browser, tmp_path):
    from analysis.outcomes import resolve
    from data import import_files
    from data.edits import Edit, apply_edits

    data = recent_log_without_followups()
    log = tmp_path / "jobs.xlsx"
    log.write_bytes(data)
    page = browser.new_page(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    try:
        page.goto(server)
        settle(page)
        page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(log))
        page.locator('[data-testid="stSidebar"]').get_by_text("Showing your upload").wait_for(
            timeout=60_000
        )
        settle(page)
        assert metric_value(page, "Follow-up after applying") == "not tracked"
        go(page, "Follow up today")
        due_before = int(metric_value(page, "Follow-ups due"))
        page.get_by_role("button", name="Done", exact=True).first.click()
        wait_for_metric(page, "Follow-ups due", str(due_before - 1))
        settle(page)
        go(page, "My follow-up")
        assert metric_value(page, "Follow-up after applying") != "not tracked"
        go(page, "My log")
        with page.expect_download() as dl:
            page.get_by_role("button", name="Download my updated log").click()
        saved = tmp_path / "downloaded.xlsx"
        dl.value.save_as(saved)
        assert dl.value.suggested_filename == "jobs.xlsx"
    finally:
        page.close()
    back = saved.read_bytes()
    wb = openpyxl.load_workbook(io.BytesIO(back))
    header = [c.value for c in wb["Applications"][1]]
    assert header[:5] == ["Company", "Role", "Date Applied", "Status", "Response date"]
    assert header[5:] == ["Follow-up date"]  # the log gained the column it lacked
    again = import_files([("jobs.xlsx", back)]).applications
    first = import_files([("jobs.xlsx", data)])
    marked = again.index[again["followup_after_apply"].fillna(False).astype(bool)]
    assert len(marked) == 1
    # the same numbers as the edited session: the edit replayed on the original import
    key = f"jobs.xlsx|Applications|{int(again.loc[marked[0], 'source_row'])}"
    want = apply_edits(first.applications, [Edit(key, "followup_after_apply", dt.date.today())])
    cols = ["followup_after_apply", "followup_after_apply_on", "stage_reached", "outcome"]
    today = dt.date.today()
    pd.testing.assert_frame_equal(
        resolve(again, today)[cols].astype(str), resolve(want, today)[cols].astype(str)
    )
