"""What every tracker format module provides: :class:`TableFormat` and :class:`Format`.

A format module (``data/formats/<name>.py``) defines one ``FORMAT = Format(name, detect)``.
``detect(headers, guesses, rows)`` returns a :class:`TableFormat` when the table is in that
format, else ``None``. Behaviour that differs by format is a field of :class:`TableFormat`
(its ``shape``, ``constants``, ``undated_means_not_applied``), so no other module ever
compares a format's name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from data.columns import FieldGuess, normalise_header

#: How the rows of a table are read: one application per row, one event per row (folded
#: per application by ``data.events``), or Sankey edges (``Company, Source, Target``).
Shape = Literal["rows", "events", "transitions"]


@dataclass(frozen=True)
class TableFormat:
    """What a table is and how its columns are read.

    Attributes
    ----------
    name : str
        Reported in ``ImportReport.formats`` (``generic``, ``linkedin``, ``events``…).
    guesses : list of FieldGuess
        One per column, in column order.
    constants : dict
        Field values that hold for every row (LinkedIn's ``source``).
    shape : {"rows", "events", "transitions"}
        How rows become applications.
    undated_means_not_applied : bool
        A row without an application date was not applied for yet (Teal's ``applied_at``).
    dated_by_id : bool
        The ``application_id`` column holds 24-hex-digit object ids whose first eight digits
        are the Unix time the row was created (Trello's card ids): a row without an
        application date is dated by it, and the import says how many were.
    warn_repeats : bool
        Rows equal to an earlier one in every cell are counted, and said (a copy pasted
        twice, or two postings with one title: the person decides). Not for tables whose
        rows are made from cells (one column per day), where the same words twice are two
        applications.
    """

    name: str
    guesses: list[FieldGuess]
    constants: dict[str, str] = field(default_factory=dict)
    shape: Shape = "rows"
    undated_means_not_applied: bool = False
    dated_by_id: bool = False
    warn_repeats: bool = True


Detect = Callable[[Sequence[str], list[FieldGuess], pd.DataFrame | None], "TableFormat | None"]


@dataclass(frozen=True)
class Format:
    """One entry of the registry: a name and how to recognise a table in that format."""

    name: str
    detect: Detect


def header_set(headers: Sequence[str]) -> frozenset[str]:
    """The normalised headers of a table (what formats are recognised by).

    Examples
    --------
    >>> sorted(header_set(["Company Name", "applied_at"]))
    ['applied at', 'company name']
    """
    return frozenset(normalise_header(h) for h in headers)


def preset(
    name: str, columns: Mapping[str, str], guesses: list[FieldGuess], **kwargs: object
) -> TableFormat:
    """A tracker export's fixed column meanings applied over the guesses (the person's own
    corrections still win).

    Examples
    --------
    >>> g = [FieldGuess("Company Name", "role", 0.5, "header")]
    >>> preset("x", {"company name": "company"}, g).guesses[0].field
    'company'
    """
    out = []
    for g in guesses:
        f = columns.get(normalise_header(g.column))
        if f is not None and g.how != "override":
            out.append(FieldGuess(g.column, f, 1.0, "format", g.value if g.field == f else None))
        else:
            out.append(g)
    return TableFormat(name, out, **kwargs)  # type: ignore[arg-type]
