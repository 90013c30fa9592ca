"""Small Streamlit building blocks shared by the pages (no data logic here).

User text (company names, roles, participant names) is shown through ``st.dataframe``
/ ``st.text`` or escaped with :func:`escape_md`; nothing here uses ``unsafe_allow_html``.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from data.rules import STAGE_LABELS
from viz.labels import NOT_ENOUGH, count_rate, interval, pct

ASSOCIATED_NOTE = (
    "Associated, not caused: people who follow up may differ in other ways "
    "(the roles they pick, how they apply), so this shows what went together "
    "in your log, not what follow-up did."
)

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$<:&])")


#: Invisible word joiner put after ``:``, ``@`` and ``www`` in user text, so that neither
#: Streamlit's icon shortcodes (``:material/warning:``, emoji ``:smile:``) nor the
#: Markdown autolinker (``https://…``, ``www.…``, ``name@host.org``) can turn user text
#: into an icon or a link; escaping alone does not stop either.
WORD_JOINER = "\u2060"
_LINKY = re.compile(r"(\\:|@|(?i:www))")


def escape_md(text: object) -> str:
    """Escape Markdown/HTML-special characters so user text shows literally: no markup,
    no links made from bare URLs or e-mail addresses, no icons from ``:name:`` codes.

    Examples
    --------
    >>> escape_md("*Acme_<script>")
    '\\\\*Acme\\\\_\\\\<script\\\\>'
    >>> escape_md(":material/warning: https://x.org") == (
    ...     "\\\\:\u2060material/warning\\\\:\u2060 https\\\\:\u2060//x\\\\.org")
    True
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))
    return _LINKY.sub(lambda m: m.group(0) + WORD_JOINER, escaped)


#: Card value for something the log does not record (short enough for a card at 1400 px;
#: the caption under it says why).
NOT_TRACKED_SHORT = "not tracked"
NO_COLUMN = "your log has no column for it"
NO_FOLLOWUP_COLUMNS = (
    "Your log has no yes/no follow-up columns, so follow-up cannot be compared yet. Mark "
    "follow-ups done on Follow up today or My log: your log gains the columns when you "
    "download it (the blank template has them too)."
)
NO_ANSWERS = (
    "Your log does not record employers' answers (no status, stage or answer dates), "
    "so response rates and stages cannot be shown. Add a Status column to see them."
)


def unread_column(report: Any, field: str, *, presenting: bool = False) -> str | None:
    """The sentence for a column that was not read but likely holds ``field`` (its words
    unknown: ``data.importer`` reports it), or ``None``. Column headers can carry names:
    while presenting, the column is not named.

    Examples
    --------
    >>> from types import SimpleNamespace as U
    >>> r = U(unread=[U(column="Etap", field="status", column_left_out=True)])
    >>> unread_column(r, "status").split(":")[0]
    "Your column 'Etap' may say this, but its words are not known"
    >>> unread_column(r, "followup_after_apply") is None
    True
    """
    for u in getattr(report, "unread", []):
        if u.field == field and getattr(u, "column_left_out", False):
            which = "One of your columns" if presenting else f"Your column {u.column!r}"
            return (
                f"{escape_md(which)} may say this, but its words are not known: say what they "
                "mean on the Import check page."
            )
    return None


def no_answers_text(report: Any, *, presenting: bool = False) -> str:
    """:data:`NO_ANSWERS`, or, when a column likely holds the status but its words are
    unknown, that column instead of "add a Status column" (which the log may have)."""
    said = unread_column(report, "status", presenting=presenting)
    if said is None:
        return NO_ANSWERS
    return (
        "Your log's answers could not be read, so response rates and stages cannot be shown. "
        + said
    )


def link_to_import_check() -> None:
    """The link that sends a person to say what a column's unknown words mean."""
    st.page_link(
        "pages/import_check.py",
        label="Say what its words mean on the Import check",
        icon=":material/rule:",
    )


def show_no_answers(report: Any, *, presenting: bool = False, icon: str, link: bool = True) -> None:
    """:func:`no_answers_text` in an info box and, when a column's words are what is
    missing (not while presenting), the link to the Import check where they are given
    (``link=False`` where the page has shown it already)."""
    st.info(no_answers_text(report, presenting=presenting), icon=icon)
    if link and not presenting and unread_column(report, "status") is not None:
        link_to_import_check()


