"""Plain-text formatting of numbers for charts and cards (no Streamlit, no HTML).

Examples
--------
>>> pct(0.31), count_rate(12, 40)
('31%', '30% (12 of 40)')
"""

from __future__ import annotations

import math

NOT_TRACKED = "not tracked in your log"
NOT_ENOUGH = "not enough data"


def _missing(x: object) -> bool:
    if x is None:
        return True
    try:
        return math.isnan(float(x))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def pct(x: float | None, digits: int = 0) -> str:
    """A fraction as a percentage string; ``"–"`` when missing.

    Examples
    --------
    >>> pct(0.5), pct(None), pct(0.1234, 1)
    ('50%', '–', '12.3%')
    """
    if _missing(x):
        return "–"
    return f"{100 * float(x):.{digits}f}%"  # type: ignore[arg-type]


def count_rate(k: int, n: int) -> str:
    """``"30% (12 of 40)"``; ``"no applications"`` when ``n`` is 0.

    Examples
    --------
    >>> count_rate(0, 0)
    'no applications'
    """
    if not n:
        return "no applications"
    return f"{pct(k / n)} ({int(k)} of {int(n)})"


def interval(lo: float | None, hi: float | None) -> str:
    """``"95% CI 18–45%"``, or ``""`` when either bound is missing.

    Examples
    --------
    >>> interval(0.18, 0.452)
    '95% CI 18–45%'
    """
    if _missing(lo) or _missing(hi):
        return ""
    return f"95% CI {100 * float(lo):.0f}–{100 * float(hi):.0f}%"  # type: ignore[arg-type]


def plotly_text(text: object) -> str:
    """User text made safe for a Plotly label (Plotly reads a few HTML tags in labels).

    Examples
    --------
    >>> plotly_text("<b>A&B</b>")
    '&lt;b&gt;A&amp;B&lt;/b&gt;'
    """
    s = "" if text is None else str(text)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
