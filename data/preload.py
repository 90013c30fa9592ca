"""Warm-up for the reader's fork server (:data:`data.sandbox.PRELOAD`).

Every upload is read in a fresh worker forked from the fork server, so whatever the worker
imports is imported again at every upload. The importer and pandas load much of what they
need lazily (pandera's back end at the first validation, pyarrow's compute kernels, the
calamine reader), about 0.3 s of CPU per worker. Importing this module in the fork server
reads one small CSV and one small workbook, so those modules are loaded once, before any
worker is forked. It reads only bytes held here and in ``data/samples`` and writes nothing.

Examples
--------
>>> import data.preload
>>> data.preload.WARMED
True
"""

from __future__ import annotations

from pathlib import Path

from data.importer import import_files

_WORKBOOK = Path(__file__).resolve().parent / "samples" / "demo_seeker.xlsx"

_CSV = (
    "warm-up.csv",
    b"Company,Role,Applied,Status,Followed up?,Follow-up date\n"
    b"Acme,Analyst,2026-01-05,rejected,yes,2026-01-12\n"
    b"Globex,Engineer,05/01/2026,interview,no,\n",
)


def _warm() -> bool:
    for files in ([_CSV], [("warm-up.xlsx", _WORKBOOK.read_bytes())]):
        try:
            import_files(files)
        except Exception:  # noqa: BLE001 - a warm-up only: the real read reports its own errors
            continue
    return True


#: True once the warm-up has run (in this process).
WARMED = _warm()
