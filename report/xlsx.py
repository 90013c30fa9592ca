"""The report as an Excel workbook: Summary, Steps, Participants (workshop), Data quality.

Written with openpyxl: bold headers on a fill, frozen header rows, column widths that fit,
rates as percentages. Every text cell goes through :func:`data.export.neutralise_cell`
(a leading ``= + - @`` becomes text, never a formula); numbers stay numbers. The workbook's
properties carry no names (creator "Followthrough").

Examples
--------
>>> _width(["a", "abcdef"], 3)
8
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from data.export import neutralise_cell
from report.content import ReportContent

__all__ = ["render_xlsx"]

_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
_TITLE_FONT = Font(bold=True, size=14)
_PCT = "0%"


def _width(values: Sequence[object], minimum: int = 8) -> int:
    longest = max((len(str(v)) for v in values if v is not None), default=0)
    return max(minimum, min(70, longest + 2))


def _value(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float) and pd.isna(v):
        return None
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalar
        v = v.item()
    if isinstance(v, (int, float, dt.date)):
        return v
    return neutralise_cell(str(v))


def _write_table(
    ws: Worksheet, df: pd.DataFrame, *, start_row: int = 1, pct_cols: Sequence[str] = ()
) -> int:
    """Write ``df`` with a header row at ``start_row``; return the next free row."""
    for j, col in enumerate(df.columns, start=1):
        cell = ws.cell(row=start_row, column=j, value=_value(col))
        cell.font, cell.fill = _HEAD_FONT, _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(df.itertuples(index=False), start=start_row + 1):
        for j, (col, v) in enumerate(zip(df.columns, row, strict=True), start=1):
            cell = ws.cell(row=i, column=j, value=_value(v))
            if col in pct_cols and isinstance(cell.value, float):
                cell.number_format = _PCT
    for j, col in enumerate(df.columns, start=1):
        letter = get_column_letter(j)
        current = ws.column_dimensions[letter].width or 0
        ws.column_dimensions[letter].width = max(
            current, _width([col, *df.iloc[:, j - 1].tolist()])
        )
    return start_row + len(df) + 2


def _summary(ws: Worksheet, c: ReportContent) -> None:
    ws.title = "Summary"
    ws["A1"] = c.title
    ws["A1"].font = _TITLE_FONT
    who = f"{len(c.participants)} participants" if c.workshop else "one person's applications"
    ws["A2"] = f"{c.applications:,} applications · {who} · {c.as_of_text}"
    if c.anonymised:
        ws["A3"] = (
            "Anonymised: participants coded P01…; companies, roles, notes and file names left "
            f"out; counts under {c.min_cell} shown as '< {c.min_cell}'."
        )
    rows = pd.DataFrame(
        {
            "Step": [s.label for s in c.steps],
            "Verdict": [s.word for s in c.steps],
            "Finding": [s.headline for s in c.steps],
            "Within vs pooled": [s.secondary for s in c.steps],
        }
    )
    nxt = _write_table(ws, rows, start_row=5)
    ws.cell(row=nxt, column=1, value="How these numbers are made").font = _HEAD_FONT
    for i, note in enumerate(c.method_notes, start=nxt + 1):
        ws.cell(row=i, column=1, value=_value(note))
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["C"].width = 90
    for row in ws.iter_rows(min_row=6, max_row=5 + len(rows)):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A6"


def _steps(ws: Worksheet, c: ReportContent) -> None:
    rows = []
    for s in c.steps:
        v = s.verdict
        arms = s.counts
        rows.append(
            {
                "Step": s.label,
                "Tracked": "yes" if v.tracked else "no",
                "Design": v.design,
                "Window (days)": v.landmark_days,
                "With: advanced": arms.iat[0, 0],
                "With: compared": arms.iat[0, 2],
                "Without: advanced": arms.iat[1, 0],
                "Without: compared": arms.iat[1, 2],
                "Rate with": None if isinstance(arms.iat[0, 0], str) else v.with_.rate,
                "Rate without": None if isinstance(arms.iat[1, 0], str) else v.without.rate,
                "Difference": v.difference,
                "95% CI low": v.diff_lo,
                "95% CI high": v.diff_hi,
                "p (Fisher)": v.p_value,
                "p (Holm)": v.p_holm,
                "Verdict": s.word,
                "Finding": s.headline,
                "Left out": "; ".join(f"{r}: {n}" for r, n in v.left_out.items()),
                "Timing": v.timing_note,
            }
        )
    df = pd.DataFrame(rows)
    _write_table(
        ws,
        df,
        pct_cols=("Rate with", "Rate without", "Difference", "95% CI low", "95% CI high"),
    )
    ws.freeze_panes = "B2"


def render_xlsx(content: ReportContent) -> bytes:
    """The workbook as bytes (see the module docstring).

    Examples
    --------
    >>> c = ReportContent("T", dt.date(2026, 1, 1), True, 5, False, 0, [], [], [], None,
    ...                   pd.DataFrame({"What": ["=1+1"], "Count": [0]}), [], None, None)
    >>> from openpyxl import load_workbook
    >>> wb = load_workbook(io.BytesIO(render_xlsx(c)))
    >>> wb.sheetnames, wb["Data quality"]["A2"].value
    (['Summary', 'Steps', 'Data quality'], "'=1+1")
    """
    c = content
    wb = Workbook()
    wb.properties.creator = "Followthrough"
    wb.properties.lastModifiedBy = "Followthrough"
    wb.properties.title = "Followthrough report"
    _summary(wb.active, c)
    _steps(wb.create_sheet("Steps"), c)
    if c.participant_table is not None:
        ws = wb.create_sheet("Participants")
        _write_table(
            ws,
            c.participant_table,
            pct_cols=("Consistency", "Response rate", "Interview rate"),
        )
        ws.freeze_panes = "B2"
    if c.before_after is not None:
        ws = wb.create_sheet("Before and after")
        _write_table(ws, c.before_after, pct_cols=("rate", "lo", "hi"))
    ws = wb.create_sheet("Data quality")
    nxt = _write_table(ws, c.quality)
    if c.quality_notes:
        _write_table(ws, pd.DataFrame({"Notes": c.quality_notes}), start_row=nxt)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
