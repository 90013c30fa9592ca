"""Follow up today: who to write to now, most urgent first; export to calendar or CSV."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import reminders
from data.export import to_csv_bytes, to_ics_bytes
from ui import components as ui
from ui.state import require_view

view = require_view()
st.title("Follow up today")
s = view.settings
st.caption(
    f"{view.source_label} · as of {s.as_of:%d %b %Y} · follow up after {s.cadence_days} days "
    "without an answer; a thank-you is due the day after an interview "
    "(change the cadence in the sidebar)."
)

if len(view.resolved) == 0:
    st.info(
        "No applications in this view, so nothing to follow up.", icon=":material/filter_alt_off:"
    )
    st.stop()

if not view.has_dates:
    st.info(
        "Your log has no dates, so no follow-up can be due: log the date you applied (and the "
        "date you heard back) to get reminders here.",
        icon=":material/event_busy:",
    )
    st.stop()

due = reminders.due_followups(view.resolved, s.as_of, cadence_days=s.cadence_days)
ghosted = int(view.resolved["outcome"].astype("object").eq("ghosted").sum())
ghost_note = (
    f" {ghosted} application{'s' if ghosted != 1 else ''} had no news for more than "
    f"{s.ghost_after_days} days and count as ghosted, so they are not listed; raise "
    "'Count as ghosted after' in the sidebar to include them."
    if ghosted
    else ""
)
if len(due) == 0:
    st.success(
        "Nothing to follow up today: every open application got an answer, was followed up "
        "already, or is younger than your follow-up cadence." + ghost_note,
        icon=":material/task_alt:",
    )
    st.stop()

due = due.sort_values(["days_overdue", "due_on"], ascending=[False, True], kind="stable")
due = due.assign(action=due["action"].astype(str).str.capitalize())
tp_counts = due["touchpoint"].astype(str).value_counts() if "touchpoint" in due.columns else {}
c1, c2, c3, c4 = st.columns(4)
ui.card(
    c1,
    "Follow-ups due",
    f"{len(due):,}",
    f"most overdue: {int(due['days_overdue'].max())} days" if len(due) else "",
)
ui.card(
    c2,
    "On an application",
    str(int(tp_counts.get("after_applying", 0))),
    f"no answer {s.cadence_days}+ days after applying, not followed up yet",
)
ui.card(
    c3,
    "After an intro call",
    str(int(tp_counts.get("after_intro_call", 0))),
    "no follow-up logged after the call",
)
ui.card(
    c4,
    "Thank-you notes",
    str(int(tp_counts.get("after_interview", 0))),
    "interviews without a thank-you logged",
)

show = due.copy()
for c in show.columns:
    if pd.api.types.is_datetime64_any_dtype(show[c].dtype):
        show[c] = show[c].dt.date
cols = [
    c
    for c in (
        "urgency",
        "action",
        "company",
        "role",
        "participant",
        "due_on",
        "days_overdue",
        "note",
    )
    if c in show.columns
]
if "participant" in cols and len(view.participants) <= 1:
    cols.remove("participant")
cols = [
    c for c in cols if c in ("urgency", "action", "due_on", "days_overdue") or show[c].notna().any()
]
for c in ("company", "role", "participant"):
    if c in cols:  # a blank cell, not the word "None"
        show[c] = show[c].astype("object").where(show[c].notna(), "")
shared_note = ""
if "note" in cols:
    notes = set(show["note"].astype(str).str.strip())
    if notes <= {""}:
        cols.remove("note")
    elif len(notes) == 1:  # the same note on every row: say it once instead of a cut-off column
        shared_note = notes.pop()
        cols.remove("note")
if shared_note:
    st.caption(f"For every row: {ui.escape_md(shared_note)}.")
ui.show_table(
    show[cols],
    height=min(35 * (len(show) + 1) + 3, 640),
    column_config={
        # fixed widths so a long job title cannot push "Days overdue" out of sight
        "urgency": st.column_config.Column("Urgency", width="small"),
        "action": st.column_config.Column("What to do", width="medium"),
        "company": st.column_config.Column("Company", width="medium"),
        "role": st.column_config.Column("Role", width="medium"),
        "participant": st.column_config.Column("Participant", width="small"),
        "due_on": st.column_config.DateColumn("Due on", width="small"),
        "days_overdue": st.column_config.NumberColumn("Days overdue", width="small"),
        "note": st.column_config.Column("Note", width="medium"),
    },
)

d1, d2 = st.columns(2)
d1.download_button(
    "Add to my calendar (.ics)",
    data=lambda: to_ics_bytes(due),
    file_name="followups.ics",
    mime="text/calendar",
    icon=":material/event:",
    width="stretch",
)
d2.download_button(
    "Download as CSV",
    data=lambda: to_csv_bytes(show[cols]),
    file_name="followups.csv",
    mime="text/csv",
    icon=":material/download:",
    width="stretch",
)
st.caption(
    "The calendar file has one all-day event per follow-up on its due date. Files are made "
    "in your browser session only when you click." + ghost_note
)
