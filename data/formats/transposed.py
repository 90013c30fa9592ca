"""One column per day: dates across the top of a sheet, ``N. Company`` cells below.

Not recognised by headers: the importer asks :func:`read` for any sheet whose chosen header
row :func:`looks_transposed` (a row of dates or numbered entries), and reads the sheet's
cells again as one application per filled cell.

Examples
--------
>>> looks_transposed(["1. Acme", "2. Beta", "3. Cog", "4. Dyn", "5. Echo"])
True
>>> looks_transposed(["Company", "Role", "Date", "Status", "Notes"])
False
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Mapping, Sequence

import pandas as pd

from data.formats.base import TableFormat
from data.read import RawTable

__all__ = ["looks_transposed", "untranspose", "read"]

_NUMBERED = re.compile(r"^\s*\d+\s*[.)]\s*(\S.*)$", re.S)
#: the columns of the table :func:`untranspose` builds
COLUMNS = ["Cell", "Company", "Date Applied"]


def looks_transposed(header: Sequence[str]) -> bool:
    """The chosen header is a row of dates or of numbered entries (``1. Acme``) rather than
    column names."""
    from data import values as V

    cells = [h for h in header if not re.fullmatch(r"Column \d+", h)]
    if len(cells) < 5:
        return False
    numbered = sum(bool(_NUMBERED.match(h)) for h in cells)
    if numbered / len(cells) >= 0.6:
        return True
    heads = pd.Series([re.sub(r" \(\d+\)$", "", h) for h in cells], dtype=object)
    return bool(V.parse_dates(heads).values.notna().mean() >= 0.6)


def _col_letter(j: int) -> str:
    out = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


def _grid(data: bytes, sheet: str) -> Sequence[Sequence[object]] | None:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 - not readable this way: the sheet stays refused
        return None


def _records(grid: Sequence[Sequence[object]], top: int) -> list[tuple[str, str, object, int]]:
    from data import values as V

    dc = V.parse_dates(pd.Series(list(grid[top]), dtype=object))
    is_date = dc.values.notna().to_numpy()
    if is_date.sum() < 3:
        return []
    recs: list[tuple[str, str, object, int]] = []
    for i in range(top + 1, len(grid)):
        for j, cell in enumerate(grid[i]):
            if cell in ("", None) or (isinstance(cell, str) and not cell.strip()):
                continue
            ref = f"{_col_letter(j)}{i + 1}"
            if j < len(is_date) and is_date[j]:
                text = str(cell).strip()
                m = _NUMBERED.match(text)
                recs.append((ref, (m.group(1) if m else text).strip(), dc.values.iloc[j], i + 1))
            else:  # a filled cell under a non-date column (a "Total"): accounted for
                recs.append((ref, "Total", None, i + 1))
    return recs


def untranspose(filename: str, data: bytes, sheet: str) -> RawTable | None:
    """Read a one-column-per-day sheet as one application per filled cell.

    Returns a table with columns ``Cell``, ``Company``, ``Date Applied`` (``row_numbers``
    the cell's spreadsheet row), or ``None`` when the sheet is not laid out that way.
    Filled cells under a column whose top cell is not a date (such as a ``Total`` column)
    become rows with company ``Total``, so that they are accounted for (excluded as a total
    line).
    """
    grid = _grid(data, sheet)
    if not grid:
        return None
    top = next((i for i, r in enumerate(grid) if any(c not in ("", None) for c in r)), None)
    recs = [] if top is None else _records(grid, top)
    if not recs:
        return None
    rows = pd.DataFrame([r[:3] for r in recs], columns=COLUMNS, dtype=object)
    return RawTable(
        file=filename,
        sheet=sheet,
        header=list(COLUMNS),
        rows=rows,
        row_numbers=[r[3] for r in recs],
        header_row=(top or 0) + 1,
        encoding=None,
        delimiter=None,
    )


def read(
    table: RawTable, data: bytes, mapping: Mapping[str, str] | None
) -> tuple[RawTable, TableFormat] | None:
    """The sheet read cell by cell with its format, or ``None`` when it cannot be."""
    from data.formats import detect_format

    if table.sheet is None:
        return None
    flat = untranspose(table.file, data, table.sheet)
    if flat is None:
        return None
    user = dict(mapping or {})
    fmt = detect_format(flat.header, flat.rows, {"Cell": "application_id", **user})
    guesses = [
        dataclasses.replace(g, how="format") if g.column == "Cell" and "Cell" not in user else g
        for g in fmt.guesses
    ]
    return flat, TableFormat("transposed", guesses, fmt.constants, warn_repeats=False)
