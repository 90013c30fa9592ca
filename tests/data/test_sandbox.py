"""data.sandbox: the import runs in a worker process; a file that kills, starves or
overruns the worker becomes one line naming it, and this process carries on."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from data import import_files as import_in_process
from data import sandbox
from data.schema import InputError
from tests import hostile

GOOD = ("good.csv", b"Company,Applied,Status\nAcme,2026-01-05,rejected\nGlobex,2026-01-09,offer\n")


def test_the_fork_server_preloads_what_reading_a_file_imports() -> None:
    """Every worker is forked from the fork server: a module the importer imports lazily and
    the preload misses is imported again, at every upload."""
    import subprocess
    import sys

    preload = [m for m in sandbox.PRELOAD if m != "__main__"]
    code = (
        "import sys, importlib\n"
        f"for m in {preload!r}: importlib.import_module(m)\n"
        "before = set(sys.modules)\n"
        "from data.importer import import_files\n"
        f"import_files([{GOOD!r}, ('b.csv', b'Firma;Datum;Status\\nAcme;05.01.2026;Absage\\n')])\n"
        f"import_files([('c.xlsx', {hostile.small_log_xlsx()!r})])\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def one_line_error(files, **kw) -> str:
    t0 = time.perf_counter()
    with pytest.raises(InputError) as info:
        sandbox.import_files(files, **kw)
    assert time.perf_counter() - t0 < 10
    msg = str(info.value)
    assert "\n" not in msg and "Traceback" not in msg
    return msg


def test_same_result_as_importing_in_this_process() -> None:
    files = [GOOD, ("b.xlsx", hostile.small_log_xlsx())]
    here = import_in_process(files)
    there = sandbox.import_files(files)
    pd.testing.assert_frame_equal(there.applications, here.applications)
    assert there.report.rows_read == here.report.rows_read == 5
    assert there.report.rows_read == there.report.rows_analysed + there.report.rows_excluded


def test_forked_worker_gives_the_same_result_and_runs_meanwhile_during_the_read() -> None:
    files = [GOOD, ("b.xlsx", hostile.small_log_xlsx())]
    here = import_in_process(files)
    calls: list[int] = []
    there = sandbox.import_files(files, start="fork", meanwhile=lambda: calls.append(1))
    pd.testing.assert_frame_equal(there.applications, here.applications)
    assert there.report.rows_read == here.report.rows_read == 5
    assert calls == [1]


def test_result_comes_back_through_a_file_that_is_removed_and_stays_writable(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.setattr(sandbox, "HANDBACK_DIR", str(tmp_path))
    read_back: list[int] = []
    read = sandbox._read_result

    def counted(path: str, sizes: list[int]) -> object:
        read_back.append(len(sizes))
        return read(path, sizes)

    monkeypatch.setattr(sandbox, "_read_result", counted)
    files = [GOOD, ("b.xlsx", hostile.small_log_xlsx())]
    for start in ("fork", "forkserver"):
        there = sandbox.import_files(files, start=start)  # type: ignore[arg-type]
        pd.testing.assert_frame_equal(there.applications, import_in_process(files).applications)
        apps = there.applications
        apps.loc[0, "applied_on"] = pd.NaT  # mapped copy-on-write: columns can be written
        apps.loc[1, "company"] = "Changed"
        assert pd.isna(apps.loc[0, "applied_on"]) and apps.loc[1, "company"] == "Changed"
        assert list(tmp_path.iterdir()) == []  # the hand-back file is gone
    # both starts read the result back from the file: the pickle and its buffers
    assert len(read_back) == 2 and min(read_back) > 1


def test_result_comes_back_through_the_pipe_when_no_file_can_be_made(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.setattr(sandbox, "HANDBACK_DIR", str(tmp_path / "missing"))
    there = sandbox.import_files([GOOD], start="fork")
    pd.testing.assert_frame_equal(there.applications, import_in_process([GOOD]).applications)


def test_progress_counts_from_the_workers_start_while_meanwhile_runs() -> None:
    # the worker's reports wait in the pipe while the caller is busy; once read, they say
    # how long the import has been running, so a caller that shows progress after a
    # second does show it
    seen: list[sandbox.Progress] = []
    sandbox.import_files(
        [GOOD], start="fork", meanwhile=lambda: time.sleep(1.2), progress=seen.append
    )
    reads = [p for p in seen if p.message.startswith("Read")]
    assert reads and min(p.elapsed for p in reads) >= 1.2


def test_fork_falls_back_to_the_server_while_other_threads_run() -> None:
    if threading.active_count() == 1:  # (earlier tests in this run may have left threads)
        assert sandbox._context("fork").get_start_method() == "fork"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert sandbox._context("fork").get_start_method() == "forkserver"
    finally:
        stop.set()
        other.join()


@pytest.fixture
def small_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """100 MB for the worker: the .xls with a cell at IV65536 (a 0.5 GB grid) then makes
    the native reader abort on a failed allocation, as hostile files did before the guard."""
    monkeypatch.setattr(sandbox, "MEMORY_LIMIT_MB", 100)


def test_native_abort_is_one_line_and_we_carry_on(small_memory: None) -> None:
    with pytest.raises(sandbox.WorkerStopped):
        sandbox.import_files([("log.csv", hostile.xls_far_cell())])
    msg = one_line_error([("log.csv", hostile.xls_far_cell())])
    assert msg.startswith("'log.csv' could not be read: the reader stopped") and "100 MB" in msg
    assert len(sandbox.import_files([GOOD]).applications) == 2  # this process is fine


def test_a_file_that_kills_the_worker_is_left_out_and_the_others_are_read(
    small_memory: None,
) -> None:
    result = sandbox.import_files([("log.csv", hostile.xls_far_cell()), GOOD])
    rep = result.report
    assert [n for n, _ in rep.files_failed] == ["log.csv"]
    assert rep.files == ["log.csv", "good.csv"]
    assert any("'log.csv' could not be read" in w for w in rep.warnings)
    assert len(result.applications) == 2
    assert rep.rows_read == rep.rows_analysed + rep.rows_excluded


def test_memory_limit_becomes_a_message_about_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MEMORY_LIMIT_MB", 40)
    with pytest.raises(sandbox.WorkerStopped):
        sandbox.import_files([("big.csv", hostile.log_csv(400_000))])
    msg = one_line_error([("big.csv", hostile.log_csv(400_000))])
    assert "'big.csv'" in msg and "memory" in msg


#: A log that needs well over a second of CPU to read (~2.5 s on the 2-core dev machine).
SLOW_ROWS = 400_000


def test_cpu_limit_becomes_a_message_about_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "CPU_LIMIT_S", 1)
    # 400k rows: ~2.5 s of CPU (150k rows took 0.85 s once the fork server preloaded the
    # importer's lazy imports, under the 1 s limit)
    msg = one_line_error([("slow.csv", hostile.log_csv(SLOW_ROWS))])
    assert "'slow.csv' could not be read within the 1 s of computing time" in msg


def test_wall_limit_stops_a_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "WALL_LIMIT_S", 1)
    msg = one_line_error([("slow.csv", hostile.log_csv(SLOW_ROWS))])
    assert "within the 1 s one upload may take" in msg


def test_input_errors_pass_through_unchanged() -> None:
    with pytest.raises(InputError) as info:
        sandbox.import_files([("empty.csv", b"")])
    assert type(info.value) is InputError and str(info.value) == "'empty.csv' is empty."


def test_progress_names_the_file_sheet_and_rows() -> None:
    seen: list[sandbox.Progress] = []
    sandbox.import_files([GOOD, ("b.xlsx", hostile.small_log_xlsx())], progress=seen.append)
    assert any(p.file == "good.csv" and p.message.startswith("Reading") for p in seen)
    last = [p for p in seen if p.sheet == "Log"]
    assert last and last[-1].rows == 5 and "5 rows" in last[-1].message


def test_parallel_imports_from_two_threads_both_complete() -> None:
    out: dict[int, int] = {}

    def run(i: int) -> None:
        out[i] = len(
            sandbox.import_files([(f"t{i}.csv", hostile.log_csv(2000, seed=i))]).applications
        )

    threads = [threading.Thread(target=run, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert out == {0: 2000, 1: 2000, 2: 2000}


WARM_UP_SCRIPT = """
import os, sys, time
from data import sandbox

def servers():
    me = str(os.getpid())
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            cmd = open(f"/proc/{pid}/cmdline", "rb").read()
        except OSError:
            continue
        if stat[1] == me and b"forkserver" in cmd:
            found.append(pid)
    return found

before = servers()
sandbox.warm_up()
sandbox.warm_up()
deadline = time.time() + 60
while not servers() and time.time() < deadline:
    time.sleep(0.1)
time.sleep(0.5)
print(len(before), len(servers()))
"""


def test_warm_up_starts_one_fork_server_in_the_background() -> None:
    """The app calls warm_up() when a session opens: the fork server (which imports the
    importer, ~1 s) is then running before the first upload; calling it again starts no
    second one."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", WARM_UP_SCRIPT],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.split() == ["0", "1"], out.stdout
