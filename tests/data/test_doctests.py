"""Every data module carries a runnable example.

The examples themselves run through pytest's ``--doctest-modules`` (pyproject.toml); this
file checks that no module drops its example.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import data
import data.formats

MODULES = sorted(
    [f"data.{m.name}" for m in pkgutil.iter_modules(data.__path__) if not m.name.startswith("_")]
    + [f"data.formats.{m.name}" for m in pkgutil.iter_modules(data.formats.__path__)]
)


@pytest.mark.parametrize("name", MODULES)
def test_module_has_a_runnable_example(name):
    mod = importlib.import_module(name)
    examples = sum(len(t.examples) for t in doctest.DocTestFinder().find(mod))
    assert examples > 0, f"{name} has no runnable example"
