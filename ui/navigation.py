"""The app's pages, listed once: app.py navigates over them, and a page that Streamlit ran
without app.py goes back through it (:func:`through_the_router`)."""

from __future__ import annotations

import streamlit as st

#: The View computed by the sidebar for this run (read by the pages); set every run by
#: app.py (to None without data), so a session without it has not run app.py yet.
KEY_VIEW = "ft_view"


def app_pages(workshop: bool) -> list[st.Page]:
    """The pages in sidebar order; a workshop (two or more participants) adds the coach's
    Workshop and Presentation pages after the first."""
    pages = [
        st.Page(
            "pages/my_followup.py", title="My follow-up", icon=":material/insights:", default=True
        ),
        st.Page("pages/my_log.py", title="My log", icon=":material/edit_note:"),
        st.Page(
            "pages/follow_up_today.py",
            title="Follow up today",
            icon=":material/notifications_active:",
        ),
        st.Page("pages/weekly_rhythm.py", title="Weekly rhythm", icon=":material/calendar_month:"),
        st.Page("pages/pipeline.py", title="Pipeline", icon=":material/account_tree:"),
        st.Page("pages/import_check.py", title="Import check", icon=":material/fact_check:"),
    ]
    if workshop:
        pages[1:1] = [
            st.Page("pages/workshop.py", title="Workshop", icon=":material/groups:"),
            st.Page("pages/presentation.py", title="Presentation", icon=":material/co_present:"),
        ]
    return pages


def through_the_router() -> None:
    """Go through app.py when Streamlit ran a page file alone.

    With a ``pages/`` folder beside app.py, a new server runs its first session in
    Streamlit's old automatic multipage mode until some run calls ``st.navigation``: the
    first visit to a page's own address (``/pipeline``: a bookmark, a reload, a link shared
    in a room) ran ``pages/pipeline.py`` alone, without the sidebar, the data or the app's
    navigation ("No data to show" under a list of file names). ``st.navigation`` ends that
    mode for the whole server and names the page this address asks for; switching to it
    reruns through app.py, on that page.
    """
    st.switch_page(st.navigation(app_pages(workshop=True), position="hidden"))


def take_the_menu() -> None:
    """On a session's first run, send this app's menu (hidden) before anything else: on a
    new server Streamlit first sends its ``pages/``-folder menu (file names), and the app's
    own came only after the sidebar's first run (about 1.3 s on this machine). The menu
    is drawn by app.py's ``st.navigation`` call at the end of the run."""
    if KEY_VIEW not in st.session_state:
        st.navigation(app_pages(workshop=True), position="hidden")
