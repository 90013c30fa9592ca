"""The My log editor: the table shown in ``st.data_editor``, the edits read back from it,
and the "Download my updated log" / "Save" section.

The editor shows one row per application with the fields a person logs (follow-ups, the
answer date, status, notes); what they change becomes :class:`data.edits.Edit` entries in
the session's edit log, never a change to the import itself.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pandas as pd
import streamlit as st

from data.edits import STATUS_CHOICES, Edit, row_keys, status_word
from ui import state
from ui.components import escape_md

#: Rows shown in the editor at most (the most recent first).
ROW_LIMIT = 1_000

_OUTCOME_STATUS = {
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
    "ghosted": "Ghosted",
    "offer": "Offer",
    "hired": "Hired",
}
_STAGE_STATUS = {
    "applied": "Applied",
    "intro_call": "Intro call",
    "interview": "Interview",
    "offer": "Offer",
    "hired": "Hired",
}
_MIME = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".txt": "text/plain",
}


def status_of(stage: object, outcome: object) -> str | None:
    """The status choice that describes a row as logged.

    Examples
    --------
    >>> status_of("interview", "rejected"), status_of("intro_call", "pending")
    ('Rejected', 'Intro call')
    """
    if isinstance(outcome, str) and outcome in _OUTCOME_STATUS:
        return _OUTCOME_STATUS[outcome]
    if isinstance(stage, str):
        return _STAGE_STATUS.get(stage)
    return None


def _date_col(s: pd.Series) -> pd.Series:
    """Dates as datetime64 (an empty cell shows blank, not "None")."""
    return s.astype("datetime64[ns]")


def editor_frame(
    apps: pd.DataFrame, limit: int = ROW_LIMIT, extra: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The table the editor shows: most recent first, indexed by row key.

    ``extra`` (``data.writeback.person_columns``) gives the notes the log itself keeps; a
    note written in the app (``apps["notes"]``) replaces it.

    Examples
    --------
    >>> from data.schema import coerce_applications
    >>> t = coerce_applications(pd.DataFrame({"company": ["A"], "applied_on": ["2026-01-02"],
    ...     "stage_reached": ["applied"], "outcome": ["pending"], "source_file": ["a.csv"],
    ...     "source_row": [2], "followup_after_apply": [True]}))
    >>> f = editor_frame(t)
    >>> f.index.tolist(), f.loc["a.csv||2", "status"], bool(f.loc["a.csv||2", "followed_up"])
    (['a.csv||2'], 'Applied', True)
    """
    order = apps["applied_on"].sort_values(ascending=False, na_position="last", kind="stable")
    sub = apps.loc[order.index[:limit]]
    out = pd.DataFrame(index=pd.Index(row_keys(sub).to_numpy(), name="row"))

    def text(c: str) -> pd.Series:
        if c not in sub.columns:
            return pd.Series(pd.NA, index=out.index, dtype="string")
        return pd.Series(sub[c].astype("string").to_numpy(), index=out.index, dtype="string")

    out["company"] = text("company")
    out["role"] = text("role")
    out["applied_on"] = _date_col(sub["applied_on"]).to_numpy()
    out["followed_up"] = sub["followup_after_apply"].astype("boolean").fillna(False).to_numpy()
    out["followed_up_on"] = _date_col(sub["followup_after_apply_on"]).to_numpy()
    out["after_call"] = sub["followup_after_intro"].astype("boolean").fillna(False).to_numpy()
    out["thank_you"] = sub["thank_you_after_interview"].astype("boolean").fillna(False).to_numpy()
    out["answer_on"] = _date_col(sub["responded_on"]).to_numpy()
    out["stage"] = sub["stage_reached"].astype("object").to_numpy()
    out["status"] = [
        status_of(s, o)
        for s, o in zip(
            sub["stage_reached"].astype("object"), sub["outcome"].astype("object"), strict=True
        )
    ]
    notes = text("notes")
    if extra is not None and len(extra):
        logged = extra.drop_duplicates("row").set_index("row")["notes"]
        from_log = pd.Series(out.index.map(logged), index=out.index, dtype="string")
        written = (
            pd.Series(sub["notes"].notna().to_numpy(), index=out.index)
            if "notes" in sub.columns
            else pd.Series(False, index=out.index)
        )
        notes = notes.where(written, from_log)
    out["notes"] = notes
    return out


