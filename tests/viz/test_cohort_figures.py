"""Workshop figures: bubble labels never overlap, forest plot shows every participant."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from viz.cohort import (
    LABEL_GAP_PX,
    consistency_bubbles_figure,
    forest_figure,
    label_positions,
    thank_you_distribution_figure,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0, 100), min_size=1, max_size=30), st.integers(200, 900))
def test_labels_never_closer_than_the_gap(ys, px):
    y = np.array(ys)
    placed = label_positions(y, lo=-5, hi=105, plot_px=px)
    gap = LABEL_GAP_PX * 110 / px
    s = np.sort(placed)
    assert (np.diff(s) >= gap * (1 - 1e-6)).all()
    # order is kept: a higher bubble never gets a lower label
    order = np.argsort(y, kind="stable")
    assert (np.diff(placed[order]) > 0).all() or len(y) == 1


def test_labels_stay_where_they_fit():
    y = np.array([10.0, 50.0, 90.0])
    assert label_positions(y, lo=0, hi=100, plot_px=400).tolist() == [10.0, 50.0, 90.0]


def _table(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": [f"P{i + 1:02d}" for i in range(n)],
            "consistency": [0.5] * n,  # every bubble at the same spot: worst case
            "interview_rate": [0.2] * n,
            "interviews": [2] * n,
            "known": [10] * n,
        }
    )


def test_bubble_labels_do_not_overlap_on_screen():
    fig = consistency_bubbles_figure(_table(25))
    labels = [a for a in fig.layout.annotations if a.text.startswith("P")]
    assert len(labels) == 25
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    y_lo, y_hi = fig.layout.yaxis.range
    px = sorted(a.ay * plot_px / (y_hi - y_lo) for a in labels)
    assert min(np.diff(px)) >= LABEL_GAP_PX - 1e-6
    assert all(y_lo <= a.ay <= y_hi for a in labels), "labels inside the plot's height"


def test_forest_plot_rows_and_missing():
    rows = pd.DataFrame(
        {
            "label": ["P01", "P02", "Within participants"],
            "estimate": [20.0, None, 4.0],
            "lo": [-6.0, None, 1.0],
            "hi": [46.0, None, 9.0],
            "n": [20, 3, 40],
            "pooled": [False, False, True],
        }
    )
    fig = forest_figure(rows, title="After applying")
    ys = [y for d in fig.data for y in d.y]
    assert any("P02" in y for y in ys) and any("Within" in y for y in ys)
    text_trace = [d for d in fig.data if d.mode == "text"][0]
    assert list(text_trace.text) == ["not enough data"]
    pooled = [d for d in fig.data if d.marker.symbol == "diamond"][0]
    assert pooled.error_x.array[0] == 9.0 - 4.0 and pooled.error_x.arrayminus[0] == 3.0
    assert fig.layout.shapes[0].x0 == 0.0  # the no-difference line


def test_thank_you_benchmark_marked_with_caveat():
    t = pd.DataFrame({"label": ["P01", "P02", "P03"], "rate": [0.1, 0.5, None], "n": [5, 6, 0]})
    fig = thank_you_distribution_figure(t, benchmark=0.24, caveat="a survey estimate")
    assert fig.layout.shapes[0].x0 == 24.0
    assert "24%" in fig.layout.annotations[0].text
    assert fig.layout.annotations[0].hovertext == "a survey estimate"
    assert len(fig.data[0].x) == 2  # the untracked participant is not drawn at 0


def test_titles_count_one_participant_in_the_singular():
    one, two = _table(1), _table(2)
    assert consistency_bubbles_figure(one).layout.title.text.endswith(", 1 participant")
    assert consistency_bubbles_figure(two).layout.title.text.endswith(", 2 participants")
    rates = pd.DataFrame({"label": ["P01", "P02"], "rate": [0.5, 0.25], "n": [4, 4]})
    assert thank_you_distribution_figure(rates.head(1), benchmark=None).layout.title.text.endswith(
        ", 1 participant"
    )
    assert thank_you_distribution_figure(rates, benchmark=None).layout.title.text.endswith(
        ", 2 participants"
    )
