"""Shared set-up for the AppTest suites in tests/ui/."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="module")
def _navigation_like_the_server():
    """Work around an AppTest 1.67 quirk: with a ``pages/`` folder next to app.py, every
    run after the first executes the page file alone (legacy multipage mode), skipping
    app.py and its sidebar. The real server turns that mode off for good once
    ``st.navigation`` is called; do the same here so every run goes through app.py."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(PagesManager, "__init__", init)
        yield
