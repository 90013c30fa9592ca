"""Import check: what was read, how columns were understood (and correcting that), what was
left out."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from data.export import cells_with_controls, controls_note, to_xlsx_bytes
from data.schema import APPLICATION_COLUMNS
from ui import components as ui
from ui.mapping import (
    KEEP_LABEL,
    changed_mapping,
    chosen_values,
    describe_override,
    label_options,
    left_out_lines,
    mapping_table,
    meaning_options,
    value_choices,
)
from ui.state import (
    KEY_MAPPING,
    KEY_PARTICIPANTS_FROM,
    KEY_VALUES,
    mapping_override,
    presenter_notice,
    presenter_on,
    require_view,
    value_override,
)

view = require_view()
presenting = presenter_on()  # view.result is anonymised then; the mapping editor is hidden
report = view.result.report
apps = view.result.applications
st.title("Import check")
st.caption(
    f"{view.source_label}: "
    + ", ".join(ui.escape_md(f) for f in report.files or ["(no file names)"])
)

c1, c2, c3, c4 = st.columns(4)
ui.card(c1, "Rows read", f"{report.rows_read:,}", "non-blank data rows in your file(s)")
ui.card(c2, "Rows analysed", f"{report.rows_analysed:,}", f"{len(apps):,} applications")
ui.card(
    c3,
    "Rows excluded",
    f"{report.rows_excluded:,}",
    "listed below with the reason" if report.rows_excluded else "nothing left out",
)
if report.sheets_used or report.sheets_skipped:
    ui.card(
        c4,
        "Sheets used",
        f"{len(report.sheets_used)}",
        f"{len(report.sheets_skipped)} skipped (see below)"
        if report.sheets_skipped
        else "none skipped",
    )
else:
    ui.card(c4, "Files", f"{len(report.files)}", "text files (no sheets)")

for w in report.warnings:
    st.warning(ui.escape_md(w), icon=":material/warning:")

if report.sheets_used or report.sheets_skipped:
    st.subheader("Sheets")
    rows = [(f, s, "used", "") for f, s in report.sheets_used]
    rows += [(f, s, "skipped", why) for f, s, why in report.sheets_skipped]
    ui.show_table(
        pd.DataFrame(rows, columns=["File", "Sheet", "Used?", "Why skipped"]),
        column_config={"Why skipped": st.column_config.TextColumn("Why skipped", width="large")},
    )

# ---------------------------------------------------------------- whose rows
PARTICIPANT_SOURCES = {
    "auto": "Detect automatically",
    "column": "From a participant column",
    "sheet": "One sheet per person",
    "file": "One file per person",
}


def _set_participants_from() -> None:
    st.session_state[KEY_PARTICIPANTS_FROM] = st.session_state["ft_pf_radio"]


if not view.is_demo and not presenting:
    current_pf = str(st.session_state.get(KEY_PARTICIPANTS_FROM) or "auto")
    st.radio(
        "Whose applications are these? (for a coach's workshop logs)",
        list(PARTICIPANT_SOURCES),
        index=list(PARTICIPANT_SOURCES).index(current_pf)
        if current_pf in PARTICIPANT_SOURCES
        else 0,
        format_func=PARTICIPANT_SOURCES.get,
        horizontal=True,
        key="ft_pf_radio",
        on_change=_set_participants_from,
    )

# ---------------------------------------------------------------- column mapping
#: A very wide file lists its first columns left out here; the table above has them all.
MAX_LEFT_OUT_LISTED = 25
st.subheader("How your columns were understood")
if presenting:
    presenter_notice("how each column as written was read (the headers can carry names)")
elif not report.mappings:
    st.info("No column mapping was reported for this data.", icon=":material/info:")
else:
    mp = mapping_table(report.mappings)  # one row per header as written, fields as labels
    if view.is_demo:
        st.caption(
            "The demo's columns are shown read-only. Upload your own log to correct a mapping."
        )
    else:
        st.caption(
            "Wrong guess? Pick what a column holds and re-run the import. "
            "'Ignore this column' leaves it out; 'Status (free text)' reads status words."
        )
    one_source = mp["where"].nunique() <= 1
    edited = st.data_editor(
        mp,
        hide_index=True,
        width="stretch",
        key="ft_mapping_editor",
        placeholder=ui.MISSING_CELL,
        disabled=view.is_demo or ["column", "where", "confidence", "how"],
        column_order=["column", "field", "confidence", "how"] + ([] if one_source else ["where"]),
        height=min(35 * (len(mp) + 1) + 3, 760),
        column_config={
            "column": st.column_config.TextColumn("Column as written", width="medium"),
            "field": st.column_config.SelectboxColumn(
                "Read as", options=label_options(), required=True, width="large"
            ),
            "where": st.column_config.TextColumn("Found in"),
            "confidence": st.column_config.NumberColumn("Confidence", format="%d%%"),
            "how": st.column_config.TextColumn("Recognised by"),
        },
    )
    if not view.is_demo:
        changed = changed_mapping(edited, mp)
        current = mapping_override()
        if st.button(
            "Re-run import with this mapping",
            icon=":material/refresh:",
            disabled=not changed,
            type="primary",
        ):
            st.session_state[KEY_MAPPING] = {**current, **changed}
            st.rerun()
        if current:
            st.caption("Corrections in use: " + ui.escape_md(describe_override(current)))
            if st.button("Forget my corrections", icon=":material/undo:"):
                st.session_state[KEY_MAPPING] = {}
                st.rerun()
    left_out = left_out_lines(mp)
    if left_out:  # every column with something in it is read, or said here with its values
        more = len(left_out) - MAX_LEFT_OUT_LISTED
        st.markdown(
            "**Columns left out**, with their first values:\n"
            + "\n".join(f"- {ui.escape_md(line)}" for line in left_out[:MAX_LEFT_OUT_LISTED])
            + (f"\n- and {more:,} more (each is in the table above)" if more > 0 else "")
        )

# ---------------------------------------------------------------- values not understood
MAX_VALUE_CHOICES = 15
unread = list(getattr(report, "unread", []))
current_values = value_override()
if unread:
    st.subheader("Values we could not read")
elif current_values:
    st.subheader("Meanings you gave to values")
if presenting and (unread or current_values):
    presenter_notice("the values the importer could not read (they can carry names)")
    unread, current_values = [], {}
if unread:
    st.caption(
        "These columns hold values the importer does not know. They were not dropped: each "
        "line says what was assumed. Tell us what a value means and the import re-runs."
    )
    # one sentence a column, wrapped: a table clipped what was assumed at 1024 px
    st.markdown("\n".join(f"- {ui.escape_md(u.sentence())}" for u in unread))
    choices = value_choices(unread, current_values)
    if not view.is_demo and len(choices):
        shown = choices.head(MAX_VALUE_CHOICES)
        options = meaning_options()
        with st.form("ft_values_form", border=True):
            st.markdown("**What do these values mean?**")
            picks = {}
            for i, row in enumerate(shown.itertuples(index=False)):
                picks[row.value] = st.selectbox(
                    f"{ui.escape_md(row.value)} — in column {ui.escape_md(row.column)} "
                    f"({row.cells:,} cells)",
                    options,
                    index=options.index(row.means) if row.means in options else 0,
                    key=f"ft_value_pick_{i}",
                )
            submitted = st.form_submit_button(
                "Re-run import with these meanings", icon=":material/refresh:", type="primary"
            )
        if len(choices) > len(shown):
            st.caption(
                f"The {len(shown)} most frequent values are offered here; "
                f"{len(choices) - len(shown)} more can be renamed in your file."
            )
        picked = chosen_values(pd.DataFrame({"value": list(picks), "means": list(picks.values())}))
        if submitted and picked:
            st.session_state[KEY_VALUES] = {**current_values, **picked}
            st.rerun()
        st.caption(f"Leave '{KEEP_LABEL}' where the assumption above is right.")
if current_values:
    st.caption(
        "Meanings in use: "
        + ui.escape_md(", ".join(f"{k} → {v.replace('_', ' ')}" for k, v in current_values.items()))
    )
    if st.button("Forget my meanings", icon=":material/undo:"):
        st.session_state[KEY_VALUES] = {}
        st.rerun()

# ---------------------------------------------------------------- exclusions and doubts
st.subheader("Rows not analysed")
ex = report.excluded_frame()
if len(ex) == 0:
    st.success("Every row was analysed.", icon=":material/task_alt:")
else:
    ui.show_table(
        ex,
        column_config={
            "file": st.column_config.Column("File"),
            "sheet": st.column_config.Column("Sheet"),
            "row": st.column_config.NumberColumn("Row", format="%d"),
            "reason": st.column_config.Column("Why"),
        },
    )

if report.ambiguous_dates:
    st.subheader("Dates that could be read two ways")
    ui.show_table(pd.DataFrame({"What we decided": report.ambiguous_dates}))
if report.unknown_status_words:
    st.subheader("Status words we did not recognise")
    st.caption(
        "These rows were read as still pending. If a word means something else, rename it in "
        "your file, or map the column differently above."
    )
    ui.show_table(
        pd.DataFrame(
            sorted(report.unknown_status_words.items(), key=lambda kv: -kv[1]),
            columns=["Status as written", "Rows"],
        )
    )

# ---------------------------------------------------------------- cleaned log
st.subheader("The cleaned log")
cols = [c for c in APPLICATION_COLUMNS if c in apps.columns]
ui.show_table(ui.applications_table(apps).head(200), column_config=ui.table_config())
if len(apps) > 200:
    st.caption(f"First 200 of {len(apps):,} applications shown; the download has all of them.")
st.download_button(
    "Download the cleaned log (.xlsx)",
    data=lambda: to_xlsx_bytes({"Applications": apps[cols], "Excluded rows": ex}),
    file_name="followthrough_cleaned_log.xlsx",
    icon=":material/download:",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
_controls = controls_note(cells_with_controls(apps[cols]) + cells_with_controls(ex))
if _controls:
    st.caption(_controls)
