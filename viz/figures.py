"""Figure builders: analysis output in, ``plotly.graph_objects.Figure`` out.

Pure functions (no Streamlit, no I/O, inputs never mutated). Every figure gets the one
template from :mod:`viz.theme`, a title that states the finding, axis labels, and
percentages shown with their counts. Inputs are aggregates (a few rows), so a figure
never carries raw per-application data to the browser.

Examples
--------
>>> import pandas as pd
>>> fig = funnel_figure(pd.DataFrame({"stage": ["applied", "intro_call", "interview"],
...                                   "reached": [10, 4, 2], "share": [1.0, 0.4, 0.2]}))
>>> fig.layout.title.text
'2 of 10 applications reached an interview (20%)'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.findings import format_p
from analysis.pipeline import EXIT_LABELS, RESPONSE_NODE
from analysis.stats import clean_number
from data.rules import OUTCOME_LABELS, STAGE_LABELS, STAGES, TOUCHPOINTS
from data.rules import STAGE_PHRASES as STAGE_PHRASES
from viz.labels import NOT_TRACKED, count_rate, interval, pct, plotly_text
from viz.theme import FOLLOWED, GOAL, NEUTRAL, NOT_FOLLOWED, OKABE_ITO, OUTCOME_COLOURS, apply_theme

ARM_LABELS: dict[str, str] = {"with": "Followed up", "without": "Did not follow up"}


def _err(rate: float | None, lo: float | None, hi: float | None) -> tuple[float, float]:
    """(plus, minus) error-bar lengths in percentage points."""
    if rate is None or lo is None or hi is None:
        return 0.0, 0.0
    return 100 * (hi - rate), 100 * (rate - lo)


def _whiskers(plus: list[float], minus: list[float], **style: Any) -> dict[str, Any]:
    """Asymmetric 95% interval whiskers for a bar chart, drawn alike on every chart.

    Examples
    --------
    >>> w = _whiskers([3.0], [2.0], width=8)
    >>> w["array"], w["arrayminus"], w["width"], w["color"]
    ([3.0], [2.0], 8, '#333333')
    """
    return {
        "type": "data",
        "symmetric": False,
        "array": plus,
        "arrayminus": minus,
        "color": "#333333",
        "thickness": 1.5,
        **style,
    }


def _labels_after_whiskers(
    fig: go.Figure, ys: list[str], xs: list[float], plus: list[float], texts: list[str]
) -> None:
    """Write each horizontal bar's label just right of its error bar (never on top of it)."""
    for y, x, p, t in zip(ys, xs, plus, texts, strict=False):
        fig.add_annotation(
            x=x + p + 1.5,
            y=y,
            text=t,
            showarrow=False,
            xanchor="left",
            font={"size": 13, "color": "#262730"},
        )


def _horizontal_rate_bars(
    labels: list[str],
    xs: list[float],
    plus: list[float],
    minus: list[float],
    texts: list[str],
    **bar: Any,
) -> go.Figure:
    """Horizontal rate bars (percent) with asymmetric 95% whiskers, each bar's count and rate
    written just right of its whisker. The one builder behind the follow-up-rate and
    response-rate charts; ``bar`` passes extra ``go.Bar`` settings (hover, customdata).

    Examples
    --------
    >>> f = _horizontal_rate_bars(["A"], [40.0], [10.0], [8.0], ["40% (4 of 10)"])
    >>> f.data[0].orientation, list(f.data[0].error_x.array), f.layout.annotations[0].x
    ('h', [10.0], 51.5)
    """
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=xs,
            orientation="h",
            text=texts,
            textposition="none",
            marker_color=FOLLOWED,
            error_x=_whiskers(plus, minus),
            showlegend=False,
            **bar,
        )
    )
    _labels_after_whiskers(fig, labels, xs, plus, texts)
    return fig


