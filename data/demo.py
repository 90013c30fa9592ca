"""The built-in demos: a fictional job seeker's log and a fictional career workshop.

The app opens on the job seeker's log (``demo_seeker.xlsx``: one invented person, about
400 applications, enough that every step has something to compare); the workshop
(``demo_workshop.xlsx``) is the coach's demo, chosen in the sidebar.

Six invented participants log about 300 job applications between February and June 2026,
one sheet each, in the kind of spreadsheet people really keep (human headers, real Excel
dates, ``Yes``/blank flags). Their follow-up habits differ (from about 10% to about 80% of
applications followed up), and following up is *modestly* associated with getting an intro
call, so the dashboard has something honest to discuss. One participant's log does not
track thank-you notes (the column is blank throughout, so it reads as "unknown").

The committed files in ``data/samples/`` are produced by ``python -m data.demo``;
:func:`load_demo` reads the committed workbook through :func:`data.import_files`, so the
demo takes exactly the same path as an upload.

:func:`simulate_applications` is the vectorised core, reused at scale by ``bench/benchmark.py``.

Examples
--------
>>> apps = generate_demo()
>>> apps["participant"].nunique(), 250 <= len(apps) <= 350
(6, True)
"""

from __future__ import annotations

import datetime
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from data.importer import import_files
from data.schema import (
    APPLICATION_COLUMNS,
    STAGES,
    ImportResult,
    coerce_applications,
)

#: The date the demo is meant to be viewed at (the last day of the simulated period).
DEMO_AS_OF: datetime.date = datetime.date(2026, 6, 30)
#: First day applications are sent in the demo.
DEMO_START: datetime.date = datetime.date(2026, 2, 1)

SAMPLES_DIR: Path = Path(__file__).resolve().parent / "samples"
DEMO_FILE: str = "demo_workshop.xlsx"
#: The job seeker's demo: one invented person's log (what the app opens on).
SEEKER_FILE: str = "demo_seeker.xlsx"
#: Applications in the job seeker's demo: enough that every step has at least five
#: applications with and without a follow-up on the first screen.
SEEKER_APPS: int = 400
SEEKER_START: datetime.date = datetime.date(2026, 1, 5)
SEEKER_NAME: str = "Sam"
#: Extra columns of the seeker's sheet (not canonical fields: kept for the person).
SEEKER_EXTRA_HEADERS: tuple[str, ...] = ("Contact email", "Notes")
DEMO_EVENTS_FILE: str = "demo_events.csv"

#: Column headers as they appear in each participant's sheet (field -> header).
SHEET_HEADERS: dict[str, str] = {
    "company": "Company",
    "role": "Role",
    "source": "Source",
    "applied_on": "Date Applied",
    "followup_after_apply": "Followed up?",
    "followup_after_apply_on": "Follow-up date",
    "responded_on": "Response date",
    "intro_call_on": "Intro call",
    "followup_after_intro": "Follow-up after call",
    "interview_on": "Interview",
    "thank_you_after_interview": "Thank-you sent",
    "offer_on": "Offer",
    "status": "Status",
    "outcome_on": "Outcome date",
}
_DATE_FIELDS = (
    "applied_on",
    "followup_after_apply_on",
    "responded_on",
    "intro_call_on",
    "interview_on",
    "offer_on",
    "outcome_on",
)
_FLAG_FIELDS = ("followup_after_apply", "followup_after_intro", "thank_you_after_interview")

#: Sources, and how often each is used.
_SOURCES = np.array(["job board", "company site", "referral", "recruiter", "LinkedIn"])
_SOURCE_P = np.array([0.36, 0.22, 0.08, 0.10, 0.24])
_SOURCE_LABEL = {
    "job board": "Job board",
    "company site": "Company site",
    "referral": "Referral",
    "recruiter": "Recruiter",
    "LinkedIn": "LinkedIn",
}
#: Status words written in the sheet, per (stage, outcome).
_STATUS_WORD = {
    "offer": "Offer",
    "rejected": "Rejected",
    "ghosted": "Ghosted",
    "withdrawn": "Withdrawn",
    "hired": "Hired",
}
_PENDING_WORD = {
    "applied": "Applied",
    "intro_call": "Intro call",
    "interview": "Interview",
    "offer": "Offer",
    "hired": "Hired",
}

