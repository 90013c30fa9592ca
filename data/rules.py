"""The domain rules of a job search, written once.

Every package asks this module, and only this module, what the stages are and in which
order, what an offer or a hire implies, how far an application got, which dates count as
activity, which outcomes are an employer's answer, what the three follow-up touchpoints
are, and how each is labelled for a person. The importer, the event folding, the analysis
and the charts all call it; nothing else defines these names.

=================  ================================================================
name               what it says
=================  ================================================================
``STAGES``         ordered stages ``applied < intro_call < interview < offer < hired``
``OUTCOMES``       ``pending, rejected, ghosted, withdrawn, offer, hired``
``STAGE_LABELS``   stage -> label ("Intro call"); ``STAGE_PHRASES`` for sentences
``OUTCOME_LABELS`` outcome -> label ("Ghosted")
``TOUCHPOINTS``    ordered ``{key: Touchpoint}``: label, step date, follow-up flag and
                   date columns, default window in days, eligible and advanced stage
``furthest_stage`` stage reached = max(stage logged, dated steps, offer/hire outcome)
``settle_outcome`` an open (pending) row that reached offer/hired has that outcome
``earliest_date``  row-wise earliest / latest of some date columns (NaT skipped)
``status_meaning`` which words mean which stage / outcome (the vocabulary in
                   :mod:`data.vocab`, the one place words are read)
=================  ================================================================

Examples
--------
>>> import pandas as pd
>>> STAGES[1], STAGE_LABELS["intro_call"], TOUCHPOINTS["after_interview"].window_days
('intro_call', 'Intro call', 2)
>>> [tp.advanced_stage for tp in TOUCHPOINTS.values()]
['intro_call', 'interview', 'offer']
>>> t = pd.DataFrame({"stage_reached": ["applied", "applied"], "outcome": ["offer", "rejected"],
...                   "interview_on": [pd.NaT, pd.Timestamp("2026-01-09")]})
>>> furthest_stage(t).tolist()
['offer', 'interview']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from data.vocab import StatusMeaning
from data.vocab import status_meaning as _status_meaning

__all__ = [
    "STAGES",
    "OUTCOMES",
    "STAGE_DTYPE",
    "OUTCOME_DTYPE",
    "STAGE_LABELS",
    "STAGE_PHRASES",
    "OUTCOME_LABELS",
    "STAGE_DATE_COLUMNS",
    "STAGE_OF_OUTCOME",
    "ANSWER_OUTCOMES",
    "ANSWER_FIELDS",
    "FINAL_OUTCOMES",
    "ACTIVITY_COLUMNS",
    "Touchpoint",
    "TOUCHPOINTS",
    "TOUCHPOINT_LABELS",
    "DEFAULT_WINDOWS",
    "FOLLOWUP_FLAG_COLUMNS",
    "stage_index",
    "stage_codes",
    "furthest_stage_codes",
    "furthest_stage",
    "heard_back",
    "raise_to_outcome",
    "implied_stage_codes",
    "settle_outcome",
    "settle_outcome_codes",
    "earliest_date",
    "latest_date",
    "last_activity",
    "status_meaning",
]

# --------------------------------------------------------------------------- stages
#: Ordered stages. Cumulative: reaching ``interview`` implies ``intro_call`` and ``applied``.
STAGES: tuple[str, ...] = ("applied", "intro_call", "interview", "offer", "hired")
#: Outcomes. ``pending`` means "no final word logged"; the analysis turns stale pending
#: rows into ``ghosted`` relative to an as-of date.
OUTCOMES: tuple[str, ...] = ("pending", "rejected", "ghosted", "withdrawn", "offer", "hired")

STAGE_DTYPE = pd.CategoricalDtype(list(STAGES), ordered=True)
OUTCOME_DTYPE = pd.CategoricalDtype(list(OUTCOMES))

#: Human labels for the stages (chart axes, tables).
STAGE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "applied": "Applied",
        "intro_call": "Intro call",
        "interview": "Interview",
        "offer": "Offer",
        "hired": "Hired",
    }
)
#: The stages as they read inside a sentence ("… reached an interview").
STAGE_PHRASES: Mapping[str, str] = MappingProxyType(
    {
        "applied": "applied",
        "intro_call": "an intro call",
        "interview": "an interview",
        "offer": "an offer",
        "hired": "a hire",
    }
)
#: Human labels for the outcomes.
OUTCOME_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "pending": "Pending",
        "rejected": "Rejected",
        "ghosted": "Ghosted",
        "withdrawn": "Withdrawn",
        "offer": "Offer",
        "hired": "Hired",
    }
)

#: A date in one of these columns means the stage was reached.
STAGE_DATE_COLUMNS: Mapping[str, str] = MappingProxyType(
    {"intro_call": "intro_call_on", "interview": "interview_on", "offer": "offer_on"}
)
#: An outcome that implies a stage: an offer means the offer stage, a hire the hired stage.
STAGE_OF_OUTCOME: Mapping[str, str] = MappingProxyType({"offer": "offer", "hired": "hired"})
#: Outcomes that are an employer's answer (besides an invite to a later stage).
ANSWER_OUTCOMES: frozenset[str] = frozenset({"rejected", "offer", "hired"})
#: Mappable fields that record employers' answers (a status, a stage or an answer date):
#: a log with none of them does not say how its applications went.
ANSWER_FIELDS: frozenset[str] = frozenset(
    {
        "status",
        "outcome",
        "stage_reached",
        "responded_on",
        "intro_call_on",
        "interview_on",
        "offer_on",
        "outcome_on",
    }
)
#: Outcomes that close an application.
FINAL_OUTCOMES: frozenset[str] = frozenset({"rejected", "ghosted", "withdrawn", "offer", "hired"})

#: Date columns that count as activity (for the ghosting rule and "last activity").
ACTIVITY_COLUMNS: tuple[str, ...] = (
    "last_activity_on",
    "applied_on",
    "followup_after_apply_on",
    "responded_on",
    "intro_call_on",
    "interview_on",
    "offer_on",
    "outcome_on",
)


# --------------------------------------------------------------------------- touchpoints
@dataclass(frozen=True)
class Touchpoint:
    """One follow-up touchpoint of a job search.

    Attributes
    ----------
    key : str
        ``after_applying``, ``after_intro_call`` or ``after_interview``.
    label : str
        How the UI names it ("Follow-up after applying").
    short_label : str
        The step alone ("After applying"), for chart axes.
    step_date : str
        Canonical column holding the date the step happened.
    flag : str
        Canonical boolean column: followed up at this step (NA = not tracked).
    followup_date : str or None
        Canonical column with the date of the follow-up, where the table has one.
    window_days : int
        Default days after the step within which the follow-up counts (the landmark).
    eligible_stage : str
        Stage an application must have reached for the step to apply.
    advanced_stage : str
        Stage that counts as "advanced" after this step.
    """

    key: str
    label: str
    short_label: str
    step_date: str
    flag: str
    followup_date: str | None
    window_days: int
    eligible_stage: str
    advanced_stage: str


#: The three touchpoints, in order (iterating yields the keys).
TOUCHPOINTS: Mapping[str, Touchpoint] = MappingProxyType(
    {
        "after_applying": Touchpoint(
            key="after_applying",
            label="Follow-up after applying",
            short_label="After applying",
            step_date="applied_on",
            flag="followup_after_apply",
            followup_date="followup_after_apply_on",
            window_days=7,
            eligible_stage="applied",
            advanced_stage="intro_call",
        ),
        "after_intro_call": Touchpoint(
            key="after_intro_call",
            label="Follow-up after the intro call",
            short_label="After the intro call",
            step_date="intro_call_on",
            flag="followup_after_intro",
            followup_date=None,
            window_days=3,
            eligible_stage="intro_call",
            advanced_stage="interview",
        ),
        "after_interview": Touchpoint(
            key="after_interview",
            label="Thank-you note after the interview",
            short_label="After the interview",
            step_date="interview_on",
            flag="thank_you_after_interview",
            followup_date=None,
            window_days=2,
            eligible_stage="interview",
            advanced_stage="offer",
        ),
    }
)
#: touchpoint -> label (derived from :data:`TOUCHPOINTS`).
TOUCHPOINT_LABELS: Mapping[str, str] = MappingProxyType(
    {k: t.label for k, t in TOUCHPOINTS.items()}
)
#: touchpoint -> default window in days (derived from :data:`TOUCHPOINTS`).
DEFAULT_WINDOWS: Mapping[str, int] = MappingProxyType(
    {k: t.window_days for k, t in TOUCHPOINTS.items()}
)
#: touchpoint -> follow-up flag column (derived from :data:`TOUCHPOINTS`).
FOLLOWUP_FLAG_COLUMNS: Mapping[str, str] = MappingProxyType(
    {k: t.flag for k, t in TOUCHPOINTS.items()}
)


# --------------------------------------------------------------------------- stage rules
def stage_index(stage: str) -> int:
    """Position of ``stage`` in :data:`STAGES` (``ValueError`` naming it when unknown).

    Examples
    --------
    >>> stage_index("interview")
    2
    """
    try:
        return STAGES.index(stage)
    except ValueError:
        raise ValueError(f"unknown stage {stage!r} (expected one of {', '.join(STAGES)})") from None


def stage_codes(stage: pd.Series) -> np.ndarray:
    """Integer codes of a stage column: 0 = applied … 4 = hired, -1 for NA or unknown.

    Examples
    --------
    >>> stage_codes(pd.Series(["interview", None, "hired"])).tolist()
    [2, -1, 4]
    """
    codes = pd.Series(stage, copy=False).astype(STAGE_DTYPE).cat.codes
    return np.asarray(codes, dtype=np.int64)


def heard_back(frame: pd.DataFrame) -> np.ndarray:
    """Per row: the log says the employer answered, without the day or the kind of answer
    (the canonical ``responded`` is true: "Heard back? yes"); all false without that column.

    Examples
    --------
    >>> t = pd.DataFrame({"responded": pd.array([True, None, False], dtype="boolean")})
    >>> heard_back(t).tolist(), heard_back(pd.DataFrame(index=[0])).tolist()
    ([True, False, False], [False])
    """
    if "responded" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame["responded"].astype("boolean").fillna(False).to_numpy(dtype=bool)


def furthest_stage_codes(frame: pd.DataFrame) -> np.ndarray:
    """Codes of the furthest stage each row shows (see :func:`furthest_stage`).

    Examples
    --------
    >>> furthest_stage_codes(pd.DataFrame({"stage_reached": [None], "outcome": ["hired"]})).tolist()
    [4]
    """
    n = len(frame)
    code = (
        stage_codes(frame["stage_reached"])
        if "stage_reached" in frame.columns
        else np.full(n, -1, dtype=np.int64)
    )
    code = np.maximum(code, 0)  # every row is an application
    for stage, col in STAGE_DATE_COLUMNS.items():
        if col in frame.columns:
            has = frame[col].notna().to_numpy(dtype=bool)
            code = np.where(has, np.maximum(code, STAGES.index(stage)), code)
    if "outcome" not in frame.columns:
        return code
    return np.maximum(code, implied_stage_codes(frame["outcome"]))


def raise_to_outcome(codes: np.ndarray, outcome: np.ndarray) -> np.ndarray:
    """Stage codes raised to what each outcome implies (an offer -> offer, a hire -> hired).

    Parameters
    ----------
    codes : ndarray of int
        Stage codes (0 = applied … 4 = hired).
    outcome : ndarray of object
        Outcome names (``None`` where unknown), same length.

    Examples
    --------
    >>> raise_to_outcome(np.array([0, 2, 4]), np.array(["hired", "rejected", "offer"])).tolist()
    [4, 2, 4]
    """
    code = np.asarray(codes, dtype=np.int64)
    for oc, stage in STAGE_OF_OUTCOME.items():
        code = np.where(outcome == oc, np.maximum(code, STAGES.index(stage)), code)
    return code


def implied_stage_codes(outcome: pd.Series | np.ndarray) -> np.ndarray:
    """Per row, the code of the stage its outcome implies (an offer 3, a hire 4), ``-1``
    where it implies none: :func:`raise_to_outcome` applied once per distinct outcome.

    Examples
    --------
    >>> implied_stage_codes(pd.Series(["hired", None, "rejected", "offer"])).tolist()
    [4, -1, -1, 3]
    """
    codes, uniq = pd.factorize(pd.Series(outcome, copy=False), use_na_sentinel=True)
    names = np.array([*np.asarray(uniq, dtype=object), None], dtype=object)
    return raise_to_outcome(np.full(len(names), -1, dtype=np.int64), names)[codes]


def furthest_stage(frame: pd.DataFrame) -> pd.Series:
    """The furthest stage each row reached, as an ordered categorical.

    The maximum of the stage logged (missing counts as ``applied``: every row is an
    application), the stages whose date is filled in (``intro_call_on``, ``interview_on``,
    ``offer_on``) and the stage an outcome implies (``offer`` -> offer, ``hired`` -> hired).
    A final "rejected" never lowers the stage reached.

    Parameters
    ----------
    frame : DataFrame
        Any subset of the columns ``stage_reached``, ``outcome`` and the stage dates.

    Returns
    -------
    Series
        ``STAGE_DTYPE`` categorical on ``frame``'s index.

    Examples
    --------
    >>> t = pd.DataFrame({"stage_reached": ["interview", None], "outcome": ["rejected", "offer"]})
    >>> furthest_stage(t).tolist()
    ['interview', 'offer']
    """
    cat = pd.Categorical.from_codes(furthest_stage_codes(frame), dtype=STAGE_DTYPE)
    return pd.Series(cat, index=frame.index, name="stage_reached")


def settle_outcome_codes(stage: np.ndarray, outcome: np.ndarray) -> np.ndarray:
    """:func:`settle_outcome` on codes: stage codes (0 = applied … 4 = hired) and outcome
    codes (index in :data:`OUTCOMES`, -1 = missing) in, outcome codes out.

    Examples
    --------
    >>> settle_outcome_codes(np.array([3, 0, 4]), np.array([0, -1, 3])).tolist()
    [4, 0, 3]
    """
    oc = np.asarray(outcome, dtype=np.int64)
    st = np.asarray(stage, dtype=np.int64)
    pending = OUTCOMES.index("pending")
    open_ = (oc < 0) | (oc == pending)
    settled = np.full(len(oc), pending, dtype=np.int64)
    for out_name, stage_name in STAGE_OF_OUTCOME.items():
        settled = np.where(st == STAGES.index(stage_name), OUTCOMES.index(out_name), settled)
    return np.where(open_, settled, oc)


def settle_outcome(stage: pd.Series, outcome: pd.Series) -> pd.Series:
    """Outcome with open rows closed by the stage they reached.

    A row with no final word (``pending`` or missing) that reached ``offer`` or ``hired``
    has that outcome; missing otherwise becomes ``pending``. Other outcomes are kept.

    Examples
    --------
    >>> settle_outcome(pd.Series(["offer", "applied", "hired"]),
    ...                pd.Series([None, None, "withdrawn"])).tolist()
    ['offer', 'pending', 'withdrawn']
    """
    oc = pd.Series(outcome, copy=False).astype(OUTCOME_DTYPE).cat.codes.to_numpy()
    codes = settle_outcome_codes(stage_codes(stage), oc)
    cat = pd.Categorical.from_codes(codes, dtype=OUTCOME_DTYPE)
    return pd.Series(cat, index=pd.Series(outcome, copy=False).index)


# --------------------------------------------------------------------------- dates
_NAT = np.iinfo(np.int64).min
_MAX = np.iinfo(np.int64).max


def _row_extreme(frame: pd.DataFrame, cols: Iterable[str], latest: bool) -> pd.Series:
    present = [c for c in cols if c in frame.columns]
    if not present:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    acc = np.full(len(frame), _NAT if latest else _MAX, dtype=np.int64)
    for c in present:
        v = np.asarray(frame[c].astype("datetime64[ns]").to_numpy()).view(np.int64)
        if latest:
            np.maximum(acc, v, out=acc)  # NaT is the smallest int64, so it never wins
        else:
            np.minimum(acc, np.where(v == _NAT, _MAX, v), out=acc)
    if not latest:
        acc[acc == _MAX] = _NAT
    return pd.Series(acc.view("datetime64[ns]"), index=frame.index)


def earliest_date(frame: pd.DataFrame, cols: Iterable[str]) -> pd.Series:
    """Row-wise earliest date over ``cols`` (missing columns and NaT skipped).

    Examples
    --------
    >>> t = pd.DataFrame({"a": pd.to_datetime(["2026-01-05", None]),
    ...                   "b": pd.to_datetime(["2026-01-02", None])})
    >>> [str(d.date()) if pd.notna(d) else None for d in earliest_date(t, ["a", "b", "c"])]
    ['2026-01-02', None]
    """
    return _row_extreme(frame, cols, latest=False)


def latest_date(frame: pd.DataFrame, cols: Iterable[str]) -> pd.Series:
    """Row-wise latest date over ``cols`` (missing columns and NaT skipped).

    Examples
    --------
    >>> t = pd.DataFrame({"a": pd.to_datetime(["2026-01-05"]), "b": pd.to_datetime(["2026-01-09"])})
    >>> latest_date(t, ["a", "b"]).iloc[0].day
    9
    """
    return _row_extreme(frame, cols, latest=True)


def last_activity(frame: pd.DataFrame) -> pd.Series:
    """Latest dated activity of any kind per row (NaT when the row has no date at all).

    Examples
    --------
    >>> t = pd.DataFrame({"applied_on": pd.to_datetime(["2026-01-01"]),
    ...                   "interview_on": pd.to_datetime(["2026-02-01"])})
    >>> last_activity(t).iloc[0].date().isoformat()
    '2026-02-01'
    """
    return latest_date(frame, ACTIVITY_COLUMNS)


# --------------------------------------------------------------------------- words
def status_meaning(word: object, *, fuzzy: bool = True) -> StatusMeaning | None:
    """Which stage and outcome a status word says (``None`` when it says nothing known).

    The vocabulary itself is the table in :mod:`data.vocab`; this is its one entry point
    for code outside the importer.

    Examples
    --------
    >>> status_meaning("Rejected after 2nd interview")[:2]
    ('interview', 'rejected')
    """
    return _status_meaning(word, fuzzy=fuzzy)