def no_followups_text(report: Any, *, presenting: bool = False) -> str:
    """:data:`NO_FOLLOWUP_COLUMNS`, or the unread column that likely records follow-ups."""
    said = unread_column(report, "followup_after_apply", presenting=presenting)
    if said is None:
        return NO_FOLLOWUP_COLUMNS
    return "No follow-up column could be read, so follow-up cannot be compared yet. " + said


def rate_value(rate: Any, *, tracked: bool = True, min_n: int = 1) -> str:
    """The big number of a rate card: ``"42%"``, or words instead of nan.

    Examples
    --------
    >>> from types import SimpleNamespace as R
    >>> rate_value(R(k=0, n=0, rate=None, lo=None, hi=None), tracked=False)
    'not tracked'
    """
    if not tracked:
        return NOT_TRACKED_SHORT
    if rate is None or not getattr(rate, "n", 0) or getattr(rate, "rate", None) is None:
        return "no applications yet"
    if rate.n < min_n:
        return NOT_ENOUGH
    return pct(rate.rate)


def rate_caption(rate: Any, what: str = "") -> str:
    """``"12 of 40 · 95% CI 18–45%"`` under a rate card.

    Examples
    --------
    >>> from types import SimpleNamespace as R
    >>> rate_caption(R(k=12, n=40, rate=.3, lo=.18, hi=.45), "answered")
    '12 of 40 answered · 95% CI 18–45%'
    """
    if rate is None or not getattr(rate, "n", 0):
        return ""
    parts = [f"{int(rate.k)} of {int(rate.n)}" + (f" {what}" if what else "")]
    ci = interval(rate.lo, rate.hi)
    if ci:
        parts.append(ci)
    return " · ".join(parts)


def response_caption(
    rate: Any,
    waiting: int,
    *,
    tracks_answers: bool = True,
    has_dates: bool = True,
    status_unread: bool = False,
) -> str:
    """Caption under the response-rate card: counts, interval, and who was left out and why.

    Examples
    --------
    >>> from types import SimpleNamespace as R
    >>> print(response_caption(R(k=98, n=98, rate=1.0, lo=.96, hi=1.0), 101, has_dates=False))
    98 of 98 answered · 95% CI 96–100% · 101 with no answer left out: your log has no dates,
    so none can count as ghosted
    >>> response_caption(None, 31, tracks_answers=False)
    'your log has no status or answer column'
    >>> response_caption(None, 31, tracks_answers=False, status_unread=True)
    'the words of your status column are not known: see Import check'
    """
    if not tracks_answers:
        if status_unread:
            return "the words of your status column are not known: see Import check"
        return "your log has no status or answer column"
    parts = [rate_caption(rate, "answered") or "no answers known yet (all still waiting)"]
    if waiting and not has_dates:
        parts.append(
            f"{waiting:,} with no answer left out: your log has no dates, so none can count "
            "as ghosted"
        )
    elif waiting:
        parts.append(f"{waiting:,} still waiting, left out")
    return " · ".join(parts)


def excluded_caption(excluded: int) -> str:
    """Caption under the Applications card: how many rows were left out, or none.

    Examples
    --------
    >>> excluded_caption(1)
    '1 row of your file(s) not analysed (see Import check)'
    >>> excluded_caption(1203)
    '1,203 rows of your file(s) not analysed (see Import check)'
    >>> excluded_caption(0)
    'every row of the log analysed'
    """
    if not excluded:
        return "every row of the log analysed"
    rows = f"{excluded:,} row{'s' if excluded != 1 else ''}"
    return f"{rows} of your file(s) not analysed (see Import check)"


def card(
    container: Any, label: str, value: str, caption: str = "", help: str | None = None
) -> None:
    """A metric with a caption line (counts and interval) under it."""
    container.metric(label, value, help=help, border=True)
    if caption:
        container.caption(caption)


def plot(fig: go.Figure, key: str | None = None, select: bool = False) -> Any:
    """Place a figure full-width; with ``select`` return the selection event."""
    config = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
    if select:
        return st.plotly_chart(
            fig, width="stretch", key=key, on_select="rerun", selection_mode="points", config=config
        )
    st.plotly_chart(fig, width="stretch", key=key, config=config)
    return None


