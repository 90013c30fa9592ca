"""Followthrough speed benchmark (a script, not a test).

Generates realistic application logs into ``bench/out/`` (gitignored) — a 100k-row xlsx
(openpyxl write-only mode) and a 1M-row CSV, built with the demo generator's vectorised
logic (``data.demo.simulate_applications``) — then times, each as a separate process
(wall clock; best of 3, or one run when the first takes over 20 s; peak RSS of the child
process from ``/usr/bin/time -f %M``):

* the product: ``python -m analysis summary FILE``
* the naive peer: ``python -c "import pandas; pandas.read_excel(path, engine='openpyxl')"``
* the bare ``python -c "import pandas; pandas.read_csv(path)"``
* for reference: ``pandas.read_excel(path, engine='calamine')``

and prints the ratios against the goals (issue 2): summary on the 100k xlsx ≤ 0.3 × the
openpyxl read; summary on the 1M CSV ≤ 3 × the bare read_csv process. The product's own
modules are byte-compiled first (``compileall``), as pandas' are by its install. It also times the
stages in one process (read, normalise, analyse) to show where the time goes.

Progress goes to stderr, the result table to stdout.

Usage::

    python bench/benchmark.py            # 100k xlsx + 1M csv (several minutes)
    python bench/benchmark.py --quick    # 10k xlsx + 100k csv
    python bench/benchmark.py --regen    # regenerate the input files even if present
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from data.demo import (  # noqa: E402
    _COMPANY_A,
    _COMPANY_B,
    _FLAG_FIELDS,
    _ROLES,
    _SOURCE_LABEL,
    SHEET_HEADERS,
    simulate_applications,
)

OUT = ROOT / "bench" / "out"
AS_OF = datetime.date(2026, 6, 30)
FIRST_DAY = datetime.date(2024, 7, 1)
APPS_PER_PARTICIPANT = 100
PY = sys.executable


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- data
def make_rows(n: int, seed: int = 11) -> pd.DataFrame:
    """``n`` realistic applications as a person would log them (human headers, a Participant
    column), built vectorised with the demo generator's logic.

    Examples
    --------
    >>> t = make_rows(1000)
    >>> len(t), t.columns[0]
    (1000, 'Participant')
    """
    rng = np.random.default_rng(seed)
    n_part = max(1, n // APPS_PER_PARTICIPANT)
    participant = np.sort(rng.integers(0, n_part, size=n))
    span = (AS_OF - FIRST_DAY).days
    applied = np.datetime64(FIRST_DAY.isoformat(), "D") + rng.integers(0, span, size=n).astype(
        "timedelta64[D]"
    )
    t = simulate_applications(
        rng,
        participant,
        applied,
        rng.uniform(0.1, 0.8, size=n_part),
        rng.random(n_part) > 0.1,
        AS_OF,
    )
    companies = np.array([f"{a} {b}" for a in _COMPANY_A for b in _COMPANY_B], dtype=object)
    out = pd.DataFrame({"Participant": np.char.add("P", participant.astype(str)).astype(object)})
    out["Company"] = companies[rng.integers(0, len(companies), size=n)]
    out["Role"] = np.array(_ROLES, dtype=object)[rng.integers(0, len(_ROLES), size=n)]
    out["Source"] = t["source"].map(_SOURCE_LABEL)
    for field, header in SHEET_HEADERS.items():
        if field in ("company", "role", "source"):
            continue
        if field == "status":
            out[header] = t["status"]
        elif field in _FLAG_FIELDS:
            flag = t[field].astype("boolean")
            out[header] = np.where(flag.fillna(False).to_numpy(), "Yes", None)
        else:
            out[header] = t[field]
    return out.sort_values(["Participant", "Date Applied"], kind="stable").reset_index(drop=True)


def write_xlsx(df: pd.DataFrame, path: Path) -> None:
    """Write ``df`` as one sheet with openpyxl's write-only mode (dates as real Excel dates)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Applications")
    ws.append(list(df.columns))
    cols = []
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_datetime64_any_dtype(s):
            cols.append([None if pd.isna(v) else v.date() for v in s])
        else:
            cols.append(
                [
                    None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v
                    for v in s.astype(object)
                ]
            )
    for i, row in enumerate(zip(*cols, strict=False)):
        ws.append(row)
        if i and i % 25_000 == 0:
            log(f"  xlsx: {i:,} rows")
    wb.save(path)


