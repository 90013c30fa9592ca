"""Figure builders on small literal analysis outputs: assert on the traces' data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from statsmodels.stats.proportion import proportion_confint

from analysis.stats import Comparison, Rate
from data.schema import coerce_applications
from viz import figures
from viz.theme import FOLLOWED, NOT_FOLLOWED, PALETTE, TEMPLATE_NAME


def _rate(k: int, n: int) -> Rate:
    if n == 0:
        return Rate(0, 0, None, None, None)
    lo, hi = proportion_confint(k, n, method="wilson")
    return Rate(k, n, k / n, float(lo), float(hi))


def _cmp(k1, n1, k0, n0, enough=True) -> Comparison:
    return Comparison(
        with_=_rate(k1, n1),
        without=_rate(k0, n0),
        difference=None,
        diff_lo=None,
        diff_hi=None,
        p_value=None,
        risk_ratio=None,
        enough_data=enough,
    )


def test_advance_comparison_bars_are_rates_with_wilson_error_bars_and_n():
    fig = figures.advance_comparison_figure(
        _cmp(12, 40, 15, 100), touchpoint_label="After applying", next_step="an intro call"
    )
    bar = fig.data[0]
    assert list(bar.y) == pytest.approx([30.0, 15.0])
    lo1, hi1 = proportion_confint(12, 40, method="wilson")
    lo0, hi0 = proportion_confint(15, 100, method="wilson")
    assert list(bar.error_y.array) == pytest.approx([100 * (hi1 - 0.3), 100 * (hi0 - 0.15)])
    assert list(bar.error_y.arrayminus) == pytest.approx([100 * (0.3 - lo1), 100 * (0.15 - lo0)])
    assert bar.text == ("30% (12 of 40)", "15% (15 of 100)")
    assert "n = 40" in bar.x[0] and "n = 100" in bar.x[1]
    assert list(bar.marker.color) == [FOLLOWED, NOT_FOLLOWED]
    assert fig.layout.title.text.startswith("After applying<br>")
    assert "30% vs 15%<br>reached an intro call" in fig.layout.title.text
    # the count labels sit just above each whisker
    tops = [a.y for a in fig.layout.annotations]
    assert tops == pytest.approx([100 * hi1, 100 * hi0])
    assert [a.text for a in fig.layout.annotations] == ["30%<br>(12 of 40)", "15%<br>(15 of 100)"]


def test_advance_comparison_says_not_enough_data_and_handles_empty_arm():
    fig = figures.advance_comparison_figure(
        _cmp(2, 3, 0, 0, enough=False), touchpoint_label="After the interview", next_step="an offer"
    )
    bar = fig.data[0]
    assert list(bar.y) == [pytest.approx(200 / 3), 0.0]
    assert bar.text[1] == "no applications"
    assert list(bar.error_y.array)[1] == 0.0
    assert "not enough data" in fig.layout.title.text


def test_followup_rates_marks_untracked_touchpoints():
    rates = pd.DataFrame(
        {
            "touchpoint": ["after_applying", "after_intro_call", "after_interview"],
            "label": ["After applying", "After the intro call", "After the interview"],
            "tracked": [True, False, True],
            "eligible": [20, 0, 4],
            "followed_up": [5, 0, 4],
            "rate": [0.25, np.nan, 1.0],
            "lo": [0.11, np.nan, 0.51],
            "hi": [0.47, np.nan, 1.0],
        }
    )
    fig = figures.followup_rates_figure(rates)
    bar = fig.data[0]
    assert list(bar.x) == pytest.approx([25.0, 0.0, 100.0])
    assert bar.text == ("25% (5 of 20)", "not tracked in your log", "100% (4 of 4)")
    assert list(bar.error_x.array) == pytest.approx([47 - 25, 0, 0])
    # labels start right of the whisker end
    assert [a.x for a in fig.layout.annotations] == pytest.approx([47 + 1.5, 1.5, 101.5])
    assert "after the interview" in fig.layout.title.text and "100%" in fig.layout.title.text
    assert not any("nan" in t.lower() for t in bar.text)


def test_funnel_counts_and_shares():
    f = pd.DataFrame(
        {
            "stage": ["applied", "intro_call", "interview", "offer", "hired"],
            "reached": [50, 20, 10, 2, 0],
            "share": [1, 0.4, 0.2, 0.04, 0],
        }
    )
    fig = figures.funnel_figure(f)
    bar = fig.data[0]
    assert list(bar.x) == [50, 20, 10, 2, 0]
    assert list(bar.y) == ["Applied", "Intro call", "Interview", "Offer", "Hired"]
    assert bar.text[2] == "10 (20%)"
    assert fig.layout.title.text == "10 of 50 applications reached an interview (20%)"


def test_funnel_empty_table_has_a_message():
    f = pd.DataFrame({"stage": ["applied"], "reached": [0], "share": [np.nan]})
    assert figures.funnel_figure(f).layout.title.text == "No applications in this view"


def test_response_curves_plot_share_answered_with_band():
    curves = pd.DataFrame(
        {
            "group": ["followed up"] * 3 + ["not followed up"] * 3,
            "day": [0, 7, 21, 0, 14, 40],
            "survival": [1, 0.6, 0.2, 1, 0.9, 0.5],
            "lo": [1, 0.4, 0.1, 1, 0.8, 0.3],
            "hi": [1, 0.8, 0.4, 1, 0.95, 0.7],
            "at_risk": [10, 6, 2, 10, 9, 5],
        }
    )
    fig = figures.response_curves_figure(curves, 0.0123)
    lines = [t for t in fig.data if t.fill != "toself"]
    assert [t.name for t in lines] == ["Followed up", "Did not follow up"]
    assert list(lines[0].y) == pytest.approx([0, 40, 80])
    assert list(lines[1].y) == pytest.approx([0, 10, 50])
    band = [t for t in fig.data if t.fill == "toself"][0]
    assert max(band.y) == pytest.approx(90)  # 1 - lo at day 21 of the followed-up group
    # the band is a step polygon: upper edge then lower edge, at the curve's days
    assert list(band.x[:5]) == [0, 7, 7, 21, 21]
    assert list(band.y[:5]) == pytest.approx([0, 0, 60, 60, 90])
    # by day 30: followed up 80% answered; not followed up still at day-14 value 10%
    assert "80% followed up vs 10% did not follow up" in fig.layout.title.text
    assert "p = 0.012" in fig.layout.title.text


def test_weekly_activity_goal_line_and_weeks_met():
    w = pd.DataFrame(
        {
            "week_start": pd.to_datetime(["2026-01-05", "2026-01-12", "2026-01-19"]),
            "applications": [3, 10, 12],
            "followups": [0, 2, 5],
        }
    )
    fig = figures.weekly_activity_figure(w, goal=10)
    apps, fups = fig.data
    assert list(apps.y) == [3, 10, 12] and list(fups.y) == [0, 2, 5]
    assert fig.layout.shapes[0].y0 == 10
    assert fig.layout.title.text == "You reached your goal of 10 applications in 2 of 3 weeks"


def test_breakdown_escapes_user_text_and_shows_counts():
    t = pd.DataFrame(
        {
            "group": ["<script>x</script>", "Acme *Ltd*"],
            "applications": [5, 4],
            "known": [5, 4],
            "answered": [4, 1],
            "rate": [0.8, 0.25],
            "lo": [0.38, 0.05],
            "hi": [0.96, 0.7],
        }
    )
    fig = figures.breakdown_figure(t, "company")
    bar = fig.data[0]
    assert "<script>" not in bar.y[0] and bar.y[0].startswith("&lt;script&gt;")
    assert "<script>" not in fig.layout.title.text
    assert list(bar.x) == pytest.approx([80, 25])
    assert bar.text == ("80% (4 of 5)", "25% (1 of 4)")
    assert list(bar.customdata) == ["<script>x</script>", "Acme *Ltd*"]  # raw value for filtering


def test_sankey_link_values_and_node_totals():
    links = pd.DataFrame(
        {
            "source": ["Applied", "Applied", "Response", "Response", "Intro call"],
            "target": ["Response", "Ghosted", "Intro call", "Rejected", "Interview"],
            "value": [6, 4, 3, 3, 3],
        }
    )
    fig = figures.pipeline_sankey_figure(links)
    s = fig.data[0]
    assert list(s.link.value) == [6, 4, 3, 3, 3]
    labels = list(s.node.label)
    assert labels[0] == "Applied (10)" and "Response (6)" in labels and "Interview (3)" in labels
    # every link points at the right node names
    names = [lab.rsplit(" (", 1)[0] for lab in labels]
    assert [
        (names[a], names[b]) for a, b in zip(s.link.source, s.link.target, strict=False)
    ] == list(zip(links["source"], links["target"], strict=False))
    assert fig.layout.title.text.startswith(
        "Of 10 applications, 6 got an answer, 3 reached an interview"
    )


def test_every_builder_uses_the_one_template():
    f = figures.funnel_figure(pd.DataFrame({"stage": ["applied"], "reached": [1], "share": [1.0]}))
    assert list(f.layout.template.layout.colorway) == list(PALETTE)
    import plotly.io as pio

    assert TEMPLATE_NAME in pio.templates
    assert isinstance(f, go.Figure)


def test_figures_stay_small():
    curves = pd.DataFrame(
        {
            "group": ["followed up"] * 500,
            "day": np.arange(500),
            "survival": np.linspace(1, 0, 500),
            "lo": np.linspace(1, 0, 500),
            "hi": np.linspace(1, 0, 500),
            "at_risk": np.arange(500)[::-1],
        }
    )
    assert len(figures.response_curves_figure(curves, None).to_json()) < 1_000_000


def test_sankey_end_nodes_are_ordered_and_placed_so_flows_do_not_cross():
    from analysis.pipeline import pipeline_links

    t = coerce_applications(
        pd.DataFrame(
            {
                "stage_reached": ["applied"] * 6
                + ["intro_call", "interview", "interview", "offer", "applied"],
                "outcome": [
                    "ghosted",
                    "ghosted",
                    "rejected",
                    "pending",
                    "withdrawn",
                    "rejected",
                    "ghosted",
                    "rejected",
                    "pending",
                    "offer",
                    "pending",
                ],
                "responded_on": [
                    None,
                    None,
                    "2026-01-09",
                    None,
                    None,
                    "2026-01-10",
                    "2026-01-09",
                    "2026-01-09",
                    "2026-01-09",
                    "2026-01-09",
                    None,
                ],
            }
        )
    )
    links = pipeline_links(t)
    s = figures.pipeline_sankey_figure(links).data[0]
    assert list(s.link.value) == links["value"].tolist()  # values untouched by the layout
    names = [lab.rsplit(" (", 1)[0] for lab in s.node.label]
    x = dict(zip(names, s.node.x, strict=False))
    y = dict(zip(names, s.node.y, strict=False))
    ends = sorted((n for n in figures.END_ORDER if n in names), key=y.get)  # top to bottom
    # Offer on top; then by the share arriving straight from Applied (never answered):
    # Rejected 0 of 3, Pending 2 of 3, Withdrawn 1 of 1, Ghosted 2 of 3 (ties: END_ORDER)
    assert ends == ["Offer", "Rejected", "Pending", "Ghosted", "Withdrawn"]
    assert len({x[n] for n in ends}) == 1 and all(
        x[n] > x["Interview"] for n in ends
    )  # one column, right
    assert x["Applied"] < x["Response"] < x["Intro call"] < x["Interview"]
    assert all(0 < v < 1 for v in list(s.node.x) + list(s.node.y))


def test_weekly_figure_leaves_out_untracked_followups():
    w = pd.DataFrame(
        {
            "week_start": pd.to_datetime(["2026-01-05", "2026-01-12"]),
            "applications": [5, 12],
            "followups": [0, 0],
        }
    )
    assert [t.name for t in figures.weekly_activity_figure(w).data] == [
        "Applications",
        "Follow-ups",
    ]
    assert [t.name for t in figures.weekly_activity_figure(w, followups=False).data] == [
        "Applications"
    ]


def test_single_response_curve_title_has_no_vs():
    c = pd.DataFrame(
        {
            "group": ["all applications"] * 3,
            "day": [0, 10, 40],
            "survival": [1, 0.5, 0.2],
            "lo": [1, 0.3, 0.1],
            "hi": [1, 0.7, 0.4],
            "at_risk": [4, 2, 1],
        }
    )
    assert (
        figures.response_curves_figure(c, None).layout.title.text
        == "50% of applications answered within 30 days"
    )


def test_sankey_last_stage_label_clears_the_end_labels_beside_it():
    """The demo's pipeline: Interview (27) sat level with Offer (4) and Withdrawn (2), and at
    1024 px their labels overlapped. The stage column now moves down until the last stage's
    centre (where its label is drawn) keeps the clearance from every end node's centre, and
    all stages move together (the answered flow stays along their top)."""
    from analysis.outcomes import resolve
    from analysis.pipeline import pipeline_links
    from data.demo import DEMO_AS_OF, load_demo

    apps = load_demo("seeker").applications
    s = figures.pipeline_sankey_figure(pipeline_links(resolve(apps, DEMO_AS_OF))).data[0]
    names = [lab.rsplit(" (", 1)[0] for lab in s.node.label]
    y = dict(zip(names, s.node.y, strict=True))
    ends = [n for n in figures.END_ORDER if n in names]
    assert {"Offer", "Withdrawn", "Rejected"} <= set(ends) and "Interview" in names
    gaps = [abs(y["Interview"] - y[n]) for n in ends]
    assert min(gaps) >= 0.07, dict(zip(ends, gaps, strict=True))
    # every stage moved by the same amount: their tops are still level
    # (a stage's centre is its top plus half its height, and heights go with the counts)
    totals = {lab.rsplit(" (", 1)[0]: int(lab.rsplit("(", 1)[1][:-1]) for lab in s.node.label}
    half = [
        (y[n] - y["Interview"]) / (totals[n] - totals["Interview"])
        for n in ("Applied", "Response", "Intro call")
    ]
    assert max(half) - min(half) < 1e-9
    top = y["Interview"] - half[0] * totals["Interview"]
    assert top > 0.05  # moved down (it was 0) ...
    assert top + 2 * half[0] * totals["Applied"] <= 1  # ... and the tallest stage still fits


def test_sankey_with_one_stage_keeps_it_at_the_top():
    """Applied alone (a log without answers): its label is at the far left, nowhere near the
    end labels, so it stays top-aligned even where an end node's centre is level with it."""
    names = ["Applied", "Rejected", "Ghosted", "Pending"]
    totals = {"Applied": 6, "Rejected": 1, "Ghosted": 3, "Pending": 2}
    unanswered = {"Ghosted": 1, "Pending": 2}  # Rejected, Ghosted (level with Applied), Pending
    xs, ys = figures.sankey_positions(names, totals, {"Applied": 6}, unanswered)
    usable = 1 - 0.05 * 2  # three end nodes, two gaps
    assert xs[0] < 0.01 and ys[0] == pytest.approx(usable / 2)  # top-aligned, not moved
    assert min(abs(ys[0] - y) for y in ys[1:]) < figures.LABEL_CLEARANCE  # though level


def test_follow_up_rates_title_names_the_step_in_plain_words():
    """The title reads "most often after the intro call", not the step's card label
    ("most often follow-up after the intro call")."""
    from data.rules import TOUCHPOINTS
    from viz.figures import followup_rates_figure

    rates = pd.DataFrame(
        {
            "touchpoint": list(TOUCHPOINTS),
            "label": [tp.label for tp in TOUCHPOINTS.values()],
            "tracked": [True, True, True],
            "eligible": [40, 10, 5],
            "followed_up": [10, 6, 1],
            "rate": [0.25, 0.6, 0.2],
            "lo": [0.14, 0.31, 0.04],
            "hi": [0.4, 0.83, 0.62],
        }
    )
    title = followup_rates_figure(rates).layout.title.text
    assert title == "You followed up most often after the intro call (60%)"
