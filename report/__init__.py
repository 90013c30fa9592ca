"""Exports a coach (or a job seeker) takes away: a self-contained HTML report and a workbook.

Sits above ``viz`` in the layering (``report`` → ``viz`` → ``analysis`` → ``data``); the app's
pages and the CLI's ``report`` command call it. Nothing here reads files or the clock.

* :func:`report.content.build_content` computes everything once (anonymised unless asked
  otherwise, small counts suppressed when anonymised);
* :func:`report.html.render_html` writes one offline HTML file (plotly.js embedded once, a
  Content-Security-Policy that blocks every outside request);
* :func:`report.xlsx.render_xlsx` writes a formatted, formula-neutralised workbook.
"""

from __future__ import annotations

from report.content import ReportContent, build_content
from report.html import render_html
from report.xlsx import render_xlsx

__all__ = ["ReportContent", "build_content", "render_html", "render_xlsx"]
