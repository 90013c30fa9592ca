"""Run the numpydoc examples of every data module (they must stay correct)."""

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
def test_module_examples(name):
    mod = importlib.import_module(name)
    res = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert res.failed == 0
    assert res.attempted > 0, f"{name} has no runnable example"
