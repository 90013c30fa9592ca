"""The app's pages, listed once: app.py navigates over them, and a page that Streamlit ran
without app.py goes back through it (:func:`through_the_router`)."""

from __future__ import annotations

import streamlit as st


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
