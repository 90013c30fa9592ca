"""The blank Followthrough template: a workbook a job seeker can start logging in today.

An "Applications" sheet with the headers the importer recognises, date-formatted date
columns, dropdowns (data validation) for Status, Source and the yes/no follow-up columns,
a frozen header row; and an "Instructions" sheet. A filled template imports with zero
warnings (see ``tests/data/test_template.py``).

Examples
--------
>>> from openpyxl import load_workbook
>>> import io
>>> load_workbook(io.BytesIO(template_bytes())).sheetnames
['Applications', 'Instructions']
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

TEMPLATE_FILE: str = "followthrough_template.xlsx"
SAMPLES_DIR: Path = Path(__file__).resolve().parent / "samples"

#: Status words offered in the dropdown (the importer reads each as a stage/outcome).
STATUS_CHOICES: tuple[str, ...] = (
    "Applied",
    "Intro call",
    "Interview",
    "Offer",
    "Hired",
    "Rejected",
    "Ghosted",
    "Withdrawn",
)
#: Sources offered in the dropdown (``data.schema.SOURCES``, as people write them).
SOURCE_CHOICES: tuple[str, ...] = (
    "Job board",
    "Company site",
    "Referral",
    "Recruiter",
    "LinkedIn",
    "Other",
)
YES_NO: tuple[str, ...] = ("Yes", "No")

#: (header, kind, width) of each column of the Applications sheet, in order.
#: kind: "text", "date", "yesno", "status", "source".
TEMPLATE_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("Company", "text", 26),
    ("Role", "text", 26),
    ("Source", "source", 15),
    ("Date Applied", "date", 13),
    ("Followed up?", "yesno", 13),
    ("Follow-up date", "date", 14),
    ("Response date", "date", 14),
    ("Intro call", "date", 12),
    ("Follow-up after call", "yesno", 19),
    ("Interview", "date", 12),
    ("Thank-you sent", "yesno", 15),
    ("Offer", "date", 12),
    ("Status", "status", 13),
    ("Outcome date", "date", 14),
    ("Notes", "text", 40),
)
#: Rows covered by the dropdowns and date checks (header is row 1).
LAST_ROW: int = 1000
DATE_FORMAT: str = "yyyy-mm-dd"

_INSTRUCTIONS: tuple[str, ...] = (
    "How to use this template",
    "",
    "1. One row per application, on the Applications sheet. Keep the header row as it is.",
    "2. Date Applied: the day you sent your CV or application. Type dates as dates "
    "(for example 2026-03-14); the cells are date-formatted.",
    "3. Followed up?: choose Yes when you followed up after applying (before hearing back). "
    "Leave it blank when you did not: a blank cell here counts as 'no'.",
    "   Follow-up date: when you followed up, if you know it.",
    "4. Response date: the first time the employer answered (an invitation or a rejection).",
    "5. Intro call, Interview, Offer: the date each step happened. Leave blank if it did not "
    "happen.",
    "6. Follow-up after call: Yes when you followed up after the intro call. "
    "Thank-you sent: Yes when you sent a thank-you note after the interview.",
    "   If you do not track one of these, leave the whole column blank: it is then read as "
    "'not tracked', not as 'no'.",
    "7. Status: where the application stands now (Applied, Intro call, Interview, Offer, Hired, "
    "Rejected, Ghosted, Withdrawn). Outcome date: the day of the final word, if any.",
    "   A rejection never erases a step you reached: a rejection after an interview still "
    "counts as an interview.",
    "8. Notes are kept for you and not analysed.",
    "",
    "Privacy: this file never leaves your machine except to the app you upload it to. "
    "Followthrough sends nothing anywhere else and keeps no copy.",
)


def _workbook() -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Applications"
    bold = Font(bold=True)
    fill = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
    for idx, (header, kind, width) in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = ws.cell(row=1, column=idx, value=header)
        cell.font = bold
        cell.fill = fill
        letter = get_column_letter(idx)
        dim = ws.column_dimensions[letter]
        dim.width = width
        if kind == "date":
            dim.number_format = DATE_FORMAT
    ws.freeze_panes = "A2"

    def add(kind: str, dv: DataValidation) -> None:
        cols = [
            get_column_letter(i)
            for i, (_, k, _) in enumerate(TEMPLATE_COLUMNS, start=1)
            if k == kind
        ]
        for letter in cols:
            dv.add(f"{letter}2:{letter}{LAST_ROW}")
        ws.add_data_validation(dv)

    def choice(values: tuple[str, ...], title: str) -> DataValidation:
        return DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=title,
            error=f"Choose one of: {', '.join(values)} (or leave blank).",
        )

    add("yesno", choice(YES_NO, "Yes or blank"))
    add("status", choice(STATUS_CHOICES, "Status"))
    add("source", choice(SOURCE_CHOICES, "Source"))
    add(
        "date",
        DataValidation(
            type="date",
            operator="greaterThan",
            formula1="DATE(1990,1,1)",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Date",
            error="Type a date, for example 2026-03-14.",
        ),
    )

    ins = wb.create_sheet("Instructions")
    for i, line in enumerate(_INSTRUCTIONS, start=1):
        c = ins.cell(row=i, column=1, value=line or None)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    ins["A1"].font = Font(bold=True, size=14)
    ins.column_dimensions["A"].width = 110
    wb.properties.creator = "Followthrough"
    wb.properties.title = "Followthrough application log"
    return wb


def template_bytes() -> bytes:
    """Return the blank template workbook as xlsx bytes.

    Examples
    --------
    >>> template_bytes()[:2]
    b'PK'
    """
    buf = io.BytesIO()
    _workbook().save(buf)
    return buf.getvalue()


def write_template(path: str | Path | None = None) -> Path:
    """Write the blank template; default ``data/samples/followthrough_template.xlsx``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_template(pathlib.Path(d) / "t.xlsx").stat().st_size > 0
    True
    """
    p = Path(path) if path is not None else SAMPLES_DIR / TEMPLATE_FILE
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(template_bytes())
    return p


if __name__ == "__main__":  # python -m data.template
    print(f"wrote {write_template()}", file=sys.stderr)