# --------------------------------------------------------------------------- touchpoints
def advance_comparison_figure(
    comparison: Any, *, touchpoint_label: str, next_step: str
) -> go.Figure:
    """Bars: share that advanced with vs without follow-up, 95% CI error bars, n on the bars.

    Parameters
    ----------
    comparison : analysis.verdict.StepVerdict
        ``with_``/``without`` are Rates (k, n, rate, lo, hi); ``enough_data`` a bool;
        ``verdict`` the step's verdict word (the subtitle never says more than it).
    touchpoint_label : str
        e.g. ``"After applying"``.
    next_step : str
        What advancing means, e.g. ``"an intro call"``.

    Examples
    --------
    >>> from types import SimpleNamespace as R
    >>> c = R(with_=R(k=6, n=10, rate=.6, lo=.31, hi=.83),
    ...       without=R(k=2, n=10, rate=.2, lo=.06, hi=.51), enough_data=True)
    >>> f = advance_comparison_figure(c, touchpoint_label="After applying",
    ...                               next_step="an intro call")
    >>> list(f.data[0].y)
    [60.0, 20.0]
    """
    arms = [("with", comparison.with_), ("without", comparison.without)]
    xs, ys, plus, minus, texts, colours, custom, hover = [], [], [], [], [], [], [], []
    for key, r in arms:
        n, k = int(getattr(r, "n", 0) or 0), int(getattr(r, "k", 0) or 0)
        rate, lo, hi = clean_number(r.rate), clean_number(r.lo), clean_number(r.hi)
        xs.append(f"{ARM_LABELS[key]}<br>n = {n}")
        ys.append(0.0 if rate is None else 100 * rate)
        p, m = _err(rate, lo, hi)
        plus.append(p)
        minus.append(m)
        texts.append(count_rate(k, n))
        colours.append(FOLLOWED if key == "with" else NOT_FOLLOWED)
        custom.append(key)
        hover.append(f"{ARM_LABELS[key]}: {count_rate(k, n)}<br>{interval(lo, hi)}")
    fig = go.Figure(
        go.Bar(
            x=xs,
            y=ys,
            text=texts,
            textposition="none",
            marker_color=colours,
            customdata=custom,
            hovertext=hover,
            hoverinfo="text",
            error_y=_whiskers(plus, minus, width=8),
            showlegend=False,
        )
    )
    for x, y, p, t in zip(
        xs, ys, plus, texts, strict=False
    ):  # label above the whisker, never on it
        fig.add_annotation(
            x=x,
            y=y + p,
            text=t.replace(" (", "<br>(", 1),  # two short lines: narrow columns fit them
            showarrow=False,
            yanchor="bottom",
            yshift=4,
            font={"size": 13, "color": "#262730"},
        )
    w, wo = clean_number(comparison.with_.rate), clean_number(comparison.without.rate)
    word = getattr(comparison, "verdict", None)  # analysis.verdict.StepVerdict decides
    if word == "not enough data" or not getattr(comparison, "enough_data", False):
        finding = "not enough data for a verdict yet"
    elif w is None or wo is None:
        finding = "nothing to compare yet"
    else:
        finding = f"{pct(w)} vs {pct(wo)}<br>reached {next_step}"
    fig.update_layout(
        title={
            "text": f"{touchpoint_label}<br><span style='font-size:14px;font-weight:normal'>"
            f"{finding}</span>"
        },
        yaxis={
            "title": {"text": f"% that reached {next_step}"},
            "range": [0, 118],
            "ticksuffix": "%",
            "tickvals": [0, 20, 40, 60, 80, 100],
            "ticktext": ["0%", "20%", "40%", "60%", "80%", "100%"],
        },
        xaxis={"title": {"text": ""}},
        height=400,
        clickmode="event+select",
        margin={"t": 100},
    )
    return apply_theme(fig)


