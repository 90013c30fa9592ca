"""Canary for the AppTest work-around in tests/ui/conftest.py (streamlit/streamlit#9446).

A minimal app shaped like ours (``st.navigation`` in the main script, a ``pages/`` folder
beside it, a sidebar drawn by the main script). The first test fails once Streamlit runs
such an app correctly under AppTest without help: then the work-around (and this file) go.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import navigation_like_the_server

pytestmark = pytest.mark.without_navigation_workaround

SIDEBAR = "shared sidebar from app.py"


@pytest.fixture
def mini_app(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text(
        "import streamlit as st\n"
        f"st.sidebar.markdown({SIDEBAR!r})\n"
        "st.navigation([st.Page('pages/a.py', title='A', default=True),\n"
        "               st.Page('pages/b.py', title='B')]).run()\n"
    )
    (tmp_path / "pages" / "a.py").write_text("import streamlit as st\nst.markdown('page a')\n")
    (tmp_path / "pages" / "b.py").write_text("import streamlit as st\nst.markdown('page b')\n")
    return str(tmp_path / "app.py")


def _second_page(path: str) -> AppTest:
    at = AppTest.from_file(path, default_timeout=30)
    at.run()
    at.switch_page("pages/b.py")
    at.run()
    return at


def test_streamlit_still_needs_the_work_around(mini_app):
    at = _second_page(mini_app)
    assert [m.value for m in at.markdown] == ["page b"]  # the page ran ...
    assert SIDEBAR not in [m.value for m in at.sidebar.markdown], (
        "Streamlit now runs app.py on every AppTest run although pages/ exists: "
        "remove the work-around in tests/ui/conftest.py and this file"
    )  # ... without app.py


def test_the_work_around_runs_the_main_script_every_time(mini_app):
    with navigation_like_the_server():
        at = _second_page(mini_app)
    assert "page b" in [m.value for m in at.markdown]
    assert [m.value for m in at.sidebar.markdown] == [SIDEBAR]
