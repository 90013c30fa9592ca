"""The sidebar shown on every page: data source, template, settings, filters.

``render_sidebar()`` loads the session's data (demo by default), draws the settings
and stores the resulting :class:`ui.state.View` in ``st.session_state[KEY_VIEW]`` for
the page that runs next.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import streamlit as st

from analysis.responses import has_dates, stale_log, tracks_answers
from data.read import FORMATS_IN_WORDS
from data.schema import ImportResult
from ui import state
from ui.components import escape_md

#: Every extension the reader reads (data/read.py). The uploader itself accepts any file
#: (``type=None``): a file the reader cannot read is refused by the reader with a sentence
#: saying why (a PDF, a web page, a password), not by the browser with a bare red icon.
UPLOAD_TYPES = ["csv", "tsv", "txt", "tab", "xlsx", "xlsm", "xlsb", "xls", "ods"]


def _store_uploads() -> None:
    """on_change of the uploader: copy the files' bytes into session state."""
    key = f"ft_uploader_{st.session_state.get(state.KEY_UPLOADER_GEN, 0)}"
    files = st.session_state.get(key) or []
    st.session_state[state.KEY_UPLOADS] = [(f.name, f.getvalue()) for f in files]
    st.session_state[state.KEY_MAPPING] = {}
    st.session_state[state.KEY_VALUES] = {}


def _back_to_demo() -> None:
    st.session_state[state.KEY_UPLOADS] = []
    st.session_state[state.KEY_MAPPING] = {}
    st.session_state[state.KEY_VALUES] = {}
    st.session_state[state.KEY_UPLOADER_GEN] = st.session_state.get(state.KEY_UPLOADER_GEN, 0) + 1


def _set_as_of(key: str, value: dt.date) -> None:
    st.session_state[key] = value


def _as_of_input(sb, apps, sid: str, is_demo: bool) -> tuple[dt.date, dt.date | None]:
    """The "As of" date: today by default; an old log gets one sentence and the choice.
    Returns ``(as of, the old log's latest entry or None)``."""
    key = f"ft_as_of_{sid}"
    if is_demo:
        from data.demo import DEMO_AS_OF

        as_of = sb.date_input(
            "As of", value=DEMO_AS_OF, key=key, help="The demo is a fictional log kept until then."
        )
        sb.caption(
            f"The demo is a fictional log, shown as of its last day ({DEMO_AS_OF:%d %b %Y})."
        )
        return as_of, None
    today = dt.date.today()
    as_of = sb.date_input(
        "As of",
        value=today,
        key=key,
        help="The date the numbers are computed for (today unless you pick another): an "
        "application with no news for the ghosting period before this date counts as ghosted.",
    )
    last = stale_log(apps, today)
    if last is not None:
        ghost = int(st.session_state.get("ft_ghost_days", 30))
        sb.info(state.old_log_sentence(last, as_of, ghost), icon=":material/history:")
        if as_of != last:
            sb.button(
                f"View as of my last entry ({last:%d %b %Y})",
                on_click=_set_as_of,
                args=(key, last),
                key=f"ft_as_of_last_{sid}",
            )
        if as_of != today:
            sb.button(
                "Back to today", on_click=_set_as_of, args=(key, today), key=f"ft_today_{sid}"
            )
    return as_of, last


def _filters(
    sb, apps, sid: str, presenting: bool = False
) -> tuple[dt.date | None, dt.date | None, str | None, list[str]]:
    """The "Applied between" and "Participant" filters: ``(from, to, participant, all)``."""
    date_from = date_to = None
    dated = apps["applied_on"].dropna() if len(apps) else apps["applied_on"]
    participants = state.participants_of(apps)
    if (len(dated) and dated.min() < dated.max()) or len(participants) > 1:
        sb.header("Filter")
    if len(dated):
        lo, hi = dated.min().date(), dated.max().date()
        if lo < hi:
            picked = sb.date_input(
                "Applied between", value=(lo, hi), min_value=lo, max_value=hi, key=f"ft_range_{sid}"
            )
            if isinstance(picked, (tuple, list)) and len(picked) == 2:
                a, b = picked
                if (a, b) != (lo, hi):
                    date_from, date_to = a, b
    participant = None
    if len(participants) > 1:
        everyone = f"Everyone ({len(participants)} participants)"
        pick = sb.selectbox(
            "Participant",
            [everyone] + participants,
            key=f"ft_participant_{sid}{'_presenting' if presenting else ''}",
        )
        participant = None if pick == everyone else pick
    return date_from, date_to, participant, participants