def write_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator="\n")


def ensure_inputs(n_xlsx: int, n_csv: int, regen: bool) -> tuple[Path, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    xlsx = OUT / f"applications_{n_xlsx}.xlsx"
    csv = OUT / f"applications_{n_csv}.csv"
    if regen or not xlsx.exists():
        t0 = time.perf_counter()
        log(f"generating {n_xlsx:,} rows for {xlsx.name}")
        write_xlsx(make_rows(n_xlsx, seed=11), xlsx)
        mb, secs = xlsx.stat().st_size / 1e6, time.perf_counter() - t0
        log(f"  wrote {xlsx.name} ({mb:.1f} MB) in {secs:.1f} s")
    if regen or not csv.exists():
        t0 = time.perf_counter()
        log(f"generating {n_csv:,} rows for {csv.name}")
        write_csv(make_rows(n_csv, seed=12), csv)
        mb, secs = csv.stat().st_size / 1e6, time.perf_counter() - t0
        log(f"  wrote {csv.name} ({mb:.1f} MB) in {secs:.1f} s")
    return xlsx, csv


# --------------------------------------------------------------------------- timing
@dataclass
class Timing:
    label: str
    best: float | None  # seconds, best run
    runs: int
    peak_mb: float | None  # max RSS of the child, MB
    note: str = ""
    stdout: str = ""


TIME_BIN = Path("/usr/bin/time")


def run_timed(cmd: list[str]) -> tuple[float, float | None, int, str, str]:
    """Run ``cmd`` in a child; return (wall s, the child's own peak RSS in MB, rc, stdout, stderr).

    The peak comes from ``/usr/bin/time -f %M`` when present: ``ru_maxrss`` of a child
    spawned straight from this (large) process would include this process's own high-water
    mark, which Linux carries across ``exec``. Without ``/usr/bin/time`` it is ``None``.
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
    out_f, err_f, rss_f = OUT / ".stdout", OUT / ".stderr", OUT / ".maxrss"
    rss_f.unlink(missing_ok=True)
    full = [str(TIME_BIN), "-f", "%M", "-o", str(rss_f), *cmd] if TIME_BIN.exists() else cmd
    with open(out_f, "wb") as fo, open(err_f, "wb") as fe:
        t0 = time.perf_counter()
        rc = subprocess.call(full, cwd=ROOT, env=env, stdout=fo, stderr=fe)
        wall = time.perf_counter() - t0
    peak = None
    if rss_f.exists():
        lines = [ln for ln in rss_f.read_text().splitlines() if ln.strip().isdigit()]
        peak = int(lines[-1]) / 1024.0 if lines else None
    return (
        wall,
        peak,
        rc,
        out_f.read_text("utf-8", "replace"),
        err_f.read_text("utf-8", "replace"),
    )


def time_group(
    specs: list[tuple[str, list[str] | None, str]], repeat: int = 3, long_after: float = 20.0
) -> dict[str, Timing]:
    """Time several commands in interleaved rounds (A, B, C, A, B, C, ...) so that load from
    other processes on the machine hits them alike; best wall time of up to ``repeat`` runs
    each (a command stops repeating once a run takes more than ``long_after`` s).

    ``specs`` holds (label, command, note); a ``None`` command is reported as not measured
    with its note (for a part of the product that does not exist yet).
    """
    walls: dict[str, list[float]] = {label: [] for label, _, _ in specs}
    peaks: dict[str, list[float]] = {label: [] for label, _, _ in specs}
    notes = {label: note for label, _, note in specs}
    done = {label: cmd is None for label, cmd, _ in specs}
    outs: dict[str, str] = {}
    for _ in range(repeat):
        for label, cmd, _ in specs:
            if done[label] or cmd is None:
                continue
            wall, peak, rc, out, err = run_timed(cmd)
            if rc != 0:
                line = (err.strip().splitlines() or ["(no stderr)"])[-1][:160]
                log(f"  {label}: FAILED rc={rc}: {line}")
                notes[label] = f"FAILED rc={rc}: {line}"
                walls[label] = []
                done[label] = True
                continue
            walls[label].append(wall)
            if peak is not None:
                peaks[label].append(peak)
            outs[label] = out
            log(f"  {label}: run {len(walls[label])}: {wall:.2f} s, peak {fmt(peak, 'MB')}")
            done[label] = wall > long_after
    return {
        label: Timing(
            label,
            min(walls[label]) if walls[label] else None,
            len(walls[label]),
            max(peaks[label]) if peaks[label] else None,
            notes[label],
            outs.get(label, ""),
        )
        for label, _, _ in specs
    }


STAGES_SCRIPT = r"""
import json, sys, time, datetime
t = {}
t0 = time.perf_counter()
import pandas, numpy
t["import pandas"] = time.perf_counter() - t0
path, as_of = sys.argv[1], datetime.date.fromisoformat(sys.argv[2])
t0 = time.perf_counter(); data = open(path, "rb").read(); t["read bytes"] = time.perf_counter() - t0
name = path.rsplit("/", 1)[-1]
try:
    import data.read as R
    fn = (getattr(R, "read_tables", None) or getattr(R, "read_file", None)
          or getattr(R, "read_bytes", None))
except Exception:
    fn = None
if fn is not None:
    try:
        t0 = time.perf_counter(); fn(name, data); t["parse (data.read)"] = time.perf_counter() - t0
    except Exception as e:
        t["parse (data.read)"] = "failed: " + type(e).__name__
import data.importer as importer
from data import import_files
validate = importer.validate_applications
def timed_validate(frame):
    t0 = time.perf_counter(); out = validate(frame)
    t["validate (pandera, in import_files)"] = time.perf_counter() - t0
    return out
importer.validate_applications = timed_validate
t0 = time.perf_counter(); res = import_files([(name, data)])
t["import_files (parse+normalise)"] = time.perf_counter() - t0
if isinstance(t.get("parse (data.read)"), float):
    t["normalise + validate (import_files - parse)"] = (
        t["import_files (parse+normalise)"] - t["parse (data.read)"])
t0 = time.perf_counter()
from analysis.outcomes import resolve
r = resolve(res.applications, as_of)
t["analysis.outcomes.resolve"] = time.perf_counter() - t0
try:
    from analysis.numerics import load_libraries
    t0 = time.perf_counter(); load_libraries()
    t["import scipy/statsmodels (the CLI does this while the worker reads)"] = (
        time.perf_counter() - t0)
except ImportError:
    pass
try:
    t0 = time.perf_counter()
    from analysis.summary import summarize
    summarize(res, as_of)
    t["analysis.summary.summarize (after imports)"] = time.perf_counter() - t0
    t["scipy.stats/statsmodels imported by the summary"] = str(any(
        m.startswith(("scipy.stats", "statsmodels")) for m in sys.modules))
except ImportError as e:
    t["analysis.summary.summarize (after imports)"] = "missing: " + str(e)
t["rows"] = len(res.applications)
print(json.dumps(t))
"""


def stage_timings(path: Path) -> dict[str, object] | str:
    wall, peak, rc, out, err = run_timed([PY, "-c", STAGES_SCRIPT, str(path), AS_OF.isoformat()])
    if rc != 0:
        return "FAILED: " + (err.strip().splitlines() or ["?"])[-1][:200]
    try:
        return json.loads(out.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return "FAILED: no timing output"


# --------------------------------------------------------------------------- main
def fmt(x: float | None, unit: str = "s") -> str:
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return "—"
    return f"{x:.2f} {unit}" if unit == "s" else f"{x:.0f} {unit}"


def ratio_line(name: str, num: Timing, den: Timing, goal: float) -> str:
    if num.best is None or den.best is None:
        missing = num.note or den.note or "missing"
        return f"| {name} | — | ≤ {goal:g} | NOT MEASURED ({missing}) |"
    r = num.best / den.best
    return f"| {name} | {r:.3f} | ≤ {goal:g} | {'PASS' if r <= goal else 'FAIL'} |"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="10k-row xlsx and 100k-row csv")
    ap.add_argument("--regen", action="store_true", help="regenerate input files")
    ap.add_argument("--repeat", type=int, default=3, help="runs per short command (best of)")
    args = ap.parse_args(argv)
    n_xlsx, n_csv = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    xlsx, csv = ensure_inputs(n_xlsx, n_csv, args.regen)

    # The children run with PYTHONDONTWRITEBYTECODE=1 (no __pycache__ writes), so without
    # this every timed run recompiled the product's ~20 modules from source (~0.05 s) while
    # the peers' pandas is byte-compiled at install. Compile ours once, as an install would.
    import compileall

    for pkg in ("data", "analysis"):
        compileall.compile_dir(str(ROOT / pkg), quiet=1, maxlevels=0)
    have_cli = (ROOT / "analysis" / "__main__.py").exists()
    missing = "" if have_cli else "MISSING: analysis/__main__.py not written yet"
    summary_cmd = [PY, "-m", "analysis", "summary", "--as-of", AS_OF.isoformat()]

    def peer(code: str, path: Path) -> list[str]:
        return [PY, "-c", f"import pandas,sys; {code}", str(path)]

    log(f"timing on {xlsx.name} (interleaved rounds)")
    gx = time_group(
        [
            ("summary", summary_cmd + [str(xlsx)] if have_cli else None, missing),
            ("openpyxl", peer("pandas.read_excel(sys.argv[1], engine='openpyxl')", xlsx), ""),
            ("calamine", peer("pandas.read_excel(sys.argv[1], engine='calamine')", xlsx), ""),
        ],
        args.repeat,
    )
    log(f"timing on {csv.name} (interleaved rounds)")
    gc = time_group(
        [
            ("summary", summary_cmd + [str(csv)] if have_cli else None, missing),
            ("read_csv", peer("pandas.read_csv(sys.argv[1])", csv), ""),
            ("import pandas", [PY, "-c", "import pandas"], ""),
        ],
        args.repeat,
    )
    t_sum_x, t_opx, t_sum_c, t_csv = gx["summary"], gx["openpyxl"], gc["summary"], gc["read_csv"]
    rows: list[tuple[str, str, Timing]] = [
        (xlsx.name, "python -m analysis summary (product)", t_sum_x),
        (xlsx.name, "pandas.read_excel(engine='openpyxl') (naive peer)", t_opx),
        (xlsx.name, "pandas.read_excel(engine='calamine') (reference)", gx["calamine"]),
        (csv.name, "python -m analysis summary (product)", t_sum_c),
        (csv.name, "pandas.read_csv (bare)", t_csv),
        ("—", "python -c 'import pandas' (process floor)", gc["import pandas"]),
    ]

    stages = {}
    for path in (xlsx, csv):
        log(f"stage timings on {path.name}")
        stages[path.name] = stage_timings(path)

    print(
        f"## Followthrough benchmark — {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, pandas {pd.__version__}"
    )
    print()
    print("| file | command | best wall | runs | peak RSS | note |")
    print("|---|---|---|---|---|---|")
    for f, what, t in rows:
        print(f"| {f} | {what} | {fmt(t.best)} | {t.runs} | {fmt(t.peak_mb, 'MB')} | {t.note} |")
    print()
    print("| goal | ratio | target | result |")
    print("|---|---|---|---|")
    print(ratio_line(f"summary / openpyxl read ({xlsx.name})", t_sum_x, t_opx, 0.3))
    print(ratio_line(f"summary / bare read_csv ({csv.name})", t_sum_c, t_csv, 3.0))
    print()
    print("In-process stage timings (one run each, seconds):")
    print()
    for name, st in stages.items():
        if isinstance(st, str):
            print(f"- {name}: {st}")
            continue
        parts = [f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in st.items()]
        print(f"- {name}: " + "; ".join(parts))
    for t in (t_sum_x, t_sum_c):
        if t.stdout:
            try:
                js = json.loads(t.stdout)
                rows, apps = js.get("rows"), js.get("applications")
                print(f"\nsummary sanity: rows={rows}, applications={apps}")
            except ValueError:
                print("\nsummary output is not JSON: " + t.stdout[:120])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
