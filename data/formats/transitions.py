"""Transition (edge) lists drawn as Sankey diagrams: ``Company, Source, Target``.

The company is written only on the first row of a block; each block is one application and
its furthest ``Target`` is where it got.

Examples
--------
>>> f = FORMAT.detect(["Company", "Source", "Target"], [], None)
>>> f.name, f.shape
('transitions', 'transitions')
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data.columns import FieldGuess, normalise_header
from data.formats.base import Format, TableFormat, header_set

_EDGES = frozenset({"source", "target"})
_COMPANY = frozenset({"company", "company name", "employer"})


def detect(
    headers: Sequence[str], guesses: list[FieldGuess], rows: pd.DataFrame | None
) -> TableFormat | None:
    """``Source`` and ``Target`` columns and at most two others."""
    norm = header_set(headers)
    if not _EDGES <= norm or len(norm - _EDGES) > 2:
        return None
    out = []
    for g in guesses:
        h = normalise_header(g.column)
        if g.how == "override":
            out.append(g)
        elif h in _EDGES:
            out.append(FieldGuess(g.column, "status", 1.0, "format"))
        elif g.field == "company" or h in _COMPANY:
            out.append(FieldGuess(g.column, "company", 1.0, "format"))
        else:
            out.append(g)
    return TableFormat("transitions", out, shape="transitions")


FORMAT = Format("transitions", detect)