def column_config() -> dict[str, Any]:
    """Labels and widgets of the editor's columns."""
    cc = st.column_config
    # pixel widths wide enough for each header (editable ones carry a pencil icon); the
    # table scrolls sideways on a narrow screen with the company pinned on the left
    return {
        "company": cc.TextColumn("Company", width=150, pinned=True),
        "role": cc.TextColumn("Role", width=150),
        "applied_on": cc.DateColumn("Applied", format="YYYY-MM-DD", width=105),
        "followed_up": cc.CheckboxColumn("Followed up", help="after applying", width=125),
        "followed_up_on": cc.DateColumn(
            "Follow-up date", format="YYYY-MM-DD", width=135, help="when you followed up"
        ),
        "after_call": cc.CheckboxColumn(
            "After call", help="followed up after the intro call", width=110
        ),
        "thank_you": cc.CheckboxColumn(
            "Thank-you", help="thank-you note after the interview", width=110
        ),
        "answer_on": cc.DateColumn(
            "Answer date", format="YYYY-MM-DD", width=130, help="first answer from them"
        ),
        "status": cc.SelectboxColumn("Status", options=list(STATUS_CHOICES), width=125),
        "notes": cc.TextColumn("Notes", width=240),
    }


def _as_date(v: object) -> dt.date | None:
    if v is None or v == "":
        return None
    ts = pd.Timestamp(v)  # type: ignore[arg-type]
    return None if pd.isna(ts) else ts.date()


def _row_edits(key: str, row: pd.Series, changes: dict[str, Any]) -> list[Edit]:
    """Edits for one changed editor row (``changes``: column -> new value)."""
    out: list[Edit] = []
    if "followed_up" in changes or "followed_up_on" in changes:
        on = _as_date(changes.get("followed_up_on", row["followed_up_on"]))
        done = bool(changes.get("followed_up", row["followed_up"])) or on is not None
        if "followed_up" in changes and not changes["followed_up"]:
            done, on = False, None
        out.append(Edit(key, "followup_after_apply", (on or True) if done else None))
    if "after_call" in changes:
        out.append(Edit(key, "followup_after_intro", True if changes["after_call"] else None))
    if "thank_you" in changes:
        out.append(Edit(key, "thank_you_after_interview", True if changes["thank_you"] else None))
    if "answer_on" in changes:
        out.append(Edit(key, "responded_on", _as_date(changes["answer_on"])))
    if changes.get("status"):
        out.append(Edit(key, "status", status_word(str(changes["status"]), row["stage"])))
    if "notes" in changes:
        note = changes["notes"]
        out.append(Edit(key, "notes", None if note in (None, "") else str(note)))
    return out


def edits_from_state(widget_state: Any, table: pd.DataFrame) -> list[Edit]:
    """The edits a person made in the editor (``st.session_state[key]`` of the widget).

    Examples
    --------
    >>> t = pd.DataFrame({"followed_up": [False], "followed_up_on": [None], "stage": ["interview"],
    ...                   "status": ["Interview"]}, index=["a.csv||2"])
    >>> edits_from_state({"edited_rows": {0: {"status": "Rejected"}}}, t)
    [Edit(row='a.csv||2', field='status', value='Rejected after interview')]
    """
    if not isinstance(widget_state, dict):
        return []
    out: list[Edit] = []
    for pos, changes in (widget_state.get("edited_rows") or {}).items():
        i = int(pos)
        if 0 <= i < len(table) and isinstance(changes, dict):
            out.extend(_row_edits(str(table.index[i]), table.iloc[i], changes))
    return out


def undo_last(sid: str) -> None:
    """Drop the last edit of data source ``sid``."""
    log = dict(st.session_state.get(state.KEY_EDITS) or {})
    if log.get(sid):
        log[sid] = list(log[sid])[:-1]
        st.session_state[state.KEY_EDITS] = log


# ---------------------------------------------------------------- download / save
def _mime(name: str) -> str:
    ext = name[name.rfind(".") :].lower() if "." in name else ""
    return _MIME.get(ext, "application/octet-stream")


