"""A session whose first run is a page (its own address, ``/pipeline``) in Streamlit's old
``pages/``-folder mode, as a new server runs it: the page goes through app.py to itself
(``ui.navigation.through_the_router``). Without the AppTest work-around, which would hide
that mode; the browser test on a fresh server is ``tests/e2e/test_addresses.py``."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.without_navigation_workaround

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.mark.parametrize(
    ("page", "title"),
    [("pages/pipeline.py", "Pipeline"), ("pages/weekly_rhythm.py", "Weekly rhythm")],
)
def test_a_first_run_on_a_page_goes_through_app_py_to_that_page(page, title):
    at = AppTest.from_file(APP, default_timeout=90)
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == [title]
    assert "Your data" in [h.value for h in at.sidebar.header]  # app.py's sidebar ran
    assert not any("No data to show" in i.value for i in at.info)
    assert at.session_state["ft_routed"] is True  # once per session, never a loop