def selected_values(event: Any, field: str = "customdata") -> list[Any]:
    """Values (``customdata`` by default) of the points selected in a chart event."""
    if not event:
        return []
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return []
    out = []
    for p in points or []:
        v = p.get(field) if isinstance(p, dict) else None
        if isinstance(v, (list, tuple)):
            v = v[0] if v else None
        if v is not None:
            out.append(v)
    return out


#: How a missing cell looks in a table: empty, as in the person's spreadsheet (Streamlit
#: writes "None" by default, which reads as if the log said "None").
MISSING_CELL = ""


def show_table(df: pd.DataFrame, **kwargs: Any) -> None:
    """User data as an interactive table (text is never interpreted as HTML/Markdown;
    missing cells are left empty: :data:`MISSING_CELL`)."""
    st.dataframe(df, hide_index=True, width="stretch", placeholder=MISSING_CELL, **kwargs)


APP_TABLE_COLUMNS = [
    "participant",
    "company",
    "role",
    "source",
    "applied_on",
    "stage_reached",
    "outcome",
    "source_file",
    "source_row",
]


def applications_table(apps: pd.DataFrame, *, with_participant: bool | None = None) -> pd.DataFrame:
    """The columns a person recognises, dates as dates, for ``st.dataframe``.

    Examples
    --------
    >>> t = pd.DataFrame({"company": ["A"], "applied_on": pd.to_datetime(["2026-01-02"]),
    ...                   "participant": ["x"]})
    >>> list(applications_table(t, with_participant=False).columns)
    ['company', 'applied_on']
    >>> t = pd.DataFrame({"company": ["A"], "source": [None], "stage_reached": ["intro_call"]})
    >>> applications_table(t).to_dict("records")
    [{'company': 'A', 'stage_reached': 'Intro call'}]
    """
    cols = [c for c in APP_TABLE_COLUMNS if c in apps.columns]
    if with_participant is None:
        with_participant = (
            "participant" in apps.columns and apps["participant"].nunique(dropna=True) > 1
        )
    if not with_participant and "participant" in cols:
        cols.remove("participant")
    # a column the log does not have at all would be a wall of "None": leave it out
    cols = [c for c in cols if c == "company" or apps[c].notna().any()]
    if "source_file" in cols and apps["source_file"].nunique(dropna=True) <= 1:
        cols.remove("source_file")  # one file: its (long) name on every row says nothing
    out = apps[cols].copy()
    for c in ("participant", "company", "role", "source"):
        if c in out.columns:  # a blank cell, not the word "None"
            out[c] = out[c].astype("object").where(out[c].notna(), "")
    if "stage_reached" in out.columns:
        out["stage_reached"] = (
            out["stage_reached"]
            .astype("object")
            .map(lambda v: STAGE_LABELS.get(v, v) if isinstance(v, str) else v)
        )
    if "outcome" in out.columns:
        out["outcome"] = (
            out["outcome"]
            .astype("object")
            .map(lambda v: v.capitalize() if isinstance(v, str) else v)
        )
    for c in cols:
        if pd.api.types.is_datetime64_any_dtype(out[c].dtype):
            out[c] = out[c].dt.date
    return out


TABLE_LABELS = {
    "participant": "Participant",
    "company": "Company",
    "role": "Role",
    "source": "How applied",
    "applied_on": "Applied",
    "stage_reached": "Furthest stage",
    "outcome": "Outcome",
    "source_file": "File",
    "source_row": "Row",
}


def table_config() -> dict[str, Any]:
    """Column labels for :func:`applications_table` frames."""
    config: dict[str, Any] = {k: st.column_config.Column(v) for k, v in TABLE_LABELS.items()}
    config["applied_on"] = st.column_config.DateColumn(
        TABLE_LABELS["applied_on"], format="YYYY-MM-DD"
    )
    return config


def count_text(k: int, n: int) -> str:
    """Re-export of :func:`viz.labels.count_rate` for pages."""
    return count_rate(k, n)


def favicon() -> Any:
    """A small locally drawn tab icon (a Material-icon favicon would be fetched from Google).

    Examples
    --------
    >>> favicon().size
    (64, 64)
    """
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((2, 2, 62, 62), radius=14, fill=(0, 114, 178, 255))  # Okabe–Ito blue
    d.polygon([(18, 20), (48, 32), (18, 44), (24, 32)], fill=(255, 255, 255, 255))  # "send" arrow
    return img
