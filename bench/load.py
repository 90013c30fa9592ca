"""Load test (a script, not a timed test): N browser sessions at once on loopback.

Starts ``streamlit run app.py`` on a free port, opens ``--sessions`` (default 10)
independent browser contexts in one headless Chromium, and in each: waits for the app,
uploads a *different* ``--rows``-row log (CSV and XLSX alternately), then visits every
page from the sidebar. Each step's page-ready time (from the action until Streamlit's
status widget is gone and the page heading is shown) is recorded; the server's process
tree (server, fork server, reader workers) is sampled for resident memory every 0.2 s.

    python3 bench/load.py                    # 10 sessions × 5,000 rows
    python3 bench/load.py --sessions 3 --rows 1000 --json /tmp/load.json

Prints p50/p95/max page-ready times, the upload times and the peak RSS. The goal on the
2-core dev machine: p95 ≤ 15 s, peak ≤ 1.5 GB.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile import log_csv, tree_rss  # noqa: E402 - the repo's own test builders

CHROMIUM = "/usr/bin/chromium"
PAGES = ["My follow-up", "My log", "Follow up today", "Weekly rhythm", "Pipeline", "Import check"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _write_logs(folder: Path, sessions: int, rows: int) -> list[Path]:
    """One different log per session: CSV for even sessions, XLSX for odd ones."""
    import pandas as pd

    paths = []
    for i in range(sessions):
        data = log_csv(rows, seed=100 + i)
        if i % 2:
            frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
            path = folder / f"log_{i:02d}.xlsx"
            frame.to_excel(path, index=False)
        else:
            path = folder / f"log_{i:02d}.csv"
            path.write_bytes(data)
        paths.append(path)
    return paths


def _start_server(port: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    # The server's output goes to a file: an unread pipe fills up and then blocks every
    # process writing to it (the server and its reader workers).
    log = open(Path(tempfile.gettempdir()) / f"load_server_{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("streamlit did not start")


async def _ready(page, heading: str | None) -> None:
    """The script has finished (no status widget) and the page heading is shown."""
    await page.wait_for_timeout(300)
    await page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=300_000
    )
    if heading:
        await page.get_by_role("heading", name=heading).first.wait_for(timeout=300_000)
    exc = page.locator('[data-testid="stException"]')
    if await exc.count():
        raise RuntimeError((await exc.first.inner_text())[:300])


async def _session(browser, url: str, log: Path, times: dict[str, list[float]]) -> None:
    ctx = await browser.new_context(viewport={"width": 1280, "height": 720})
    page = await ctx.new_page()
    try:
        t0 = time.perf_counter()
        await page.goto(url)
        await page.wait_for_selector(
            '[data-testid="stSidebar"] input[type="file"]', state="attached", timeout=300_000
        )
        await _ready(page, PAGES[0])
        times["open"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        await page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(log))
        await (
            page.locator('[data-testid="stSidebar"]')
            .get_by_text("Showing your upload")
            .first.wait_for(timeout=300_000)
        )
        await _ready(page, PAGES[0])
        times["upload"].append(time.perf_counter() - t0)
        for title in PAGES[1:] + PAGES[:1]:
            t0 = time.perf_counter()
            link = page.locator('[data-testid="stSidebarNav"] a', has_text=title).first
            if not await link.count():
                continue
            await link.click()
            await _ready(page, title)
            times["page"].append(time.perf_counter() - t0)
    except Exception:
        shot = Path(tempfile.gettempdir()) / f"load_failed_{log.stem}.png"
        await page.screenshot(path=str(shot))
        side = await page.locator('[data-testid="stSidebar"]').inner_text()
        print(
            f"{log.name}: failed; sidebar says {side[:300]!r}; screenshot {shot}", file=sys.stderr
        )
        raise
    finally:
        await ctx.close()


async def _run(url: str, logs: list[Path]) -> dict[str, list[float]]:
    from playwright.async_api import async_playwright

    times: dict[str, list[float]] = {"open": [], "upload": [], "page": []}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            results = await asyncio.gather(
                *(_session(browser, url, log, times) for log in logs), return_exceptions=True
            )
        finally:
            await browser.close()
    errors = [r for r in results if isinstance(r, BaseException)]
    for e in errors:
        print(f"session failed: {type(e).__name__}: {str(e)[:200]}", file=sys.stderr)
    times["failed"] = [float(len(errors))]
    return times


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args(argv)
    port = _free_port()
    load_at_start = round(os.getloadavg()[0], 2)  # other work on the machine skews the times
    with tempfile.TemporaryDirectory() as tmp:
        logs = _write_logs(Path(tmp), args.sessions, args.rows)
        server = _start_server(port)
        peak = [0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], tree_rss(server.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        idle_rss = tree_rss(server.pid)
        sampler.start()
        t0 = time.perf_counter()
        try:
            times = asyncio.run(_run(f"http://127.0.0.1:{port}", logs))
        finally:
            stop.set()
            sampler.join(2)
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
        wall = time.perf_counter() - t0
    ready = times["page"] + times["upload"]
    figures = {
        "sessions": args.sessions,
        "rows": args.rows,
        "failed_sessions": int(times["failed"][0]),
        "wall_s": round(wall, 1),
        "page_ready_p50_s": round(statistics.median(ready), 2) if ready else None,
        "page_ready_p95_s": round(_pct(ready, 0.95), 2),
        "page_ready_max_s": round(max(ready), 2) if ready else None,
        "page_visit_p50_s": round(_pct(times["page"], 0.5), 2),
        "page_visit_p95_s": round(_pct(times["page"], 0.95), 2),
        "upload_p50_s": round(_pct(times["upload"], 0.5), 2),
        "upload_p95_s": round(_pct(times["upload"], 0.95), 2),
        "page_visits": len(times["page"]),
        "server_idle_rss_mb": round(idle_rss / 2**20),
        "server_peak_rss_mb": round(peak[0] / 2**20),
        "cpus": os.cpu_count(),
        "load_average_at_start": load_at_start,
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if not figures["failed_sessions"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
