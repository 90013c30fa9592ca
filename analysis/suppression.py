"""Small-cell protection for tables shown to a room or exported: as career services do it.

* **Primary suppression**: a count under ``k`` (default 5) is shown as ``"< 5"``.
* **Complementary suppression**: a hidden count must not be recoverable from what is still
  shown. Every row total, column total and the grand total is a sum a reader can subtract
  from; whenever such a sum has exactly one hidden entry, the smallest other shown entry of
  that sum is hidden too (shown as ``"hidden"``: it is not a small count), until no sum
  has exactly one hidden entry.
* **Small participants**: a participant with fewer than ``k`` applications with a known
  answer joins one "other participants" group in charts (:func:`group_small_participants`).

Examples
--------
>>> import pandas as pd
>>> t = pd.DataFrame({"advanced": [3, 12], "not advanced": [9, 20]}, index=["with", "without"])
>>> s = suppress_table(t, k=5)
>>> s.shown.loc["with"].tolist(), s.shown.loc["without"].tolist()
(['< 5', 'hidden', 12], ['hidden', 'hidden', 32])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "SuppressedTable",
    "suppress_table",
    "suppressed_label",
    "group_small_participants",
    "OTHER_PARTICIPANTS",
    "COMPLEMENTARY_LABEL",
    "hidden_cells_recoverable",
    "sums_of",
    "DEFAULT_K",
]

DEFAULT_K = 5
OTHER_PARTICIPANTS = "other participants"
#: What a count hidden only to protect another (complementary suppression) shows.
COMPLEMENTARY_LABEL = "hidden"
TOTAL = "Total"


def suppressed_label(k: int) -> str:
    """The text shown instead of a hidden count.

    Examples
    --------
    >>> suppressed_label(5)
    '< 5'
    """
    return f"< {int(k)}"


@dataclass(frozen=True)
class SuppressedTable:
    """A count table ready to show: ``shown`` holds ints or ``"< k"``; ``hidden`` marks every
    hidden cell, ``primary`` those hidden because they are under ``k`` (the rest are
    complementary). All three include the total row/column when margins were asked for.

    Examples
    --------
    >>> s = suppress_table(pd.DataFrame({"a": [10, 10]}), k=5, row_totals=False)
    >>> int(s.hidden.to_numpy().sum()), list(s.shown.index)
    (0, [0, 1, 'Total'])
    """

    shown: pd.DataFrame
    hidden: pd.DataFrame
    primary: pd.DataFrame
    k: int


def _sums(n_rows: int, n_cols: int, row_totals: bool, col_totals: bool) -> list[list[int]]:
    """Index sets (into the flattened full grid) that a reader can add up to a shown total."""
    width = n_cols + (1 if row_totals else 0)
    height = n_rows + (1 if col_totals else 0)

    def at(i: int, j: int) -> int:
        return i * width + j

    sums: list[list[int]] = []
    if row_totals:
        for i in range(height):
            sums.append([at(i, j) for j in range(n_cols)] + [at(i, n_cols)])
    if col_totals:
        for j in range(width):
            sums.append([at(i, j) for i in range(n_rows)] + [at(n_rows, j)])
    return sums


def suppress_table(
    counts: pd.DataFrame,
    k: int = DEFAULT_K,
    *,
    row_totals: bool = True,
    col_totals: bool = True,
) -> SuppressedTable:
    """Hide counts under ``k`` and enough others that none can be worked out from totals.

    Parameters
    ----------
    counts : DataFrame
        Non-negative whole numbers; rows and columns are the categories (for example arms
        × advanced / not advanced, or participants × one count).
    k : int
        Counts ``0 <= n < k`` are hidden (a zero is a count under ``k`` too).
    row_totals, col_totals : bool
        Add a "Total" column (sum of each row) and a "Total" row (sum of each column);
        only add them where the sum means something (parts of a whole).

    Returns
    -------
    SuppressedTable

    Examples
    --------
    >>> t = pd.DataFrame({"n": [2, 30, 40]}, index=["P01", "P02", "P03"])
    >>> suppress_table(t, k=5, row_totals=False).shown["n"].tolist()
    ['< 5', 'hidden', 40, 72]
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    values = counts.to_numpy()
    if values.size and (
        not np.issubdtype(values.dtype, np.number) or (values < 0).any() or np.isnan(values).any()
    ):
        raise ValueError("counts must be non-negative whole numbers with no missing values")
    grid = values.astype(np.int64)
    n_rows, n_cols = grid.shape
    if row_totals:
        grid = np.column_stack([grid, grid.sum(axis=1)])
    if col_totals:
        grid = np.vstack([grid, grid.sum(axis=0)])
    flat = grid.ravel()
    primary = flat < k
    hidden = primary.copy()
    is_total = np.zeros_like(hidden)
    width = grid.shape[1]
    for idx in range(flat.size):
        i, j = divmod(idx, width)
        is_total[idx] = (row_totals and j == n_cols) or (col_totals and i == n_rows)
    sums = _sums(n_rows, n_cols, row_totals, col_totals)
    _complement(hidden, flat, is_total, sums)
    index = list(counts.index) + ([TOTAL] if col_totals else [])
    columns = list(counts.columns) + ([TOTAL] if row_totals else [])
    label = suppressed_label(k)
    cells = np.where(primary, label, np.where(hidden, COMPLEMENTARY_LABEL, flat.astype(object)))
    shown = pd.DataFrame(cells.reshape(grid.shape), index=index, columns=columns, dtype=object)
    shown = shown.map(lambda v: str(v) if isinstance(v, str) else int(v)).astype(object)
    return SuppressedTable(
        shown=shown,
        hidden=pd.DataFrame(hidden.reshape(grid.shape), index=index, columns=columns),
        primary=pd.DataFrame(primary.reshape(grid.shape), index=index, columns=columns),
        k=int(k),
    )


