"""Shared set-up for the AppTest suites in tests/ui/: the one AppTest work-around.

Upstream: https://github.com/streamlit/streamlit/issues/9446 ("AppTest does not render
content for pages in apps using st.navigation"). Its fix (streamlit/streamlit#14217) resets
``PagesManager.uses_pages_directory`` to ``None`` before every ``AppTest.run()``, and the
``PagesManager`` then sets it again from the mere existence of a ``pages/`` folder beside the
script. Followthrough keeps ``pages/`` (the product card names it), so with Streamlit 1.67
every AppTest run after a page switch executes the page file alone, in the old automatic
multipage mode, skipping app.py and its sidebar. The real server leaves that mode for good
once ``st.navigation`` is called; the fixture below does the same for AppTest.

``tests/ui/test_streamlit_workaround.py`` fails as soon as Streamlit behaves without the
work-around: then delete this fixture, that test and the ``without_navigation_workaround``
marker.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def navigation_like_the_server() -> Iterator[None]:
    """While active, every AppTest run goes through the main script (app.py)."""
    from streamlit.runtime.pages_manager import PagesManager  # the private name, here only

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(PagesManager, "__init__", init)
        yield


@pytest.fixture(autouse=True, scope="module")
def _navigation_like_the_server(request):
    if request.node.get_closest_marker("without_navigation_workaround"):
        yield
        return
    with navigation_like_the_server():
        yield
