"""A small workshop cohort with known, searchable names (shared by the presenter-mode,
report and CLI tests): two people in one workbook (a sheet each) and one in a CSV.

Every string in :data:`SECRETS` is a name an anonymised output must not contain.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

PEOPLE = {"Zelda Quist": 0, "Osvald Brandt": 1, "Yuki Oyelaran": 2}
COMPANIES = ["Xylophonics", "Quorvexa", "Blimpworks", "Zanzibrio"]
ROLE = "Pastry Chef Lead"
NOTE = "ask Ingrid Vasquez"
WORKBOOK = "quist_brandt_club.xlsx"
CSV = "Yuki Oyelaran.csv"
#: Every string an anonymised output must not contain (searched case-insensitively).
SECRETS = (
    list(PEOPLE)
    + [p.split()[1] for p in PEOPLE]
    + ["Zelda", "Osvald", "Yuki"]
    + COMPANIES
    + [ROLE, "Pastry", "Ingrid", "Vasquez", WORKBOOK, "quist_brandt_club", CSV]
)
HEADER = [
    "Company",
    "Role",
    "Date Applied",
    "Status",
    "Followed up?",
    "Response date",
    "Thank you sent",
    "Notes",
]


def rows(seed: int, n: int = 14) -> list[list]:
    """One person's log rows (deterministic)."""
    statuses = ["Rejected", "Interview", "Applied", "Intro call", "Offer", "Rejected", "Applied"]
    out = []
    for i in range(n):
        applied = dt.date(2026, 2, 2) + dt.timedelta(days=2 * i + seed)
        status = statuses[(i + seed) % len(statuses)]
        answered = status != "Applied"
        out.append(
            [
                COMPANIES[(i + seed) % len(COMPANIES)],
                ROLE,
                applied,
                status,
                "Yes" if (i + seed) % 2 else "No",
                applied + dt.timedelta(days=6) if answered else None,
                "Yes" if status in ("Interview", "Offer") and i % 2 else "",
                NOTE,
            ]
        )
    return out


def cohort_files() -> list[tuple[str, bytes]]:
    """``[(file name, bytes)]``: the workbook (two sheets) and the CSV."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in ("Zelda Quist", "Osvald Brandt"):
        ws = wb.create_sheet(name)
        ws.append(HEADER)
        for r in rows(PEOPLE[name]):
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    lines = [",".join(HEADER)]
    for r in rows(PEOPLE["Yuki Oyelaran"]):
        lines.append(",".join("" if v is None else str(v) for v in r))
    return [(WORKBOOK, buf.getvalue()), (CSV, ("\n".join(lines) + "\n").encode())]


def secrets_not_in_libraries() -> list[str]:
    """Secrets that also occur in the embedded plotly.js (none: a name found there would
    make the search of a report meaningless). Checked by a test."""
    from plotly.offline import get_plotlyjs

    js = get_plotlyjs().casefold()
    return [s for s in SECRETS if s.casefold() in js]


def leaks(text: str) -> list[str]:
    """The secrets found in ``text`` (case-insensitive)."""
    low = text.casefold()
    return [s for s in SECRETS if s.casefold() in low]


def readable(data: bytes) -> str:
    """Bytes as searchable text; an xlsx (zip) is searched part by part, decompressed."""
    import zipfile

    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return data.decode("utf-8", "replace")
