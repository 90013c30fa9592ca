"""Streamlit pieces shared by the Workshop and Presentation pages.

Both pages show one :class:`report.content.ReportContent`, built once per settings
(cached by the applications' content), so the page, the slides, the HTML report and the
workbook say the same thing. In presenter mode the View is anonymised already; the content
then suppresses counts under the session's k.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from data.schema import ImportReport, ImportResult
from report.content import ReportContent, build_content
from ui import state

#: date | None — the workshop date picked on the Workshop page (read by the slides too).
KEY_WORKSHOP_DATE = "ft_workshop_date"
#: bool — include participants' names in the downloaded report (presenter mode off only).
KEY_REPORT_NAMES = "ft_report_names"


@st.cache_data(show_spinner=False, max_entries=8)
def _content(
    apps: pd.DataFrame,
    _report: ImportReport,
    report_key: str,
    as_of: dt.date,
    ghost_after_days: int,
    workshop_date: dt.date | None,
    presenting: bool,
    k: int,
    anonymise: bool,
    salt: str,
    cadence_days: int,
) -> ReportContent:
    return build_content(
        ImportResult(apps, _report),
        as_of=as_of,
        ghost_after_days=ghost_after_days,
        workshop_date=workshop_date,
        anonymise=anonymise and not presenting,
        already_anonymised=presenting,
        min_cell=k,
        salt=salt,
        windows={"after_applying": cadence_days},
    )


def content_for(view: Any, *, anonymise: bool | None = None) -> ReportContent:
    """The content of this View (cached). ``anonymise`` None: as on screen (names shown
    unless presenting); True: coded P01… for a report to share."""
    presenting = state.presenter_on()
    workshop_date = st.session_state.get(KEY_WORKSHOP_DATE)
    if not isinstance(workshop_date, dt.date):
        workshop_date = None
    with st.spinner("Computing the workshop's numbers…"):
        return _content(
            view.applications,
            view.result.report,
            f"{view.source_id}:{len(view.result.report.files)}:{presenting}",
            view.settings.as_of,
            view.settings.ghost_after_days,
            workshop_date,
            presenting,
            state.min_cell(),
            bool(anonymise),
            state.presenter_salt(),
            int(view.settings.cadence_days),
        )


#: The colour of each verdict word, the same in the Workshop page's badges and the
#: Presentation page's headings: a direction in its own colour, "no clear difference" (a
#: tested result) blue, and the words that mean no test was possible grey.
VERDICT_COLOUR = {
    "higher": "green",
    "lower": "orange",
    "no clear difference": "blue",
    "not enough data": "gray",
    "not tracked": "gray",
}


def verdict_badge(word: str) -> str:
    """The verdict word as a coloured Streamlit badge (Markdown; the word is ours, not data).

    Examples
    --------
    >>> verdict_badge("higher")
    ':green-badge[higher]'
    >>> verdict_badge("not enough data")
    ':gray-badge[not enough data]'
    """
    return f":{VERDICT_COLOUR.get(word, 'gray')}-badge[{word}]"


def verdict_colour_text(word: str) -> str:
    """The verdict word in colour for a large heading (Markdown; the word is ours).

    Examples
    --------
    >>> verdict_colour_text("not enough data")
    ':gray[not enough data]'
    """
    return f":{VERDICT_COLOUR.get(word, 'gray')}[{word}]"
