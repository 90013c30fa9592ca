"""Presentation: the workshop's findings one per screen, large type, no raw tables.

For a projector at 1024×768 or 1280×720: a segmented control (or Previous / Next) picks the
screen; each shows one finding in words and its chart. Turn presenter mode on in the
sidebar first: then no name appears anywhere.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from ui import components as ui
from ui import workshop as ws
from ui.state import presenter_on, require_view

KEY_SLIDE = "ft_slide"

view = require_view()
people = sorted({str(p) for p in view.applications["participant"].dropna().unique()})
if len(people) < 2:
    st.title("Presentation")
    st.info(
        "The presentation is for a workshop: it needs the logs of two or more participants.",
        icon=":material/groups:",
    )
    st.stop()
if not presenter_on():
    st.warning(
        "Presenter mode is off: participants' names may show. Turn it on in the sidebar "
        "before projecting.",
        icon=":material/co_present:",
    )

content = ws.content_for(view)
#: (screen name, title, verdict word, sentences, figure, note)
Screen = tuple[str, str, str, list[str], go.Figure | None, str]
screens: list[Screen] = [
    (
        "Overview",
        f"{len(people)} participants, {content.applications:,} applications",
        "",
        [f"{s.label}: {s.word}" for s in content.steps],
        None,
        "Associated, not caused: participants who follow up may differ in other ways too.",
    )
]
for s in content.steps:
    screens.append((s.label, s.label, s.word, [s.headline], s.figure, s.secondary))
for f in content.figures:
    if f.title.startswith(("Consistency", "Thank-you", "Before and after")):
        short = f.title.split(" (")[0]
        screens.append((short, short, "", [], f.figure, f.note))
names = [t for t, *_ in screens]
if st.session_state.get(KEY_SLIDE) not in names:
    st.session_state[KEY_SLIDE] = names[0]


def _step(by: int) -> None:
    i = names.index(st.session_state.get(KEY_SLIDE, names[0]))
    st.session_state[KEY_SLIDE] = names[max(0, min(len(names) - 1, i + by))]


nav = st.columns([2, 2, 7], vertical_alignment="bottom")
nav[0].button("Back", on_click=_step, args=(-1,), icon=":material/arrow_back:", width="content")
nav[1].button("Next", on_click=_step, args=(1,), icon=":material/arrow_forward:", width="content")
nav[2].selectbox(
    "Screen",
    names,
    key=KEY_SLIDE,
    format_func=lambda n: f"{names.index(n) + 1} of {len(names)}: {n}",
    label_visibility="collapsed",
)

_, title, word, sentences, fig, note = screens[names.index(st.session_state[KEY_SLIDE])]
st.title(title, anchor=False)
if word:
    st.header(ws.verdict_colour_text(word), anchor=False)
for sentence in sentences:
    st.subheader(sentence, anchor=False)
if fig is not None:
    big = go.Figure(fig)
    big.update_layout(font={"size": 16}, title={"font": {"size": 19}})
    ui.plot(big, key=f"slide_{title[:20]}")
if note:
    st.markdown(f"#### {ui.escape_md(note)}")
st.caption("Collapse the sidebar («) for more room on a projector.")