def _zip(files: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            z.writestr(name, data)
    return buf.getvalue()


def _download(
    files: list[tuple[str, bytes]], report: Any, edits: list[Edit], changed: list[str]
) -> bytes:
    """The download's bytes: the one file the edits change (``changed``, from
    :func:`data.writeback.files_written`), written back, or a zip of all the files when they
    change more than one (:func:`data.writeback.write_back`)."""
    from data.writeback import write_back

    out = write_back(files, report, edits)
    if len(changed) == 1:
        return dict(out)[changed[0]]
    return _zip(out)


def _not_kept_sentences(files: list[tuple[str, bytes]], changed: list[str]) -> list[str]:
    """One sentence per changed workbook that holds what its written copy will not keep
    (``data.writeback.not_kept``: a scan of the workbook's parts, no writing)."""
    from data.writeback import not_kept

    data = dict(files)
    lost = []
    for name in changed:
        parts = not_kept(name, data[name])
        if parts:
            lost.append(f"{name} has {_and(parts)}, which this download does not keep")
    return lost


def _and(words: list[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def download_section(view: Any) -> None:
    """ "Download my updated log", and "Save" when the app was started on that file.

    The file is written when the person clicks (the button's data is a callable): writing
    a workbook back takes seconds for thousands of rows, too long to redo on every edit.
    What can be known without writing is said at once: which file the download is, and
    what a workbook's copy will not keep."""
    from data.export import to_csv_bytes
    from data.writeback import WritebackError, files_written

    edits = list(view.edits)
    if not edits:
        st.caption("No changes yet: your log is as you uploaded it.")
        return
    files = state.source_files()
    report = view.result.report
    try:
        changed = files_written(files, report, edits)
    except WritebackError as err:
        st.warning(escape_md(str(err)), icon=":material/warning:")
        st.download_button(
            "Download the updated applications (CSV)",
            data=lambda: to_csv_bytes(view.edited),
            file_name="applications_updated.csv",
            mime="text/csv",
            icon=":material/download:",
        )
        return
    name = changed[0] if len(changed) == 1 else "my_log_updated.zip"
    a, b = st.columns(2)
    a.download_button(
        "Download my updated log",
        data=lambda: _download(files, report, edits, changed),
        file_name=name,
        mime=_mime(name),
        icon=":material/download:",
        width="stretch",
        help="Your own file, same format, sheets and columns, with your changes in place.",
    )
    lost = _not_kept_sentences(files, changed)
    if lost:  # said before the person replaces their file with the download
        st.warning(
            escape_md(
                "; ".join(lost) + ". Sheets, formatting, formulas, charts and pictures are "
                "kept. Keep your original file, or copy your changes into it by hand."
            ),
            icon=":material/warning:",
        )
    start = state.start_file()
    if start is not None and changed == [start.name]:
        if b.button(
            f"Save to {start.name}", icon=":material/save:", width="stretch", key="ft_save"
        ):
            _save_written(start, files, report, edits, changed)
    st.caption(
        f"{len(edits)} change{'s' if len(edits) != 1 else ''} in this session, not yet in your "
        "file. Fields your log had no column for get one at the right end."
    )


def _save_written(
    start: Any, files: list[tuple[str, bytes]], report: Any, edits: list, changed: list[str]
) -> None:
    """Write the log back (on the Save click) and save it; a file that cannot be written
    back is one message, and nothing is saved."""
    from data.writeback import WritebackError

    try:
        with st.spinner("Writing your log…"):
            data = _download(files, report, edits, changed)
    except WritebackError as err:
        st.error(escape_md(str(err)), icon=":material/error:")
        return
    _save(start, data)


def _save(start: Any, data: bytes) -> None:
    from data.writeback import save_with_backup

    try:
        backup = save_with_backup(start.path, data, start.data, dt.datetime.now())
    except (OSError, ValueError) as err:
        st.error(escape_md(str(err)), icon=":material/error:")
        return
    state.saved_start_file(data)
    st.success(
        f"Saved {escape_md(start.name)}; the previous version is kept as "
        f"{escape_md(backup.name)} beside it.",
        icon=":material/task_alt:",
    )
