"""The Import check's column-mapping table: human labels in, importer field names out.

People see "Date applied" and "Ignore this column"; the importer's ``mapping`` override
takes field names (``applied_on``, ``ignore``). Everything here is pure pandas so the
translation both ways is unit-tested without Streamlit.

Examples
--------
>>> field_label("followup_after_apply"), field_from_label("Ignore this column")
('Followed up after applying (yes/no)', 'ignore')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from data.schema import MAPPABLE_FIELDS

#: What each importer field means, in the words a job seeker uses.
FIELD_LABELS: dict[str, str] = {
    "participant": "Person (whose log)",
    "application_id": "Application ID",
    "company": "Company",
    "role": "Job title / role",
    "source": "How I applied (job board, referral…)",
    "applied_on": "Date applied",
    "followup_after_apply": "Followed up after applying (yes/no)",
    "followup_after_apply_on": "Date of follow-up after applying",
    "followups": "Number of follow-ups",
    "responded_on": "Date of first answer",
    "intro_call_on": "Date of intro / screening call",
    "followup_after_intro": "Followed up after the intro call (yes/no)",
    "interview_on": "Date of interview",
    "thank_you_after_interview": "Thank-you after interview (yes/no)",
    "offer_on": "Date of offer",
    "stage_reached": "Furthest stage reached",
    "outcome": "Outcome (rejected, offer…)",
    "outcome_on": "Date of outcome",
    "status": "Status (free text)",
    "last_activity_on": "Date of last activity",
    "notes": "Notes",
    "ignore": "Ignore this column",
}
_BY_LABEL = {v: k for k, v in FIELD_LABELS.items()}


def field_label(field: str) -> str:
    """The label shown for an importer field (unknown fields are shown as written)."""
    return FIELD_LABELS.get(field, field)


def field_from_label(label: str) -> str:
    """The importer field for a label picked in the table (a field name passes through)."""
    return _BY_LABEL.get(label, label)


def label_options() -> list[str]:
    """Select-box options, in the importer's field order."""
    return [field_label(f) for f in MAPPABLE_FIELDS]


def _where(g: pd.DataFrame) -> str:
    files = sorted(set(g["file"]))
    sheets = sorted({s for s in g["sheet"] if s})
    text = ", ".join(files)
    if len(sheets) == 1:
        text += f" (sheet {sheets[0]})"
    elif sheets:
        text += f" ({len(sheets)} sheets)"
    return text


HOW_LABELS = {
    "header": "column name",
    "content": "cell values",
    "override": "your correction",
    "format": "known export format",
}


def mapping_table(mappings: Iterable[Any]) -> pd.DataFrame:
    """One row per header as written: column, field (label), where, confidence %, how.

    ``mappings`` are :class:`data.schema.ColumnMapping` records. A field the table cannot
    offer is shown as "Ignore this column".

    Examples
    --------
    >>> from types import SimpleNamespace as M
    >>> t = mapping_table([M(file="a.csv", sheet=None, column="Follow up?",
    ...                      field="followup_after_apply", confidence=.9, how="header")])
    >>> t.loc[0, "field"], t.loc[0, "how"]
    ('Followed up after applying (yes/no)', 'column name')
    """
    cols = ["column", "field", "where", "confidence", "how"]
    raw = pd.DataFrame(
        [
            {
                "file": m.file,
                "sheet": m.sheet or "",
                "column": m.column,
                "field": m.field,
                "confidence": float(m.confidence),
                "how": m.how,
            }
            for m in mappings
        ]
    )
    if raw.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for col, g in raw.groupby("column", sort=False):
        field = g["field"].mode().iloc[0]
        rows.append(
            {
                "column": col,
                "field": field_label(field if field in MAPPABLE_FIELDS else "ignore"),
                "where": _where(g),
                "confidence": round(100 * g["confidence"].min()),
                "how": ", ".join(HOW_LABELS.get(h, h) for h in sorted(set(g["how"]))),
            }
        )
    return pd.DataFrame(rows, columns=cols)


def changed_mapping(edited: pd.DataFrame, original: pd.DataFrame) -> dict[str, str]:
    """``{header: field}`` for the rows whose label was changed: what the importer takes.

    Examples
    --------
    >>> a = pd.DataFrame({"column": ["Status", "Date"],
    ...                   "field": ["Status (free text)", "Date applied"]})
    >>> b = a.assign(field=["Ignore this column", "Date applied"])
    >>> changed_mapping(b, a)
    {'Status': 'ignore'}
    """
    return {
        str(c): field_from_label(str(new))
        for c, new, old in zip(edited["column"], edited["field"], original["field"], strict=False)
        if new != old
    }


def describe_override(mapping: dict[str, str]) -> str:
    """The corrections in use, in words: ``"Status → Ignore this column"``."""
    return ", ".join(f"{k} → {field_label(v)}" for k, v in mapping.items())
