"""Every analysis module carries a runnable example, and the examples are run.

The examples themselves run through pytest's ``--doctest-modules`` (pyproject.toml), over
data/, analysis/, viz/ and ui/; this file checks that nobody drops either promise.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import tomllib
from pathlib import Path

import pytest

import analysis

ROOT = Path(__file__).resolve().parents[2]
MODULES = ["analysis"] + sorted(
    f"analysis.{m.name}"
    for m in pkgutil.iter_modules(analysis.__path__)
    if not m.name.startswith("_")
)


@pytest.mark.parametrize("name", MODULES)
def test_module_has_a_runnable_example(name):
    mod = importlib.import_module(name)
    examples = sum(len(t.examples) for t in doctest.DocTestFinder().find(mod))
    assert examples > 0, f"{name} has no runnable example"


def test_pytest_runs_the_docstring_examples_of_every_product_package():
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    opts = cfg["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in opts["addopts"]
    assert {"data", "analysis", "viz", "ui"} <= set(opts["testpaths"])
