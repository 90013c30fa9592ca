"""My follow-up: the answer first (one sentence, numbers and chart per step, from the one
verdict object), then what you did (follow-up and response counts, funnel), response times."""

from __future__ import annotations

import streamlit as st

from analysis import survival
from analysis.benchmarks import BENCHMARKS
from analysis.consistency import weekly_activity
from analysis.outcomes import funnel, outcome_counts
from analysis.responses import at_stage, open_counts, response_counts
from analysis.stats import wilson
from analysis.touchpoints import followup_rates
from analysis.verdict import LEFT_OUT_LABELS, step_rows
from data.rules import FOLLOWUP_FLAG_COLUMNS, STAGE_PHRASES
from ui import answer
from ui import components as ui
from ui.answer import SHORT_LABEL
from ui.mapping import unread_notes
from ui.state import (
    NO_APPLICATIONS_YET,
    no_applications_yet,
    presenter_on,
    require_view,
    view_verdicts,
)
from viz import figures
from viz.labels import NOT_TRACKED, pct

view = require_view()
resolved = view.resolved
st.title("My follow-up")
st.caption(
    f"{view.source_label} · {view.as_of_text} · "
    f"pending applications count as ghosted after {view.settings.ghost_after_days} days"
)

if len(resolved) == 0:
    st.info(
        NO_APPLICATIONS_YET
        if no_applications_yet(view)
        else "No applications in this view. Widen the date range or pick another participant "
        "in the sidebar, or check the Import check page for rows that could not be read.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

# ---------------------------------------------------------------- the answer first
rates = followup_rates(resolved)
by_tp = {r.touchpoint: r for r in rates.itertuples(index=False)}
any_tracked = any(bool(r.tracked) for r in by_tp.values())
st.subheader("Does following up go with advancing?")
picked: tuple[str, str] | None = None
verdicts: dict = {}
if not view.tracks_answers:
    ui.show_no_answers(
        view.result.report, presenting=presenter_on(), icon=":material/visibility_off:"
    )
else:
    verdicts = view_verdicts(view)
    picked = answer.render(
        verdicts,
        labels=LEFT_OUT_LABELS,
        figure=figures.advance_comparison_figure,
        none_tracked=ui.no_followups_text(view.result.report, presenting=presenter_on()),
        words_unknown=ui.unread_column(view.result.report, "followup_after_apply") is not None,
        presenting=presenter_on(),
    )
    if any_tracked:
        st.caption(
            ui.ASSOCIATED_NOTE + " Bars: share that advanced, with 95% intervals; click one "
            "to list the applications behind it."
        )
if picked is not None:
    tp, arm = picked
    rows_tp = step_rows(resolved, tp, window=verdicts[tp].landmark_days).frame
    mask = rows_tp["arm"].eq("with" if arm == "with" else "without").fillna(False)
    st.subheader(
        f"{SHORT_LABEL[tp]}: applications {'with' if arm == 'with' else 'without'} follow-up"
    )
    ui.show_table(ui.applications_table(resolved[mask.to_numpy()]), column_config=ui.table_config())

# ---------------------------------------------------------------- what you did
st.subheader("How often you followed up, and what came of it")
answered, known = response_counts(resolved)
resp = wilson(answered, known)
waiting = len(resolved) - known
still_open = open_counts(resolved)
# two cards a row: the labels and their counts stay whole on a 1024 px screen
c1, c2 = st.columns(2)
c3, c4 = st.columns(2)
ui.card(
    c1,
    "Applications",
    f"{len(resolved):,}",
    ui.excluded_caption(view.result.report.rows_excluded),
)
ui.card(
    c2,
    "Response rate",
    ui.rate_value(resp, tracked=view.tracks_answers),
    ui.response_caption(
        resp,
        waiting,
        tracks_answers=view.tracks_answers,
        has_dates=view.has_dates,
        status_unread=ui.unread_column(view.result.report, "status") is not None,
    )
    + (
        f" ({still_open['withdrawn_unanswered']:,} of them withdrew before an answer)"
        if waiting and still_open["withdrawn_unanswered"] and view.has_dates
        else ""
    ),
    help="Share of applications with a known answer (an invite or a rejection, or ghosted) "
    "that got an answer. Applications still waiting are left out, not counted as 'no'.",
)


def _compared(tp: str) -> str:
    """Why the comparison above counts fewer follow-ups than this card."""
    v = verdicts.get(tp)
    if v is None or not v.tracked:
        return ""
    return (
        f"the comparison above counts {v.with_.n:,} with and {v.without.n:,} without a "
        f"follow-up: those still waiting for an answer on day {v.landmark_days}"
    )


def _tp_card(col, label: str, tp: str, extra: str = "") -> None:
    row = by_tp.get(tp)
    tracked = bool(row is not None and row.tracked)
    r = wilson(int(row.followed_up), int(row.eligible)) if tracked and int(row.eligible) else None
    value = ui.rate_value(r, tracked=tracked)
    cap = ui.rate_caption(r, "followed up") if r is not None else ("" if tracked else ui.NO_COLUMN)
    ui.card(col, label, value, " · ".join(p for p in (cap, extra, _compared(tp)) if p))


_apply = by_tp.get("after_applying")
_tp_card(
    c3,
    "Follow-up after applying",
    "after_applying",
    f"{pct(_apply.timely)} within {_apply.window_days} days "
    f"({_apply.timely_k} of {_apply.timely_n} dated)"
    if _apply is not None and _apply.tracked and _apply.timely_n
    else "",
)
thank_you_bench = BENCHMARKS["thank_you_rate"]
_tp_card(
    c4,
    "Thank-you after interview",
    "after_interview",
    f"published estimate: {pct(thank_you_bench.value)}" if thank_you_bench else "",
)
if (
    thank_you_bench is not None
    and by_tp.get("after_interview") is not None
    and by_tp["after_interview"].tracked
):
    st.caption(
        f"Thank-you benchmark: {pct(thank_you_bench.value)} — {thank_you_bench.description} "
        f"({thank_you_bench.source}). {thank_you_bench.caveat}"
    )

_notes = unread_notes(
    view.result.report,
    [*FOLLOWUP_FLAG_COLUMNS.values(), "followup_after_apply_on", "followups", "status"],
)
if _notes and not presenter_on():  # column headers can carry names
    st.caption(ui.escape_md(" ".join(_notes)))

# one chart a row: their titles and axis titles stay whole on a 1024 px screen
left = right = st.container()
with left:
    if any_tracked:
        ui.plot(
            figures.followup_rates_figure(
                rates.assign(label=[SHORT_LABEL.get(t, t) for t in rates["touchpoint"]])
            )
        )
        untracked = [SHORT_LABEL[t] for t, r in by_tp.items() if not r.tracked]
        if untracked:
            st.caption(
                f"{', '.join(untracked)}: {NOT_TRACKED} (no yes/no column for it, or the column "
                "is blank throughout). Add one to see these numbers."
            )
    else:
        st.subheader("How often you followed up")
        st.info(
            "Not tracked: "
            + (
                ui.unread_column(
                    view.result.report, "followup_after_apply", presenting=presenter_on()
                )
                or "your log has no yes/no follow-up columns (see below)."
            ),
            icon=":material/visibility_off:",
        )
with right:
    if view.tracks_answers:
        f = funnel(resolved)
        funnel_event = ui.plot(figures.funnel_figure(f), key="funnel", select=True)
        oc = outcome_counts(resolved)
        # "pending" split the way the response-rate card counts it
        named = {
            "pending": f"{still_open['waiting']:,} still waiting for a first answer, "
            f"{still_open['in_process']:,} in process after an answer"
        }
        st.caption(
            "Outcomes: "
            + ", ".join(named.get(k, f"{v:,} {k}") for k, v in oc.items() if v)
            + ". Click a bar to list its applications."
        )
    else:
        funnel_event = None
        st.subheader("How far applications got")
        st.info(
            "Not tracked: your log records no answers (see below).",
            icon=":material/visibility_off:",
        )

stage_picked = ui.selected_values(funnel_event)
if stage_picked:
    stage = str(stage_picked[0])
    rows = at_stage(resolved, stage)
    st.subheader(
        f"Applications that reached {STAGE_PHRASES.get(stage, stage)} or beyond ({len(rows):,})"
    )
    ui.show_table(ui.applications_table(rows), column_config=ui.table_config())

# ---------------------------------------------------------------- the room (coach view)
if len(view.participants) > 1 and view.settings.participant is None:
    st.info(
        f"These logs hold {len(view.participants)} participants. The numbers above pool "
        "everyone as one log; the comparison within participants (the headline for a group, "
        "so that differences between people cannot mislead), the forest plots and the room "
        "are on the Workshop page.",
        icon=":material/groups:",
    )
    st.page_link("pages/workshop.py", label="Open the Workshop page", icon=":material/groups:")

# ---------------------------------------------------------------- time to response
st.header("How quickly did employers answer?")
km = survival.response_curves(
    resolved, view.settings.as_of, landmark_days=int(view.settings.cadence_days)
)
groups = km.curves["group"].nunique() if len(km.curves) else 0
any_answer = bool(len(km.curves) and (km.curves["survival"].astype(float) < 1).any())
if not view.tracks_answers:
    ui.show_no_answers(
        view.result.report, presenting=presenter_on(), icon=":material/schedule:", link=False
    )
elif groups == 0 or not any_answer:
    st.info(
        (
            "Your log has no dates"
            if not view.has_dates
            else "No answer in your log has both the date you applied and the date you heard back"
        )
        + ", so response times cannot be drawn: log the date you applied and the date you "
        "heard back to see them.",
        icon=":material/schedule:",
    )
else:
    ui.plot(figures.response_curves_figure(km.curves, km.logrank_p, landmark_days=km.landmark_days))
    drawn = set(km.curves["group"])
    medians = [(g, med) for g, med in km.median_days.items() if g in drawn]
    reached = [
        f"{figures.group_label(g).lower()}: {med:.0f} days" for g, med in medians if med is not None
    ]
    missing = [figures.group_label(g).lower() for g, med in medians if med is None]
    notes = []
    if reached:
        notes.append("Median time to an answer — " + "; ".join(reached) + ".")
    if missing:
        notes.append(
            "No median yet for " + " and ".join(missing) + ": fewer than half had an answer."
        )
    if km.left_out:
        notes.append(f"{km.left_out} applications without the dates needed are left out.")
    timing = ""
    if km.landmark_days is not None:
        timing = (
            f"Followed up or not is compared from day {km.landmark_days} after applying, among "
            "the applications still waiting then (followed up = by that day): fast answers "
            "leave no time to follow up, so the "
            f"{km.before_landmark:,} answered by day {km.landmark_days} are not on these curves. "
            "The log-rank p is not adjusted for the other tests on this page: read it as a "
            "description, not a verdict. "
        )
    st.caption(
        timing + "Applications still waiting count up to the as-of date and are not treated "
        "as 'no answer' (Kaplan–Meier, shaded: 95% interval). "
        + " ".join(notes)
        + " Associated, not caused."
    )

weekly = weekly_activity(resolved)
if len(weekly):
    st.header("Weekly activity")
    ui.plot(figures.weekly_activity_figure(weekly, followups=any_tracked))
    st.caption("Set a weekly goal and see your streak on the Weekly rhythm page.")
