"""The canonical tables: the contract between ``data/``, ``analysis/`` and the UI.

Everything the importer produces, and everything the analysis consumes, has exactly
the columns and dtypes below (see ``../shared/DESIGN.md``). ``empty_applications()``
builds a correctly typed empty table; ``coerce_applications()`` casts a frame that has
the right columns (for example a literal test fixture) to the canonical dtypes.

Examples
--------
>>> from data.schema import empty_applications, APPLICATION_COLUMNS
>>> list(empty_applications().columns) == list(APPLICATION_COLUMNS)
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from data.rules import FOLLOWUP_FLAG_COLUMNS as FOLLOWUP_FLAG_COLUMNS
from data.rules import OUTCOME_DTYPE as OUTCOME_DTYPE
from data.rules import OUTCOMES as OUTCOMES
from data.rules import STAGE_DTYPE as STAGE_DTYPE
from data.rules import STAGES as STAGES
from data.rules import TOUCHPOINTS as _TOUCHPOINTS

# --------------------------------------------------------------------------- vocab
# Stages, outcomes and touchpoints are domain rules, defined once in data.rules and
# re-exported here for the table's dtypes.

#: How the application was made.
SOURCES: tuple[str, ...] = (
    "job board",
    "company site",
    "referral",
    "recruiter",
    "LinkedIn",
    "other",
)
#: Event kinds accepted in an event log.
EVENT_KINDS: tuple[str, ...] = (
    "applied",
    "follow_up",
    "thank_you",
    "intro_call",
    "interview",
    "offer",
    "rejected",
    "withdrawn",
    "hired",
)
#: The three follow-up touchpoint keys, in order (definitions: ``data.rules.TOUCHPOINTS``).
TOUCHPOINTS: tuple[str, ...] = tuple(_TOUCHPOINTS)

SOURCE_DTYPE = pd.CategoricalDtype(list(SOURCES))

# --------------------------------------------------------------------------- table
#: Canonical Applications table: column -> dtype (as accepted by ``DataFrame.astype``).
#: Date columns are ``datetime64[ns]`` normalised to midnight (NaT when unknown).
APPLICATION_COLUMNS: dict[str, object] = {
    "participant": "string",  # whose log; one value for a single seeker
    "application_id": "string",  # stable id (from the source, else derived)
    "company": "string",
    "role": "string",
    "source": SOURCE_DTYPE,  # how applied (NA when unknown)
    "applied_on": "datetime64[ns]",  # résumé/application sent
    "followup_after_apply": "boolean",  # NA = log does not track it
    "followup_after_apply_on": "datetime64[ns]",
    "followups": "Int64",  # number of follow-ups made (if known)
    "responded_on": "datetime64[ns]",  # first employer response (invite or rejection)
    # the log says whether the employer answered, without saying when ("Heard back? yes");
    # True also counts as an answer when no date, stage or outcome shows one; NA: not said
    "responded": "boolean",
    "intro_call_on": "datetime64[ns]",
    "followup_after_intro": "boolean",
    "interview_on": "datetime64[ns]",
    "thank_you_after_interview": "boolean",
    "offer_on": "datetime64[ns]",
    "stage_reached": STAGE_DTYPE,  # furthest stage, cumulative
    "outcome": OUTCOME_DTYPE,
    "outcome_on": "datetime64[ns]",
    "last_activity_on": "datetime64[ns]",  # latest dated activity of any kind (for ghosting)
    # provenance: where the row came from, so every number can be traced to a cell
    "source_file": "string",
    "source_sheet": "string",  # NA for CSV
    "source_row": "Int64",  # row number as the person sees it (1-based, header included)
    # "day"; "month" when a date of the row was given only as a month (2025-08): such a row
    # counts in month-level views but is never placed on a day or a week; NA without dates
    "date_precision": "string",
}
#: Values of ``date_precision``.
DATE_PRECISIONS: tuple[str, ...] = ("day", "month")

DATE_COLUMNS: tuple[str, ...] = tuple(
    c for c, t in APPLICATION_COLUMNS.items() if t == "datetime64[ns]"
)

#: Fields a user may map a column to (the UI's mapping select boxes offer these), beyond
#: the table columns above: ``status`` (free text -> outcome/stage), ``notes`` (ignored
#: but kept for display), ``ignore``.
MAPPABLE_FIELDS: tuple[str, ...] = (
    "participant",
    "application_id",
    "company",
    "role",
    "source",
    "applied_on",
    "followup_after_apply",
    "followup_after_apply_on",
    "followups",
    "responded_on",
    "intro_call_on",
    "followup_after_intro",
    "interview_on",
    "thank_you_after_interview",
    "offer_on",
    "stage_reached",
    "outcome",
    "outcome_on",
    "status",
    "last_activity_on",
    "notes",
    "ignore",
)


def empty_applications() -> pd.DataFrame:
    """Return an empty Applications table with the canonical columns and dtypes.

    Examples
    --------
    >>> empty_applications().dtypes["stage_reached"].ordered
    True
    """
    return pd.DataFrame({c: pd.Series([], dtype=t) for c, t in APPLICATION_COLUMNS.items()})


def coerce_applications(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``df`` with every canonical column present and typed.

    Missing canonical columns are added as all-missing; extra columns are kept at the end.
    Raises ``ValueError`` naming the column when a value cannot be cast.

    Examples
    --------
    >>> t = coerce_applications(pd.DataFrame({
    ...     "company": ["Acme"], "applied_on": ["2026-01-05"],
    ...     "stage_reached": ["interview"], "outcome": ["rejected"]}))
    >>> str(t.loc[0, "stage_reached"]), t.loc[0, "applied_on"].day
    ('interview', 5)
    """
    out = pd.DataFrame(index=df.index)
    for col, dtype in APPLICATION_COLUMNS.items():
        if col in df.columns:
            try:
                if dtype == "datetime64[ns]":
                    out[col] = pd.to_datetime(df[col]).astype("datetime64[ns]").dt.normalize()
                else:
                    out[col] = df[col].astype(dtype)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"column {col!r} cannot be read as {dtype}: {exc}") from exc
        else:
            out[col] = pd.Series(pd.NA, index=df.index).astype(dtype)
    for col in df.columns:
        if col not in out.columns:
            out[col] = df[col]
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- validation
def validate_applications(frame: pd.DataFrame | None) -> pd.DataFrame:
    """The canonical table, cast once (:func:`coerce_applications`, canonical columns only)
    and validated against ``data.model.ApplicationsModel``. Raises ``ValueError`` naming the
    column, check and first failing rows.

    Examples
    --------
    >>> t = validate_applications(pd.DataFrame({"company": ["Acme"], "outcome": ["offer"],
    ...                                          "stage_reached": ["offer"]}))
    >>> list(t.columns) == list(APPLICATION_COLUMNS), str(t.loc[0, "stage_reached"])
    (True, 'offer')
    >>> validate_applications(pd.DataFrame({"followups": [-1]}))
    Traceback (most recent call last):
    ...
    ValueError: the applications table fails its checks: followups: greater_than_or_equal_to(0) ...
    """
    import pandera.errors

    from data.model import ApplicationsModel  # pandera is imported only to validate

    table = empty_applications() if frame is None else coerce_applications(frame)
    table = table[list(APPLICATION_COLUMNS)]
    try:
        # ``inplace``: ``table`` is this function's own copy, so pandera need not copy it
        return ApplicationsModel.validate(table, lazy=True, inplace=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases.head(3)
        shown = "; ".join(
            f"{c.column}: {c.check} (row {c.index}: {c.failure_case})" for c in cases.itertuples()
        )
        raise ValueError(f"the applications table fails its checks: {shown}") from None


# --------------------------------------------------------------------------- report
class InputError(ValueError):
    """Input that cannot be imported. ``str(err)`` is one line a person can act on,
    naming the file (and sheet/row/column where relevant)."""


@dataclass(frozen=True)
class Exclusion:
    """One input row that is not analysed, and why (a reason a person can act on)."""

    file: str
    sheet: str | None
    row: int | None  # row number as the person sees it in their spreadsheet
    reason: str


@dataclass(frozen=True)
class ColumnMapping:
    """How one input column was understood."""

    file: str
    sheet: str | None
    column: str  # header as written in the file
    field: str  # one of MAPPABLE_FIELDS
    confidence: float  # 0..1
    how: Literal["header", "content", "override", "format"]
    #: up to three of the column's values as written (the first distinct non-blank ones,
    #: shortened), so a person can see what a column holds before mapping it
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnreadValues:
    """Non-blank cells of one column that could not be read, and what was assumed instead.

    ``examples`` holds up to five distinct values with how often each occurs, most frequent
    first; ``cells`` counts every unread cell of the column.
    """

    file: str
    sheet: str | None
    column: str  # header as written
    field: str  # what the column was read as, or likely holds when not read (MAPPABLE_FIELDS)
    cells: int
    examples: tuple[tuple[str, int], ...]
    assumed: str  # e.g. "left empty", "taken as followed up", "outcome left pending"
    #: The whole column was left out (its words unknown); ``field`` is what it likely holds.
    column_left_out: bool = False

    def sentence(self) -> str:
        """One line for a person: which column, which values, what was assumed.

        Examples
        --------
        >>> UnreadValues("a.csv", None, "Sent?", "followup_after_apply", 3,
        ...              (("★", 2), ("maybe", 1)), "taken as followed up").sentence()
        "a.csv, column 'Sent?': 3 cells not understood ('★' ×2, 'maybe' ×1): taken as followed up"
        """
        where = self.file if self.sheet is None else f"{self.file}, sheet {self.sheet!r}"
        shown = ", ".join(f"{v!r} ×{c}" for v, c in self.examples)
        more = ", …" if self.cells > sum(c for _, c in self.examples) else ""
        noun = "cell" if self.cells == 1 else "cells"
        return (
            f"{where}, column {self.column!r}: {self.cells} {noun} not understood "
            f"({shown}{more}): {self.assumed}"
        )


@dataclass
class ImportReport:
    """Accounts for every non-blank input row: ``rows_read == rows_analysed + rows_excluded``."""

    files: list[str] = field(default_factory=list)
    #: files that could not be read at all, with the importer's one-line reason (naming the file)
    files_failed: list[tuple[str, str]] = field(default_factory=list)
    #: files identical to an earlier one of the same upload, not read again: (copy, original)
    copies: list[tuple[str, str]] = field(default_factory=list)
    rows_read: int = 0
    rows_analysed: int = 0
    excluded: list[Exclusion] = field(default_factory=list)
    sheets_used: list[tuple[str, str]] = field(default_factory=list)  # (file, sheet)
    sheets_skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (file, sheet, why)
    mappings: list[ColumnMapping] = field(default_factory=list)
    formats: dict[str, str] = field(
        default_factory=dict
    )  # "file[:sheet]" -> "generic"/"linkedin"/"huntr"/...
    warnings: list[str] = field(default_factory=list)  # ambiguous dates, unknown status words, ...
    unknown_status_words: dict[str, int] = field(default_factory=dict)
    ambiguous_dates: list[str] = field(
        default_factory=list
    )  # human-readable, naming file/sheet/column

    #: per column: non-blank values that could not be read, with examples and what was assumed
    unread: list[UnreadValues] = field(default_factory=list)
    #: dates given only as a month (counted in month views, never placed on a day or week)
    month_only_dates: int = 0
    #: columns not examined for their content (beyond the examined limit), by table
    columns_not_examined: list[str] = field(default_factory=list)

    @property
    def rows_excluded(self) -> int:
        return len(self.excluded)

    def excluded_frame(self) -> pd.DataFrame:
        """Excluded rows as a table with columns file, sheet, row, reason."""
        return pd.DataFrame(
            [(e.file, e.sheet, e.row, e.reason) for e in self.excluded],
            columns=["file", "sheet", "row", "reason"],
        )


@dataclass
class ImportResult:
    """What ``data.import_files`` returns."""

    applications: pd.DataFrame  # canonical Applications table
    report: ImportReport