_COMPANY_A = (
    "Amberline",
    "Bluefin",
    "Cobalt",
    "Driftwood",
    "Ember",
    "Fernway",
    "Granite",
    "Harbor",
    "Ironleaf",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Northwind",
    "Orchard",
    "Pinecrest",
    "Quarry",
    "Riverstone",
    "Saltmarsh",
    "Tidewater",
    "Upland",
    "Vireo",
    "Willowby",
    "Yarrow",
    "Zephyr",
)
_COMPANY_B = (
    "Analytics",
    "Labs",
    "Health",
    "Logistics",
    "Software",
    "Foods",
    "Energy",
    "Robotics",
    "Media",
    "Bank",
    "Insurance",
    "Studio",
    "Systems",
    "Retail",
    "Biotech",
    "Works",
)
_ROLES = (
    "Data Analyst",
    "Business Analyst",
    "Product Manager",
    "Project Coordinator",
    "Marketing Specialist",
    "UX Designer",
    "Software Engineer",
    "Operations Analyst",
    "Customer Success Manager",
    "Financial Analyst",
    "Research Assistant",
    "Content Strategist",
    "QA Engineer",
    "HR Generalist",
    "Sales Associate",
)


@dataclass(frozen=True)
class _Participant:
    name: str
    n_apps: int
    followup_rate: float  # share of applications followed up
    tracks_thank_you: bool
    start_day: int  # days after DEMO_START of their first application


#: The fictional workshop (names invented).
PARTICIPANTS: tuple[_Participant, ...] = (
    _Participant("Amara", 62, 0.80, True, 0),
    _Participant("Bruno", 48, 0.60, True, 10),
    _Participant("Chen", 55, 0.45, True, 3),
    _Participant("Dalia", 40, 0.30, False, 21),
    _Participant("Emeka", 58, 0.20, True, 6),
    _Participant("Freya", 37, 0.10, True, 30),
)

_NAT = np.datetime64("NaT", "D")


def _d64(d: datetime.date) -> np.datetime64:
    return np.datetime64(d.isoformat(), "D")