def _presenter_controls(sb) -> bool:
    """The presenter-mode switch (and its small-cell threshold); returns whether it is on."""
    on = sb.toggle(
        "Presenter mode",
        key=state.KEY_PRESENTER,
        help="For showing the data to a room: participants become P01, P02…; companies, roles, "
        "notes and file names are hidden on every page, chart, table and download; small "
        "counts are shown as '< k'.",
    )
    if on:
        sb.number_input(
            "Hide counts under k",
            min_value=1,
            max_value=50,
            value=state.DEFAULT_MIN_CELL,
            step=1,
            key=state.KEY_MIN_CELL,
            help="Counts smaller than this show as '< k' on workshop pages, and a participant "
            "with fewer applications with a known answer joins 'other participants'.",
        )
    return bool(on)


FILES_ARE = {"workshop": "a workshop (one participant each)", "one": "one person's log"}


def _files_are(sb, result: ImportResult) -> None:
    """Several files: ask once whether they are one person's log or a workshop."""
    current = str(st.session_state.get(state.KEY_PARTICIPANTS_FROM) or "auto")
    several = len(state.participants_of(result.applications)) > 1
    now = "one" if current == "one" or (current == "auto" and not several) else "workshop"
    pick = sb.radio(
        "These files are",
        list(FILES_ARE),
        index=list(FILES_ARE).index(now),
        format_func=FILES_ARE.get,
        help="One person's log: the files are merged and analysed as one person. A workshop: "
        "one participant per file, per sheet or per participant column, as detected.",
    )
    if pick != now:
        st.session_state[state.KEY_PARTICIPANTS_FROM] = pick
        st.rerun()


def upload_caption(names: list[str], presenting: bool) -> str:
    r"""What the sidebar says is loaded: the file names (Streamlit's uploader box can look
    empty again after a page switch while the upload is still in use), never while presenting.
    Names are escaped: the caption is markdown.

    Examples
    --------
    >>> print(upload_caption(["my_log.csv"], presenting=False))
    Showing your upload: my\_log\.csv. It stays loaded on every page; upload again to
    replace it.
    >>> upload_caption(["jane_doe.xlsx", "b.csv"], presenting=True)
    'Showing your upload: 2 files.'
    """
    count = f"{len(names)} file{'s' if len(names) != 1 else ''}"
    if presenting:
        return f"Showing your upload: {count}."
    shown = ", ".join(escape_md(n) for n in names[:3])
    if len(names) > 3:
        shown += f" and {len(names) - 3} more"
    return (
        f"Showing your upload: {shown}. It stays loaded on every page; upload again to replace it."
    )


