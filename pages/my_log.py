"""My log: the applications, editable; every page updates at once; the log handed back."""

from __future__ import annotations

import streamlit as st

from data.edits import STATUS_CHOICES, Edit
from ui import components as ui
from ui import log_editor as le
from ui.state import add_edits, person_extra, presenter_on, require_view

view = require_view()
st.title("My log")
presenter = presenter_on()
if presenter:
    st.info(
        "Presenter mode is on: your log is not shown here (it holds names). "
        "Turn presenter mode off to edit or download it.",
        icon=":material/visibility_off:",
    )
    st.stop()

edited = view.edited if view.edited is not None else view.applications
st.caption(
    f"{view.source_label} · {len(edited):,} applications. Mark follow-ups, answers, status and "
    "notes here: every page updates at once. Your file itself changes only when you download "
    "it below (or Save, when the app was started on it)."
)

le.download_section(view)

# ---------------------------------------------------------------- the table
table = le.editor_frame(edited, limit=le.ROW_LIMIT, extra=person_extra())
if len(edited) > le.ROW_LIMIT:
    st.caption(
        f"Showing the {le.ROW_LIMIT:,} most recent applications of {len(edited):,}; narrow "
        "the 'Applied between' filter in the sidebar to reach older ones."
    )
key = f"ft_log_editor_{view.source_id}_{len(view.edits)}"
st.data_editor(
    table,
    key=key,
    hide_index=True,
    width="stretch",
    placeholder=ui.MISSING_CELL,
    height=min(36 * (max(len(table), 1) + 1) + 3, 560),  # room for the "empty" row
    disabled=["company", "role", "applied_on", "stage"],
    column_order=[
        "company",
        "role",
        "applied_on",
        "followed_up",
        "followed_up_on",
        "after_call",
        "thank_you",
        "answer_on",
        "status",
        "notes",
    ],
    column_config=le.column_config(),
)
new_edits = le.edits_from_state(st.session_state.get(key), table)
if new_edits:
    add_edits(view.source_id, *new_edits)
    st.rerun()

# ---------------------------------------------------------------- a new application
with st.form("ft_new_application", clear_on_submit=True, border=True):
    st.markdown("**Add an application**")
    # two rows of two: the date and the status stay whole on a 1024 px screen
    a, b = st.columns(2)
    c, d = st.columns(2)
    company = a.text_input("Company")
    role = b.text_input("Role")
    applied = c.date_input("Applied on", value=view.settings.as_of)
    status = d.selectbox("Status", STATUS_CHOICES, index=0)
    if st.form_submit_button("Add to my log", icon=":material/add:"):
        if not company.strip() and not role.strip():
            st.warning("Give the company or the role, so you can find it again.")
        else:
            n = 1 + sum(1 for e in view.edits if e.field == "new")
            add_edits(
                view.source_id,
                Edit(
                    f"new:{n}",
                    "new",
                    {"company": company, "role": role, "applied_on": applied, "status": status},
                ),
            )
            st.rerun()

if view.edits:
    st.caption(
        f"{len(view.edits)} change{'s' if len(view.edits) != 1 else ''} made in this session."
    )
    if st.button("Undo my last change", icon=":material/undo:"):
        le.undo_last(view.source_id)
        st.rerun()
