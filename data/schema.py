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
}

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


@dataclass
class ImportReport:
    """Accounts for every non-blank input row: ``rows_read == rows_analysed + rows_excluded``."""

    files: list[str] = field(default_factory=list)
    #: files that could not be read at all, with the importer's one-line reason (naming the file)
    files_failed: list[tuple[str, str]] = field(default_factory=list)
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