def simulate_applications(
    rng: np.random.Generator,
    participant: np.ndarray,
    applied_on: np.ndarray,
    followup_rate: np.ndarray,
    tracks_thank_you: np.ndarray,
    as_of: datetime.date,
) -> pd.DataFrame:
    """Simulate what happened to each application, vectorised, as seen on ``as_of``.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness (the only one: no clock is read).
    participant : ndarray of int
        Participant index of each application (indexes ``followup_rate``).
    applied_on : ndarray of datetime64[D]
        Date each application was sent (all on or before ``as_of``).
    followup_rate : ndarray of float
        Per participant, the probability of following up after applying (and after a call).
    tracks_thank_you : ndarray of bool
        Per participant, whether their log records thank-you notes (else NA throughout).
    as_of : datetime.date
        Nothing dated after this day has happened yet: such events are dropped.

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, the date and flag fields of the canonical table, ``stage_reached``,
        ``outcome``, ``outcome_on``, ``last_activity_on`` and ``status`` (the word a person
        would write), with numpy/object dtypes (call ``coerce_applications`` for canonical).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> t = simulate_applications(rng, np.zeros(5, int), np.full(5, np.datetime64("2026-01-05")),
    ...                           np.array([0.5]), np.array([True]), datetime.date(2026, 6, 30))
    >>> len(t), bool((t["applied_on"] <= pd.Timestamp("2026-06-30")).all())
    (5, True)
    """
    n = len(participant)
    asof = _d64(as_of)
    applied = np.asarray(applied_on, dtype="datetime64[D]")
    day = np.timedelta64(1, "D")

    source = rng.choice(_SOURCES, size=n, p=_SOURCE_P)
    referral = source == "referral"
    fu_rate = np.asarray(followup_rate, float)[participant]

    # Follow-up after applying: 4-10 days later, if it has happened by as_of.
    fu_delay = rng.integers(4, 11, size=n)
    fu_on = applied + fu_delay * day
    # each participant follows up on (their rate x their count) applications, chosen at random
    key = pd.Series(rng.random(n))
    rank = key.groupby(np.asarray(participant)).rank(method="first").to_numpy()
    count = np.bincount(participant, minlength=len(followup_rate))[participant]
    followed = (rank <= np.rint(fu_rate * count)) & (fu_on <= asof)

    # First employer response: an invite (intro call), a rejection, or silence.
    # Following up is modestly associated with an invite; referrals help more.
    u = rng.random(n)
    p_invite = 0.09 + 0.09 * followed + 0.12 * referral
    p_reject = 0.21
    invited = u < p_invite
    rejected_early = (u >= p_invite) & (u < p_invite + p_reject)
    resp_delay = rng.integers(3, 29, size=n)
    # a follow-up logged for this step came before the response (mostly)
    resp_delay = np.where(
        followed, np.maximum(resp_delay, fu_delay + rng.integers(1, 7, size=n)), resp_delay
    )
    responded = np.where(invited | rejected_early, applied + resp_delay * day, _NAT)
    has_resp = ~np.isnat(responded) & (responded <= asof)
    responded = np.where(has_resp, responded, _NAT)
    invited &= has_resp
    rejected_early &= has_resp

    # Intro call a few days after the invite.
    intro = np.where(invited, responded + rng.integers(2, 9, size=n) * day, _NAT)
    had_intro = invited & (intro <= asof)
    intro = np.where(had_intro, intro, _NAT)
    fu_intro = had_intro & (rng.random(n) < np.clip(fu_rate + 0.1, 0, 1))

    # Interview after the call: more likely after a follow-up (modestly).
    to_interview = had_intro & (rng.random(n) < 0.42 + 0.12 * fu_intro)
    interview = np.where(to_interview, intro + rng.integers(5, 16, size=n) * day, _NAT)
    had_interview = to_interview & (interview <= asof)
    interview = np.where(had_interview, interview, _NAT)
    thank_you = had_interview & (rng.random(n) < 0.5)

    # Offer after the interview.
    to_offer = had_interview & (rng.random(n) < 0.09 + 0.07 * thank_you)
    offer = np.where(to_offer, interview + rng.integers(7, 22, size=n) * day, _NAT)
    had_offer = to_offer & (offer <= asof)
    offer = np.where(had_offer, offer, _NAT)

    # Final word for those who got no offer.
    w = rng.random(n)
    withdrawn = had_intro & ~had_interview & (w < 0.04)
    rej_after_intro = had_intro & ~had_interview & ~withdrawn & (w < 0.70)
    rej_after_interview = had_interview & ~had_offer & (w < 0.75)
    later_on = np.where(had_interview, interview, intro)
    late_word = np.where(
        rej_after_intro | rej_after_interview | withdrawn,
        later_on + rng.integers(3, 15, size=n) * day,
        _NAT,
    )
    late_ok = ~np.isnat(late_word) & (late_word <= asof)
    withdrawn &= late_ok
    rej_late = (rej_after_intro | rej_after_interview) & late_ok
    rejected = rejected_early | rej_late

    stage = np.full(n, "applied", dtype=object)
    stage[had_intro] = "intro_call"
    stage[had_interview] = "interview"
    stage[had_offer] = "offer"

    # Last activity so far (to decide which silent applications a person marks "Ghosted").
    last = applied.copy()
    for d in (np.where(followed, fu_on, _NAT), responded, intro, interview):
        last = np.where(~np.isnat(d) & (d > last), d, last)
    stale = (asof - last) > np.timedelta64(45, "D")
    ghosted = ~rejected & ~withdrawn & ~had_offer & stale & (rng.random(n) < 0.35)

    outcome = np.full(n, "pending", dtype=object)
    outcome[ghosted] = "ghosted"
    outcome[rejected] = "rejected"
    outcome[withdrawn] = "withdrawn"
    outcome[had_offer] = "offer"
    outcome_on = np.full(n, _NAT)
    outcome_on = np.where(rejected_early, responded, outcome_on)
    outcome_on = np.where(rej_late | withdrawn, late_word, outcome_on)
    outcome_on = np.where(had_offer, offer, outcome_on)
    ghost_on = np.minimum(last + np.timedelta64(40, "D"), asof)
    outcome_on = np.where(ghosted, ghost_on, outcome_on)
    last = np.where(~np.isnat(outcome_on) & (outcome_on > last), outcome_on, last)

    status = np.array([_PENDING_WORD[s] for s in stage], dtype=object)
    for word in ("ghosted", "rejected", "withdrawn", "offer"):
        status[outcome == word] = _STATUS_WORD[word]

    tracks = np.asarray(tracks_thank_you, bool)[participant]
    thank_you_col = pd.array(thank_you, dtype="boolean")
    thank_you_col[~tracks] = pd.NA
    return pd.DataFrame(
        {
            "source": source,
            "applied_on": applied,
            "followup_after_apply": followed,
            "followup_after_apply_on": np.where(followed, fu_on, _NAT),
            "responded_on": responded,
            "intro_call_on": intro,
            "followup_after_intro": fu_intro,
            "interview_on": interview,
            "thank_you_after_interview": thank_you_col,
            "offer_on": offer,
            "stage_reached": stage,
            "outcome": outcome,
            "outcome_on": outcome_on,
            "last_activity_on": last,
            "status": status,
        }
    )