def followup_rates_figure(rates: pd.DataFrame) -> go.Figure:
    """Horizontal bars: how often the person followed up at each touchpoint, with 95% CI.

    ``rates`` has the shape of ``analysis.touchpoints.followup_rates``: label, tracked,
    eligible, followed_up, rate, lo, hi. Untracked touchpoints get an empty bar labelled
    "not tracked in your log".

    Examples
    --------
    >>> r = pd.DataFrame({"touchpoint": ["after_applying"], "label": ["After applying"],
    ...     "tracked": [True], "eligible": [40], "followed_up": [10], "rate": [.25],
    ...     "lo": [.14], "hi": [.4]})
    >>> f = followup_rates_figure(r)
    >>> f.data[0].text[0], f.layout.title.text
    ('25% (10 of 40)', 'You followed up most often after applying (25%)')
    """
    labels, xs, plus, minus, texts = [], [], [], [], []
    best: tuple[float, str] | None = None
    for row in rates.itertuples(index=False):
        labels.append(str(row.label))
        rate = clean_number(row.rate) if bool(row.tracked) else None
        if rate is None or not int(row.eligible or 0):
            xs.append(0.0)
            plus.append(0.0)
            minus.append(0.0)
            texts.append(NOT_TRACKED if not bool(row.tracked) else "no applications at this step")
            continue
        xs.append(100 * rate)
        p, m = _err(rate, clean_number(row.lo), clean_number(row.hi))
        plus.append(p)
        minus.append(m)
        texts.append(count_rate(int(row.followed_up), int(row.eligible)))
        if best is None or rate > best[0]:
            tp = TOUCHPOINTS.get(str(getattr(row, "touchpoint", "")))
            best = (rate, tp.short_label.lower() if tp else f"at {str(row.label).lower()}")
    fig = _horizontal_rate_bars(labels, xs, plus, minus, texts, hoverinfo="skip")
    title = (
        "Your log does not track follow-ups"
        if best is None
        else f"You followed up most often {best[1]} ({pct(best[0])})"
    )
    fig.update_layout(
        title={"text": title},
        xaxis={
            "title": {"text": "% of eligible applications followed up"},
            "range": [0, 130],
            "tickvals": [0, 25, 50, 75, 100],
            "ticktext": ["0%", "25%", "50%", "75%", "100%"],
        },
        yaxis={"autorange": "reversed", "showgrid": False},
        height=120 + 60 * max(len(labels), 1),
    )
    return apply_theme(fig)


# --------------------------------------------------------------------------- funnel
def funnel_figure(funnel: pd.DataFrame) -> go.Figure:
    """Horizontal bars: how many applications reached each stage (cumulative), with share.

    ``funnel`` has the shape of ``analysis.outcomes.funnel``: stage, reached, share.

    Examples
    --------
    >>> f = funnel_figure(pd.DataFrame({"stage": ["applied", "interview"], "reached": [8, 2],
    ...                                 "share": [1.0, .25]}))
    >>> f.data[0].text
    ('8 (100%)', '2 (25%)')
    """
    stages = [str(s) for s in funnel["stage"]]
    reached = [int(v) for v in funnel["reached"]]
    shares = [clean_number(v) for v in funnel["share"]]
    fig = go.Figure(
        go.Bar(
            y=[STAGE_LABELS.get(s, s) for s in stages],
            x=reached,
            orientation="h",
            text=[f"{r} ({pct(s)})" for r, s in zip(reached, shares, strict=False)],
            textposition="outside",
            cliponaxis=False,
            marker_color=NEUTRAL,
            customdata=stages,
            hovertemplate="%{y}: %{x} applications<extra></extra>",
            showlegend=False,
        )
    )
    total = reached[0] if reached else 0
    key = "interview" if "interview" in stages else (stages[-1] if stages else "")
    if total and key:
        i = stages.index(key)
        title = (
            f"{reached[i]} of {total} applications reached "
            f"{STAGE_PHRASES.get(key, key)} ({pct(shares[i])})"
        )
    else:
        title = "No applications in this view"
    fig.update_layout(
        title={"text": title},
        xaxis={
            "title": {"text": "Applications (furthest stage reached or beyond)"},
            "range": [0, max(reached + [1]) * 1.25],
        },
        yaxis={"autorange": "reversed", "showgrid": False},
        height=120 + 50 * max(len(stages), 1),
        clickmode="event+select",
    )
    return apply_theme(fig)


# --------------------------------------------------------------------------- time to response
def group_label(g: Any) -> str:
    """Readable arm name for a KM group value (``"followed up"`` becomes ``"Followed up"``).

    Examples
    --------
    >>> group_label("not followed up")
    'Did not follow up'
    """
    s = str(g).strip().lower().replace("_", " ")
    if s in {"true", "followed up", "followed", "with", "yes", "1"}:
        return ARM_LABELS["with"]
    if s in {"false", "not followed up", "not followed", "without", "no", "0", "did not follow up"}:
        return ARM_LABELS["without"]
    return str(g)


def _answered_by(curve: pd.DataFrame, day: float) -> float | None:
    """1 − S(day) from a step curve (last point at or before ``day``)."""
    before = curve[curve["day"] <= day]
    if before.empty:
        return 0.0
    s = clean_number(before["survival"].iloc[-1])
    return None if s is None else 1 - s


