"""The app's pages, listed once: app.py navigates over them, and a page that Streamlit ran
without app.py goes back through it (:func:`through_the_router`)."""

from __future__ import annotations

import streamlit as st

#: The View computed by the sidebar for this run (read by the pages); set every run by
#: app.py (to None without data), so a session without it has not run app.py yet.
KEY_VIEW = "ft_view"


#: (file, title, icon) of every page in sidebar order; the first is the default page.
PAGES = (
    ("pages/my_followup.py", "My follow-up", ":material/insights:"),
    ("pages/my_log.py", "My log", ":material/edit_note:"),
    ("pages/follow_up_today.py", "Follow up today", ":material/notifications_active:"),
    ("pages/weekly_rhythm.py", "Weekly rhythm", ":material/calendar_month:"),
    ("pages/pipeline.py", "Pipeline", ":material/account_tree:"),
    ("pages/import_check.py", "Import check", ":material/fact_check:"),
)
#: The coach's pages, after the first when the data holds two or more participants.
WORKSHOP_PAGES = (
    ("pages/workshop.py", "Workshop", ":material/groups:"),
    ("pages/presentation.py", "Presentation", ":material/co_present:"),
)


def app_pages(workshop: bool, icons: bool = True) -> list[st.Page]:
    """The pages in sidebar order; a workshop (two or more participants) adds the coach's
    Workshop and Presentation pages after the first. Without ``icons``: sent before
    ``st.set_page_config``, a page's Material icon would become the tab's icon, fetched
    from fonts.gstatic.com (an outside request)."""
    specs = [PAGES[0], *(WORKSHOP_PAGES if workshop else ()), *PAGES[1:]]
    return [
        st.Page(path, title=title, icon=icon if icons else None, default=n == 0)
        for n, (path, title, icon) in enumerate(specs)
    ]


def _hidden_menu() -> st.Page:
    """Send the app's menu, hidden, and return the page this address asks for. Sent before
    ``st.set_page_config`` (by both callers below), so without icons (see :func:`app_pages`)."""
    return st.navigation(app_pages(workshop=True, icons=False), position="hidden")


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
    st.switch_page(_hidden_menu())


def take_the_menu() -> None:
    """On a session's first run, send this app's menu (hidden) before anything else: on a
    new server Streamlit first sends its ``pages/``-folder menu (file names), and the app's
    own came only after the sidebar's first run (about 1.3 s on this machine). The menu
    is drawn by app.py's ``st.navigation`` call at the end of the run."""
    if KEY_VIEW not in st.session_state:
        _hidden_menu()
