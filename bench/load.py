"""Load test (a script, not a timed test): N browser sessions at once on loopback.

Starts ``streamlit run app.py`` on a free port, starts ``--sessions`` (default 10) headless
Chromium browsers, one per session as each person in a room has their own
(``--shared-browser``: all as tabs of one Chromium, whose one browser process then queues
every tab's work), and in each: waits for the app, uploads a *different* ``--rows``-row log
(CSV and XLSX alternately), then visits every page from the sidebar. Each step's
page-ready time (from the action until Streamlit's status widget is gone and the page
heading is shown) is recorded; the server's process tree (server, fork server, reader
workers) is sampled for resident memory every 0.2 s.

    python3 bench/load.py                    # 10 sessions × 5,000 rows
    python3 bench/load.py --sessions 3 --rows 1000 --json /tmp/load.json

Prints p50/p95/max page-ready times, the upload times and the peak RSS. The goal on the
2-core dev machine: p95 ≤ 15 s, peak ≤ 1.5 GB.

The browsers run on the same cores as the server, and they need several times its CPU
(rendering the pages and charts): the script also prints the CPU seconds of the server's
process tree and of the browsers' (``server_cpu_per_session_s``, ``browser_cpu_s``). With
``--server-side``, also the server's side of each step from the websocket traffic
(``server_side_p50_s``/``p95``: from the browser's request to the server's "script
finished", rendering left out); watching the frames costs CPU on the same cores, so the
page-ready times of such a run are slower. With ``--sessions 1`` or ``--stagger`` the CPU
of each step is printed too.

    python3 bench/load.py --sessions 3 --stagger 25   # one after another: CPU per step
    python3 bench/load.py --open-first                 # all open the app, then all upload
    python3 bench/load.py --server-side                # also the server's side of each step
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.app_server import start_app, stop_app  # noqa: E402 - the repo's own test helpers
from tests.hostile import descendants, log_csv, tree_rss  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PAGES = ["My follow-up", "My log", "Follow up today", "Weekly rhythm", "Pipeline", "Import check"]


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


def _cpu_seconds(pids: list[int]) -> float:
    """CPU seconds (user + system) used by ``pids``, with their children that already ended
    and were waited for (a reader worker that finished counts in the fork server's total)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        except (OSError, ValueError, IndexError):
            continue
    return total / tick


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


class _Frames:
    """The session's websocket traffic: when the browser asked for a script run
    (``rerun_script``) and when the server said a run finished (``script_finished``).

    The time from the first request of a step to the last finished run is the server's side
    of that step (queueing for the server's CPU included), without the browser's rendering;
    the events are timed as Playwright reports them, so a busy client delays them a little."""

    def __init__(self) -> None:
        self.events: list[tuple[float, str]] = []

    def attach(self, ws) -> None:
        ws.on("framesent", lambda payload: self._seen(payload, sent=True))
        ws.on("framereceived", lambda payload: self._seen(payload, sent=False))

    def _seen(self, payload: str | bytes, sent: bool) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        # only small frames can be these messages (a rerun request carries the widget
        # states, a few KB); decoding every chart's delta would load this client's CPU
        if not isinstance(payload, bytes) or len(payload) > (65536 if sent else 256):
            return
        now = time.perf_counter()
        try:
            if sent and BackMsg.FromString(payload).WhichOneof("type") == "rerun_script":
                self.events.append((now, "rerun"))
            elif not sent and ForwardMsg.FromString(payload).WhichOneof("type") == (
                "script_finished"
            ):
                self.events.append((now, "finished"))
        except Exception:  # noqa: BLE001 - a frame that is not one of these messages
            return

    async def settled(self, since: int, timeout: float = 60.0) -> None:
        """Wait until a finished run follows the last run requested after event ``since``
        (Playwright may relay a frame after the page already shows the result)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            kinds = [kind for _, kind in self.events[since:]]
            if "rerun" in kinds and kinds[-1] == "finished":
                return
            await asyncio.sleep(0.05)

    def server_side(self, since: int) -> float | None:
        """Seconds from the first run requested after event ``since`` to the last finished."""
        new = self.events[since:]
        asked = [t for t, kind in new if kind == "rerun"]
        done = [t for t, kind in new if kind == "finished"]
        if not asked or not done or done[-1] < asked[0]:
            return None
        return done[-1] - asked[0]


async def _session(
    launch: Callable[[], Awaitable[Any]],
    url: str,
    log: Path,
    times: dict[str, list[float]],
    server_cpu: Callable[[], float],
    browser_cpu: Callable[[], float],
    delay: float = 0.0,
    opened: asyncio.Barrier | None = None,
    server_side: bool = False,
) -> None:
    await asyncio.sleep(delay)
    browser = await launch()
    ctx = await browser.new_context(viewport={"width": 1280, "height": 720})
    page = await ctx.new_page()
    frames = _Frames()
    if server_side:  # Playwright then relays every websocket frame to this script
        page.on("websocket", frames.attach)
    cpu0 = server_cpu()
    bcpu0 = browser_cpu()
    seen = 0

    async def step(name: str) -> None:
        """The server's and the browser's CPU seconds since the previous step (exact with one
        session only), and the server's side of the step (from the websocket traffic)."""
        nonlocal cpu0, bcpu0, seen
        if server_side:
            await frames.settled(seen)
        now, bnow = server_cpu(), browser_cpu()
        times.setdefault(f"cpu:{name}", []).append(now - cpu0)
        times.setdefault(f"bcpu:{name}", []).append(bnow - bcpu0)
        cpu0, bcpu0 = now, bnow
        on_server = frames.server_side(seen)
        seen = len(frames.events)
        if on_server is not None and name != "open":
            times["server_side"].append(on_server)

    try:
        t0 = time.perf_counter()
        await page.goto(url)
        await page.wait_for_selector(
            '[data-testid="stSidebar"] input[type="file"]', state="attached", timeout=300_000
        )
        await _ready(page, PAGES[0])
        times["open"].append(time.perf_counter() - t0)
        await step("open")
        if opened is not None:  # --open-first: every session has the app open, then all upload
            await opened.wait()
        t0 = time.perf_counter()
        await page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(str(log))
        await (
            page.locator('[data-testid="stSidebar"]')
            .get_by_text("Showing your upload")
            .first.wait_for(timeout=300_000)
        )
        await _ready(page, PAGES[0])
        times["upload"].append(time.perf_counter() - t0)
        await step("upload")
        for title in PAGES[1:] + PAGES[:1]:
            t0 = time.perf_counter()
            link = page.locator('[data-testid="stSidebarNav"] a', has_text=title).first
            if not await link.count():
                continue
            await link.click()
            await _ready(page, title)
            times["page"].append(time.perf_counter() - t0)
            times.setdefault(f"page:{title}", []).append(time.perf_counter() - t0)
            await step(title)
    except Exception:
        if opened is not None:  # the others must not wait for this session forever
            await opened.abort()
        shot = Path(tempfile.gettempdir()) / f"load_failed_{log.stem}.png"
        await page.screenshot(path=str(shot))
        side = await page.locator('[data-testid="stSidebar"]').inner_text()
        print(
            f"{log.name}: failed; sidebar says {side[:300]!r}; screenshot {shot}", file=sys.stderr
        )
        raise
    finally:
        await ctx.close()


async def _start_browser(pw: Any, server_pid: int, nice: int) -> Any:
    """A headless Chromium; with ``nice``, its processes run at that nice level."""
    browser = await pw.chromium.launch(
        executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
    )
    if nice:  # Chromium's processes so far; the ones it starts later inherit it
        server = set(descendants(server_pid))
        for pid in descendants(os.getpid())[1:]:
            if pid not in server:
                try:
                    os.setpriority(os.PRIO_PROCESS, pid, nice)
                except OSError:
                    pass
    return browser


async def _run(
    url: str,
    logs: list[Path],
    server_pid: int,
    stagger: float = 0.0,
    browser_nice: int = 0,
    open_first: bool = False,
    shared_browser: bool = False,
    server_side: bool = False,
) -> dict[str, list[float]]:
    from playwright.async_api import async_playwright

    times: dict[str, list[float]] = {"open": [], "upload": [], "page": [], "server_side": []}

    def server_cpu() -> float:
        return _cpu_seconds(descendants(server_pid))

    def browser_cpu() -> float:
        server = set(descendants(server_pid))
        return _cpu_seconds([p for p in descendants(os.getpid()) if p not in server])

    client_start = browser_cpu()
    async with async_playwright() as pw:
        shared = await _start_browser(pw, server_pid, browser_nice) if shared_browser else None
        own: list[Any] = []  # closed at the end, after their CPU time is read

        async def launch() -> Any:
            """The session's browser: the shared one, or one of its own."""
            if shared is not None:
                return shared
            own.append(await _start_browser(pw, server_pid, browser_nice))
            return own[-1]

        opened = asyncio.Barrier(len(logs)) if open_first else None
        try:
            results = await asyncio.gather(
                *(
                    _session(
                        launch,
                        url,
                        log,
                        times,
                        server_cpu,
                        browser_cpu,
                        i * stagger,
                        opened,
                        server_side,
                    )
                    for i, log in enumerate(logs)
                ),
                return_exceptions=True,
            )
            # the browser's CPU (this script, the Playwright driver, Chromium) before it ends:
            # on a 2-core machine it competes with the server for the same cores
            times["client_cpu"] = [browser_cpu() - client_start]
        finally:
            for browser in [shared, *own]:
                if browser is not None:
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
    ap.add_argument(
        "--browser-nice",
        type=int,
        default=0,
        help="run the browsers at this nice level (e.g. 19): on a machine where they share the "
        "server's cores, the server is then served first, as it would be with the browsers "
        "on the users' own computers",
    )
    ap.add_argument(
        "--stagger",
        type=float,
        default=0.0,
        help="start session i after i × this many seconds (0: all at once); with a gap "
        "longer than one session, the CPU figures per step are exact for every session",
    )
    ap.add_argument(
        "--open-first",
        action="store_true",
        help="every session opens the app first, then all upload at the same moment (a room "
        "that has the app open before the coach says 'upload now'); without it, each session "
        "uploads as soon as its own page is open, while the other browsers are still starting",
    )
    ap.add_argument(
        "--shared-browser",
        action="store_true",
        help="all sessions as tabs of one Chromium (the first version of this script) instead "
        "of one Chromium per session: the one browser process then serves every session's "
        "tab, and its queue adds to the page-ready times",
    )
    ap.add_argument(
        "--server-side",
        action="store_true",
        help="also time each step on the server's side, from the websocket traffic: "
        "Playwright then relays every frame of every session to this script, which costs "
        "the shared cores about a quarter more CPU and slows the browsers' own times",
    )
    args = ap.parse_args(argv)
    load_at_start = round(os.getloadavg()[0], 2)  # other work on the machine skews the times
    with tempfile.TemporaryDirectory() as tmp:
        logs = _write_logs(Path(tmp), args.sessions, args.rows)
        try:
            server, url = start_app(Path(tmp) / "server.log")
        except RuntimeError as err:
            raise SystemExit(str(err)) from None
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
        server_cpu = _cpu_seconds(descendants(server.pid))
        try:
            times = asyncio.run(
                _run(
                    url,
                    logs,
                    server.pid,
                    args.stagger,
                    args.browser_nice,
                    args.open_first,
                    args.shared_browser,
                    args.server_side,
                )
            )
            server_cpu = _cpu_seconds(descendants(server.pid)) - server_cpu
        finally:
            stop.set()
            sampler.join(2)
            stop_app(server)
        wall = time.perf_counter() - t0
    ready = times["page"] + times["upload"]
    apart = args.sessions == 1 or args.stagger > 0
    figures = {
        "sessions": args.sessions,
        "rows": args.rows,
        "open_first": args.open_first,
        "shared_browser": args.shared_browser,
        "failed_sessions": int(times["failed"][0]),
        "wall_s": round(wall, 1),
        "page_ready_p50_s": round(statistics.median(ready), 2) if ready else None,
        "page_ready_p95_s": round(_pct(ready, 0.95), 2),
        "page_ready_max_s": round(max(ready), 2) if ready else None,
        "page_visit_p50_s": round(_pct(times["page"], 0.5), 2),
        "page_visit_p95_s": round(_pct(times["page"], 0.95), 2),
        "open_p50_s": round(_pct(times["open"], 0.5), 2),
        "open_p95_s": round(_pct(times["open"], 0.95), 2),
        "upload_p50_s": round(_pct(times["upload"], 0.5), 2),
        "upload_p95_s": round(_pct(times["upload"], 0.95), 2),
        "page_visits": len(times["page"]),
        # the same steps (upload and page visits) on the server's side: from the browser's
        # request to the server's "script finished", without the browser's own rendering
        "server_side_p50_s": round(_pct(times["server_side"], 0.5), 2),
        "server_side_p95_s": round(_pct(times["server_side"], 0.95), 2),
        "server_side_steps": len(times["server_side"]),
        "page_visit_p95_by_page_s": {
            k.split(":", 1)[1]: round(_pct(v, 0.95), 2)
            for k, v in times.items()
            if k[:5] == "page:"
        },
        "server_cpu_s": round(server_cpu, 1),
        # per step, summed over sessions: only when sessions do not overlap (one session,
        # or --stagger longer than a session); otherwise each session's steps count the others'
        "server_cpu_by_step_s": {
            k.split(":", 1)[1]: round(sum(v), 2) for k, v in times.items() if k[:4] == "cpu:"
        }
        if apart
        else "use --sessions 1 or --stagger",
        "browser_cpu_by_step_s": {
            k.split(":", 1)[1]: round(sum(v), 2) for k, v in times.items() if k[:5] == "bcpu:"
        }
        if apart
        else "use --sessions 1 or --stagger",
        "server_cpu_per_session_s": round(server_cpu / max(1, args.sessions), 2),
        "browser_cpu_s": round(times.get("client_cpu", [float("nan")])[0], 1),
        "server_idle_rss_mb": round(idle_rss / 2**20),
        "server_peak_rss_mb": round(peak[0] / 2**20),
        "cpus": os.cpu_count(),
        "load_average_at_start": load_at_start,
        "browser_nice": args.browser_nice,
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0 if not figures["failed_sessions"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