def response_curves_figure(
    curves: pd.DataFrame,
    logrank_p: float | None,
    *,
    by_day: int = 30,
    landmark_days: int | None = None,
) -> go.Figure:
    """Kaplan–Meier: share of applications answered by each day since applying, per group.

    ``curves`` has the shape of ``KMResult.curves``: group, day, survival, lo, hi,
    at_risk. Plotted as 1 − survival (share answered), step lines with a shaded 95% band.

    Examples
    --------
    >>> c = pd.DataFrame({"group": ["followed up"] * 2 + ["not followed up"] * 2,
    ...                   "day": [0, 10, 0, 20],
    ...                   "survival": [1, .5, 1, .8], "lo": [1, .3, 1, .6], "hi": [1, .7, 1, .9],
    ...                   "at_risk": [4, 2, 5, 4]})
    >>> float(response_curves_figure(c, 0.2).data[1].y[-1])
    50.0
    """
    fig = go.Figure()
    by: dict[str, float | None] = {}
    for i, (g, curve) in enumerate(curves.groupby("group", sort=True)):
        curve = curve.sort_values("day")
        name = group_label(g)
        colour = (
            FOLLOWED
            if name == ARM_LABELS["with"]
            else (
                NOT_FOLLOWED
                if name == ARM_LABELS["without"]
                else [OKABE_ITO["bluish_green"], NEUTRAL][i % 2]
            )
        )
        day = curve["day"].astype(float).to_numpy()
        ans = 100 * (1 - curve["survival"].astype(float).to_numpy())
        lo = 100 * (1 - curve["hi"].astype(float).to_numpy())
        hi = 100 * (1 - curve["lo"].astype(float).to_numpy())
        sx, shi = _steps(day, hi)
        _, slo = _steps(day, lo)
        fig.add_trace(
            go.Scatter(
                x=np.concatenate([sx, sx[::-1]]),
                y=np.concatenate([shi, slo[::-1]]),
                mode="lines",
                fill="toself",
                fillcolor=_rgba(colour, 0.15),
                line={"width": 0},
                hoverinfo="skip",
                showlegend=False,
                name=f"{name} 95% CI",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=day,
                y=ans,
                mode="lines",
                line={"color": colour, "width": 2.5, "shape": "hv"},
                name=name,
                customdata=curve["at_risk"].to_numpy(),
                hovertemplate=f"{name}<br>day %{{x:.0f}}: %{{y:.0f}}% answered"
                "<br>%{customdata} still waiting<extra></extra>",
            )
        )
        by[name] = _answered_by(curve, by_day)
    parts = [f"{pct(v)} {k.lower()}" for k, v in by.items() if v is not None]
    if len(parts) == 1 and len(by) == 1:  # one curve (follow-up not tracked): no "vs"
        title = f"{pct(next(iter(by.values())))} of applications answered within {by_day} days"
    else:
        title = (
            f"Answered within {by_day} days: " + " vs ".join(parts)
            if parts
            else "No response times to show"
        )
    sub = []
    if landmark_days is not None:  # landmark curves: shares of those still waiting then
        sub.append(f"of the applications still waiting on day {landmark_days}")
    if logrank_p is not None and clean_number(logrank_p) is not None:
        sub.append(f"log-rank p = {format_p(clean_number(logrank_p))}")
    if sub:
        title += "<br><span style='font-size:13px;font-weight:normal'>" + "; ".join(sub) + "</span>"
    fig.update_layout(
        title={"text": title},
        xaxis={"title": {"text": "Days since applying"}, "rangemode": "tozero"},
        yaxis={
            "title": {"text": "% of applications answered"},
            "range": [0, 100],
            "ticksuffix": "%",
        },
        height=420,
        margin={"t": 80},
    )
    return apply_theme(fig)


