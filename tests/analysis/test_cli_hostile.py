"""The CLI on hostile files: one line on stderr, exit 2, within 10 s and 1 GB of memory.

Each file is written to a temporary directory (built in memory, never committed)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests import hostile

ROOT = Path(__file__).resolve().parents[2]

CASES = hostile.REFUSED_FILES


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("hostile")
    for name, (build, _) in CASES.items():
        (d / name).write_bytes(build())
    return d


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_one_line_exit_2(hostile_dir: Path, name: str) -> None:
    cmd = [
        sys.executable,
        "-m",
        "analysis",
        "summary",
        str(hostile_dir / name),
        "--as-of",
        "2026-06-30",
        "--quiet",  # no progress lines (a loaded machine may take over a second)
    ]
    (rc, out, err), seconds, peak = hostile.run_measured(cmd, cwd=ROOT, env=dict(os.environ))
    assert rc == 2, err
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: '{name}'"), err
    assert CASES[name][1] in lines[0]
    assert seconds < 10, seconds
    baseline = 400 * 2**20  # the CLI's own interpreter with pandas (~250 MB) and headroom
    assert peak < baseline + 2**30, peak


def test_hostile_file_beside_a_good_one_is_a_warning(hostile_dir: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes(hostile.log_csv(20))
    cmd = [
        sys.executable,
        "-m",
        "analysis",
        "summary",
        str(hostile_dir / "damaged_xls.csv"),
        str(good),
        "--as-of",
        "2026-06-30",
        "--quiet",
    ]
    (rc, out, err), _, _ = hostile.run_measured(cmd, cwd=ROOT)
    assert rc == 0
    assert err.splitlines() == [err.splitlines()[0]] and err.startswith(
        "warning: not included: 'damaged_xls.csv' is a damaged .xls"
    )
    assert '"applications": 20' in out or "20" in out


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--as-of", "9999-12-31"], "--as-of '9999-12-31': must lie between"),
        (["--as-of", "yesterday"], "expected a date like"),
        (["--ghost-after-days", "99999999"], "must be between 0 and 3650"),
    ],
)
def test_bad_arguments_are_one_line_exit_2(tmp_path: Path, args: list[str], expected: str) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes(hostile.log_csv(5))
    cmd = [sys.executable, "-m", "analysis", "summary", str(good), "--quiet", *args]
    (rc, out, err), _, _ = hostile.run_measured(cmd, cwd=ROOT)
    assert rc == 2 and out == ""
    assert len(err.splitlines()) == 1 and expected in err, err


def test_success_prints_no_warnings(tmp_path: Path) -> None:
    # a ragged CSV made pandas print a ParserWarning on stderr
    f = tmp_path / "ragged.csv"
    f.write_bytes(b"Company,Applied,Status\nAcme,2026-01-05,rejected,extra,cells\nB,2026-01-06\n")
    (rc, out, err), _, _ = hostile.run_measured(
        [sys.executable, "-m", "analysis", "summary", str(f), "--as-of", "2026-06-30", "--quiet"],
        cwd=ROOT,
    )
    assert rc == 0 and err == "" and out.startswith("{")


def test_a_long_read_shows_its_progress_on_stderr(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(hostile.log_csv(400_000))  # more than a second to read
    cmd = [sys.executable, "-m", "analysis", "summary", str(big), "--as-of", "2026-06-30"]
    (rc, out, err), _, _ = hostile.run_measured(cmd, cwd=ROOT, timeout=120)
    assert rc == 0 and out.startswith("{")
    lines = err.splitlines()
    # what the reader says depends on its speed: "Read big.csv: 400,000 rows so far" while
    # slow, at least "reading big.csv (21 MB)…" then "Read 400,000 rows; sending…"
    assert any(line.startswith("reading big.csv") for line in lines), err
    assert any(line.startswith("Read ") and "400,000 rows" in line for line in lines), err
    assert not any("Traceback" in line or "Warning" in line for line in lines)


#: The 16,384-column CSV is read, not refused: the whole command took 5.3-5.8 s (3.4-3.6 s of
#: CPU) at a load average of 6-7 on the 2-core machine; the goal is 10 s, the bound here
#: leaves room for a busy CI machine.
WIDE_S = 20


def test_16k_column_csv_ends_in_seconds_and_says_what_it_left_out(tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_bytes(hostile.wide_log_csv(16_384))
    cmd = [
        sys.executable,
        "-m",
        "analysis",
        "summary",
        str(wide),
        "--as-of",
        "2026-06-30",
        "--quiet",
    ]
    (rc, out, err), seconds, peak = hostile.run_measured(cmd, cwd=ROOT, timeout=60)
    assert rc == 0, err
    assert seconds < WIDE_S, seconds
    assert peak < 400 * 2**20 + 2**30
    summary = json.loads(out)
    assert summary["rows"]["read"] == 2 and summary["applications"] == 2
    assert not any("Traceback" in line for line in err.splitlines())


def test_16k_column_csv_without_a_log_header_is_one_line(tmp_path: Path) -> None:
    wide = tmp_path / "numbers.csv"
    wide.write_bytes(hostile.wide_csv(16_384))
    cmd = [sys.executable, "-m", "analysis", "summary", str(wide), "--quiet"]
    (rc, out, err), seconds, _ = hostile.run_measured(cmd, cwd=ROOT, timeout=60)
    assert rc == 2 and out == "" and seconds < WIDE_S
    assert len(err.splitlines()) == 1 and err.startswith("error: numbers.csv")