def _names(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Invented company names and role titles (distinct company per row where possible)."""
    combos = np.array([f"{a} {b}" for a in _COMPANY_A for b in _COMPANY_B], dtype=object)
    pick = rng.permutation(len(combos))[: min(n, len(combos))]
    if n > len(combos):
        pick = np.concatenate([pick, rng.integers(0, len(combos), size=n - len(combos))])
    return combos[pick], np.array(_ROLES, dtype=object)[rng.integers(0, len(_ROLES), size=n)]


def _demo_adjustments(
    t: pd.DataFrame, participant: np.ndarray, as_of: np.datetime64
) -> pd.DataFrame:
    """Make the small demo show each teaching case: 2-4 offers, a couple of withdrawals,
    and one or two follow-ups logged *after* a rejection (to exercise the timing rule)."""
    t = t.copy()
    t["stage_reached"] = pd.Categorical(
        t["stage_reached"],
        categories=list(STAGES),
        ordered=True,
    )
    # offers: between 2 and 4
    offers = np.flatnonzero(t["outcome"].to_numpy() == "offer")
    if len(offers) > 4:
        for i in offers[4:]:
            t.loc[i, ["offer_on"]] = pd.NaT
            t.loc[i, "stage_reached"] = "interview"
            t.loc[i, "outcome"] = "rejected"
            t.loc[i, "status"] = "Rejected"
    elif len(offers) < 2:
        cand = t.index[
            (t["stage_reached"] == "interview")
            & (t["interview_on"] + pd.Timedelta(days=12) <= pd.Timestamp(as_of))
        ]
        for i in cand[: 2 - len(offers)]:
            on = t.loc[i, "interview_on"] + pd.Timedelta(days=12)
            t.loc[i, "offer_on"] = on
            t.loc[i, "stage_reached"] = "offer"
            t.loc[i, "outcome"] = "offer"
            t.loc[i, "outcome_on"] = on
            t.loc[i, "status"] = "Offer"
    # withdrawals: at least two (after an intro call)
    n_wd = int((t["outcome"] == "withdrawn").sum())
    if n_wd < 2:
        cand = t.index[
            (t["stage_reached"] == "intro_call")
            & (t["outcome"] != "withdrawn")
            & (t["intro_call_on"] + pd.Timedelta(days=4) <= pd.Timestamp(as_of))
        ]
        for i in cand[: 2 - n_wd]:
            t.loc[i, "outcome"] = "withdrawn"
            t.loc[i, "outcome_on"] = t.loc[i, "intro_call_on"] + pd.Timedelta(days=4)
            t.loc[i, "status"] = "Withdrawn"
    # one or two follow-ups after a rejection
    cand = t.index[
        (t["outcome"] == "rejected")
        & (t["stage_reached"] == "applied")
        & ~t["followup_after_apply"]
        & (t["outcome_on"] + pd.Timedelta(days=5) <= pd.Timestamp(as_of))
    ]
    for i in cand[:2]:
        t.loc[i, "followup_after_apply"] = True
        t.loc[i, "followup_after_apply_on"] = t.loc[i, "outcome_on"] + pd.Timedelta(days=3)
    # every participant who tracks a touchpoint and reached it marks at least one "Yes"
    # (a column blank throughout reads as "not tracked")
    for flag, stage in (
        ("followup_after_intro", "intro_call"),
        ("thank_you_after_interview", "interview"),
    ):
        for _, idx in t.groupby(participant).groups.items():
            rows = t.loc[idx]
            reached = rows.index[(rows["stage_reached"] >= stage) & rows[flag].notna()]
            if len(reached) and not rows[flag].fillna(False).any():
                t.loc[reached[0], flag] = True
    # last activity covers every dated event
    dates = t[list(_DATE_FIELDS)]
    t["last_activity_on"] = dates.max(axis=1)
    # a follow-up column with no "Yes" anywhere in a participant's sheet reads as unknown
    for flag in _FLAG_FIELDS:
        col = t[flag].astype("boolean")
        none_yes = ~col.fillna(False).groupby(participant).transform("any").to_numpy()
        col[none_yes] = pd.NA
        t[flag] = col
    return t


def _generate_with_status(seed: int = 7) -> pd.DataFrame:
    """Canonical demo table plus the ``status`` word written in the sheet."""
    rng = np.random.default_rng(seed)
    asof = _d64(DEMO_AS_OF)
    start = _d64(DEMO_START)
    parts, applied = [], []
    for k, p in enumerate(PARTICIPANTS):
        first = start + np.timedelta64(p.start_day, "D")
        span = int((asof - first) / np.timedelta64(1, "D")) - 1
        offs = np.sort(rng.integers(0, span, size=p.n_apps))
        parts.append(np.full(p.n_apps, k))
        applied.append(first + offs.astype("timedelta64[D]"))
    participant = np.concatenate(parts)
    applied_on = np.concatenate(applied)
    t = simulate_applications(
        rng,
        participant,
        applied_on,
        np.array([p.followup_rate for p in PARTICIPANTS]),
        np.array([p.tracks_thank_you for p in PARTICIPANTS]),
        DEMO_AS_OF,
    )
    t = _demo_adjustments(t, participant, asof)
    company, role = _names(rng, len(t))
    names = np.array([p.name for p in PARTICIPANTS], dtype=object)[participant]
    # row number as the person sees it in their sheet: header is row 1
    row = pd.Series(participant).groupby(participant).cumcount().to_numpy() + 2
    t.insert(0, "participant", names)
    t.insert(1, "application_id", [f"{n}-{r - 1:03d}" for n, r in zip(names, row, strict=False)])
    t.insert(2, "company", company)
    t.insert(3, "role", role)
    t["source_file"] = DEMO_FILE
    t["source_sheet"] = names
    t["source_row"] = row
    status = t.pop("status")
    out = coerce_applications(t)
    out = out[list(APPLICATION_COLUMNS)].copy()
    out["status"] = status.to_numpy()
    return out


def generate_demo(seed: int = 7) -> pd.DataFrame:
    """Generate the demo workshop as a canonical Applications table.

    Deterministic: the same ``seed`` always gives the same table (no clock is read).

    Parameters
    ----------
    seed : int, default 7
        Seed of the ``numpy.random.Generator``. The committed sample files use 7.

    Returns
    -------
    pandas.DataFrame
        Canonical Applications table (``data.schema.APPLICATION_COLUMNS``), about 300 rows,
        6 participants, every date on or before :data:`DEMO_AS_OF`.

    Examples
    --------
    >>> a = generate_demo()
    >>> a.equals(generate_demo()), bool((a["applied_on"] <= pd.Timestamp(DEMO_AS_OF)).all())
    (True, True)
    """
    return _generate_with_status(seed).drop(columns="status")


# --------------------------------------------------------------------------- files
def _cell(v: object) -> object:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date()
    return v


def demo_workbook_bytes(seed: int = 7) -> bytes:
    """The demo workbook (one sheet per participant plus an "About" sheet) as xlsx bytes.

    Examples
    --------
    >>> demo_workbook_bytes()[:2]
    b'PK'
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    t = _generate_with_status(seed)
    wb = Workbook()
    about = wb.active
    about.title = "About"
    lines = (
        "Followthrough demo workshop",
        "All names, companies and applications in this workbook are FICTIONAL.",
        "They were generated by a program (python -m data.demo) to show how the dashboard works.",
        f"Six invented participants, one sheet each; the data are meant to be viewed as of "
        f"{DEMO_AS_OF.isoformat()}.",
        "A blank 'Followed up?' cell means no follow-up; a column left blank throughout means "
        "the log does not track it.",
    )
    for i, line in enumerate(lines, start=1):
        about.cell(row=i, column=1, value=line)
    about["A1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 100

    fields = list(SHEET_HEADERS)
    for p in PARTICIPANTS:
        ws = wb.create_sheet(p.name)
        ws.append([SHEET_HEADERS[f] for f in fields])
        for c in ws[1]:
            c.font = Font(bold=True)
        rows = t[t["participant"] == p.name].sort_values("source_row")
        for rec in rows.itertuples(index=False):
            rec = rec._asdict()
            out = []
            for f in fields:
                v = _cell(rec[f])
                if f in _FLAG_FIELDS:
                    v = "Yes" if v is not None and bool(v) else None
                elif f == "source" and v is not None:
                    v = _SOURCE_LABEL[str(v)]
                out.append(v)
            ws.append(out)
        for col_idx, f in enumerate(fields, start=1):
            letter = ws.cell(row=1, column=col_idx).column_letter
            if f in _DATE_FIELDS:
                for (c,) in ws.iter_rows(min_row=2, min_col=col_idx, max_col=col_idx):
                    c.number_format = "yyyy-mm-dd"
                ws.column_dimensions[letter].width = 13
            else:
                ws.column_dimensions[letter].width = {"company": 24, "role": 26}.get(f, 15)
        ws.freeze_panes = "A2"
    wb.properties.creator = "Followthrough demo generator"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def demo_events(seed: int = 7, participant: str = "Bruno") -> pd.DataFrame:
    """One participant's applications as an event log: columns Date, Company, Role, Event.

    Event words are the canonical kinds (``applied``, ``follow_up``, ``intro_call``,
    ``thank_you``, ``interview``, ``offer``, ``rejected``, ``withdrawn``); a follow-up after
    the intro call is logged the day after the call, a thank-you the day after the interview.

    Examples
    --------
    >>> ev = demo_events()
    >>> list(ev.columns), ev["Event"].iloc[0]
    (['Date', 'Company', 'Role', 'Event'], 'applied')
    """
    t = generate_demo(seed)
    t = t[t["participant"] == participant]
    one = pd.Timedelta(days=1)
    rows: list[tuple[pd.Timestamp, str, str, str, int]] = []

    def yes(v: object) -> bool:
        return bool(pd.notna(v) and v)

    for r in t.itertuples(index=False):
        ev = [(r.applied_on, "applied", 0)]
        if yes(r.followup_after_apply):
            ev.append((r.followup_after_apply_on, "follow_up", 1))
        if pd.notna(r.intro_call_on):
            ev.append((r.intro_call_on, "intro_call", 2))
            if yes(r.followup_after_intro):
                ev.append((r.intro_call_on + one, "follow_up", 3))
        if pd.notna(r.interview_on):
            ev.append((r.interview_on, "interview", 4))
            if yes(r.thank_you_after_interview):
                ev.append((r.interview_on + one, "thank_you", 5))
        if r.outcome in ("offer", "rejected", "withdrawn", "hired") and pd.notna(r.outcome_on):
            ev.append((r.outcome_on, str(r.outcome), 6))
        rows.extend((d, r.company, r.role, k, o) for d, k, o in ev)
    ev = pd.DataFrame(rows, columns=["Date", "Company", "Role", "Event", "_o"])
    ev = ev.sort_values(["Date", "_o"], kind="stable").drop(columns="_o").reset_index(drop=True)
    ev["Date"] = ev["Date"].dt.strftime("%Y-%m-%d")
    return ev


def write_demo(path: str | Path | None = None, seed: int = 7) -> Path:
    """Write the demo workbook (and ``demo_events.csv`` next to it); return the workbook path.

    Parameters
    ----------
    path : str or Path, optional
        Where to write the workbook; default ``data/samples/demo_workshop.xlsx``.
    seed : int, default 7

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = write_demo(pathlib.Path(d) / "demo.xlsx")
    ...     sorted(x.name for x in pathlib.Path(d).iterdir())
    ['demo.xlsx', 'demo_events.csv']
    """
    p = Path(path) if path is not None else SAMPLES_DIR / DEMO_FILE
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(demo_workbook_bytes(seed))
    demo_events(seed).to_csv(p.parent / DEMO_EVENTS_FILE, index=False, lineterminator="\n")
    return p


def load_demo(kind: str = "seeker") -> ImportResult:
    """Import a committed demo workbook through :func:`data.import_files`.

    The demo takes exactly the path an uploaded file takes.

    Parameters
    ----------
    kind : {"seeker", "workshop"}, default "seeker"
        ``"seeker"``: one invented job seeker's log (what the app opens on);
        ``"workshop"``: the invented career workshop (one sheet per participant).

    Examples
    --------
    >>> r = load_demo()
    >>> r.report.rows_read == r.report.rows_analysed + r.report.rows_excluded
    True
    >>> load_demo("workshop").applications["participant"].nunique()
    6
    """
    if kind == "seeker":
        return import_files([(SEEKER_FILE, (SAMPLES_DIR / SEEKER_FILE).read_bytes())])
    if kind == "workshop":
        path = SAMPLES_DIR / DEMO_FILE
        return import_files([(DEMO_FILE, path.read_bytes())], participants_from="sheet")
    raise ValueError(f"kind must be 'seeker' or 'workshop', got {kind!r}")


def demo_bytes(kind: str = "seeker") -> tuple[str, bytes]:
    """``(file name, bytes)`` of a committed demo workbook (what "download the demo" gives).

    Examples
    --------
    >>> demo_bytes()[0]
    'demo_seeker.xlsx'
    """
    name = {"seeker": SEEKER_FILE, "workshop": DEMO_FILE}.get(kind)
    if name is None:
        raise ValueError(f"kind must be 'seeker' or 'workshop', got {kind!r}")
    return name, (SAMPLES_DIR / name).read_bytes()


_NOTES = (
    "Referred by a former colleague",
    "Salary range not listed",
    "Recruiter reached out first",
    "Remote, two days in office",
    "Asked for a portfolio link",
)


def generate_seeker(seed: int = 11) -> pd.DataFrame:
    """The job seeker's demo as a canonical table plus ``status``, ``contact`` and ``notes``.

    One invented person (:data:`SEEKER_NAME`) logs :data:`SEEKER_APPS` applications between
    :data:`SEEKER_START` and :data:`DEMO_AS_OF`, following up on about half of them.

    Examples
    --------
    >>> t = generate_seeker()
    >>> len(t) == SEEKER_APPS, t["participant"].nunique(), t.equals(generate_seeker())
    (True, 1, True)
    """
    rng = np.random.default_rng(seed)
    asof = _d64(DEMO_AS_OF)
    start = _d64(SEEKER_START)
    span = int((asof - start) / np.timedelta64(1, "D")) - 1
    applied = start + np.sort(rng.integers(0, span, size=SEEKER_APPS)).astype("timedelta64[D]")
    participant = np.zeros(SEEKER_APPS, dtype=int)
    t = simulate_applications(
        rng, participant, applied, np.array([0.5]), np.array([True]), DEMO_AS_OF
    )
    t = _demo_adjustments(t, participant, asof)
    company, role = _names(rng, len(t))
    t.insert(0, "participant", SEEKER_NAME)
    t.insert(1, "application_id", [f"{SEEKER_NAME}-{i + 1:03d}" for i in range(len(t))])
    t.insert(2, "company", company)
    t.insert(3, "role", role)
    t["source_file"] = SEEKER_FILE
    t["source_sheet"] = "Applications"
    t["source_row"] = np.arange(len(t)) + 2
    status = t.pop("status")
    out = coerce_applications(t)[list(APPLICATION_COLUMNS)].copy()
    out["status"] = status.to_numpy()
    slug = pd.Series(company).str.lower().str.replace(" ", "-", regex=False)
    has_contact = rng.random(len(t)) < 0.4
    out["contact"] = ("jobs@" + slug + ".example").where(has_contact, None).to_numpy()
    note_pick = rng.integers(0, len(_NOTES), size=len(t))
    notes = pd.Series(np.array(_NOTES, dtype=object)[note_pick])
    out["notes"] = notes.where(rng.random(len(t)) < 0.12, None).to_numpy()
    return out


def seeker_workbook_bytes(seed: int = 11) -> bytes:
    """The job seeker's demo workbook (one "Applications" sheet) as xlsx bytes.

    Examples
    --------
    >>> seeker_workbook_bytes()[:2]
    b'PK'
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    t = generate_seeker(seed)
    wb = Workbook()
    ws = wb.active
    ws.title = "Applications"
    fields = list(SHEET_HEADERS)
    ws.append([SHEET_HEADERS[f] for f in fields] + list(SEEKER_EXTRA_HEADERS))
    for c in ws[1]:
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="0072B2")
    for rec in t.to_dict("records"):
        out = []
        for f in fields:
            v = _cell(rec[f])
            if f in _FLAG_FIELDS:
                v = "Yes" if v is not None and bool(v) else None
            elif f == "source" and v is not None:
                v = _SOURCE_LABEL[str(v)]
            out.append(v)
        ws.append(out + [_cell(rec["contact"]), _cell(rec["notes"])])
    for col_idx, f in enumerate(fields + ["contact", "notes"], start=1):
        letter = ws.cell(row=1, column=col_idx).column_letter
        if f in _DATE_FIELDS:
            for (c,) in ws.iter_rows(min_row=2, min_col=col_idx, max_col=col_idx):
                c.number_format = "yyyy-mm-dd"
            ws.column_dimensions[letter].width = 13
        else:
            widths = {"company": 24, "role": 26, "contact": 30, "notes": 32}
            ws.column_dimensions[letter].width = widths.get(f, 15)
    ws.freeze_panes = "A2"
    wb.properties.creator = "Followthrough demo generator"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


if __name__ == "__main__":  # python -m data.demo
    out = write_demo()
    (SAMPLES_DIR / SEEKER_FILE).write_bytes(seeker_workbook_bytes())
    print(
        f"wrote {out}, {out.parent / DEMO_EVENTS_FILE} and {SAMPLES_DIR / SEEKER_FILE}",
        file=sys.stderr,
    )
