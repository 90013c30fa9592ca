"""Pipeline: where applications went, as a Sankey, with a SankeyMATIC export."""

from __future__ import annotations

import streamlit as st

from analysis.pipeline import pipeline_links
from data.export import sankeymatic_text
from ui import components as ui
from ui.state import presenter_on, require_view
from viz import figures

view = require_view()
st.title("Pipeline")
st.caption(
    f"{view.source_label} · {view.as_of_text} · pending applications "
    f"count as ghosted after {view.settings.ghost_after_days} days without news"
)
if len(view.resolved) == 0:
    st.info("No applications in this view.", icon=":material/filter_alt_off:")
    st.stop()

if not view.tracks_answers:
    ui.show_no_answers(
        view.result.report, presenting=presenter_on(), icon=":material/visibility_off:"
    )
    st.stop()

links = pipeline_links(view.resolved)
ui.plot(figures.pipeline_sankey_figure(links))
st.caption(
    "Each application flows to the furthest stage it reached, then to how it ended: offer, "
    "rejected, withdrawn, ghosted (no news for the ghosting period) or still pending. "
    "A rejection after an interview still counts as an interview."
)
ui.show_table(
    links.rename(columns={"source": "From", "target": "To", "value": "Applications"}),
    height=35 * (len(links) + 1) + 3,
)
if not view.has_dates:
    pending = int(view.resolved["outcome"].astype("object").eq("pending").sum())
    st.caption(
        f"Your log has no dates, so no application can count as ghosted: the {pending:,} "
        "without a final answer show as pending."
    )
text = sankeymatic_text(links)
# a code block loads its highlighter in the browser (a quarter of a second of CPU per
# visitor): drawn only when asked for
if st.toggle("Show the SankeyMATIC text, to copy", key="pipeline_sankeymatic_text"):
    st.code(text, language=None)
st.download_button(
    "Download for SankeyMATIC (.txt)",
    data=text.encode("utf-8"),
    file_name="pipeline_sankeymatic.txt",
    mime="text/plain",
    icon=":material/download:",
)
