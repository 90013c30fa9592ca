"""Import directions and private names, checked on the source (docs/ARCHITECTURE.md).

app.py/pages → ui → report → viz → analysis → data: a module imports only its own layer or
layers below it. Streamlit only in app.py, pages/ and ui/; statsmodels and scipy only in
analysis/numerics.py. The command-line entry points (analysis/__main__.py, analysis/cli.py)
are composition roots: they may import report/ and viz/, but only inside the command that
needs them, so ``import analysis`` never pulls in a layer above it. No private (``_name``)
module or attribute of streamlit, pandas, numpy or pyarrow in product code.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Rank of each first-party layer; a module may import ranks <= its own.
LAYERS = {"data": 0, "analysis": 1, "viz": 2, "report": 3, "ui": 4, "pages": 5, "app": 6}
#: Composition roots: may import these layers inside a function (never at module level).
ENTRY_POINTS = {
    "analysis/__main__.py": {"report", "viz"},
    "analysis/cli.py": {"report", "viz"},
}
STREAMLIT_LAYERS = {"ui", "pages", "app"}
STATISTICS_LIBRARIES = {"statsmodels", "scipy"}
STATISTICS_HOME = "analysis/numerics.py"
THIRD_PARTY_CHECKED_FOR_PRIVATE_NAMES = {"streamlit", "pandas", "numpy", "pyarrow"}
#: Public Streamlit modules besides the top-level ``streamlit`` namespace.
STREAMLIT_PUBLIC = ("streamlit.testing.v1", "streamlit.components.v1", "streamlit.column_config")


def product_files() -> list[Path]:
    files = [ROOT / "app.py"]
    for layer in LAYERS:
        folder = ROOT / layer
        if folder.is_dir():
            files += sorted(folder.rglob("*.py"))
    return [f for f in files if f.exists()]


def layer_of(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return "app" if rel.parts == ("app.py",) else rel.parts[0]


def imports(tree: ast.AST) -> list[tuple[str, int, bool]]:
    """``(module, line, at_module_level)`` for every import statement in the file."""
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = top and not isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            if isinstance(child, ast.Import):
                found.extend((a.name, child.lineno, top) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.module, child.lineno, top))
            visit(child, inner)

    visit(tree, True)
    return found


def _parsed() -> list[tuple[Path, str, ast.AST]]:
    return [
        (p, p.relative_to(ROOT).as_posix(), ast.parse(p.read_text("utf-8"), str(p)))
        for p in product_files()
    ]


def layering_problems(path: Path, rel: str, tree: ast.AST) -> list[str]:
    """Every import in one product file that goes against the rules above."""
    own = layer_of(path)
    problems = []
    for module, line, top in imports(tree):
        root = module.split(".")[0]
        where = f"{rel}:{line} imports {module}"
        if root in LAYERS and LAYERS[root] > LAYERS[own]:
            lazy_ok = not top and root in ENTRY_POINTS.get(rel, set())
            if not lazy_ok:
                problems.append(f"{where} (upward: {own} → {root})")
        if root == "streamlit" and own not in STREAMLIT_LAYERS:
            problems.append(f"{where} (streamlit only in app.py, pages/, ui/)")
        if root in STATISTICS_LIBRARIES and rel != STATISTICS_HOME:
            problems.append(f"{where} (statistics libraries only in {STATISTICS_HOME})")
    return problems


def _checked(module: str) -> bool:
    return module.split(".")[0] in THIRD_PARTY_CHECKED_FOR_PRIVATE_NAMES


def _private(module: str) -> bool:
    return any(p.startswith("_") and not p.startswith("__") for p in module.split("."))


def _bad(module: str) -> bool:
    """A private module of a checked library, or a Streamlit module outside its public API."""
    if not _checked(module):
        return False
    internal_streamlit = module.startswith("streamlit.") and not module.startswith(STREAMLIT_PUBLIC)
    return _private(module) or internal_streamlit


def _private_attributes(rel: str, tree: ast.AST, aliases: set[str]) -> list[str]:
    """``np._core…``-style attribute access on a checked library's module alias."""
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not _private(node.attr):
            continue
        base = node.value
        while isinstance(base, ast.Attribute):
            base = base.value
        if isinstance(base, ast.Name) and base.id in aliases:
            problems.append(f"{rel}:{node.lineno} uses {base.id}….{node.attr}")
    return problems


