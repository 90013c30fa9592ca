"""Workshop: many participants' logs, worded for a group and safe to show a room.

Per step the headline is the within-participant (Mantel–Haenszel) verdict, everyone pooled
second, with a forest plot of each participant; consistency vs reaching an interview;
thank-you notes against the published estimate; before / after the workshop date; a
participant table; the report and workbook to take away. All of it comes from one
``ReportContent`` (the same the report and the slides show).
"""

from __future__ import annotations

import streamlit as st

from report.html import render_html
from report.xlsx import render_xlsx
from ui import components as ui
from ui import workshop as ws
from ui.state import presenter_on, require_view

view = require_view()
presenting = presenter_on()
st.title("Workshop")
people = sorted({str(p) for p in view.applications["participant"].dropna().unique()})
if len(people) < 2:
    st.info(
        "The workshop view needs the logs of two or more participants: upload several files "
        "and choose 'a workshop' in the sidebar, or a workbook with a sheet per participant, "
        "or a log with a participant column (and pick 'Everyone' in the sidebar).",
        icon=":material/groups:",
    )
    st.stop()

content = ws.content_for(view)
k = content.min_cell
st.caption(
    f"{view.source_label} · {len(people)} participants · {content.applications:,} applications "
    f"· {view.as_of_text}"
    + (f" · presenter mode: counts under {k} hidden" if presenting and k else "")
)

# ---------------------------------------------------------------- verdict per step
st.header("Does following up go with advancing?")
st.caption(
    "Each step is compared within participants (each person with themselves, "
    "Mantel–Haenszel), so differences between people cannot fake an effect; everyone pooled "
    "comes second. Associated, not caused: participants who follow up may differ in other "
    "ways too."
)
for s in content.steps:
    with st.container(border=True):
        st.subheader(s.label)
        st.markdown(ws.verdict_badge(s.word))
        st.write(s.headline)
        if s.secondary:
            st.caption(s.secondary)
        if s.figure is not None:
            ui.plot(s.figure, key=f"ws_forest_{s.touchpoint}")
        with st.expander("The numbers behind it"):
            if s.verdict.tracked:
                ui.show_table(s.counts.reset_index(names=""))
            for d in s.details:
                st.caption(d)

# ---------------------------------------------------------------- the room
st.header("The room at a glance")
room = [f for f in content.figures if f.title.startswith(("Consistency", "Thank-you"))]
for f in room:
    ui.plot(f.figure, key=f"ws_{f.title[:20]}")
    if f.note:
        st.caption(f.note)

# ---------------------------------------------------------------- before / after
st.header("Before and after the workshop")
dated = view.applications["applied_on"].dropna()
if len(dated) == 0:
    st.info(
        "The logs have no application dates, so before and after cannot be compared.",
        icon=":material/event_busy:",
    )
else:
    st.date_input(
        "Workshop date",
        value=None,
        min_value=dated.min().date(),
        max_value=dated.max().date(),
        key=ws.KEY_WORKSHOP_DATE,
        help="Applications sent on this day or later count as 'after'.",
    )
    ba = [f for f in content.figures if f.title.startswith("Before and after")]
    if not ba:
        st.caption(
            "Pick the workshop date to compare follow-up and answers before and after it, "
            "each participant against themselves."
        )
    for f in ba:
        ui.plot(f.figure, key="ws_before_after")
        st.caption(f.note)

# ---------------------------------------------------------------- participants
st.header("Participant by participant")
if content.participant_table is not None:
    t = content.participant_table.copy()
    rates = ("Consistency", "Response rate", "Interview rate")
    for c in rates:
        t[c] = t[c] * 100
    ui.show_table(
        t,
        column_config={
            "Participant": st.column_config.Column("Participant", width="medium"),
            **{c: st.column_config.NumberColumn(c, format="%.0f%%") for c in rates},
        },
    )
    if k is not None:
        st.caption(
            f"Counts under {k} show as '< {k}'; 'hidden' marks a count hidden so totals cannot "
            f"reveal a small one. Participants with fewer than {k} applications with a known "
            "answer are pooled as 'other participants'."
        )

# ---------------------------------------------------------------- take away
st.header("Take it away")
names = False
if not presenting:
    names = st.toggle(
        "Include participants' names in the report",
        value=False,
        key=ws.KEY_REPORT_NAMES,
        help="Off: participants are P01, P02…, companies, roles, notes and file names are "
        "left out and small counts hidden, so the report can be shared.",
    )
shared = content if presenting or names else ws.content_for(view, anonymise=True)
d1, d2 = st.columns(2)
d1.download_button(
    "Download the report (HTML, opens offline)",
    data=lambda: render_html(shared),
    file_name="followthrough_workshop_report.html",
    mime="text/html",
    icon=":material/download:",
    width="stretch",
)
d2.download_button(
    "Download the workbook (.xlsx)",
    data=lambda: render_xlsx(shared),
    file_name="followthrough_workshop.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    width="stretch",
)
st.caption(
    "The report is one file with every chart, verdict, method note and the data-quality "
    "summary; it makes no request when opened. "
    + ("Anonymised." if presenting or not names else "It names participants: share with care.")
)
