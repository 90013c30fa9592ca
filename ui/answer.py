"""The answer first: one sentence per step with its verdict, its numbers and its chart.

The top of My follow-up. Every word of it comes from the one verdict object per step
(``analysis.verdict.StepVerdict``, via ``ui.state.view_verdicts``); this module only lays
it out and says, under each step, why its counts differ from the activity counts below
(only applications still waiting at the landmark are compared; the rest are left out by
reason).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import streamlit as st

from data.rules import STAGE_PHRASES, TOUCHPOINTS
from ui import components as ui

#: The step in a few words (chart and sentence headings), from ``data.rules``.
SHORT_LABEL = {k: tp.short_label for k, tp in TOUCHPOINTS.items()}
#: What advancing means after each step, from ``data.rules``.
NEXT_STEP = {k: STAGE_PHRASES[tp.advanced_stage] for k, tp in TOUCHPOINTS.items()}
#: What the log would have to record for a step it does not track.
TO_RECORD = {
    "after_applying": "whether (and when) you followed up after applying",
    "after_intro_call": "whether you followed up after an intro call",
    "after_interview": "whether you sent a thank-you note after an interview",
}
#: The verdict word as the heading of a step's sentence.
VERDICT_HEADING = {
    "higher": "advancing was more common with a follow-up",
    "lower": "advancing was less common with a follow-up",
    "no clear difference": "no clear difference",
    "not enough data": "not enough data yet",
    "not tracked": "not tracked",
}
#: Chart height on the first screen (three charts side by side, under their sentences).
CHART_HEIGHT = 230

_SENTENCE_END = re.compile(r"(?<=[.)])\s+(?=[A-Z])")


def split_sentence(text: str) -> tuple[str, str]:
    """The first sentence of a verdict's text (the numbers) and the rest (what it means).

    Examples
    --------
    >>> split_sentence("Of 9 you followed up, 2 got one (22%, 95% CI 6–55%). No clear "
    ...                "difference (p = 0.89).")
    ('Of 9 you followed up, 2 got one (22%, 95% CI 6–55%).', 'No clear difference (p = 0.89).')
    >>> split_sentence("One only.")
    ('One only.', '')
    """
    parts = _SENTENCE_END.split(text.strip(), maxsplit=1)
    return parts[0], (parts[1] if len(parts) > 1 else "")


def left_out_text(left_out: Mapping[str, int], labels: Mapping[str, str]) -> str:
    """Why the compared counts are fewer than the applications at the step.

    Examples
    --------
    >>> left_out_text({"still_waiting": 58, "answered_before_landmark": 15},
    ...               {"still_waiting": "still waiting for an answer",
    ...                "answered_before_landmark": "answered before a follow-up was due"})
    'Left out: 58 still waiting for an answer, 15 answered before a follow-up was due.'
    >>> left_out_text({}, {})
    ''
    """
    parts = [
        f"{n:,} {labels.get(k, k.replace('_', ' '))}"
        for k, n in sorted(left_out.items(), key=lambda kv: -kv[1])
        if n
    ]
    return ("Left out: " + ", ".join(parts) + ".") if parts else ""


def _untracked(tp: str, presenting: bool) -> None:
    st.markdown(f"**{SHORT_LABEL[tp]}: not tracked.**")
    st.write(
        f"Your log does not record {TO_RECORD[tp]}, so this step has no answer yet. "
        "Mark follow-ups as you send them and it will."
    )
    if not presenting:
        st.page_link("pages/my_log.py", label="Start logging them now", icon=":material/edit_note:")


def _step(tp: str, v: Any, labels: Mapping[str, str], figure: Any) -> Any:
    """One step: heading with the verdict, the numbers sentence, the chart, why counts differ."""
    numbers, meaning = split_sentence(v.sentence)
    st.markdown(f"**{SHORT_LABEL[tp]}: {VERDICT_HEADING.get(v.verdict, v.verdict)}.**")
    st.write(numbers)
    fig = figure(v, touchpoint_label=SHORT_LABEL[tp], next_step=NEXT_STEP[tp])
    # the heading and sentence above say what the chart's title would: give the bars the room
    fig.update_layout(height=CHART_HEIGHT, title_text="", margin={"t": 36, "b": 48})
    fig.update_yaxes(title_text="% advanced")
    # short, level arm labels: three charts share a 1024 px screen
    ticks = [f"{arm}<br>n = {r.n:,}" for arm, r in (("with", v.with_), ("without", v.without))]
    fig.update_xaxes(tickvals=list(fig.data[0].x), ticktext=ticks, tickangle=0)
    event = ui.plot(fig, key=f"cmp_{tp}", select=True)
    why = (meaning, getattr(v, "timing_note", ""), left_out_text(v.left_out, labels))
    st.caption(" ".join(p for p in why if p))
    return event


def render(
    verdicts: Mapping[str, Any],
    *,
    labels: Mapping[str, str],
    figure: Any,
    none_tracked: str,
    presenting: bool = False,
    words_unknown: bool = False,
) -> tuple[str, str] | None:
    """Draw the three steps side by side; return ``(touchpoint, arm)`` of a clicked bar.

    A log that tracks no follow-up at all gets one explanation (``none_tracked``) and the
    way to start, instead of three "not tracked" boxes; when a column's unknown words may
    hold the follow-ups (``words_unknown``), the way is the Import check instead.
    """
    picked: tuple[str, str] | None = None
    if not any(v is not None and v.tracked for v in verdicts.values()):
        st.info(none_tracked, icon=":material/visibility_off:")
        if presenting:
            return None
        if words_unknown:
            ui.link_to_import_check()
        else:
            st.page_link(
                "pages/my_log.py", label="Start logging them now", icon=":material/edit_note:"
            )
        return None
    cols = st.columns(3)
    for col, tp in zip(cols, SHORT_LABEL, strict=True):
        with col:
            v = verdicts.get(tp)
            if v is None or not v.tracked:
                _untracked(tp, presenting)
                continue
            arms = ui.selected_values(_step(tp, v, labels, figure))
            if arms:
                picked = (tp, str(arms[0]))
    return picked
