"""The app server the browser tests drive: one fixture, shared by every file in tests/e2e/
(started and stopped by :mod:`tests.app_server`, as the browser benchmarks do), stopped
after the module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.app_server import start_app, stop_app


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a running app; fails the module with the server's last output if it won't start."""
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    try:
        proc, url = start_app(log_path, timeout=60)
    except RuntimeError as err:
        pytest.fail(str(err))
    try:
        yield url
    finally:
        stop_app(proc)