def _data_source(sb, presenting: bool) -> tuple[list[tuple[str, bytes]], ImportResult | None, bool]:
    """Uploader, loading and the data-source notes: ``(files, result or None, is_demo)``.

    In presenter mode the uploader (which lists the files by name) is not drawn."""
    sb.header("Your data")
    gen = st.session_state.get(state.KEY_UPLOADER_GEN, 0)
    if presenting:
        sb.caption("Uploading is off while presenting (file names would show).")
    else:
        sb.file_uploader(
            "Upload your application log (one or more files)",
            type=None,
            accept_multiple_files=True,
            key=f"ft_uploader_{gen}",
            on_change=_store_uploads,
            help=f"{FORMATS_IN_WORDS}, up to 50 MB in all. Several files or sheets can be "
            "several people's logs. Files stay "
            "in this browser session: nothing is stored or sent anywhere.",
        )
    files = state.uploads()
    result, is_demo = state.load_current()
    if result is not None and len(files) > 1:
        _files_are(sb, result)
    if is_demo:
        sb.radio(
            "Demo data (until you upload)",
            list(state.DEMO_LABELS),
            format_func=state.DEMO_LABELS.get,
            key=state.KEY_DEMO_KIND,
            help="Both demos are invented. Upload your own log above to see your numbers.",
        )
    elif files:
        sb.caption(upload_caption([name for name, _ in files], presenting))
        if result is not None:
            key = f"{state.source_id(files)}:{state.participants_key()}:failed"
            failed = state.anonymised(result, key).report if presenting else result.report
            for _name, why in failed.files_failed:
                sb.warning(f"Not included: {escape_md(why)}", icon=":material/warning:")
            for copy, original in failed.copies:  # counted once, not twice
                sb.info(
                    f"Read once: {escape_md(copy)} is the same file as {escape_md(original)}.",
                    icon=":material/content_copy:",
                )
        sb.button("Back to the demo data", on_click=_back_to_demo, icon=":material/undo:")
    sb.download_button(
        "Download the blank template",
        data=state.template_cached(),
        file_name="followthrough_template.xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return files, result, is_demo


def render_sidebar() -> state.View | None:
    """Draw the sidebar and return (and store) this run's View, or None after a bad upload.

    In presenter mode the View is anonymised here, once (after the session's edits are
    applied, since edits name applications by their original ids): every page, chart,
    table and download built from it is anonymised without having to remember."""
    sb = st.sidebar
    presenting = _presenter_controls(sb)
    files, result, is_demo = _data_source(sb, presenting)
    if result is None:
        st.session_state[state.KEY_VIEW] = None
        return None

    sid = state.source_id(files)
    if is_demo:
        sid = f"demo-{state.demo_kind()}"
    apps = result.applications
    sb.header("Settings")
    as_of, last_entry = _as_of_input(sb, apps, sid, is_demo)
    ghost = sb.number_input(
        "Count as ghosted after (days without news)",
        min_value=1,
        max_value=365,
        value=30,
        step=1,
        key="ft_ghost_days",
    )
    cadence = sb.number_input(
        "Follow up after (days without an answer)",
        min_value=1,
        max_value=90,
        value=7,
        step=1,
        key="ft_cadence",
    )

    edits = state.edits_for(sid)
    edited = state.edited_applications(apps, edits, state.view_token(sid, []))
    if presenting:
        key = f"{sid}:{state.participants_key()}:{hashlib.sha1(repr(edits).encode()).hexdigest()}"
        edited = state.anonymised(ImportResult(edited, result.report), f"{key}:edited").applications
        result = state.anonymised(result, f"{key}:import")
        apps = edited
    date_from, date_to, participant, participants = _filters(sb, apps, sid, presenting)
    settings = state.Settings(
        as_of=as_of,
        ghost_after_days=int(ghost),
        cadence_days=int(cadence),
        date_from=date_from,
        date_to=date_to,
        participant=participant,
    )
    filtered, token, resolved = state.view_tables(edited, sid, edits, settings)
    if date_from is not None or participant is not None:
        sb.caption(f"{len(filtered):,} of {len(edited):,} applications in this view.")
    view = state.View(
        result=result,
        is_demo=is_demo,
        source_label=state.demo_label() if is_demo else "Your upload",
        settings=settings,
        applications=filtered,
        resolved=resolved,
        participants=participants,
        source_id=sid,
        edited=edited,
        edits=edits,
        token=token,
        tracks_answers=tracks_answers(apps, {m.field for m in result.report.mappings}),
        has_dates=has_dates(apps),
        last_entry=last_entry,
    )
    st.session_state[state.KEY_VIEW] = view
    return view