def group_small_participants(
    resolved: pd.DataFrame,
    k: int = DEFAULT_K,
    *,
    known_column: str = "known_after_applying",
    label: str = OTHER_PARTICIPANTS,
) -> pd.DataFrame:
    """A copy of ``resolved`` where every participant with fewer than ``k`` applications with
    a known answer is relabelled ``label``, so charts show them as one group.

    When that would leave a single small participant alone in the group, the group still
    carries the neutral label (it shows no more than a code would).

    Examples
    --------
    >>> t = pd.DataFrame({"participant": ["P01"] * 6 + ["P02"] * 2 + ["P03"] * 3,
    ...                   "known_after_applying": [True] * 11})
    >>> group_small_participants(t, 5)["participant"].value_counts().to_dict()
    {'P01': 6, 'other participants': 5}
    """
    if known_column not in resolved.columns or "participant" not in resolved.columns:
        raise ValueError(f"expected columns participant and {known_column} (resolve's output)")
    known = resolved[known_column].astype("boolean").fillna(False).astype(bool)
    per = known.groupby(resolved["participant"].astype("object"), dropna=False).sum()
    small = [p for p, n in per.items() if n < k]
    out = resolved.copy()
    if small:
        is_small = out["participant"].astype("object").isin(small).to_numpy()
        col = out["participant"].astype("object").copy()
        col[is_small] = label
        out["participant"] = pd.array(col, dtype="string")
    return out


def _complement(
    hidden: np.ndarray, flat: np.ndarray, is_total: np.ndarray, sums: list[list[int]]
) -> None:
    """Complementary suppression, in place on ``hidden`` (smallest inner cells first)."""

    def smallest(candidates: list[int]) -> int:
        return min(candidates, key=lambda m: (bool(is_total[m]), int(flat[m]), m))

    changed = True
    while changed:  # no total may have exactly one hidden entry
        changed = False
        for members in sums:
            candidates = [m for m in members if not hidden[m]]
            if sum(hidden[m] for m in members) == 1 and candidates:
                hidden[smallest(candidates)] = True
                changed = True
    # several totals together can still pin a hidden count down (linear algebra): hide one
    # more beside it until none can be
    for _ in range(flat.size):
        pinned = _pinned(hidden, sums)
        if not pinned:
            return
        candidates = [m for ms in sums if pinned[0] in ms for m in ms if not hidden[m]]
        if not candidates:
            return
        hidden[smallest(candidates)] = True


def _pinned(hidden: np.ndarray, sums: Sequence[Sequence[int]]) -> list[int]:
    """Flat indices of hidden cells that the sums determine exactly (see below)."""
    unknown = np.flatnonzero(hidden)
    if not len(unknown):
        return []
    pos = {int(u): i for i, u in enumerate(unknown)}
    rows = []
    for members in sums:
        row = np.zeros(len(unknown))
        for m in members:
            if m in pos:
                row[pos[m]] = 1.0
        if row.any():
            rows.append(row)
    if not rows:
        return []
    a = np.array(rows)
    rank = np.linalg.matrix_rank(a)
    out = []
    for u, i in pos.items():
        e = np.zeros(len(unknown))
        e[i] = 1.0
        if np.linalg.matrix_rank(np.vstack([a, e])) == rank:
            out.append(u)
    return out


def hidden_cells_recoverable(table: SuppressedTable, sums: Sequence[Sequence[int]]) -> list[int]:
    """Flat indices of hidden cells that the shown totals pin down exactly (should be none).

    A hidden cell is pinned down when its unit vector lies in the row space of the sums'
    equations restricted to the hidden cells (linear algebra, not just one-hidden-per-sum).

    Examples
    --------
    >>> s = suppress_table(pd.DataFrame({"a": [1, 9], "b": [9, 9]}), k=5)
    >>> hidden_cells_recoverable(s, sums_of(s))
    []
    """
    return _pinned(table.hidden.to_numpy().ravel(), sums)


def sums_of(table: SuppressedTable) -> list[list[int]]:
    """The sums a reader can use on ``table`` (for :func:`hidden_cells_recoverable`).

    Examples
    --------
    >>> len(sums_of(suppress_table(pd.DataFrame({"a": [1, 9]}), k=5)))  # 3 rows, 2 columns
    5
    """
    row_totals = TOTAL in table.shown.columns
    col_totals = TOTAL in table.shown.index
    n_rows = len(table.shown.index) - (1 if col_totals else 0)
    n_cols = len(table.shown.columns) - (1 if row_totals else 0)
    return _sums(n_rows, n_cols, row_totals, col_totals)
