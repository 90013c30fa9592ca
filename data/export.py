"""Exports the person asked for: CSV, XLSX, calendar (.ics) and SankeyMATIC text.

Every function returns bytes/str for a download button; nothing is written to disk.
Spreadsheet cells whose text starts with ``= + - @`` (or a tab / carriage return) are
neutralised with a leading ``'`` so a spreadsheet program shows them as text instead of
running them as a formula (CSV/formula injection).

Examples
--------
>>> import pandas as pd
>>> csv = to_csv_bytes(pd.DataFrame({"company": ["=HYPERLINK(1)", "Acme"]}))
>>> csv.decode("utf-8-sig").splitlines()
['company', "'=HYPERLINK(1)", 'Acme']
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable

import pandas as pd

#: First characters that make a spreadsheet treat a cell as a formula.
DANGEROUS_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
#: Control characters no spreadsheet cell may hold (XML 1.0 forbids them; openpyxl raises
#: ``IllegalCharacterError``). Tab, line feed and carriage return are allowed.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: What a control character is replaced with in an export (the Unicode replacement mark).
CONTROL_REPLACEMENT = "\ufffd"


def replace_controls(value: object) -> object:
    """Text with control characters replaced by ``CONTROL_REPLACEMENT``; others unchanged.

    Examples
    --------
    >>> replace_controls("Acme\\x07 Ltd"), replace_controls(3)
    ('Acme\\ufffd Ltd', 3)
    """
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        return CONTROL_CHARACTERS.sub(CONTROL_REPLACEMENT, value)
    return value


def cells_with_controls(df: pd.DataFrame) -> int:
    """How many text cells (and headers) hold a control character — the number an export
    page states beside its download ("3 cells held invisible control characters …").

    Examples
    --------
    >>> cells_with_controls(pd.DataFrame({"a": ["x\\x00", "y", None], "b\\x1b": [1, 2, 3]}))
    2
    """
    n = sum(1 for c in df.columns if CONTROL_CHARACTERS.search(str(c)))
    for col in df.columns:
        s = df[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            n += _controls_in(s)
    return n


def _controls_in(s: pd.Series) -> int:
    """Cells of one column that hold a control character (text cells only)."""
    if isinstance(s.dtype, pd.StringDtype):  # Arrow or Python strings: one vectorised pass
        return int(s.str.contains(CONTROL_CHARACTERS.pattern, regex=True, na=False).sum())
    values = s.to_numpy(dtype=object)
    return sum(1 for v in values if isinstance(v, str) and CONTROL_CHARACTERS.search(v))


def controls_note(count: int) -> str | None:
    """The sentence shown beside a download when cells held control characters.

    Examples
    --------
    >>> controls_note(0) is None, controls_note(2)[:45]
    (True, '2 cells held invisible control characters; ea')
    """
    if not count:
        return None
    cells = "1 cell" if count == 1 else f"{count:,} cells"
    return (
        f"{cells} held invisible control characters; each is replaced by "
        f"{CONTROL_REPLACEMENT} in the download."
    )


def neutralise_cell(value: object) -> object:
    """Return ``value`` with a leading ``'`` if it is text a spreadsheet would run, and
    its control characters replaced (:func:`replace_controls`).

    Non-text values (numbers, dates, missing) are returned unchanged.

    Examples
    --------
    >>> neutralise_cell("=1+1"), neutralise_cell("Acme"), neutralise_cell(-3)
    ("'=1+1", 'Acme', -3)
    """
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        value = "'" + value
    return replace_controls(value)


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``df`` with every text cell (and header) neutralised.

    Examples
    --------
    >>> safe_frame(pd.DataFrame({"a": ["@x", "y"]}))["a"].tolist()
    ["'@x", 'y']
    """
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype("object")
        if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            out[col] = s.map(neutralise_cell, na_action="ignore")
    out.columns = [neutralise_cell(str(c)) for c in out.columns]
    return out


