"""Fuzzing the importer through the worker process (data.sandbox).

Two parts, both sized by the environment variable ``FT_FUZZ_CASES`` (default: small, for
CI, under a minute together):

* **mutations** — byte-level and inside-the-zip mutations of real xlsx, xls, ods and csv
  files (tests/fuzz/mutate.py), ``FT_FUZZ_CASES`` cases (default 60);
* **structured** — a hypothesis profile of generated tables (headers from the
  vocabulary, junk headers, dates, numbers, text, blanks) written as CSV or XLSX,
  ``FT_FUZZ_CASES // 4`` examples (default 15).

Zero unexpected exceptions, every message one line, rows always add up; a native abort
must stay inside the worker (counted, never a failure of this process). The long run::

    FT_FUZZ_CASES=10000 FT_FUZZ_REPORT=/tmp/fuzz.txt python3 -m pytest -q tests/fuzz

The structured part runs one case at a time; to use both cores, run it as two processes
with different hypothesis seeds (each ``FT_FUZZ_CASES // 4`` examples)::

    FT_FUZZ_CASES=20000 python3 -m pytest -q tests/fuzz -k structured --hypothesis-seed=1
    FT_FUZZ_CASES=20000 python3 -m pytest -q tests/fuzz -k structured --hypothesis-seed=2

Both parts append progress to ``FT_FUZZ_REPORT`` every 1,000 (mutations) or 500
(structured) cases.
"""

from __future__ import annotations

import concurrent.futures as cf
import csv
import datetime as dt
import io
import os
import random

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data import sandbox
from tests.fuzz.mutate import Tally, judge, mutate, seeds

CASES = int(os.environ.get("FT_FUZZ_CASES", "60"))
SEED = int(os.environ.get("FT_FUZZ_SEED", "12"))


def _report(part: str, tally: Tally) -> None:
    line = f"{part}: {tally.summary()}"
    print(line)
    path = os.environ.get("FT_FUZZ_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
            for f in tally.failures[:50]:
                fh.write(f"  FAILURE {f}\n")


def test_mutated_real_files_import_or_fail_in_one_line() -> None:
    pool = seeds()
    rng = random.Random(SEED)
    cases = []
    by_kind: dict[str, list[tuple[str, bytes]]] = {}
    for name, data in pool:
        by_kind.setdefault(name.rsplit(".", 1)[-1].lower(), []).append((name, data))
    kinds = sorted(by_kind)  # xls, xlsx, ods and csv equally often, whatever the seed counts
    for i in range(CASES):
        kind = kinds[i % len(kinds)]
        name, data = rng.choice(by_kind[kind])
        cases.append((f"{kind}#{i}", *mutate(rng, name, data)))
    tally = Tally()

    def one(case: tuple[str, str, bytes]) -> None:
        judge(tally, case[1], case[2], case[0])
        if tally.cases % 1000 == 0:  # a long run says how far it has got
            _report(f"mutations so far ({tally.cases} of {CASES})", tally)

    with cf.ThreadPoolExecutor(max_workers=sandbox.MAX_WORKERS) as ex:
        list(ex.map(one, cases))
    _report("mutations", tally)
    assert tally.cases == CASES
    assert not tally.failures, tally.failures[:5]
    assert tally.imported + tally.refused + tally.worker_stopped == CASES


HEADERS = [
    "Company",
    "Role",
    "Date Applied",
    "Status",
    "Followed up?",
    "Follow-up date",
    "Response date",
    "Stage",
    "Source",
    "Participant",
    "Notes",
    "Firma",
    "公司",
]
CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "Acme",
            "yes",
            "no",
            "Rejected",
            "Interview",
            "offer",
            "ghosted",
            "=SUM(A1)",
            "https://x.org",
            "\x07",
            "2026-01-05",
            "05/01/2026",
            "46000",
            "N/A",
            "TRUE",
            "—",
        ]
    ),
    st.text(max_size=20),
    st.integers(-(10**6), 10**6).map(str),
    st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)).map(str),
)
TABLES = st.tuples(
    st.lists(st.one_of(st.sampled_from(HEADERS), st.text(max_size=10)), min_size=1, max_size=8),
    st.integers(0, 25),
    st.randoms(use_true_random=False),
)
STRUCTURED = Tally()


def _table_bytes(header: list[str], n: int, rnd: random.Random, as_xlsx: bool) -> bytes:
    pool = [
        "",
        "Acme",
        "yes",
        "no",
        "Rejected",
        "Interview",
        "2026-01-05",
        "46000",
        "x\x07y",
        "=1+1",
        "05/01/2026",
        "N/A",
        "ghosted",
        "offer",
        "12",
        "Müller",
    ]
    rows = [[rnd.choice(pool) for _ in header] for _ in range(n)]
    if as_xlsx:
        wb = openpyxl.Workbook()
        ws = wb.active
        for r in [header, *rows]:
            ws.append([openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE.sub("", c) for c in r])
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    return out.getvalue().encode("utf-8")


@settings(
    max_examples=max(5, CASES // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(table=TABLES, as_xlsx=st.booleans(), extra=st.lists(CELLS, max_size=6))
def test_structured_tables_import_or_fail_in_one_line(table, as_xlsx, extra) -> None:
    header, n, rnd = table
    data = _table_bytes(header + [e[:10] for e in extra[:2]], n, rnd, as_xlsx)
    name = "t.xlsx" if as_xlsx else "t.csv"
    before = len(STRUCTURED.failures)
    judge(STRUCTURED, name, data, "xlsx" if as_xlsx else "csv")
    if STRUCTURED.cases % 500 == 0:  # a long run says how far it has got
        _report(f"structured so far ({STRUCTURED.cases} of about {max(5, CASES // 4)})", STRUCTURED)
    assert len(STRUCTURED.failures) == before, STRUCTURED.failures[-1]


def test_structured_report() -> None:
    """Runs after the structured test (file order): writes its tally."""
    _report("structured", STRUCTURED)
    assert not STRUCTURED.failures
