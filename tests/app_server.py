"""The app on a loopback port, for the browser tests (tests/e2e) and the browser benchmarks
(bench/load.py, bench/seeker_browser.py): one way to start it and stop it.

``python -m streamlit run app.py`` on a free port, headless, no usage statistics, no file
watcher; its output goes to a file (an unread pipe fills up and then blocks every process
writing to it: the server and its reader workers).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_app(
    log_path: Path, *options: str, timeout: float = 90
) -> tuple[subprocess.Popen[bytes], str]:
    """Start the app; return ``(process, url)`` once its health check answers.

    ``options`` are more ``streamlit run`` options (e.g. ``"--server.maxUploadSize", "1000"``).
    Raises ``RuntimeError`` with the end of the server's output when it does not start.
    """
    port = free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none", *options,
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout
    while proc.poll() is None and time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    stop_app(proc)
    out = Path(log_path).read_text(errors="replace")
    raise RuntimeError(f"streamlit did not start: {out[-2000:]}")


def stop_app(proc: subprocess.Popen[bytes]) -> None:
    """Stop the app (terminate, then kill after 10 s)."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def outside_requests(page, server: str) -> list[str]:
    """A list that fills with every request the Playwright ``page`` makes outside the app
    (``server``) and its in-page data: the privacy tests assert it stays empty."""
    seen: list[str] = []
    page.on(
        "request",
        lambda r: seen.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None,
    )
    return seen
