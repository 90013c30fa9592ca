"""Follow up today: who to write to now, the last useful day first; Done, Snooze, a message.

Everything below the page's title is one fragment (``st.fragment``): a Done, a Snooze, a
message opened or "show more" reruns only that part, with the session's edit log applied
(``ui.state.refreshed_view``), not the sidebar and the whole app.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from analysis import reminders
from analysis.messages import draft, mailto
from data.edits import Edit, snoozes
from data.export import to_csv_bytes, to_ics_bytes
from ui import components as ui
from ui.state import (
    NO_APPLICATIONS_YET,
    View,
    add_edits,
    no_applications_yet,
    person_extra,
    presenter_on,
    presenter_snoozes,
    refreshed_view,
    require_view,
)

#: Rows shown with Done / Snooze / message at a time (the rest are in the table below).
PAGE_SIZE = 8
#: Which edit marks each step's follow-up as done.
DONE_FIELD = {
    "after_applying": "followup_after_apply",
    "after_intro_call": "followup_after_intro",
    "after_interview": "thank_you_after_interview",
}
SNOOZE_DAYS = (1, 3, 7)
#: The action in a few words, for the table.
SHORT_ACTION = {
    "after_applying": "Follow up",
    "after_intro_call": "Note after the call",
    "after_interview": "Thank-you note",
}

view = require_view()
st.title("Follow up today")
s = view.settings
st.caption(
    f"{view.source_label} · {view.as_of_text} · follow up {s.cadence_days} days after "
    "applying without an answer; a note after an intro call or an interview is due the next "
    "day (change the cadence in the sidebar)."
)

if len(view.resolved) == 0:
    st.info(
        NO_APPLICATIONS_YET
        if no_applications_yet(view)
        else "No applications in this view, so nothing to follow up.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

if not view.has_dates:
    st.info(
        "Your log has no dates, so no follow-up can be due: log the date you applied (and the "
        "date you heard back) to get reminders here.",
        icon=":material/event_busy:",
    )
    st.stop()


# ---------------------------------------------------------------- edits
def _done(sid: str, row: str, tp: str, on: dt.date) -> None:
    add_edits(sid, Edit(row, DONE_FIELD[tp], on))


def _snooze(sid: str, row: str, tp: str, until: dt.date) -> None:
    add_edits(sid, Edit(row, f"snooze:{tp}", until))


def _text(v: object) -> str:
    return "" if v is None or pd.isna(v) else str(v)


# ---------------------------------------------------------------- numbers
def _notes(v: View, snoozed: dict) -> str:
    """Why some applications are not listed (ghosted, past the last useful day, snoozed)."""
    s = v.settings
    too_late = reminders.too_late_count(
        v.resolved, s.as_of, cadence_days=s.cadence_days, ghost_after_days=s.ghost_after_days
    )
    n_snoozed = len({row for (row, _), until in snoozed.items() if until > s.as_of})
    ghosted = int(v.resolved["outcome"].astype("object").eq("ghosted").sum())
    notes = []
    if ghosted:
        notes.append(
            f"{ghosted:,} application{'s' if ghosted != 1 else ''} count as no answer (ghosted: "
            f"no news for {s.ghost_after_days} days, or marked so in your log) and are not "
            "listed."
        )
    if too_late:
        notes.append(
            f"{too_late:,} follow-up{'s are' if too_late != 1 else ' is'} past the last useful "
            "day (a note more than a few days after a call or interview no longer counts as "
            "following up on it) and not listed."
        )
    if n_snoozed:
        notes.append(
            f'{n_snoozed:,} snoozed (in the app or in your log\'s "Snoozed until" column): '
            "they come back on the day you picked."
        )
    return " ".join(notes)


def _nothing_due(v: View) -> str:
    """Why the list is empty, in words true for this log (one without answers included)."""
    waiting = int(v.resolved["outcome"].astype("object").eq("pending").sum())
    if waiting:
        head = (
            f"Nothing to follow up today: none of your {waiting:,} open application"
            f"{'s' if waiting != 1 else ''} (no final answer yet) is due today (answered or "
            "followed up already, too recent for your follow-up cadence, snoozed, or past the "
            "last useful day)."
        )
    else:
        head = (
            "Nothing to follow up today: no application is open (each was answered, withdrawn "
            "or counts as no answer)."
        )
    if not v.tracks_answers:
        head += (
            " Your log does not record employers' answers, so an application counts as "
            f"waiting until {v.settings.ghost_after_days} days without news, then as no answer."
        )
    return head


def _cards(due: pd.DataFrame, cadence_days: int) -> None:
    tp_counts = due["touchpoint"].astype(str).value_counts()
    last_day = int((due["days_left"] == 0).sum())
    c1, c2, c3, c4 = st.columns(4)
    ui.card(
        c1,
        "Follow-ups due",
        f"{len(due):,}",
        f"{last_day} on their last useful day today" if last_day else "none on its last useful day",
    )
    ui.card(
        c2,
        "After applying",
        str(int(tp_counts.get("after_applying", 0))),
        f"no answer {cadence_days}+ days after applying, not followed up yet",
    )
    ui.card(
        c3,
        "After a call",
        str(int(tp_counts.get("after_intro_call", 0))),
        "no note logged after the call",
    )
    ui.card(
        c4,
        "Thank-yous",
        str(int(tp_counts.get("after_interview", 0))),
        "interviews without a thank-you logged",
    )


def _with_contacts(due: pd.DataFrame, extra: pd.DataFrame) -> pd.DataFrame:
    """The log's contact column, by row, from ``extra`` (which has none when presenting: see
    :func:`due_today`)."""
    if len(extra) and "contact" in extra.columns and due["contact"].isna().all():
        contacts = extra.drop_duplicates("row").set_index("row")["contact"]
        due = due.assign(contact=due["row"].map(contacts).astype("string"))
    return due


def _log_snoozes(extra: pd.DataFrame) -> dict[tuple[str, str], dt.date]:
    """Snoozes the log itself keeps (its "Snoozed until" column, written by the download):
    the row's reminders, whichever step, stay hidden until then. When presenting, ``extra``
    holds the snoozes only, keyed as the anonymised rows are (see :func:`due_today`)."""
    if "snoozed_until" not in extra.columns:
        return {}
    dated = extra.dropna(subset=["snoozed_until"])
    return {
        (str(row), tp): dt.date.fromisoformat(str(until))
        for row, until in zip(dated["row"], dated["snoozed_until"], strict=True)
        for tp in DONE_FIELD
    }


# ---------------------------------------------------------------- one row at a time
def _message(r: Any, company: str, role: str) -> None:
    """The message for one follow-up, drawn only while its expander is open."""
    box = st.expander("Message", key=f"ft_msg_open_{r.row}_{r.touchpoint}", on_change="rerun")
    if not box.open:
        return
    with box:
        msg = draft(r.touchpoint, company=company, role=role)
        body = st.text_area(
            "Your message (edit it here)",
            value=msg.body,
            height=180,
            key=f"ft_msg_{r.row}_{r.touchpoint}",
        )
        st.caption("Copy it with the button at the top right of the box below.")
        st.code(f"Subject: {msg.subject}\n\n{body}", language=None, wrap_lines=True)
        link = mailto(_text(r.contact), msg.subject, body)
        if link:
            st.link_button("Open in my mail program", link, icon=":material/mail:", width="content")


def _one_row(v: View, i: int, r: Any, done_on: dt.date, snooze_days: int) -> None:
    presenter = presenter_on()
    company, role = _text(r.company), _text(r.role)
    with st.container(border=True):
        a, b = st.columns([4, 1], vertical_alignment="center")
        who = "an application" if presenter else (company or "(no company)")
        a.markdown(f"**{ui.escape_md(r.urgency)}** · {ui.escape_md(str(r.action).capitalize())}")
        a.text(f"{who}{'' if presenter or not role else ' — ' + role}")
        a.caption(
            f"due {r.due_on:%d %b} · last useful day {r.last_useful_on:%d %b}"
            + (f" · {ui.escape_md(r.note)}" if r.note else "")
        )
        b.button(
            "Done",
            key=f"ft_done_{i}_{r.row}_{r.touchpoint}",
            on_click=_done,
            args=(v.source_id, r.row, r.touchpoint, done_on),
            icon=":material/check:",
            width="stretch",
            disabled=presenter,  # the anonymised rows' ids are not the log's: no edits
        )
        b.button(
            "Snooze",
            key=f"ft_snooze_{i}_{r.row}_{r.touchpoint}",
            on_click=_snooze,
            args=(
                v.source_id,
                r.row,
                r.touchpoint,
                v.settings.as_of + dt.timedelta(days=int(snooze_days)),
            ),
            icon=":material/snooze:",
            width="stretch",
            help=f"Hide it for {snooze_days} days",
            disabled=presenter,
        )
        if not presenter:
            _message(r, company, role)


def _most_urgent(v: View, due: pd.DataFrame) -> None:
    s = v.settings
    st.subheader("Most urgent first")
    top = st.columns([2, 2, 3])
    done_on = top[0].date_input(
        "Done on",
        value=s.as_of,
        max_value=max(s.as_of, dt.date.today()),
        key=f"ft_done_on_{v.source_id}",
        help="The date a follow-up you mark Done was sent (today unless you pick another).",
    )
    snooze_days = top[1].selectbox(
        "Snooze for",
        SNOOZE_DAYS,
        index=1,
        format_func=lambda d: f"{d} day{'s' if d != 1 else ''}",
        key="ft_snooze_days",
    )
    shown_key = f"ft_due_shown_{v.source_id}"
    shown = int(st.session_state.get(shown_key, PAGE_SIZE))
    for i, r in enumerate(due.head(shown).itertuples(index=False)):
        _one_row(v, i, r, done_on, int(snooze_days))
    if len(due) > shown:
        st.button(
            f"Show {min(PAGE_SIZE, len(due) - shown)} more ({len(due) - shown} not shown)",
            on_click=lambda: st.session_state.__setitem__(shown_key, shown + PAGE_SIZE),
            key="ft_due_more",
        )


# ---------------------------------------------------------------- the whole list
def _list_columns(v: View, show: pd.DataFrame) -> tuple[list[str], str]:
    """The columns worth showing, and a note that is the same on every row (said once)."""
    names = (
        "urgency",
        "action",
        "company",
        "role",
        "participant",
        "contact",
        "last_useful_on",
        "due_on",
        "note",
    )
    cols = [c for c in names if c in show.columns]
    if "participant" in cols and len(v.participants) <= 1:
        cols.remove("participant")
    if presenter_on():
        cols = [c for c in cols if c not in ("company", "role", "participant", "contact")]
    keep = ("urgency", "action", "due_on", "last_useful_on")
    cols = [c for c in cols if c in keep or show[c].notna().any()]
    shared_note = ""
    if "note" in cols:
        note_set = set(show["note"].astype(str).str.strip())
        if note_set <= {""}:
            cols.remove("note")
        elif len(note_set) == 1:  # the same note on every row: say it once
            shared_note = note_set.pop()
            cols.remove("note")
    return cols, shared_note


def _whole_list(v: View, due: pd.DataFrame) -> None:
    st.subheader(f"All {len(due):,} due")
    show = due.assign(action=due["touchpoint"].map(SHORT_ACTION))
    cols, shared_note = _list_columns(v, show)
    for c in ("company", "role", "participant", "contact"):
        if c in cols:  # a blank cell, not the word "None"
            show[c] = show[c].astype("object").where(show[c].notna(), "")
    if shared_note:
        st.caption(f"For every row: {ui.escape_md(shared_note)}.")
    ui.show_table(
        show[cols],
        height=min(35 * (len(show) + 1) + 3, 640),
        # fixed widths so a long job title cannot push the dates out of sight
        column_config={
            "urgency": st.column_config.Column("Urgency", width=130, pinned=True),
            "action": st.column_config.Column("What to do", width=140),
            "company": st.column_config.Column("Company", width=150),
            "role": st.column_config.Column("Role", width=150),
            "participant": st.column_config.Column("Participant", width=110),
            "contact": st.column_config.Column("Contact", width=190),
            "last_useful_on": st.column_config.DateColumn("Last useful day", width=125),
            "due_on": st.column_config.DateColumn("Due on", width=105),
            "note": st.column_config.Column("Note", width=200),
        },
    )
    # overdue follow-ups go on today's date: a calendar of past events reminds nobody
    as_of = v.settings.as_of
    cal = due.assign(due_on=[max(d, as_of) for d in due["due_on"]])
    if presenter_on():
        cal = cal.drop(columns=["company", "role", "participant"])
    d1, d2 = st.columns(2)
    d1.download_button(
        "Add to my calendar (.ics)",
        data=lambda: to_ics_bytes(cal),
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
        "The calendar file has one all-day event per follow-up: on its due date, or today when "
        "it is overdue. Files are made in your browser session only when you click; messages "
        "are never sent by this app."
    )


@st.fragment
def due_today() -> None:
    """The cards, the most urgent follow-ups and the whole list, for the current edit log."""
    v = refreshed_view(view)
    s = v.settings
    # the log's own contact, notes and snooze columns; when presenting its snoozes only
    # (contacts and notes can carry names), decided here once for both helpers below
    extra = presenter_snoozes() if presenter_on() else person_extra()
    snoozed = {**_log_snoozes(extra), **snoozes(v.edits)}  # a snooze made now wins
    due = reminders.due_followups(
        v.resolved,
        s.as_of,
        cadence_days=s.cadence_days,
        ghost_after_days=s.ghost_after_days,
        snoozed=snoozed,
    )
    if len(due) == 0:
        st.success(_nothing_due(v) + " " + _notes(v, snoozed), icon=":material/task_alt:")
        return
    _cards(due, s.cadence_days)
    notes = _notes(v, snoozed)  # after the cards: the numbers first
    if notes:
        st.caption(notes)
    due = _with_contacts(due, extra)
    _most_urgent(v, due)
    _whole_list(v, due)


due_today()
