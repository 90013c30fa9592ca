"""The report as one self-contained HTML file that opens offline.

plotly.js is embedded once (in ``<head>``); every chart is a ``<div>`` plus a small script
drawing its JSON. A Content-Security-Policy allows nothing from outside the file (no
network, no fonts, no images other than inline ones), so opening the report sends no
request anywhere. Every piece of text is HTML-escaped; nothing from the data is written
as markup.

Examples
--------
>>> _esc("<b>Acme & co</b>")
'&lt;b&gt;Acme &amp; co&lt;/b&gt;'
"""

from __future__ import annotations

import html
import json
from typing import Any

import pandas as pd
import plotly.io as pio

from report.content import ReportContent

__all__ = ["render_html", "CSP"]

#: Nothing from outside the file: scripts and styles inline only, no connections.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; "
    "base-uri 'none'"
)
_PLOT_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud"],
    "showLink": False,
    "toImageButtonOptions": {"filename": "followthrough_chart"},
}
_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#222;
background:#fff;line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:24px 20px 60px}
h1{font-size:1.7rem;margin:.2em 0}h2{font-size:1.35rem;margin-top:1.8em;border-bottom:1px solid
#ddd;padding-bottom:.2em}h3{font-size:1.1rem;margin:1.2em 0 .3em}
.meta{color:#555}.word{display:inline-block;padding:.1em .55em;border-radius:.4em;
background:#eef4fa;color:#0a4a7a;font-weight:600}
.word.higher{background:#e3f4ea;color:#0b5b2e}.word.lower{background:#fbe9e2;color:#8a2c0d}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.95rem}
th,td{border:1px solid #ddd;padding:.3em .6em;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f5f5f5}
.note{color:#555;font-size:.92rem}.chart{margin:.5em 0 1.5em}
ul{padding-left:1.2em}
@media print{main{max-width:none;padding:0}.chart,table,p{break-inside:avoid}
h2,h3{break-after:avoid}}
"""


def _esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _cell(v: object) -> str:
    if isinstance(v, float):
        if pd.isna(v):
            return "–"
        return f"{v:.0%}" if 0 <= v <= 1 else f"{v:.2f}"
    return _esc(v)


def _table(df: pd.DataFrame, *, index: bool = False, rates: tuple[str, ...] = ()) -> str:
    cols = list(df.columns)
    head = ("<th></th>" if index else "") + "".join(f"<th>{_esc(c)}</th>" for c in cols)
    rows = []
    for idx, r in df.iterrows():
        cells = [f"<th>{_esc(idx)}</th>"] if index else []
        for c in cols:
            v = r[c]
            if c in rates and isinstance(v, float) and not pd.isna(v):
                cells.append(f"<td>{v:.0%}</td>")
            else:
                cells.append(f"<td>{_cell(v)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _chart(fig: Any, div_id: str) -> str:
    spec = json.loads(pio.to_json(fig, validate=False))
    payload = json.dumps(
        {"data": spec.get("data", []), "layout": spec.get("layout", {}), "config": _PLOT_CONFIG}
    )
    payload = payload.replace("</", "<\\/")  # no "</script>" can end the script early
    return (
        f'<div class="chart" id="{div_id}"></div>'
        f"<script>(function(){{var s={payload};"
        f"Plotly.newPlot('{div_id}',s.data,s.layout,s.config);}})();</script>"
    )


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs().replace("</script", "<\\/script")


def _steps_html(c: ReportContent, out: list[str]) -> int:
    """Append the per-step verdict sections; return how many charts were drawn."""
    n_chart = 0
    for s in c.steps:
        word_class = s.word if s.word in ("higher", "lower") else ""
        out.append(
            f"<h3>{_esc(s.label)} <span class='word {word_class}'>{_esc(s.word)}</span></h3>"
        )
        out.append(f"<p>{_esc(s.headline)}</p>")
        if s.secondary:
            out.append(f"<p class='note'>{_esc(s.secondary)}</p>")
        if s.verdict.tracked:
            out.append(_table(s.counts, index=True))
        for d in s.details:
            out.append(f"<p class='note'>{_esc(d)}</p>")
        if s.figure is not None:
            n_chart += 1
            out.append(_chart(s.figure, f"chart{n_chart}"))
    return n_chart


def render_html(content: ReportContent) -> bytes:
    """The report as UTF-8 HTML bytes (see the module docstring).

    Examples
    --------
    >>> import datetime as dt
    >>> c = ReportContent("T", dt.date(2026, 1, 1), True, 5, False, 0, [], [], [], None,
    ...                   pd.DataFrame({"What": ["Rows read"], "Count": [0]}), [], None, None)
    >>> b = render_html(c); b.count(b"<script") >= 1, b"connect-src 'none'" in b
    (True, True)
    """
    c = content
    out: list[str] = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<meta name='referrer' content='no-referrer'>",
        f"<title>{_esc(c.title)}</title><style>{_CSS}</style>",
        f"<script>{_plotly_js()}</script></head><body><main>",
        f"<h1>{_esc(c.title)}</h1>",
    ]
    who = f"{len(c.participants)} participants" if c.workshop else "one person's applications"
    out.append(
        f"<p class='meta'>{c.applications:,} applications · {_esc(who)} · {_esc(c.as_of_text)}"
        + (
            f" · anonymised: participants are coded P01…, companies, roles, notes and file names "
            f"are left out; counts under {c.min_cell} show as '&lt; {c.min_cell}'"
            if c.anonymised
            else ""
        )
        + "</p>"
    )
    out.append("<h2>Does following up go with advancing?</h2>")
    out.append(f"<p class='note'>{_esc(c.method_notes[0]) if c.method_notes else ''}</p>")
    n_chart = _steps_html(c, out)
    if c.figures:
        out.append("<h2>Charts</h2>")
    for f in c.figures:
        n_chart += 1
        out.append(f"<h3>{_esc(f.title)}</h3>")
        out.append(_chart(f.figure, f"chart{n_chart}"))
        if f.note:
            out.append(f"<p class='note'>{_esc(f.note)}</p>")
    if c.before_after is not None:
        out.append("<h2>Before and after the workshop</h2>")
        out.append(_table(c.before_after, rates=("rate", "lo", "hi")))
    if c.participant_table is not None:
        out.append("<h2>Participant by participant</h2>")
        out.append(
            _table(c.participant_table, rates=("Consistency", "Response rate", "Interview rate"))
        )
        if c.min_cell is not None:
            out.append(
                f"<p class='note'>Counts under {c.min_cell} show as '&lt; {c.min_cell}'; "
                "'hidden' marks a count hidden so that totals cannot reveal a small one. "
                f"Participants with fewer than {c.min_cell} applications with a known answer "
                "are pooled as 'other participants'.</p>"
            )
    out.append("<h2>Data quality</h2>")
    out.append(_table(c.quality))
    if c.quality_notes:
        out.append("<ul>" + "".join(f"<li>{_esc(n)}</li>" for n in c.quality_notes) + "</ul>")
    out.append("<h2>How these numbers are made</h2><ul>")
    out += [f"<li>{_esc(n)}</li>" for n in c.method_notes]
    out.append("</ul><p class='note'>Made with Followthrough. This file makes no requests.</p>")
    out.append("</main></body></html>")
    return "\n".join(out).encode("utf-8")