def private_names(rel: str, tree: ast.AST) -> list[str]:
    """Private modules/attributes of streamlit, pandas, numpy, pyarrow used in one file."""
    aliases: set[str] = set()
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases |= {a.asname or a.name.split(".")[0] for a in node.names if _checked(a.name)}
            problems += [
                f"{rel}:{node.lineno} imports {a.name}" for a in node.names if _bad(a.name)
            ]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names]
            if _bad(node.module) or any(_private(n) for n in names if _checked(n)):
                problems.append(f"{rel}:{node.lineno} imports from {node.module}")
    return problems + _private_attributes(rel, tree, aliases)


@pytest.fixture(scope="module")
def parsed():
    return _parsed()


def test_the_product_files_are_found(parsed):
    rels = {rel for _, rel, _ in parsed}
    assert {"app.py", "analysis/numerics.py", "ui/state.py", "viz/figures.py"} <= rels
    assert any(r.startswith("pages/") for r in rels)


def test_imports_only_go_downward(parsed):
    problems = [p for path, rel, tree in parsed for p in layering_problems(path, rel, tree)]
    assert problems == []


def test_no_private_streamlit_pandas_numpy_or_pyarrow_names(parsed):
    problems = [p for _, rel, tree in parsed for p in private_names(rel, tree)]
    assert problems == []


# ---------------------------------------------------------------- the checker itself
def _check(rel: str, source: str) -> list[str]:
    return layering_problems(ROOT / rel, rel, ast.parse(source))


@pytest.mark.parametrize(
    ("rel", "source"),
    [
        ("analysis/stats.py", "from viz.figures import x\n"),
        ("data/read.py", "import analysis.outcomes\n"),
        ("viz/figures.py", "import streamlit as st\n"),
        ("viz/figures.py", "from statsmodels.stats.proportion import proportion_confint\n"),
        ("analysis/survival.py", "def f():\n    from scipy import stats\n"),
        ("ui/state.py", "from pages import pipeline\n"),
        ("analysis/cli.py", "from viz.figures import x\n"),  # entry point, but at top level
        ("analysis/summary.py", "def f():\n    from viz.figures import x\n"),
    ],
)
def test_checker_catches_a_wrong_import(rel, source):
    assert len(_check(rel, source)) == 1


@pytest.mark.parametrize(
    ("rel", "source"),
    [
        ("viz/figures.py", "from analysis.stats import Rate\nfrom data.schema import STAGES\n"),
        ("pages/pipeline.py", "import streamlit as st\nfrom ui import components\n"),
        ("analysis/numerics.py", "def f():\n    from scipy.stats import fisher_exact\n"),
        ("analysis/cli.py", "def summary():\n    from viz.figures import x\n"),
        ("app.py", "import streamlit as st\nfrom ui.sidebar import render_sidebar\n"),
    ],
)
def test_checker_allows_a_right_import(rel, source):
    assert _check(rel, source) == []


@pytest.mark.parametrize(
    "source",
    [
        "from pandas._libs import hashtable\n",
        "import numpy as np\nnp._core.multiarray.x(False)\n",
        "from streamlit.runtime.pages_manager import PagesManager\n",
        "import pyarrow as pa\npa._lib.x\n",
    ],
)
def test_private_name_checker_catches(source):
    assert len(private_names("data/x.py", ast.parse(source))) == 1


def test_private_name_checker_allows_public_api():
    source = (
        "import pandas as pd\nimport streamlit as st\n"
        "from streamlit.testing.v1 import AppTest\n"
        "pd.api.types.is_string_dtype(x)\nst.session_state['a']\nobj._own_private\n"
    )
    assert private_names("ui/x.py", ast.parse(source)) == []
