"""Weekly rhythm: applications and follow-ups per week against a goal, streak, what gets answers."""

from __future__ import annotations

import streamlit as st

from analysis import consistency
from analysis.responses import response_breakdown
from ui import components as ui
from ui.mapping import unread_notes
from ui.state import presenter_on, require_view
from viz import figures

view = require_view()
st.title("Weekly rhythm")
st.caption(f"{view.source_label} · {view.as_of_text}")
resolved = view.resolved
if len(resolved) == 0:
    st.info(
        "No applications in this view. Widen the date range in the sidebar.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

weekly = consistency.weekly_activity(resolved)
_notes = unread_notes(view.result.report, ["applied_on", "followup_after_apply_on"])
if _notes and not presenter_on():  # column headers can carry names
    st.caption(ui.escape_md(" ".join(_notes)))
if "date_precision" in resolved.columns:
    _month_only = int(resolved["date_precision"].eq("month").sum())
    if _month_only:
        st.caption(
            f"{_month_only:,} application{'s' if _month_only != 1 else ''} dated only to the "
            "month (e.g. 2025-08) are counted in your totals but not placed on a week."
        )
if len(weekly) == 0:
    st.info(
        "Your log has no application dates, so there is no weekly rhythm to show: log the "
        "date you applied to see it.",
        icon=":material/event_busy:",
    )
else:
    goal = st.columns([1, 2])[0].number_input(
        "My weekly goal (applications per week)",
        min_value=1,
        max_value=200,
        value=10,
        step=1,
        key="ft_goal",
    )
    streak = consistency.current_streak(weekly, int(goal), view.settings.as_of)
    c1, c2, c3 = st.columns(3)
    ui.card(
        c1,
        "Current streak",
        f"{streak} week{'s' if streak != 1 else ''}",
        f"weeks in a row with at least {int(goal)} applications",
    )
    ui.card(
        c2,
        "Applications per week",
        f"{weekly['applications'].mean():.1f}",
        f"average over {len(weekly)} weeks",
    )
    fu_cols = [
        c
        for c in (
            "followed_after_applying",
            "followed_after_intro_call",
            "followed_after_interview",
        )
        if c in resolved.columns
    ]
    tracks_followups = any(resolved[c].notna().any() for c in fu_cols)
    if tracks_followups:
        ui.card(
            c3,
            "Follow-ups per week",
            f"{weekly['followups'].mean():.1f}",
            f"average over {len(weekly)} weeks",
        )
    else:
        # a dash, not the words: "not tracked" is clipped in a third of the page at 1024 px
        ui.card(c3, "Follow-ups per week", "—", f"{ui.NOT_TRACKED_SHORT}: {ui.NO_COLUMN}")
    if len(view.participants) > 1 and view.settings.participant is None:
        st.caption(
            "Counts are for everyone together; pick a participant in the sidebar to see "
            "one person's rhythm against the goal."
        )
    ui.plot(figures.weekly_activity_figure(weekly, int(goal), followups=tracks_followups))

st.header("What gets answers")
if not view.tracks_answers:
    ui.show_no_answers(
        view.result.report, presenting=presenter_on(), icon=":material/visibility_off:"
    )
    st.stop()
st.caption(
    "Response rate = answered (invite or rejection) out of applications whose answer is known; "
    "applications still waiting are left out. Only groups with at least 3 known answers are "
    "ranked. " + ui.ASSOCIATED_NOTE
)
groups = [("source", "source"), ("company", "company"), ("role", "role")]
recorded = {col: col in resolved.columns and bool(resolved[col].notna().any()) for col, _ in groups}
groups.sort(key=lambda g: not recorded[g[0]])  # what the log records first (stable order)
tabs = st.tabs([f"By {label}" for _, label in groups])
for tab, (col, label) in zip(tabs, groups, strict=False):
    with tab:
        if not recorded[col]:
            st.info(f"Your log does not record the {label}.", icon=":material/bar_chart_off:")
            continue
        table = response_breakdown(resolved, col, top=10, min_n=3)
        if len(table) == 0:
            st.info(
                f"Not enough answers yet: no {label} has 3 applications with a known answer.",
                icon=":material/bar_chart_off:",
            )
            continue
        event = ui.plot(figures.breakdown_figure(table, label), key=f"brk_{col}", select=True)
        picked = ui.selected_values(event)
        if picked:
            sel = resolved[resolved[col].astype("object").isin(picked).to_numpy()]
            st.subheader(f"Applications for the selected {label}")
            ui.show_table(ui.applications_table(sel), column_config=ui.table_config())
        else:
            show = table.assign(
                rate=table["rate"] * 100, lo=table["lo"] * 100, hi=table["hi"] * 100
            )
            ui.show_table(
                show,
                column_config={
                    "group": st.column_config.Column(label.capitalize()),
                    "applications": st.column_config.NumberColumn("Applications"),
                    "known": st.column_config.NumberColumn("Answer known"),
                    "answered": st.column_config.NumberColumn("Answered"),
                    "rate": st.column_config.NumberColumn("Response rate", format="%.0f%%"),
                    "lo": st.column_config.NumberColumn("95% CI low", format="%.0f%%"),
                    "hi": st.column_config.NumberColumn("95% CI high", format="%.0f%%"),
                },
            )
            st.caption("Click a bar to list its applications.")
