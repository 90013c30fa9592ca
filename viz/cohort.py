"""Figures for a workshop (many participants): forest plot, consistency bubbles, thank-you rates.

Pure builders: aggregates in, ``plotly.graph_objects.Figure`` out; no statistics computed
here (estimates and intervals come from ``analysis``). Participant labels are whatever the
caller passes (codes such as ``P01`` in presenter mode) and are escaped for Plotly.

Examples
--------
>>> import pandas as pd
>>> f = thank_you_distribution_figure(pd.DataFrame({"label": ["P01", "P02"], "rate": [.1, .5],
...                                                 "n": [6, 8]}), benchmark=0.24)
>>> f.layout.shapes[0].x0
24.0
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from viz.labels import plotly_text
from viz.theme import FOLLOWED, GOAL, NEUTRAL, NOT_FOLLOWED, apply_theme

__all__ = [
    "forest_figure",
    "consistency_bubbles_figure",
    "label_positions",
    "thank_you_distribution_figure",
    "before_after_figure",
    "LABEL_GAP_PX",
]

#: Vertical room for one bubble label (px): labels are at least this far apart.
LABEL_GAP_PX = 18.0
_MARGIN_T, _MARGIN_B = 70, 60


def forest_figure(
    rows: pd.DataFrame,
    *,
    title: str,
    measure: str = "Difference (percentage points)",
    log: bool = False,
    reference: float = 0.0,
) -> go.Figure:
    """Per-participant estimates with 95% intervals and the pooled one (a diamond).

    ``rows``: ``label``, ``estimate``, ``lo``, ``hi``, ``n`` and ``pooled`` (bool: the
    pooled row(s), drawn as diamonds). Rows without an estimate are listed on the axis with
    "not enough data". A dashed line marks ``reference`` (no difference: 0 for a
    difference, 1 with ``log=True`` for a ratio).

    Examples
    --------
    >>> r = pd.DataFrame({"label": ["P01", "All"], "estimate": [20.0, 5.0], "lo": [-10, 1.0],
    ...                   "hi": [45.0, 9.0], "n": [20, 60], "pooled": [False, True]})
    >>> f = forest_figure(r, title="t")
    >>> [d.marker.symbol for d in f.data], f.layout.xaxis.type, f.layout.shapes[0].x0
    (['square', 'diamond'], 'linear', 0.0)
    """
    t = rows.reset_index(drop=True)
    ys = [f"{plotly_text(lbl)} (n={n})" for lbl, n in zip(t["label"], t["n"], strict=True)]
    est = pd.to_numeric(t["estimate"], errors="coerce").astype(float)
    lo = pd.to_numeric(t["lo"], errors="coerce").astype(float)
    hi = pd.to_numeric(t["hi"], errors="coerce").astype(float)
    fig = go.Figure()
    fmt = ".2f" if log else "+.0f"
    for pooled, symbol, colour, size in (
        (False, "square", FOLLOWED, 9),
        (True, "diamond", GOAL, 15),
    ):
        m = (t["pooled"].astype(bool) == pooled).to_numpy() & est.notna().to_numpy()
        if not m.any():
            continue
        fig.add_trace(
            go.Scatter(
                x=est[m],
                y=[ys[i] for i in np.flatnonzero(m)],
                mode="markers",
                marker={"symbol": symbol, "size": size, "color": colour},
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": (hi[m] - est[m]).clip(lower=0),
                    "arrayminus": (est[m] - lo[m]).clip(lower=0),
                    "color": colour,
                    "thickness": 2,
                    "width": 4,
                },
                customdata=np.stack([lo[m], hi[m]], axis=-1),
                hovertemplate="%{y}<br>"
                + measure
                + f" %{{x:{fmt}}} (95% CI %{{customdata[0]:{fmt}}} to %{{customdata[1]:{fmt}}})"
                + "<extra></extra>",
                name="all pooled" if pooled else "one participant",
            )
        )
    missing = [ys[i] for i in np.flatnonzero(est.isna().to_numpy())]
    if missing:
        fig.add_trace(
            go.Scatter(
                x=[reference] * len(missing),
                y=missing,
                mode="text",
                text=["not enough data"] * len(missing),
                textfont={"color": NEUTRAL},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.add_vline(x=reference, line={"dash": "dash", "color": NEUTRAL, "width": 1})
    side = f"right of {reference:g}: more with a follow-up"
    fig.update_layout(
        title={"text": title},
        xaxis={"type": "log" if log else "linear", "title": {"text": f"{measure} ({side})"}},
        yaxis={"categoryorder": "array", "categoryarray": list(reversed(ys)), "automargin": True},
        height=max(260, 34 * len(t) + 150),
        showlegend=False,  # the pooled row is named on the axis
    )
    return apply_theme(fig)


def label_positions(ys: np.ndarray, *, lo: float, hi: float, plot_px: float) -> np.ndarray:
    """Label heights (data units) as close to ``ys`` as possible, at least
    :data:`LABEL_GAP_PX` apart on screen, inside ``[lo, hi]`` when there is room.

    Examples
    --------
    >>> label_positions(np.array([50.0, 50.0, 51.0]), lo=0, hi=100, plot_px=400).round(1).tolist()
    [45.8, 50.3, 54.8]
    """
    n = len(ys)
    if n == 0:
        return np.array([])
    gap = LABEL_GAP_PX * (hi - lo) / max(plot_px, 1.0)
    order = np.argsort(ys, kind="stable")
    wanted = np.asarray(ys, dtype=float)[order]
    # clusters of adjacent labels, each stacked at the gap and centred on its members' mean;
    # merge neighbours that overlap until none do (merging only, so this always ends)
    clusters: list[list[int]] = [[i] for i in range(n)]

    def bottom(c: list[int]) -> float:
        return float(np.mean(wanted[c])) - gap * (len(c) - 1) / 2

    merged = True
    while merged and len(clusters) > 1:
        merged = False
        for j in range(len(clusters) - 1):
            a, b = clusters[j], clusters[j + 1]
            if bottom(b) - (bottom(a) + gap * (len(a) - 1)) < gap * (1 - 1e-9):
                clusters[j : j + 2] = [a + b]
                merged = True
                break
    placed = np.empty(n)
    for c in clusters:
        placed[c] = bottom(c) + gap * np.arange(len(c))
    span = gap * (n - 1)
    if placed[0] < lo and span <= hi - lo:
        placed += lo - placed[0]
    if placed[-1] > hi and span <= hi - lo:
        placed -= placed[-1] - hi
    out = np.empty(n)
    out[order] = placed
    return out


def _one(group_word: str) -> str:
    """The singular of a plural group word: "participants" → "participant"."""
    return group_word[:-1] if group_word.endswith("s") else group_word


def consistency_bubbles_figure(
    table: pd.DataFrame, *, group_word: str = "participants", show_counts: bool = True
) -> go.Figure:
    """Consistency of follow-up (x) vs reaching an interview (y), one bubble per participant.

    ``table``: ``label``, ``consistency``, ``interview_rate`` (shares), ``interviews``,
    ``known`` (bubble size: applications with a known answer). Labels sit in a column
    right of the plot, joined to their bubble by a line, spaced so they never overlap
    (:func:`label_positions`). ``show_counts=False`` (presenting) leaves the counts out of
    the hover text: a rate with its exact denominator would give away a small count.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["P01", "P02"], "consistency": [.5, .52],
    ...                   "interview_rate": [.2, .2], "interviews": [2, 3], "known": [10, 15]})
    >>> f = consistency_bubbles_figure(t)
    >>> [a.text for a in f.layout.annotations][:2]
    ['P01', 'P02']
    """
    t = table[table["consistency"].notna() & table["interview_rate"].notna()].reset_index(drop=True)
    x = 100 * t["consistency"].astype(float).to_numpy()
    y = 100 * t["interview_rate"].astype(float).to_numpy()
    known = t["known"].astype(float).to_numpy()
    size = 12 + 30 * np.sqrt(known / known.max()) if len(t) and known.max() > 0 else 12
    y_hi = max(10.0, float(np.nanmax(y)) * 1.15 + 5) if len(t) else 100.0
    y_hi = min(y_hi, 105.0)
    # Room below 0 for a bubble at 0%, but less than one tick step: no "-2%" tick.
    y_lo = -y_hi / 20
    height = int(max(440, LABEL_GAP_PX * len(t) + _MARGIN_T + _MARGIN_B + 40))
    fig = go.Figure(
        go.Scatter(
            x=x,
            y=y,
            mode="markers",
            cliponaxis=False,  # a bubble at 0% is drawn whole, over the axis line
            marker={
                "size": size,
                "color": FOLLOWED,
                "opacity": 0.7,
                "line": {"color": "white", "width": 1},
            },
            text=[plotly_text(v) for v in t["label"]],
            customdata=np.stack([t["interviews"].astype(int), t["known"].astype(int)], axis=-1)
            if len(t)
            else None,
            hovertemplate="%{text}<br>followed up at %{x:.0f}% of steps<br>"
            + (
                "interview for %{customdata[0]} of %{customdata[1]} (%{y:.0f}%)"
                if show_counts
                else "%{y:.0f}% reached an interview"
            )
            + "<extra></extra>",
            showlegend=False,
        )
    )
    if not show_counts:
        fig.data[0].customdata = None
    label_y = label_positions(y, lo=y_lo, hi=y_hi, plot_px=height - _MARGIN_T - _MARGIN_B)
    for xi, yi, ly, text in zip(x, y, label_y, t["label"], strict=True):
        fig.add_annotation(
            x=xi,
            y=yi,
            ax=112,
            ay=float(ly),
            axref="x",
            ayref="y",
            text=plotly_text(text),
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor="#BBBBBB",
            xanchor="left",
            font={"size": 13},
        )
    title = (
        f"Follow-up consistency vs reaching an interview, {len(t)} "
        + (group_word if len(t) > 1 else _one(group_word))
        if len(t)
        else f"No {_one(group_word)} has both tracked follow-ups and answers yet"
    )
    fig.update_layout(
        title={"text": title},
        xaxis={
            "title": {"text": "% of eligible steps followed up (consistency)"},
            "range": [-5, 105],
            "ticksuffix": "%",
        },
        yaxis={
            "title": {"text": "% reached an interview (of known answers)"},
            "ticksuffix": "%",
            "range": [y_lo, y_hi],
        },
        height=height,
        margin={"t": _MARGIN_T, "b": _MARGIN_B, "r": 110},
    )
    fig.add_annotation(
        text="bubble size: applications with a known answer",
        xref="paper",
        yref="paper",
        x=0,
        y=1.0,
        yanchor="bottom",
        showarrow=False,
        font={"size": 11, "color": NEUTRAL},
    )
    return apply_theme(fig)


def thank_you_distribution_figure(
    rates: pd.DataFrame, *, benchmark: float | None, caveat: str = "", show_counts: bool = True
) -> go.Figure:
    """How often each participant sent a thank-you after an interview, with the published
    share marked (context, not a target).

    ``rates``: ``label``, ``rate`` (share, NaN when not tracked), ``n`` (interviews).
    Participants are dots on one line (stacked where they coincide), the benchmark a
    dashed line with its caveat in the hover text.

    Examples
    --------
    >>> f = thank_you_distribution_figure(pd.DataFrame({"label": ["P01"], "rate": [.5], "n": [4]}),
    ...                                   benchmark=None)
    >>> len(f.layout.shapes)
    0
    """
    t = rates[rates["rate"].notna()].reset_index(drop=True)
    x = 100 * t["rate"].astype(float).to_numpy()
    bins = np.round(x / 5).astype(int)
    stack = np.zeros(len(t), dtype=int)
    seen: dict[int, int] = {}
    for i, b in enumerate(bins):
        stack[i] = seen.get(int(b), 0)
        seen[int(b)] = stack[i] + 1
    fig = go.Figure(
        go.Scatter(
            x=x,
            y=stack + 1,
            mode="markers",
            marker={"size": 16, "color": NOT_FOLLOWED, "line": {"color": "white", "width": 1}},
            text=[plotly_text(v) for v in t["label"]],
            customdata=t["n"].astype(int) if len(t) and show_counts else None,
            hovertemplate="%{text}: thank-you after %{x:.0f}% of "
            + ("%{customdata} interviews" if show_counts else "interviews")
            + "<extra></extra>",
            showlegend=False,
        )
    )
    if benchmark is not None and not math.isnan(benchmark):
        fig.add_vline(x=100 * benchmark, line={"dash": "dash", "color": GOAL, "width": 2})
        fig.add_annotation(
            x=100 * benchmark,
            y=1.0,
            yref="paper",
            text=f"published estimate {100 * benchmark:.0f}%",
            hovertext=plotly_text(caveat) if caveat else None,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            font={"color": GOAL},
        )
    top = int(stack.max()) + 2 if len(t) else 3
    fig.update_layout(
        title={
            "text": f"Thank-you notes after interviews, {len(t)} "
            + ("participants" if len(t) > 1 else "participant")
            if len(t)
            else "No participant tracks thank-you notes"
        },
        xaxis={
            "title": {"text": "% of interviews followed by a thank-you"},
            "range": [-5, 105],
            "ticksuffix": "%",
        },
        yaxis={"visible": False, "range": [0, max(top, 3)]},
        height=300,
    )
    return apply_theme(fig)


def before_after_figure(rows: pd.DataFrame, *, title: str) -> go.Figure:
    """Rates before vs after a date, with 95% intervals: one pair of bars per measure.

    ``rows``: ``measure``, ``period`` ("before"/"after"), ``rate``, ``lo``, ``hi``, ``k``, ``n``.

    Examples
    --------
    >>> r = pd.DataFrame({"measure": ["After applying"] * 2, "period": ["before", "after"],
    ...                   "rate": [.2, .5], "lo": [.1, .3], "hi": [.3, .7], "k": [2, 5],
    ...                   "n": [10, 10]})
    >>> [d.name for d in before_after_figure(r, title="t").data]
    ['before', 'after']
    """
    fig = go.Figure()
    for period, colour in (("before", NEUTRAL), ("after", FOLLOWED)):
        p = rows[rows["period"] == period]
        rate = 100 * pd.to_numeric(p["rate"], errors="coerce").astype(float)
        fig.add_trace(
            go.Bar(
                x=p["measure"],
                y=rate,
                name=period,
                marker={"color": colour},
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": (100 * pd.to_numeric(p["hi"], errors="coerce") - rate).clip(lower=0),
                    "arrayminus": (rate - 100 * pd.to_numeric(p["lo"], errors="coerce")).clip(
                        lower=0
                    ),
                },
                text=[  # counts may arrive suppressed ("< 5"): shown as given
                    f"{k} of {n}" if n else "none" for k, n in zip(p["k"], p["n"], strict=True)
                ],
                textposition="inside",
                hovertemplate="%{x}, " + period + ": %{y:.0f}% (%{text})<extra></extra>",
            )
        )
    fig.update_layout(
        title={"text": title},
        barmode="group",
        yaxis={"title": {"text": "%"}, "range": [0, 105], "ticksuffix": "%"},
        height=380,
        legend={"orientation": "h", "y": -0.2},
    )
    return apply_theme(fig)