def _export_ready(df: pd.DataFrame) -> pd.DataFrame:
    """Safe frame with dates as plain dates and missing values as blanks."""
    out = safe_frame(df)
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col].dtype):
            out[col] = out[col].dt.date
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV (UTF-8 with BOM so spreadsheet programs read accents) of a neutralised copy.

    Examples
    --------
    >>> to_csv_bytes(pd.DataFrame({"x": [1]}))[:3] == b"\\xef\\xbb\\xbf"
    True
    """
    return _export_ready(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook (one sheet per item, names cut to 31 chars) of neutralised copies.

    Cells are written as values (never as formulas).

    Examples
    --------
    >>> to_xlsx_bytes({"Log": pd.DataFrame({"x": [1]})})[:2]
    b'PK'
    """
    if not sheets:
        raise ValueError("to_xlsx_bytes needs at least one sheet")
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            _export_ready(frame).to_excel(writer, sheet_name=str(name)[:31] or "Sheet", index=False)
    return buf.getvalue()


def to_ics_bytes(due: pd.DataFrame, *, stamp: dt.datetime | None = None) -> bytes:
    """A calendar with one all-day event per due follow-up.

    ``due`` has the shape of ``analysis.reminders.due_followups``: application_id,
    company, role, action, due_on (and optionally participant). ``stamp`` is the DTSTAMP
    (defaults to now, UTC); pass one for reproducible output.

    Examples
    --------
    >>> due = pd.DataFrame({"application_id": ["a1"], "company": ["Acme"], "role": ["Analyst"],
    ...                     "action": ["Follow up on your application"],
    ...                     "due_on": [pd.Timestamp("2026-03-02")]})
    >>> b"SUMMARY:Follow up on your application: Acme" in to_ics_bytes(due)
    True
    """
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Followthrough//follow-up reminders//EN")
    cal.add("version", "2.0")
    stamp = stamp or dt.datetime.now(dt.UTC)
    for i, row in enumerate(due.itertuples(index=False)):
        rec = row._asdict()
        due_on = pd.Timestamp(rec.get("due_on"))
        if pd.isna(due_on):
            continue
        company = _text(rec.get("company")) or "(no company)"
        role = _text(rec.get("role"))
        action = _text(rec.get("action")) or "Follow up"
        ev = Event()
        ev.add(
            "uid", f"followthrough-{_text(rec.get('application_id')) or i}-{i}@followthrough.local"
        )
        ev.add("dtstamp", stamp)
        ev.add("dtstart", due_on.date())
        ev.add("dtend", due_on.date() + dt.timedelta(days=1))
        ev.add("summary", f"{action}: {company}")
        desc = [f"Company: {company}"]
        if role:
            desc.append(f"Role: {role}")
        who = _text(rec.get("participant"))
        if who:
            desc.append(f"Participant: {who}")
        ev.add("description", "\n".join(desc))
        cal.add_component(ev)
    return cal.to_ical()


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(replace_controls(str(value))).strip()


def sankeymatic_text(links: pd.DataFrame | Iterable[tuple[str, str, int]]) -> str:
    """SankeyMATIC input text (``Source [value] Target`` per line) for the pipeline flows.

    ``links`` is a frame with columns source, target, value (as returned by
    ``analysis.pipeline.pipeline_links``) or an iterable of such triples. Zero flows are
    left out.

    Examples
    --------
    >>> print(sankeymatic_text([("Applied", "Response", 3), ("Applied", "Ghosted", 0)]))
    // Followthrough pipeline (paste into sankeymatic.com/build)
    Applied [3] Response
    """
    if isinstance(links, pd.DataFrame):
        triples = list(links[["source", "target", "value"]].itertuples(index=False, name=None))
    else:
        triples = list(links)
    lines = ["// Followthrough pipeline (paste into sankeymatic.com/build)"]
    for source, target, value in triples:
        if int(value) > 0:
            lines.append(f"{source} [{int(value)}] {target}")
    return "\n".join(lines)
