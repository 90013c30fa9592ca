"""The one look and feel of every Followthrough chart.

One Plotly template (``TEMPLATE``, registered as ``"followthrough"``) and the Okabe–Ito
colour-blind-safe palette, defined once here. Figure builders in :mod:`viz.figures` use
the semantic colours below (``FOLLOWED``, ``NOT_FOLLOWED``…) so the same meaning has the
same colour on every page.

Examples
--------
>>> import plotly.io as pio
>>> from viz.theme import TEMPLATE_NAME, PALETTE
>>> TEMPLATE_NAME in pio.templates and len(PALETTE)
8
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

#: Okabe & Ito (2008) colour-blind-safe palette, in their order.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: Colour cycle for categorical traces (black last: it reads as "text", not as a series).
PALETTE: tuple[str, ...] = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["yellow"],
    OKABE_ITO["black"],
)

# Semantic colours: one meaning, one colour, everywhere.
FOLLOWED = OKABE_ITO["blue"]  # followed up
NOT_FOLLOWED = OKABE_ITO["orange"]  # did not follow up
NEUTRAL = "#7F7F7F"  # totals, stages
GOAL = OKABE_ITO["vermillion"]  # the person's goal line
OUTCOME_COLOURS: dict[str, str] = {
    "rejected": OKABE_ITO["vermillion"],
    "ghosted": "#9E9E9E",
    "pending": OKABE_ITO["sky_blue"],
    "withdrawn": OKABE_ITO["reddish_purple"],
    "offer": OKABE_ITO["bluish_green"],
    "hired": OKABE_ITO["bluish_green"],
}

TEMPLATE_NAME = "followthrough"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"  # local fonts only

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": 14, "color": "#262730"},
        title={"font": {"size": 17}, "x": 0.0, "xanchor": "left", "y": 0.97, "yanchor": "top"},
        colorway=list(PALETTE),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 60, "r": 24, "t": 70, "b": 56},
        xaxis={
            "showgrid": False,
            "linecolor": "#BBBBBB",
            "ticks": "outside",
            "automargin": True,
            "title": {"standoff": 8},
        },
        yaxis={
            "showgrid": True,
            "gridcolor": "#E6E6E6",
            "zeroline": False,
            "automargin": True,
            "title": {"standoff": 8},
        },
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "xanchor": "right",
            "x": 1.0,
            "title": {"text": ""},
        },
        hoverlabel={"font": {"family": FONT_FAMILY}},
        bargap=0.35,
    )
)
pio.templates[TEMPLATE_NAME] = TEMPLATE


def apply_theme(fig: go.Figure) -> go.Figure:
    """Return ``fig`` with the Followthrough template applied (in place, and returned).

    Examples
    --------
    >>> apply_theme(go.Figure()).layout.template.layout.colorway[0] == PALETTE[0]
    True
    """
    fig.update_layout(template=TEMPLATE)
    return fig
