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

from collections import Counter
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
    "responded_on": "First answer (its date, or yes/no: heard back?)",
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


def _where(places: list[tuple[str, str]]) -> str:
    """Where a header was found: its files, and its sheet (or how many sheets)."""
    files = sorted({f for f, _ in places})
    sheets = sorted({s for _, s in places if s})
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
    """One row per header as written: column, field (label), where, confidence %, how, and
    a few of its values (``examples``, from the first file or sheet that has any).

    ``mappings`` are :class:`data.schema.ColumnMapping` records. A field the table cannot
    offer is shown as "Ignore this column".

    Examples
    --------
    >>> from types import SimpleNamespace as M
    >>> t = mapping_table([M(file="a.csv", sheet=None, column="Follow up?",
    ...                      field="followup_after_apply", confidence=.9, how="header",
    ...                      examples=("yes", "✓"))])
    >>> t.loc[0, "field"], t.loc[0, "how"], t.loc[0, "examples"]
    ('Followed up after applying (yes/no)', 'column name', 'yes · ✓')
    """
    cols = ["column", "field", "where", "confidence", "how", "examples"]
    # grouped in plain Python: a 16,384-column file has as many groups, and a pandas
    # groupby with a mode and a min per group took seconds there
    groups: dict[str, list[Any]] = {}
    for m in mappings:
        groups.setdefault(m.column, []).append(m)
    rows = []
    for col, ms in groups.items():
        counts = Counter(m.field for m in ms)
        top = max(counts.values())
        field = min(f for f, n in counts.items() if n == top)  # the mode (ties: A-Z first)
        rows.append(
            {
                "column": col,
                "field": field_label(field if field in MAPPABLE_FIELDS else "ignore"),
                "where": _where([(m.file, m.sheet or "") for m in ms]),
                "confidence": round(100 * min(float(m.confidence) for m in ms)),
                "how": ", ".join(HOW_LABELS.get(h, h) for h in sorted({m.how for m in ms})),
                "examples": " · ".join(
                    next((m.examples for m in ms if getattr(m, "examples", ())), ())
                ),
            }
        )
    return pd.DataFrame(rows, columns=cols)


def left_out_lines(table: pd.DataFrame) -> list[str]:
    """One line per column of :func:`mapping_table` that is left out but holds values:
    its name and first values, so nothing with content goes unmentioned.

    Examples
    --------
    >>> t = pd.DataFrame({"column": ["Firma", "Stanowisko", "Empty"],
    ...                   "field": ["Company", "Ignore this column", "Ignore this column"],
    ...                   "examples": ["A · B", "Analityk · Programista", ""]})
    >>> left_out_lines(t)
    ['Stanowisko: Analityk · Programista']
    """
    ignored = table["field"].eq(FIELD_LABELS["ignore"]) & table["examples"].ne("")
    return [
        f"{c}: {e}{_kept_for(c, e)}"
        for c, e in zip(table["column"][ignored], table["examples"][ignored], strict=True)
    ]


def _kept_for(column: str, examples: str) -> str:
    """What a column left out of the analysis is still used for (the rules of
    :func:`data.writeback.person_columns`), or ``""``.

    Examples
    --------
    >>> _kept_for("Contact email", "hr@acme.example · jo@beta.example")
    ' (used on Follow up today: the address to write to)'
    >>> _kept_for("Snoozed until", "2026-02-03"), _kept_for("Salary", "50k")
    (' (used on Follow up today: a reminder stays hidden until then)', '')
    """
    from data.writeback import is_contact_column, is_snooze_column

    if is_snooze_column(column):
        return " (used on Follow up today: a reminder stays hidden until then)"
    if is_contact_column(column, lambda: examples.split(" · ")):
        return " (used on Follow up today: the address to write to)"
    return ""


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


# --------------------------------------------------------------------------- value mapping
#: What a person can say an unread value means (keys: ``data.vocab.VALUE_MEANINGS``).
MEANING_LABELS: dict[str, str] = {
    "yes": "Yes (done / sent)",
    "no": "No",
    "followed_up": "Followed up",
    "applied": "Applied, waiting",
    "intro_call": "Intro / screening call",
    "interview": "Interview",
    "offer": "Offer",
    "hired": "Hired",
    "rejected": "Rejected",
    "ghosted": "No answer (ghosted)",
    "withdrawn": "I withdrew",
    "not_applied": "Not applied yet",
    "blank": "Nothing (treat as empty)",
}
#: The first option of the value editor: keep what the importer assumed.
KEEP_LABEL = "Keep as assumed"
_MEANING_BY_LABEL = {v: k for k, v in MEANING_LABELS.items()}


def meaning_options() -> list[str]:
    """Select-box options for the value mapping, "Keep as assumed" first."""
    return [KEEP_LABEL, *MEANING_LABELS.values()]


def value_choices(unread: Iterable[Any], current: dict[str, str]) -> pd.DataFrame:
    """One row per distinct unread value (column, value, cells, meaning label) for the editor.

    ``current`` is the session's value mapping; values already given a meaning show it.

    Examples
    --------
    >>> from types import SimpleNamespace as U
    >>> u = U(column="Status", examples=(("purple", 2),), cells=2)
    >>> value_choices([u], {}).values.tolist()
    [['purple', 'Status', 2, 'Keep as assumed']]
    """
    rows = []
    seen: set[str] = set()
    for u in unread:
        for value, count in u.examples:
            if value in seen:
                continue
            seen.add(value)
            meaning = current.get(value)
            rows.append(
                {
                    "value": value,
                    "column": u.column,
                    "cells": int(count),
                    "means": MEANING_LABELS.get(meaning, KEEP_LABEL) if meaning else KEEP_LABEL,
                }
            )
    return pd.DataFrame(rows, columns=["value", "column", "cells", "means"])


def chosen_values(edited: pd.DataFrame) -> dict[str, str]:
    """``{value: meaning}`` for the rows given a meaning (what ``import_files(values=)`` takes).

    Examples
    --------
    >>> t = pd.DataFrame({"value": ["★", "purple"], "means": ["Yes (done / sent)", KEEP_LABEL]})
    >>> chosen_values(t)
    {'★': 'yes'}
    """
    return {
        str(v): _MEANING_BY_LABEL[str(m)]
        for v, m in zip(edited["value"], edited["means"], strict=False)
        if str(m) in _MEANING_BY_LABEL
    }


def unread_notes(report: Any, fields: Iterable[str]) -> list[str]:
    """One line per column read as one of ``fields`` whose values were not all understood
    (for the page that uses those fields; the details are on the Import check page).

    Examples
    --------
    >>> from types import SimpleNamespace as U
    >>> r = U(unread=[U(column="Sent?", field="followup_after_apply", cells=3)])
    >>> unread_notes(r, ["followup_after_apply"])
    ["3 cells of your column 'Sent?' could not be read; see Import check to say what they mean."]
    """
    wanted = set(fields)
    return [
        f"{u.cells} cell{'s' if u.cells != 1 else ''} of your column {u.column!r} could not be "
        "read; see Import check to say what they mean."
        for u in getattr(report, "unread", [])
        if u.field in wanted
    ]