def _steps(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Corner points of a right-continuous step function (for shading a step band).

    Examples
    --------
    >>> [a.tolist() for a in _steps(np.array([0., 2.]), np.array([1., 3.]))]
    [[0.0, 2.0, 2.0], [1.0, 1.0, 3.0]]
    """
    if len(x) == 0:
        return x, y
    sx = np.repeat(x, 2)[1:]
    sy = np.repeat(y, 2)[:-1]
    return sx, sy


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


# --------------------------------------------------------------------------- weekly rhythm
def weekly_activity_figure(
    weekly: pd.DataFrame, goal: int | None = None, *, followups: bool = True
) -> go.Figure:
    """Applications and follow-ups per week, with the person's weekly application goal.

    ``weekly`` has the shape of ``analysis.consistency.weekly_activity``: week_start,
    applications, followups. ``followups=False`` leaves the follow-up bars out (a log
    that does not track follow-ups would show a row of zeros).

    Examples
    --------
    >>> w = pd.DataFrame({"week_start": pd.to_datetime(["2026-01-05", "2026-01-12"]),
    ...                   "applications": [5, 12], "followups": [1, 4]})
    >>> weekly_activity_figure(w, goal=10).layout.title.text
    'You reached your goal of 10 applications in 1 of 2 weeks'
    """
    w = weekly.sort_values("week_start")
    weeks = pd.to_datetime(w["week_start"])
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=weeks,
            y=w["applications"].astype(int),
            name="Applications",
            marker_color=FOLLOWED,
            hovertemplate="Week of %{x|%d %b %Y}: %{y} applications<extra></extra>",
        )
    )
    if followups:
        fig.add_trace(
            go.Bar(
                x=weeks,
                y=w["followups"].astype(int),
                name="Follow-ups",
                marker_color=OKABE_ITO["bluish_green"],
                hovertemplate="Week of %{x|%d %b %Y}: %{y} follow-ups<extra></extra>",
            )
        )
    n_weeks = len(w)
    if goal:
        met = int((w["applications"] >= goal).sum())
        title = f"You reached your goal of {goal} applications in {met} of {n_weeks} weeks"
        fig.add_hline(
            y=goal,
            line={"color": GOAL, "dash": "dash", "width": 2},
            annotation_text=f"goal: {goal} a week",
            annotation_position="top left",
            annotation_font_color=GOAL,
        )
    elif n_weeks:
        title = f"{int(w['applications'].sum())} applications over {n_weeks} weeks"
    else:
        title = "No weeks with activity in this view"
    fig.update_layout(
        title={"text": title},
        barmode="group",
        xaxis={"title": {"text": "Week starting"}},
        yaxis={"title": {"text": "Count per week"}, "rangemode": "tozero"},
        height=400,
    )
    return apply_theme(fig)


def breakdown_figure(table: pd.DataFrame, by_label: str) -> go.Figure:
    """Horizontal bars: response rate per group (best at the top), 95% CI, n on the bars.

    ``table`` has the shape of ``analysis.responses.response_breakdown``. Group names are
    the person's own text and are escaped before Plotly sees them.

    Examples
    --------
    >>> t = pd.DataFrame({"group": ["<b>Acme</b>"], "applications": [4], "known": [4],
    ...                   "answered": [3],
    ...                   "rate": [.75], "lo": [.3], "hi": [.95]})
    >>> f = breakdown_figure(t, "company"); f.data[0].y[0], f.data[0].text[0]
    ('&lt;b&gt;Acme&lt;/b&gt;', '75% (3 of 4)')
    """
    names = [plotly_text(g) for g in table["group"]]
    rates = [clean_number(r) for r in table["rate"]]
    errs = [
        _err(r, clean_number(lo), clean_number(hi))
        for r, lo, hi in zip(rates, table["lo"], table["hi"], strict=False)
    ]
    xs = [100 * (r or 0) for r in rates]
    texts = [
        count_rate(int(a), int(k)) for a, k in zip(table["answered"], table["known"], strict=False)
    ]
    fig = _horizontal_rate_bars(
        names,
        xs,
        [e[0] for e in errs],
        [e[1] for e in errs],
        texts,
        customdata=[str(g) for g in table["group"]],
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    title = (
        f"Response rate by {by_label}: highest for {names[0]} ({pct(rates[0])})"
        if names
        else f"Not enough applications per {by_label} to compare"
    )
    fig.update_layout(
        title={"text": title},
        xaxis={
            "title": {"text": "% of applications answered (known outcome)"},
            "range": [0, 135],
            "tickvals": [0, 25, 50, 75, 100],
            "ticktext": ["0%", "25%", "50%", "75%", "100%"],
        },
        yaxis={"autorange": "reversed", "showgrid": False, "type": "category"},
        height=130 + 34 * max(len(names), 1),
        clickmode="event+select",
    )
    return apply_theme(fig)


# --------------------------------------------------------------------------- pipeline
def _node_colour(label: str) -> str:
    for code, name in EXIT_LABELS.items():
        if label == name:
            return OUTCOME_COLOURS[code]
    if label in (STAGE_LABELS["offer"], STAGE_LABELS["hired"]):
        return OUTCOME_COLOURS["offer"]
    return FOLLOWED if label != STAGE_LABELS["applied"] else NEUTRAL


#: Tie-break order of the nodes where applications end (the Sankey's right-hand column).
END_ORDER: tuple[str, ...] = tuple(
    OUTCOME_LABELS[o] for o in ("hired", "offer", "pending", "withdrawn", "rejected", "ghosted")
)
_CHAIN_ORDER: tuple[str, ...] = (
    STAGE_LABELS["applied"],
    RESPONSE_NODE,
    *(STAGE_LABELS[s] for s in STAGES[1:]),
)


def sankey_positions(
    nodes: list[str],
    totals: Mapping[str, int],
    outflow: Mapping[str, int],
    unanswered: Mapping[str, int] | None = None,
) -> tuple[list[float], list[float]]:
    """Fixed node centres (x, y in 0..1, y down) for the pipeline Sankey.

    Nodes with outgoing flows are the stages, left to right in pipeline order and
    top-aligned, so the flow of answered applications runs along the top and the flows
    straight out of Applied (never answered) leave its lower part. Nodes without outflow
    (where applications end) share the right-hand column: Hired/Offer on top, then the
    others by the share of their inflow that comes straight from Applied (``unanswered``
    counts per end node), fewest first (a barycentre ordering), so a big "no answer" flow
    does not cross the flows coming down from the stages. Ties follow :data:`END_ORDER`.

    Examples
    --------
    >>> xs, ys = sankey_positions(["Applied", "Response", "Ghosted", "Rejected"],
    ...     {"Applied": 10, "Response": 4, "Ghosted": 6, "Rejected": 4},
    ...     {"Applied": 10, "Response": 4, "Ghosted": 0, "Rejected": 0}, {"Ghosted": 6})
    >>> xs[0] < xs[1] < xs[2] == xs[3], ys[3] < ys[2]
    (True, True)
    """
    unanswered = unanswered or {}
    stages = [n for n in _CHAIN_ORDER if n in nodes and outflow.get(n, 0) > 0]
    stages += [n for n in nodes if outflow.get(n, 0) > 0 and n not in stages]
    rank = {n: i for i, n in enumerate(END_ORDER)}

    def key(n: str) -> tuple[int, float, int]:
        pinned = 0 if n in ("Hired", "Offer") else 1
        share = unanswered.get(n, 0) / totals[n] if totals.get(n) else 0.0
        return pinned, round(share, 6), rank.get(n, len(rank))

    ends = sorted((n for n in nodes if n not in stages), key=key)
    total = max([sum(totals[n] for n in ends), max((totals[n] for n in stages), default=0), 1])
    gap = 0.05
    usable = max(0.2, 1 - gap * max(len(ends) - 1, 0))
    x: dict[str, float] = {}
    y: dict[str, float] = {}
    top = 0.0
    for n in ends:
        h = usable * totals[n] / total
        x[n] = 0.999
        y[n] = min(0.999, max(0.001, top + h / 2))
        top += h + gap
    heights = {n: usable * totals[n] / total for n in stages}
    # only a last stage in the column next to the ends (x = 0.8) has its label beside theirs
    beside = stages[-1] if len(stages) > 1 else None
    drop = _stage_drop(heights, beside, [y[n] for n in ends])
    for i, n in enumerate(stages):
        x[n] = 0.001 + 0.8 * i / max(len(stages) - 1, 1) if len(stages) > 1 else 0.001
        y[n] = max(0.001, drop + heights[n] / 2)
    return [x[n] for n in nodes], [y[n] for n in nodes]


#: Vertical distance (share of the plot's height, ~30 px at the page's 480 px) kept between
#: the label of the last stage and the labels of the end column beside it.
LABEL_CLEARANCE = 0.08


def _stage_drop(heights: Mapping[str, float], last: str | None, end_ys: list[float]) -> float:
    """How far to move the (top-aligned) stage column down so that the last stage's label,
    drawn to the right of its node, does not sit on an end node's label, drawn to the left
    of its node: on a 1024 px screen the two columns' labels overlap horizontally, so they
    must differ in height. 0 when nothing is in the way; else the smallest drop that keeps
    :data:`LABEL_CLEARANCE`, or the one that comes closest while the stages still fit.

    Examples
    --------
    >>> _stage_drop({"Applied": 0.75, "Interview": 0.05}, "Interview", [0.5, 0.9])
    0.0
    >>> _stage_drop({"Applied": 0.75, "Interview": 0.05}, "Interview", [0.004, 0.06, 0.21])
    0.11
    """
    if last is None or not end_ys:
        return 0.0
    centre = heights[last] / 2

    def clearance(d: float) -> float:
        return min(abs(centre + d - e) for e in end_ys)

    room = max(0.0, 0.999 - max(heights.values()))
    steps = [i / 100 for i in range(int(room * 100) + 1)]
    enough = [d for d in steps if clearance(d) >= LABEL_CLEARANCE]
    return enough[0] if enough else max(steps, key=clearance)


def pipeline_sankey_figure(links: pd.DataFrame) -> go.Figure:
    """Sankey of applied → response → intro call → interview → offer, with exits.

    ``links`` has the shape of ``analysis.pipeline.pipeline_links``: source, target, value.
    Node labels carry their counts.

    Examples
    --------
    >>> l = pd.DataFrame({"source": ["Applied", "Applied"], "target": ["Response", "Ghosted"],
    ...                   "value": [3, 5]})
    >>> pipeline_sankey_figure(l).data[0].node.label
    ('Applied (8)', 'Response (3)', 'Ghosted (5)')
    """
    found: list[str] = []
    for a, b in zip(links["source"], links["target"], strict=False):
        for n in (a, b):
            if n not in found:
                found.append(n)
    inflow = dict.fromkeys(found, 0)
    outflow = dict.fromkeys(found, 0)
    for a, b, v in zip(links["source"], links["target"], links["value"], strict=False):
        outflow[a] += int(v)
        inflow[b] += int(v)
    totals = {n: max(inflow[n], outflow[n]) for n in found}
    unanswered = {
        b: int(v)
        for a, b, v in zip(links["source"], links["target"], links["value"], strict=False)
        if a == STAGE_LABELS["applied"] and b != RESPONSE_NODE
    }
    xs, ys = sankey_positions(found, totals, outflow, unanswered)
    # Plotly stacks the links at a node in the order of its own first layout, which starts
    # from the node order: list the nodes column by column, top to bottom, as placed.
    order = sorted(range(len(found)), key=lambda i: (xs[i], ys[i]))
    nodes = [found[i] for i in order]
    xs, ys = [xs[i] for i in order], [ys[i] for i in order]
    index = {n: i for i, n in enumerate(nodes)}
    colours = [_node_colour(n) for n in nodes]
    fig = go.Figure(
        go.Sankey(
            arrangement="snap",  # starts at the computed positions; a person can still drag a node
            textfont={
                "color": "#1f1f1f",
                "size": 14,
                "shadow": (
                    "1px 1px 2px #fff, -1px -1px 2px #fff, 1px -1px 2px #fff, -1px 1px 2px #fff"
                ),
            },
            node={
                "label": [f"{n} ({totals[n]})" for n in nodes],
                "color": colours,
                "pad": 18,
                "thickness": 18,
                "line": {"color": "white", "width": 0.5},
                "x": xs,
                "y": ys,
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": [index[a] for a in links["source"]],
                "target": [index[b] for b in links["target"]],
                "value": [int(v) for v in links["value"]],
                "color": [_rgba(_node_colour(b), 0.35) for b in links["target"]],
                "hovertemplate": "%{source.label} → %{target.label}: %{value}<extra></extra>",
            },
        )
    )
    applied = totals.get(STAGE_LABELS["applied"], 0)
    if applied:
        title = (
            f"Of {applied} applications, {totals.get(RESPONSE_NODE, 0)} got an answer, "
            f"{totals.get('Interview', 0)} reached an interview and "
            f"{totals.get('Offer', 0)} an offer"
        )
    else:
        title = "No applications in this view"
    fig.update_layout(title={"text": title}, height=480, font={"size": 13})
    return apply_theme(fig)
